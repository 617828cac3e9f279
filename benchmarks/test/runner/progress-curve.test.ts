import { RandomSampler } from "@tunelab/samplers/random";
import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  type Pruner,
  type StudyView,
  setLogLevel,
} from "@tunelab/study";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";
import { describe, expect, it } from "vitest";
import { problemObjective } from "../../src/problems/problem.js";
import { progressCurve } from "../../src/problems/progress-curve.js";
import { LLM_PROGRESS_POINTS, resolveProblem } from "../../src/problems/registry.js";
import { prunerBudget } from "../../src/report/pruner-budget.js";
import { runTunelabCell } from "../../src/runner/run-cell.js";
import type { RunCell } from "../../src/runner/types.js";
import { suiteByName } from "../../src/suites/suites.js";

const VARIANT = "llm-finetune-loss-0.5B-progress";

/** A full fine-tuning configuration of the surrogate's loss space with `epochs` and `batchSize`. */
function config(epochs: number, batchSize = 32): Record<string, string | number> {
  return {
    method: "full",
    optimizer: "adamw",
    learningRate: 2e-5,
    schedule: "cosine",
    warmupFraction: 0.03,
    batchSize,
    epochs,
    weightDecay: 0,
  };
}

describe("progressCurve", () => {
  it("takes the evaluation at each grid fraction and charges its share of the whole cost", () => {
    const n = 100;
    const dense = {
      steps: Array.from({ length: n }, (_, i) => 3 * (i + 1)),
      values: Array.from({ length: n }, (_, i) => 1000 - i),
    };
    const c = progressCurve(dense, 40, 50);
    expect(c.values.length).toBe(50);
    for (let k = 1; k <= 50; k++) {
      // evaluation 2k of 100: fraction k/50 exactly
      expect(c.steps[k - 1]).toBe(3 * 2 * k);
      expect(c.values[k - 1]).toBe(1000 - (2 * k - 1));
      expect(c.cost[k - 1]).toBeCloseTo((40 * k) / 50, 12);
    }
  });

  it("repeats an evaluation (and its cost) when the run has fewer evaluations than grid points", () => {
    const dense = { steps: [5, 10, 15, 20], values: [4, 3, 2, 1] };
    const c = progressCurve(dense, 10, 10);
    // grid point k takes evaluation ⌈4k/10⌉
    expect(Array.from(c.values)).toEqual([4, 4, 3, 3, 3, 2, 2, 1, 1, 1]);
    expect(Array.from(c.steps)).toEqual([5, 5, 10, 10, 10, 15, 15, 20, 20, 20]);
    expect(Array.from(c.cost)).toEqual([2.5, 2.5, 5, 5, 5, 7.5, 7.5, 10, 10, 10]);
  });

  it("rejects bad arguments with one line naming them", () => {
    const d = { steps: [1], values: [1] };
    expect(() => progressCurve(d, 1, 0)).toThrow(/points must be an integer >= 1, got 0/);
    expect(() => progressCurve(d, 1, 2.5)).toThrow(/points must be an integer >= 1/);
    expect(() => progressCurve(d, 0)).toThrow(/wholeCost must be finite and > 0, got 0/);
    expect(() => progressCurve(d, Number.NaN)).toThrow(/wholeCost/);
    expect(() => progressCurve({ steps: [], values: [] }, 1)).toThrow(/dense must hold >= 1 evaluation/);
    expect(() => progressCurve({ steps: [1, 2], values: [1] }, 1)).toThrow(/1 values and 2 steps/);
  });
});

