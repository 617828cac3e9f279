import { createFrozenTrial } from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bestIntermediateValue,
  isFirstInIntervalStep,
  lastStep,
  nanPercentile,
} from "../../src/intermediate/index.js";

const trial = (iv: Record<number, number>) => createFrozenTrial({ state: "RUNNING", intermediateValues: iv });

describe("lastStep", () => {
  it("is the largest reported step, or null", () => {
    expect(lastStep(trial({}))).toBeNull();
    expect(lastStep(trial({ 3: 1, 0: 2, 7: 0.5 }))).toBe(7);
  });
});

describe("bestIntermediateValue", () => {
  it("takes the min or max, ignoring NaN", () => {
    const t = trial({ 0: 3, 1: Number.NaN, 2: 1, 3: 2 });
    expect(bestIntermediateValue(t, "minimize")).toBe(1);
    expect(bestIntermediateValue(t, "maximize")).toBe(3);
  });
  it("is NaN when nothing but NaN was reported", () => {
    expect(bestIntermediateValue(trial({ 0: Number.NaN }), "minimize")).toBeNaN();
    expect(bestIntermediateValue(trial({}), "maximize")).toBeNaN();
  });
  it("handles ±Infinity", () => {
    expect(bestIntermediateValue(trial({ 0: Number.POSITIVE_INFINITY, 1: 5 }), "minimize")).toBe(5);
    expect(bestIntermediateValue(trial({ 0: Number.NEGATIVE_INFINITY, 1: 5 }), "minimize")).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe("nanPercentile", () => {
  it("interpolates linearly between order statistics (NumPy's default)", () => {
    expect(nanPercentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(nanPercentile([4, 1, 3, 2], 25)).toBeCloseTo(1.75, 15);
    expect(nanPercentile([10], 90)).toBe(10);
    expect(nanPercentile([1, 2, 3], 0)).toBe(1);
    expect(nanPercentile([1, 2, 3], 100)).toBe(3);
  });
  it("ignores NaN, and is NaN for empty or all-NaN input", () => {
    expect(nanPercentile([Number.NaN, 1, 3], 50)).toBe(2);
    expect(nanPercentile([], 50)).toBeNaN();
    expect(nanPercentile([Number.NaN], 50)).toBeNaN();
  });
  it("keeps infinities when both neighbours are equal", () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(nanPercentile([inf, inf], 50)).toBe(inf);
    expect(nanPercentile([1, inf], 50)).toBe(inf);
  });
  it("rejects q outside [0, 100]", () => {
    expect(() => nanPercentile([1], -1)).toThrow(/nanPercentile: q must be in \[0, 100\], got -1/);
    expect(() => nanPercentile([1], Number.NaN)).toThrow(RangeError);
  });
  it("lies between min and max and is monotone in q", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const p = nanPercentile(xs, lo);
          expect(p).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(p).toBeLessThanOrEqual(Math.max(...xs));
          expect(nanPercentile(xs, hi)).toBeGreaterThanOrEqual(p - 1e-9 * (1 + Math.abs(p)));
        },
      ),
    );
  });
});

describe("isFirstInIntervalStep", () => {
  it("judges the first reported step of each interval", () => {
    // warm-up 2, interval 3: pruning points 2, 5, 8, ...
    expect(isFirstInIntervalStep(2, [0, 1, 2], 2, 3)).toBe(true);
    expect(isFirstInIntervalStep(3, [0, 1, 2, 3], 2, 3)).toBe(false);
    expect(isFirstInIntervalStep(5, [0, 1, 2, 3, 4, 5], 2, 3)).toBe(true);
    // irregular reports: 4 then 7 jumps over the point 5 → 7 is the first of its interval
    expect(isFirstInIntervalStep(7, [4, 7], 2, 3)).toBe(true);
    expect(isFirstInIntervalStep(6, [5, 6], 2, 3)).toBe(false);
  });
});
