import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edfPlot, renderSvg } from "../../src/plots/index.js";
import { edfSteps } from "../../src/plots/thin.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

type Row = { study: string; value: number; fraction: number };

describe("edfPlot", () => {
  it("draws one step line per study, rising from 1/n to 1 over the sorted completed values", async () => {
    const a = seededStudy(1, 30, "a");
    const b = seededStudy(2, 20, "b");
    const spec = edfPlot([a.study, b.study]);
    expect(compileWarnings(spec)).toEqual([]);
    expect(countMarks(await renderSvg(spec), "line")).toBe(2);
    const rows = (spec as { data: { values: Row[] } }).data.values.filter((r) => r.study === "a");
    expect(rows.length).toBe(a.counts.complete);
    expect(rows.at(-1)!.fraction).toBe(1);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.value).toBeGreaterThanOrEqual(rows[i - 1]!.value);
  });

  it("two studies of one name are still two curves", async () => {
    const spec = edfPlot([seededStudy(1, 20, "same").study, seededStudy(2, 20, "same").study]);
    expect(countMarks(await renderSvg(spec), "line")).toBe(2);
    const names = new Set((spec as { data: { values: Row[] } }).data.values.map((r) => r.study));
    expect([...names]).toEqual(["same", "same (2)"]);
  });
});

/** F(x) = #{v <= x} / n of `sorted` values. */
function edfAt(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

/** The drawn step-after curve at x: the fraction of the last vertex at or before x. */
function drawnAt(steps: readonly { value: number; fraction: number }[], x: number): number {
  let y = Number.NaN;
  for (const s of steps) if (s.value <= x) y = s.fraction;
  return y;
}

/** Largest |drawn - true| over [min, max]: both are right-continuous steps, so at the values. */
function maxDistance(
  sorted: readonly number[],
  steps: readonly { value: number; fraction: number }[],
): number {
  let d = 0;
  for (const x of new Set(sorted)) d = Math.max(d, Math.abs(drawnAt(steps, x) - edfAt(sorted, x)));
  return d;
}

describe("edfSteps (EDF thinning)", () => {
  // Values from a small pool too, so that ties (jumps of F larger than 1/n) occur.
  const values = fc.oneof(
    fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 600 }),
    fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 600 }),
  );

  it("stays within 1/max of the exact EDF, keeps min and max, at most max points, exact below", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 10, max: 120 }), (raw, max) => {
        const sorted = [...raw].sort((a, b) => a - b);
        const steps = edfSteps(sorted, max);
        expect(steps.length).toBeLessThanOrEqual(max);
        expect(steps[0]!.value).toBe(sorted[0]);
        expect(steps.at(-1)!.value).toBe(sorted.at(-1));
        expect(steps.at(-1)!.fraction).toBe(1);
        for (let i = 1; i < steps.length; i++) {
          expect(steps[i]!.value).toBeGreaterThanOrEqual(steps[i - 1]!.value);
          expect(steps[i]!.fraction).toBeGreaterThanOrEqual(steps[i - 1]!.fraction);
        }
        expect(maxDistance(sorted, steps)).toBeLessThanOrEqual(1 / max + 1e-12);
        if (sorted.length <= max)
          expect(steps).toEqual(sorted.map((value, i) => ({ value, fraction: (i + 1) / sorted.length })));
      }),
      { numRuns: 300 },
    );
  });

  it("n = 29 distinct values and max 10 (vertices on F could not do it): within 1/10", () => {
    const sorted = Array.from({ length: 29 }, (_, i) => i);
    const steps = edfSteps(sorted, 10);
    expect(steps.length).toBeLessThanOrEqual(10);
    expect(maxDistance(sorted, steps)).toBeLessThanOrEqual(0.1);
    // A distance of exactly 0 would mean no thinning: it thinned.
    expect(steps.length).toBeLessThan(29);
  });
});

describe("edfPlot with maxPoints", () => {
  it("draws fewer than maxPoints / 2 + 2 points for a 10,000-trial study, every point below the limit", () => {
    const big = seededStudy(1, 10_000);
    const rowsOf = (spec: object): Row[] => (spec as { data: { values: Row[] } }).data.values;
    const thinned = rowsOf(edfPlot(big.study, { maxPoints: 1000 }));
    expect(thinned.length).toBeLessThan(1000 / 2 + 2);
    expect(thinned.length).toBeGreaterThan(100);
    expect(rowsOf(edfPlot(big.study)).length).toBe(big.counts.complete);
    const small = seededStudy(2, 50);
    expect(rowsOf(edfPlot(small.study, { maxPoints: 1000 }))).toEqual(rowsOf(edfPlot(small.study)));
  });

  it("refuses a maxPoints that is not an integer >= 10", () => {
    expect(() => edfPlot(seededStudy(1, 20).study, { maxPoints: 5 })).toThrow(
      "edfPlot: maxPoints must be an integer >= 10 or Infinity, got 5",
    );
  });
});
