import { describe, expect, it } from "vitest";
import { paramImportances, renderSvg, type StudyLike, studyImportances } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededMoStudy, seededStudy } from "./seeded-study.js";

describe("paramImportances", () => {
  it("draws a bar per parameter, largest first; any name is data", async () => {
    const spec = paramImportances(
      new Map([
        ["lr", 0.2],
        ["__proto__", 0.5],
        ["a.b", 0.3],
      ]),
      { evaluatorName: "fANOVA" },
    );
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "rect")).toBe(3);
    const rows = (spec as { data: { values: { param: string }[] } }).data.values;
    expect(rows.map((r) => r.param)).toEqual(["__proto__", "a.b", "lr"]);
    expect(svg).toContain("a.b");
  });

  it("rejects a negative or non-finite importance", () => {
    expect(() => paramImportances([["x", -1]])).toThrow(
      /importances must be finite numbers >= 0, got -1 for "x"/,
    );
    expect(() => paramImportances([["x", Number.NaN]])).toThrow(/got NaN/);
  });
});

describe("studyImportances", () => {
  const { study, counts } = seededStudy(7, 120);

  it("ranks lr first on the seeded study (loss (log10 lr + 3)² + 0.1·layers + 0.5·[sgd]) with every evaluator", () => {
    for (const evaluator of ["fanova", "ped-anova", "mdi"] as const) {
      const imp = studyImportances(study, { evaluator, seed: 1, nTrees: 16 });
      expect([...imp.keys()][0]).toBe("lr");
      expect(new Set(imp.keys())).toEqual(new Set(["lr", "layers", "opt"]));
      expect([...imp.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it("reads completed trials only: the study and its completed trials as an array agree", () => {
    const complete = study.trials.filter((t) => t.state === "COMPLETE");
    expect(complete.length).toBe(counts.complete);
    const a = studyImportances(study, { evaluator: "fanova", seed: 2, nTrees: 8 });
    const b = studyImportances(complete, { evaluator: "fanova", seed: 2, nTrees: 8 });
    expect([...b]).toEqual([...a]);
  });

  it("params chooses the parameters; a maximized objective is negated for PED-ANOVA", () => {
    const imp = studyImportances(study, { params: ["opt", "lr"], evaluator: "ped-anova" });
    expect([...imp.keys()]).toEqual(["lr", "opt"]);
    const flipped: StudyLike = {
      ...study,
      directions: ["maximize"],
      trials: study.trials.map((t) => (t.values === null ? t : { ...t, values: [-t.values[0]!] })),
    };
    expect([...studyImportances(flipped, { evaluator: "ped-anova" })]).toEqual([...studyImportances(study)]);
  });

  it("refuses too few trials, an unknown parameter and a multi-objective study without a target", () => {
    expect(() => studyImportances({ ...study, trials: study.trials.slice(0, 1) })).toThrow(
      /need at least 2 completed trials with a finite target, got 1/,
    );
    expect(() => studyImportances(study, { params: ["nope"] })).toThrow(/and all of the params, got 0/);
    expect(() => studyImportances(seededMoStudy(1, 30, 2), { evaluator: "fanova" })).toThrow(
      /give objective/,
    );
    const byObjective = studyImportances(seededMoStudy(1, 30, 2), {
      evaluator: "mdi",
      objective: 1,
      nTrees: 4,
    });
    expect(byObjective.size).toBeGreaterThan(0);
  });

  it("paramImportances(study) computes them and names the evaluator on the axis", async () => {
    const spec = paramImportances(study, { evaluator: "mdi", seed: 1, nTrees: 8 });
    expect(compileWarnings(spec)).toEqual([]);
    expect(JSON.stringify(spec)).toContain("mean decrease in impurity");
    expect(countMarks(await renderSvg(spec), "rect")).toBe(3);
  });
});
