import { hypervolume } from "@tunelab/math/pareto";
import { isFeasible } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { hypervolumeHistory, hypervolumeRows, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededMoStudy, seededStudy } from "./seeded-study.js";

describe("hypervolumeHistory", () => {
  it("after each trial, equals the hypervolume of all feasible completed trials so far", () => {
    const study = seededMoStudy(5, 30, 3);
    const ref = [2, 2, 4];
    const rows = hypervolumeRows(study, ref);
    expect(rows.length).toBe(30);
    const complete = study.trials.filter((t) => t.state === "COMPLETE");
    rows.forEach((r, i) => {
      const pts = complete.slice(0, i + 1).filter(isFeasible);
      const flat = Float64Array.from(pts.flatMap((t) => t.values!));
      expect(r.hypervolume).toBeCloseTo(hypervolume(flat, 3, ref), 12);
      if (i > 0) expect(r.hypervolume).toBeGreaterThanOrEqual(rows[i - 1]!.hypervolume);
    });
  });

  it("maximized objectives: negating values and reference leaves the history unchanged", () => {
    const study = seededMoStudy(6, 25, 2);
    const flipped = {
      ...study,
      directions: ["maximize" as const, "minimize" as const],
      trials: study.trials.map((t) =>
        t.values === null ? t : { ...t, values: [-t.values[0]!, t.values[1]!] },
      ),
    };
    expect(hypervolumeRows(flipped, [-2, 3])).toEqual(hypervolumeRows(study, [2, 3]));
  });

  it("renders a step line with a point per completed trial", async () => {
    const spec = hypervolumeHistory(seededMoStudy(2, 40, 2), [2, 3]);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "line")).toBe(1);
    expect(countMarks(svg, "symbol")).toBe(40);
  });

  it("rejects a single-objective study and a reference point of the wrong length", () => {
    expect(() => hypervolumeRows(seededStudy(1, 5).study, [1])).toThrow(/at least 2 objectives, got 1/);
    expect(() => hypervolumeRows(seededMoStudy(1, 5, 2), [1])).toThrow(
      /referencePoint must hold 2 finite numbers/,
    );
  });

  it("maxPoints keeps every change of the hypervolume and the last row: the step line is exact", () => {
    const study = seededMoStudy(5, 300, 2);
    const ref = [2, 2];
    const all = hypervolumeRows(study, ref);
    const thin = (
      hypervolumeHistory(study, ref, { maxPoints: 20 }) as unknown as { data: { values: typeof all } }
    ).data.values;
    expect(thin.length).toBeLessThan(all.length);
    const changes = all.filter((r, i) => i === 0 || r.hypervolume !== all[i - 1]!.hypervolume);
    for (const r of changes) expect(thin).toContainEqual(r);
    expect(thin.at(-1)).toEqual(all.at(-1));
    expect(() => hypervolumeHistory(study, ref, { maxPoints: 1 })).toThrow(
      /hypervolumeHistory: maxPoints must be an integer >= 10/,
    );
  });
});