describe("the progress variant of the LLM surrogate", () => {
  const problem = resolveProblem(VARIANT);
  const dense = llmFinetuneLoss({ model: "0.5B", evalsPerEpoch: 50 });

  it("gives every trial 50 reports at k/50 of its own schedule, charged 10·epochs·k/50", () => {
    for (const epochs of [1, 3, 5]) {
      const params = config(epochs);
      const c = problem.curve!(params);
      const run = dense.run(params);
      expect(c.values.length).toBe(LLM_PROGRESS_POINTS);
      for (let k = 1; k <= 50; k++) {
        expect(c.steps![k - 1]).toBe(Math.round((k * run.totalSteps) / 50));
        expect(c.cost![k - 1]).toBeCloseTo((10 * epochs * k) / 50, 12);
      }
      // the objective value is the last report, the dense run's final loss
      expect(c.values[49]).toBe(run.finalLoss);
      expect(problem.fn.kind === "single" ? problem.fn.evaluate(params) : Number.NaN).toBe(run.finalLoss);
    }
  });

  it("reports the same values as the plain problem's 5-epoch trial, up to the evaluation noise", () => {
    const params = config(5);
    const plain = resolveProblem("llm-finetune-loss-0.5B").curve!(params).values;
    const progress = problem.curve!(params).values;
    expect(plain.length).toBe(50);
    for (let i = 0; i < 50; i++) expect(Math.abs(progress[i]! / plain[i]! - 1)).toBeLessThan(2e-3);
  });

  it("charges a trial stopped at report 10 of 50 the epochs it trained: 0.2 epoch for 1 epoch, 1 for 5", async () => {
    setLogLevel("error");
    /** Prunes every trial once it has reported step 9 (its 10th report). */
    class AtStep9 implements Pruner {
      prune(_study: StudyView, trial: FrozenTrial): boolean {
        return Math.max(-1, ...trial.intermediateValues.keys()) >= 9;
      }
    }
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new RandomSampler({ seed: 1 }),
      pruner: new AtStep9(),
    });
    for (const epochs of [1, 5, 3]) await study.enqueueTrial(config(epochs));
    const usage = { steps: new Map<number, number>(), reports: new Map<number, number>() };
    await study.optimize(problemObjective(problem, usage), { nTrials: 3 });
    expect(study.trials.map((t) => t.state)).toEqual(["PRUNED", "PRUNED", "PRUNED"]);
    expect([0, 1, 2].map((i) => usage.reports.get(i))).toEqual([10, 10, 10]);
    // evaluations of the plain problem (0.1 epoch each): 10·epochs·10/50
    expect(usage.steps.get(0)).toBeCloseTo(2, 12);
    expect(usage.steps.get(1)).toBeCloseTo(10, 12);
    expect(usage.steps.get(2)).toBeCloseTo(6, 12);
  });

  it("keeps a run's budget, costs, curve lengths and training steps in real compute", async () => {
    const cell: RunCell = {
      function: VARIANT,
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
    let fractional = 0;
    for (let i = 0; i < r.states.length; i++) {
      const used = r.steps[i]!;
      const whole = curves.length[i]!;
      total += used;
      // the whole curve costs 10·epochs, epochs ∈ 1..5, not its 50 reports
      expect([10, 20, 30, 40, 50]).toContain(whole);
      if (r.states[i] === "P") {
        expect(used).toBeGreaterThan(0);
        expect(used).toBeLessThan(whole);
      } else {
        expect(used).toBe(whole);
      }
      if (!Number.isInteger(used)) fractional++;
      expect(curves.trainingSteps[i]).toBeGreaterThan(0);
      if (r.states[i] === "C") expect(curves.final[i]).toBe(r.values[i]![0]);
    }
    // pruned short trials are charged fractions of an evaluation: counting reports would not
    expect(fractional).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(total - r.steps.at(-1)!).toBeLessThan(300);
    // the budget report reads the costs, not the reports
    const ref = await runTunelabCell({ ...cell, pruner: "none" });
    const [t] = prunerBudget([ref, r]);
    expect(t!.rows[1]!.evaluations.median).toBeCloseTo(total, 9);
  });

  it("is a suite of the same pruners and budget as `pruners`", () => {
    const s = suiteByName("pruners-progress");
    expect(s.functions).toEqual([VARIANT]);
    expect(s.budgetSteps).toBe(suiteByName("pruners").budgetSteps);
    for (const p of s.pruners ?? []) expect(suiteByName("pruners").pruners).toContain(p);
  });
});
