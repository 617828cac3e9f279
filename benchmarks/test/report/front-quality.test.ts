import { igdPlus } from "@tunelab/math/indicators";
import type { MultiObjectiveFunction } from "@tunelab/test-functions";
import { describe, expect, it } from "vitest";
import { resolveProblem } from "../../src/problems/registry.js";
import { frontQualityTables, renderFrontQuality } from "../../src/report/front-quality.js";
import { summarizeRecords } from "../../src/report/summary.js";
import type { RunRecord } from "../../src/runner/types.js";
import type { SamplerSide } from "../../src/samplers/registry.js";
import { referenceFront } from "../../src/stats/front-quality.js";

/** A zdt1-4 run of 4 trials: points at distance `off` above the true front f2 = 1 − √f1. */
function run(side: SamplerSide, sampler: string, seed: number, off: number): RunRecord {
  const values = [0, 0.25, 0.5, 1].map((f1) => [f1, 1 - Math.sqrt(f1) + off + seed * 1e-3]);
  return {
    key: `${side}|${sampler}|${seed}`,
    cell: {
      function: "zdt1-4",
      side,
      sampler,
      pruner: "none",
      seed,
      trials: 4,
      budgetSteps: null,
      concurrency: 1,
    },
    values,
    states: values.map(() => "C"),
    steps: values.map(() => 1),
    feasible: values.map(() => true),
    samplerMs: values.map(() => 0.1),
    wallMs: 1,
    skipped: null,
    error: null,
  };
}

const seeds = [1, 2, 3, 4, 5];
const runs: RunRecord[] = [
  ...seeds.map((s) => run("tunelab", "nsga2", s, 0.01)),
  ...seeds.map((s) => run("optuna", "nsga2", s, 0.2)),
  ...seeds.map((s) => run("optuna", "nsga2@3.1", s, 0.3)),
  ...seeds.map((s) => run("optuna", "random", s, 0.5)),
];

describe("frontQualityTables", () => {
  it("medians against evaluations and tunelab against every Optuna version of the same sampler", () => {
    const [p] = frontQualityTables(runs, 2);
    expect(p!.function).toBe("zdt1-4");
    expect(p!.checkpoints).toEqual([2, 4]);
    expect(p!.methods.map((m) => m.method)).toEqual([
      "nsga2",
      "optuna/nsga2",
      "optuna/nsga2@3.1",
      "optuna/random",
    ]);
    const tl = p!.methods[0]!;
    expect(tl.finalHypervolume).toHaveLength(5);
    expect(tl.hypervolume[1]!).toBeGreaterThan(tl.hypervolume[0]!);
    // The median run is seed 3's (offsets grow with the seed): its four points against Z.
    const z = referenceFront(resolveProblem("zdt1-4").fn as MultiObjectiveFunction);
    const seed3 = Float64Array.from(run("tunelab", "nsga2", 3, 0.01).values.flatMap((v) => [...v!]));
    expect(tl.igdPlus[1]).toBe(igdPlus(seed3, 2, z));
    expect(p!.tests.map((t) => t.optuna)).toEqual(["optuna/nsga2", "optuna/nsga2@3.1"]);
    for (const t of p!.tests) {
      // 5 against 5 with no overlap: the exact two-sided p is 2/252.
      expect(t.hypervolume.pValue).toBeCloseTo(2 / 252, 12);
      expect(t.hypervolumeVerdict).toBe("tunelab better");
      expect(t.igdPlusVerdict).toBe("tunelab better");
    }
    const md = renderFrontQuality([p!]);
    expect(md).toContain("### zdt1-4 (2 objectives)");
    expect(md).toContain("| nsga2 | optuna/nsga2@3.1 |");
    expect(md).toContain("HV @4");
  });
  it("leaves out single-objective problems, skipped runs and empty input", () => {
    expect(frontQualityTables([])).toEqual([]);
    expect(renderFrontQuality([])).toBe("");
    const skipped = { ...run("tunelab", "nsga2", 1, 0), skipped: "n/a" };
    expect(frontQualityTables([skipped])).toEqual([]);
  });
});

describe("summarizeRecords peers", () => {
  it("compares tunelab with the Optuna sampler of the same name under each version", () => {
    const s = summarizeRecords(runs);
    const peers = s.peers.filter((p) => p.sampler === "nsga2");
    expect(peers.map((p) => p.optunaSampler)).toEqual([undefined, "nsga2@3.1"]);
    expect(peers.every((p) => p.verdict === "tunelab better")).toBe(true);
  });
});
