import { isFeasible, paretoFront } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { paretoFrontPlot, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededMoStudy, seededStudy } from "./seeded-study.js";

type Row = { trial: number; category: string };
const rowsOf = (spec: object): Row[] => (spec as { data: { values: Row[] } }).data.values;

describe("paretoFrontPlot", () => {
  it("2 objectives: one point per completed trial; front, dominated and infeasible apart", async () => {
    const study = seededMoStudy(2, 40, 2);
    const spec = paretoFrontPlot(study);
    expect(compileWarnings(spec)).toEqual([]);
    expect(countMarks(await renderSvg(spec), "symbol")).toBe(40); // the failed trial is not drawn
    const rows = rowsOf(spec);
    const complete = study.trials.filter((t) => t.state === "COMPLETE");
    const front = paretoFront(complete.filter(isFeasible), study.directions).map((t) => t.number);
    expect(rows.filter((r) => r.category === "Pareto front").map((r) => r.trial)).toEqual(front);
    expect(rows.filter((r) => r.category === "infeasible").length).toBe(10); // every 4th of 40
    const onlyFront = paretoFrontPlot(study, { includeDominated: false });
    expect(rowsOf(onlyFront).length).toBe(front.length);
  });

  it("3 objectives: the three pairwise projections", async () => {
    const spec = paretoFrontPlot(seededMoStudy(3, 40, 3), { targetNames: ["loss", "<i>cost</i>", "memory"] });
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "symbol")).toBe(3 * 40);
    expect(svg).toContain("&lt;i&gt;cost&lt;/i&gt;");
  });

  it("rejects a single-objective study and names of the wrong length", () => {
    expect(() => paretoFrontPlot(seededStudy(1, 5).study)).toThrow(/2 or 3 objectives, got 1/);
    expect(() => paretoFrontPlot(seededMoStudy(1, 5, 2), { targetNames: ["a"] })).toThrow(
      /targetNames must hold 2 names/,
    );
  });

  it("maxPoints keeps every Pareto-front trial and samples the others", () => {
    const study = seededMoStudy(2, 300, 2);
    const all = rowsOf(paretoFrontPlot(study));
    const thin = rowsOf(paretoFrontPlot(study, { maxPoints: 40 }));
    const front = all.filter((r) => r.category === "Pareto front");
    expect(thin.length).toBeLessThanOrEqual(40 + front.length);
    expect(thin.length).toBeLessThan(all.length);
    expect(thin.filter((r) => r.category === "Pareto front")).toEqual(front);
    expect(() => paretoFrontPlot(study, { maxPoints: 2.5 })).toThrow(
      /paretoFrontPlot: maxPoints must be an integer >= 10 or Infinity, got 2.5/,
    );
  });
});
