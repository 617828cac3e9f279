import { describe, expect, it } from "vitest";
import { optimizationHistory, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededMoStudy, seededStudy } from "./seeded-study.js";

type Row = { study: string; trial: number; value: number; best: number | null };
const rowsOf = (spec: object): Row[] => (spec as { data: { values: Row[] } }).data.values;

describe("optimizationHistory", () => {
  it("draws one point per completed trial and one best-so-far line per study", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = optimizationHistory(study);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "symbol")).toBe(counts.complete);
    expect(countMarks(svg, "line")).toBe(1);
  });

  it("best so far is the running minimum (maximize: maximum) of the completed values", () => {
    const { study } = seededStudy(5, 40);
    const rows = rowsOf(optimizationHistory(study));
    let best = Number.POSITIVE_INFINITY;
    for (const r of rows) {
      best = Math.min(best, r.value);
      expect(r.best).toBe(best);
    }
    const max = { ...study, directions: ["maximize" as const] };
    let top = Number.NEGATIVE_INFINITY;
    for (const r of rowsOf(optimizationHistory(max))) {
      top = Math.max(top, r.value);
      expect(r.best).toBe(top);
    }
  });

  it("several studies: a line per study, or with errorBand one mean line and one band", async () => {
    const studies = [1, 2, 3].map((s) => seededStudy(s, 30, `seed ${s}`).study);
    const lines = await renderSvg(optimizationHistory(studies));
    expect(countMarks(lines, "line")).toBe(3);
    const same = [1, 2].map((s) => seededStudy(s, 30, "same").study);
    expect(countMarks(await renderSvg(optimizationHistory(same)), "line")).toBe(2);
    const band = optimizationHistory(studies, { errorBand: true });
    expect(compileWarnings(band)).toEqual([]);
    const svg = await renderSvg(band);
    expect(countMarks(svg, "line")).toBe(1);
    expect(countMarks(svg, "area")).toBe(1);
  });

  it("a custom target draws values without a best line; log y sets a log scale", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = optimizationHistory(study, { target: (t) => t.number + 1, targetName: "n", logY: true });
    expect(JSON.stringify(spec)).toContain('"type":"log"');
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "symbol")).toBe(counts.complete);
    expect(countMarks(svg, "line")).toBe(0);
  });

  it("rejects bad input with one line naming the argument", () => {
    expect(() => optimizationHistory(seededMoStudy(1, 5, 2))).toThrow(
      /objective \(an integer in \[0, 1\]\) or target/,
    );
    expect(() => optimizationHistory(seededMoStudy(1, 5, 2), { objective: 2 })).toThrow(
      /objective must be an integer in \[0, 1\], got 2/,
    );
    expect(() => optimizationHistory([])).toThrow(/studies must hold at least one study/);
    expect(() => optimizationHistory(seededStudy(1, 5).study, { width: 0 })).toThrow(
      /width must be a number in \[10, 10000\]/,
    );
  });

  it("maxPoints thins the points to improvements, the last and a sample; the best-so-far line stays exact", () => {
    const { study } = seededStudy(3, 600);
    const all = rowsOf(optimizationHistory(study));
    const thin = rowsOf(optimizationHistory(study, { maxPoints: 50 }));
    const improvements = all.filter((r, i) => i === 0 || r.best !== all[i - 1]!.best);
    expect(thin.length).toBeLessThanOrEqual(50 + improvements.length);
    expect(thin.length).toBeLessThan(all.length);
    for (const r of improvements) expect(thin).toContainEqual(r);
    expect(thin.at(-1)).toEqual(all.at(-1));
    // The step line through the kept rows is the full one: at each kept row the same best.
    const bestAt = new Map(all.map((r) => [r.trial, r.best]));
    for (const r of thin) expect(r.best).toBe(bestAt.get(r.trial));
    expect(rowsOf(optimizationHistory(study, { maxPoints: 10_000 }))).toEqual(all);
    expect(() => optimizationHistory(study, { maxPoints: 5 })).toThrow(
      /optimizationHistory: maxPoints must be an integer >= 10 or Infinity, got 5/,
    );
  });
});
