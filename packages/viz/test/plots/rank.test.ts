import { describe, expect, it } from "vitest";
import { rankPlot, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededMoStudy, seededStudy } from "./seeded-study.js";

type Row = { trial: number; value: number; rank: number | null; feasible: boolean };

describe("rankPlot", () => {
  it("draws a panel per pair of parameters with a point per completed trial", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = rankPlot(study);
    expect(compileWarnings(spec)).toEqual([]);
    expect(countMarks(await renderSvg(spec), "symbol")).toBe(3 * counts.complete);
  });

  it("ranks 0 for the best and 1 for the worst, by direction; infeasible trials have no rank", () => {
    const study = seededMoStudy(4, 20, 2);
    const rowsFor = (s: typeof study) =>
      (rankPlot(s, { objective: 0 }) as unknown as { concat: { data: { values: Row[] } }[] }).concat[0]!.data
        .values;
    const rows = rowsFor(study);
    const feasible = rows.filter((r) => r.feasible);
    const best = feasible.reduce((a, b) => (b.value < a.value ? b : a));
    const worst = feasible.reduce((a, b) => (b.value > a.value ? b : a));
    expect(best.rank).toBe(0);
    expect(worst.rank).toBe(1);
    expect(rows.filter((r) => !r.feasible).every((r) => r.rank === null)).toBe(true);
    const flipped = rowsFor({ ...study, directions: ["maximize", "minimize"] });
    expect(flipped.find((r) => r.trial === worst.trial)!.rank).toBe(0);
  });

  it("one parameter: objective against it", async () => {
    const { study, counts } = seededStudy(1, 30);
    const svg = await renderSvg(rankPlot(study, { params: ["lr"] }));
    expect(countMarks(svg, "symbol")).toBe(counts.complete);
  });
});
