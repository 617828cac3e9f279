import { HyperbandPruner } from "@tunelab/pruners/hyperband";
import { SuccessiveHalvingPruner } from "@tunelab/pruners/successive-halving";
import { createFrozenTrial, floatDistribution } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import {
  bestWithin,
  pruneMistakes,
  prunerBudget,
  renderPrunerBudget,
} from "../../src/report/pruner-budget.js";
import { readmeTruncationTables } from "../../src/report/truncation.js";
import { curveTrials } from "../../src/runner/curve-trials.js";
import { planBenchmark } from "../../src/runner/plan.js";
import { runTunelabCell } from "../../src/runner/run-cell.js";
import type { RunCell, RunRecord, TrialCode } from "../../src/runner/types.js";
import { prunerEntry } from "../../src/suites/pruners.js";
import { suiteByName } from "../../src/suites/suites.js";

/** A hand-built record: one value (or null) and one cost per trial. */
function record(
  pruner: string,
  seed: number,
  values: readonly (number | null)[],
  steps: readonly number[],
  states: readonly TrialCode[] = values.map((v) => (v === null ? "P" : "C")),
  curves?: RunRecord["curves"],
): RunRecord {
  const cell: RunCell = {
    function: "f",
    side: "tunelab",
    sampler: "tpe",
    pruner,
    seed,
    trials: values.length,
    budgetSteps: null,
    concurrency: 1,
  };
  return {
    key: `${pruner}|${seed}`,
    cell,
    values: values.map((v) => (v === null ? null : [v])),
    states: [...states],
    steps: [...steps],
    feasible: values.map(() => true),
    samplerMs: values.map(() => 0),
    ...(curves === undefined ? {} : { curves }),
    wallMs: 0,
    skipped: null,
    error: null,
  };
}

describe("bestWithin", () => {
  const r = record("p", 1, [3, null, 1, 0.5], [10, 20, 5, 100]);

  it("counts a completed trial once its cumulative cost, pruned trials' included, fits", () => {
    expect(bestWithin(r, 9)).toBeNaN();
    expect(bestWithin(r, 10)).toBe(3);
    expect(bestWithin(r, 34)).toBe(3);
    expect(bestWithin(r, 35)).toBe(1);
    expect(bestWithin(r, 134)).toBe(1);
    expect(bestWithin(r, Number.POSITIVE_INFINITY)).toBe(0.5);
  });

  it("takes another cost (training steps) and checks its length", () => {
    expect(bestWithin(r, 3, [1, 1, 1, 1])).toBe(1);
    expect(() => bestWithin(r, 3, [1, 1])).toThrow(/cost must hold one entry per trial \(4\), got 2/);
  });
});

describe("pruneMistakes", () => {
  it("counts pruned trials that would have beaten the incumbent or the run's best, and prune rates by length", () => {
    // trial 0 completes at 1.0; trial 1 pruned, would end at 0.9 (false prune, not below the
    // run's best 0.8); trial 2 completes at 0.8; trial 3 pruned, would end at 0.7 (both);
    // trial 4 pruned, would end at 0.95 (no mistake).
    const r = record("p", 1, [1, null, 0.8, null, null], [10, 2, 30, 3, 2], undefined, {
      length: [10, 50, 30, 40, 20],
      final: [1, 0.9, 0.8, 0.7, 0.95],
      trainingSteps: [1, 1, 1, 1, 1],
    });
    // pruned after 2, 3 and 2 reports: early with earlyEvaluations 2 are trials 1 (long) and 4
    // (short, curve of 20 > 2; trial 0's curve of 10 is short too)
    expect(pruneMistakes(r, 20, 40, 2)).toEqual({
      pruned: 3,
      falsePrunes: 2,
      lostBests: 1,
      short: 2,
      shortPruned: 1,
      shortEligible: 2,
      shortEarlyPruned: 1,
      long: 2,
      longPruned: 2,
      longEarlyPruned: 1,
    });
  });
});

