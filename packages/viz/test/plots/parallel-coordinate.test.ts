import { describe, expect, it } from "vitest";
import { parallelCoordinate, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks, ruleData } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

type Line = { trial: number; axis: string; index: number; pos: number };
type Segment = Line & { axis2: string; pos2: number };
const linesOf = (spec: object): Line[] =>
  (spec as { layer: { data: { values: Line[] } }[] }).layer[1]!.data.values;

describe("parallelCoordinate", () => {
  it("draws one polyline per completed trial (a segment per pair of neighbouring axes) and one rule per axis", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = parallelCoordinate(study);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "line")).toBe(0);
    // objective, lr, layers, opt: 4 axis rules and 3 segments per trial.
    expect(countMarks(svg, "rule")).toBe(4 + 3 * counts.complete);
    const segments = ((await ruleData(spec)) as Segment[]).filter((g) => g.trial !== undefined);
    expect(segments.length).toBe(3 * counts.complete);
    for (const t of study.trials.filter((x) => x.state === "COMPLETE")) {
      const mine = segments.filter((g) => g.trial === t.number);
      expect(mine.map((g) => [g.axis, g.axis2])).toEqual([
        ["objective value", "lr (log)"],
        ["lr (log)", "layers"],
        ["layers", "opt"],
      ]);
      // Consecutive segments meet at their shared axis.
      for (let k = 1; k < mine.length; k++) expect(mine[k]!.pos).toBe(mine[k - 1]!.pos2);
    }
  });

  it("places a log parameter in log10 space and a categorical one by choice index", () => {
    const { study } = seededStudy(7, 40);
    const lines = linesOf(parallelCoordinate(study));
    const complete = study.trials.filter((t) => t.state === "COMPLETE");
    const lr = complete.map((t) => Math.log10(t.params.lr as number));
    const lo = Math.min(...lr);
    const hi = Math.max(...lr);
    complete.forEach((t, i) => {
      const at = (axis: string) => lines.find((l) => l.trial === t.number && l.axis === axis)!.pos;
      expect(at("lr (log)")).toBeCloseTo((lr[i]! - lo) / (hi - lo), 12);
      expect(at("opt")).toBe(["adam", "sgd", "<b>rms</b>"].indexOf(t.params.opt as string) / 2);
    });
  });

  it("rejects a parameter the study does not have", () => {
    expect(() => parallelCoordinate(seededStudy(1, 5).study, { params: ["nope"] })).toThrow(
      /params names "nope", not a parameter of the study/,
    );
  });
});
