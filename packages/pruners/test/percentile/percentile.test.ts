import { createFrozenTrial, type StudyView } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MedianPruner } from "../../src/median/index.js";
import { PercentilePruner, percentileAtStep } from "../../src/percentile/index.js";
import { replay } from "../helpers/replay.js";

prunerContract("PercentilePruner(25)", () => new PercentilePruner(25));

const completed = (iv: Record<number, number>) =>
  createFrozenTrial({ state: "COMPLETE", value: 0, intermediateValues: iv });

describe("PercentilePruner", () => {
  it("validates its options with clear errors", () => {
    expect(() => new PercentilePruner(101)).toThrow(
      /PercentilePruner: percentile must be a number in \[0, 100\], got 101/,
    );
    expect(() => new PercentilePruner(Number.NaN)).toThrow(RangeError);
    expect(() => new PercentilePruner(50, { nStartupTrials: -1 })).toThrow(
      /nStartupTrials must be an integer >= 0, got -1/,
    );
    expect(() => new PercentilePruner(50, { nWarmupSteps: 1.5 })).toThrow(/nWarmupSteps/);
    expect(() => new PercentilePruner(50, { intervalSteps: 0 })).toThrow(
      /intervalSteps must be an integer >= 1, got 0/,
    );
    expect(() => new PercentilePruner(50, { nMinTrials: 0 })).toThrow(/nMinTrials must be an integer >= 1/);
    expect(() => new MedianPruner({ intervalSteps: Number.POSITIVE_INFINITY })).toThrow(
      /MedianPruner: intervalSteps/,
    );
  });

  it("has Optuna's defaults", () => {
    const p = new MedianPruner();
    expect([p.percentile, p.nStartupTrials, p.nWarmupSteps, p.intervalSteps, p.nMinTrials]).toEqual([
      50, 5, 0, 1, 1,
    ]);
  });

  it("closed form: median of 3 completed trials at the step", async () => {
    // completed trials report 1, 2, 3 at step 0 (median 2): 2.5 is pruned; 1.5 completes,
    // then the median of 1, 1.5, 2, 3 is 1.75 and 2 is pruned.
    const curves = [[1], [2], [3], [2.5], [1.5], [2]];
    const { records } = await replay(new MedianPruner({ nStartupTrials: 3 }), curves, "minimize");
    expect(records.map((r) => r.pruned)).toEqual([false, false, false, true, false, true]);
  });

  it("maximize mirrors the percentile", async () => {
    // keep the top 25%: completed 1, 2, 3, 4 → 100 - 25 = 75th percentile = 3.25
    const curves = [[1], [2], [3], [4], [3.2], [3.3]];
    const { records } = await replay(new PercentilePruner(25, { nStartupTrials: 4 }), curves, "maximize");
    expect(records.slice(4).map((r) => r.pruned)).toEqual([true, false]);
  });

  it("prunes a trial whose values are all NaN once startup is over", async () => {
    const { records } = await replay(
      new MedianPruner({ nStartupTrials: 1 }),
      [[1], [Number.NaN]],
      "minimize",
    );
    expect(records[1]!.pruned).toBe(true);
  });

  it("uses the best value over the trial's steps, not the last", async () => {
    // completed: step 1 value 5; new trial: 1 at step 0, then 6 at step 1 → best 1 < 5 → kept
    const { records } = await replay(
      new MedianPruner({ nStartupTrials: 1 }),
      [
        [5, 5],
        [1, 6],
      ],
      "minimize",
    );
    expect(records[1]).toEqual({ lastStep: 1, pruned: false });
  });

  it("rejects multi-objective studies", () => {
    const study = { directions: ["minimize", "minimize"], getTrials: () => [] } as unknown as StudyView;
    expect(() => new MedianPruner().prune(study, completed({ 0: 1 }))).toThrow(/multi-objective/);
  });

  it("never prunes a trial at least as good as every earlier one at every step (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (q, curves) => {
          const best = [0, 1, 2].map((s) => Math.min(...curves.map((c) => c[s]!)) - 1);
          const { records } = await replay(
            new PercentilePruner(q, { nStartupTrials: 0 }),
            [...curves, best],
            "minimize",
          );
          expect(records[records.length - 1]!.pruned).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("percentileAtStep", () => {
  it("is NaN with fewer than nMinTrials values at the step", () => {
    const ts = [completed({ 0: 1, 1: 2 }), completed({ 0: 3 })];
    expect(percentileAtStep(ts, "minimize", 1, 50, 2)).toBeNaN();
    expect(percentileAtStep(ts, "minimize", 0, 50, 2)).toBe(2);
    expect(percentileAtStep(ts, "maximize", 0, 25, 1)).toBe(2.5);
    expect(percentileAtStep([], "minimize", 0, 50, 1)).toBeNaN();
  });
});