describe("prunerBudget", () => {
  // Reference: S = 60 evaluations, L* = 1.0 (found at 60). Pruner "a" reaches 1.005 within 20
  // (⅓ of 60) on both seeds: within 1%. Pruner "b" reaches 1.05 on seed 1, 1.0 on seed 2.
  const runs = [
    record("none", 1, [1.2, 1.0], [30, 30]),
    record("none", 2, [1.0, 1.1], [30, 30]),
    record("a", 1, [null, 1.005, 0.99], [5, 15, 40]),
    record("a", 2, [1.003, null], [20, 40]),
    record("b", 1, [1.05, 0.98], [20, 40]),
    record("b", 2, [null, 1.0], [5, 10]),
  ];

  it("reads best(f·S) per seed against the reference run and applies the 1% rule to the median", () => {
    const [t] = prunerBudget(runs);
    expect(t!.rows.map((r) => r.pruner)).toEqual(["none", "a", "b"]);
    const [none, a, b] = t!.rows;
    // the reference's own trials take 30 evaluations each: nothing completes within 20
    expect(none!.gap.median).toBe(Number.POSITIVE_INFINITY);
    expect(a!.seedsWithin).toBe(2);
    expect(a!.gap.median).toBeCloseTo(0.004, 12);
    expect(a!.bestAt[2]!.median).toBeCloseTo((0.99 + 1.003) / 2, 12);
    expect(b!.seedsWithin).toBe(1);
    expect(b!.gap.median).toBeCloseTo((0.05 + 0) / 2, 12);
    // without recorded curves there are no training steps to count: no training-step gap
    expect(a!.gapTraining.median).toBeNaN();
    expect(a!.seedsWithinTraining).toBe(0);
    const md = renderPrunerBudget([t!]);
    expect(md).toMatch(/\| a \|.*\| 2\/2 \| met \|/);
    expect(md).toMatch(/\| b \|.*\| 1\/2 \| not met \|/);
  });

  it("gives a run that completed nothing within the allowance an infinite gap", () => {
    const [t] = prunerBudget([record("none", 1, [1.0, 1.0], [30, 30]), record("c", 1, [1.0], [60])]);
    expect(t!.rows[0]!.gap.median).toBe(Number.POSITIVE_INFINITY); // the reference itself: nothing within 20
    expect(t!.rows[1]!.gap.median).toBe(Number.POSITIVE_INFINITY);
    expect(t!.rows[1]!.seedsWithin).toBe(0);
  });

  it("needs a reference and another pruner; checks its options", () => {
    expect(prunerBudget([record("a", 1, [1], [1])])).toEqual([]);
    expect(renderPrunerBudget([])).toBe("");
    expect(() => prunerBudget(runs, { targetFraction: 0 })).toThrow(
      /targetFraction must be in \(0, 1\], got 0/,
    );
    expect(() => prunerBudget(runs, { tolerance: -1 })).toThrow(/tolerance must be >= 0, got -1/);
  });
});

describe("curveTrials", () => {
  it("recomputes each trial's whole curve from its parameters", () => {
    const d = { x: floatDistribution(0, 10) };
    const trials = [
      createFrozenTrial({ state: "COMPLETE", value: 3, params: { x: 3 }, distributions: d }),
      createFrozenTrial({ state: "PRUNED", params: { x: 5 }, distributions: d }),
    ];
    // a curve of x evaluations at training steps 7, 14, …, ending at x
    const curve = (p: Readonly<Record<string, unknown>>) => {
      const n = p.x as number;
      return {
        values: Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? n : 100 - i)),
        steps: Float64Array.from({ length: n }, (_, i) => 7 * (i + 1)),
      };
    };
    expect(curveTrials(curve, trials, [3, 2])).toEqual({
      length: [3, 5],
      final: [3, 5],
      trainingSteps: [21, 14],
    });
    expect(() => curveTrials(curve, trials, [3])).toThrow(/one count per trial \(2\), got 1/);
  });
});

