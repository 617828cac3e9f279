import { describe, expect, it } from "vitest";
import { MO_PRUNER_METHODS, moPrunerMethod, runMoPruning } from "../../pruning/mo-run.js";

describe("runMoPruning", () => {
  it("runs N trials without pruning; a COMPLETE trial spent its whole GPU-hours", async () => {
    const r = await runMoPruning({ method: "none", seed: 3, maxTrials: 20 });
    expect(r.trials.length).toBe(20);
    expect(r.trials.some((t) => t.state === "P")).toBe(false);
    for (const t of r.trials) {
      if (t.state !== "C") continue;
      expect(t.gpuHours).toBeCloseTo(t.values![1], 12);
      expect(t.steps).toBeGreaterThanOrEqual(1);
      expect(t.steps).toBeLessThanOrEqual(50); // at most 5 epochs × 10 evaluations
    }
  });

  it("is deterministic for a seed, and a pruned trial spent a share of its steps", async () => {
    const a = await runMoPruning({ method: "mo-sha", seed: 2, maxTrials: 60 });
    const b = await runMoPruning({ method: "mo-sha", seed: 2, maxTrials: 60 });
    expect(b.trials).toEqual(a.trials);
    const pruned = a.trials.filter((t) => t.state === "P");
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(t.steps).toBeLessThan(50);
  });

  it("stops at the first trial that brings the cumulative steps to the budget", async () => {
    const r = await runMoPruning({ method: "mo-hyperband", seed: 1, maxTrials: 500, stepBudget: 300 });
    const total = r.trials.reduce((a, t) => a + t.steps, 0);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(total - r.trials[r.trials.length - 1]!.steps).toBeLessThan(300);
    expect(r.trials.length).toBeLessThan(500);
  });

  it("rejects unknown methods and bad counts, naming the argument", async () => {
    expect(() => moPrunerMethod("asha")).toThrow(
      'moPrunerMethod: unknown method "asha"; known: none, dominance, mo-sha, mo-hyperband',
    );
    await expect(runMoPruning({ method: "none", seed: 1, maxTrials: 0 })).rejects.toThrow(
      "runMoPruning: maxTrials must be an integer >= 1, got 0",
    );
    await expect(runMoPruning({ method: "none", seed: 1, maxTrials: 5, stepBudget: 0 })).rejects.toThrow(
      "runMoPruning: stepBudget must be a number > 0 or null, got 0",
    );
    expect(MO_PRUNER_METHODS.map((m) => m.create().constructor.name)).toEqual([
      "NopPruner",
      "DominancePruner",
      "MoSuccessiveHalvingPruner",
      "MoHyperbandPruner",
    ]);
  });
});