describe("the pruners suite", () => {
  it("plans tunelab's TPE with every pruner on the 0.5B surrogate, 10 seeds, one budget", () => {
    const plan = planBenchmark(suiteByName("pruners"));
    expect(plan.samplers.tunelab).toEqual(["tpe"]);
    expect(plan.functions).toEqual(["llm-finetune-loss-0.5B"]);
    expect(plan.seeds).toHaveLength(10);
    expect(plan.pruners).toContain("none");
    expect(plan.pruners).toContain("asha");
    expect(plan.pruners).toContain("hyperband-auto");
    expect(plan.cells).toHaveLength(plan.pruners.length * 10);
    expect(plan.cells.every((c) => c.budgetSteps === 3000)).toBe(true);
    // --samplers still overrides the suite's samplers
    expect(planBenchmark(suiteByName("pruners"), { samplers: ["random"] }).samplers.tunelab).toEqual([
      "random",
    ]);
  });

  it("asha and hyperband-auto are Optuna's defaults", () => {
    const asha = prunerEntry("asha").create() as SuccessiveHalvingPruner;
    expect(asha).toBeInstanceOf(SuccessiveHalvingPruner);
    expect([asha.minResource, asha.reductionFactor, asha.minEarlyStoppingRate]).toEqual([null, 4, 0]);
    const hb = prunerEntry("hyperband-auto").create() as HyperbandPruner;
    expect(hb).toBeInstanceOf(HyperbandPruner);
    expect([hb.minResource, hb.reductionFactor]).toEqual([1, 3]);
  });

  it("counts the evaluations and training steps of pruned trials in a run's total", async () => {
    const cell: RunCell = {
      function: "llm-finetune-loss-0.5B",
      side: "tunelab",
      sampler: "random",
      pruner: "asha",
      seed: 3,
      trials: 10,
      budgetSteps: 300,
      concurrency: 1,
    };
    const r = await runTunelabCell(cell);
    expect(r.error).toBeNull();
    const curves = r.curves!;
    expect(r.states.filter((s) => s === "P").length).toBeGreaterThan(0);
    let total = 0;
    for (let i = 0; i < r.states.length; i++) {
      const used = r.steps[i]!;
      total += used;
      if (r.states[i] === "P") {
        // a pruned trial stopped before the end of its curve and is charged what it reported
        expect(used).toBeGreaterThan(0);
        expect(used).toBeLessThan(curves.length[i]!);
      } else {
        expect(used).toBe(curves.length[i]!);
      }
      if (r.states[i] === "C") expect(curves.final[i]).toBe(r.values[i]![0]);
      expect(curves.trainingSteps[i]).toBeGreaterThan(0);
    }
    // the run stops at the first trial that crosses the budget
    expect(total).toBeGreaterThanOrEqual(300);
    expect(total - r.steps.at(-1)!).toBeLessThan(300);
    // the budget report reads the same records
    const ref = await runTunelabCell({ ...cell, pruner: "none" });
    const [t] = prunerBudget([ref, r]);
    expect(t!.rows[1]!.evaluations.median).toBe(total);
    expect(t!.rows[1]!.pruned).toBe(r.states.filter((s) => s === "P").length);
  });
});

describe("schedule truncation on the surrogate", () => {
  it("a decaying schedule's long run is worse at t than a run of t epochs at its end; constant barely differs", () => {
    const [cosine, linear, constant] = readmeTruncationTables();
    for (const t of [cosine!, linear!]) {
      for (const row of t.rows) {
        t.longEpochs.forEach((e, j) => {
          const x = row.longAt[j]!;
          if (row.epochs < e) expect(x).toBeGreaterThan(row.shortFinal * 1.001);
          else if (row.epochs === e) expect(x).toBe(row.shortFinal);
          else expect(x).toBeNaN();
        });
      }
    }
    for (const row of constant!.rows) {
      expect(Math.abs(row.longAt[0]! / row.shortFinal - 1)).toBeLessThan(0.002);
    }
  });
});
