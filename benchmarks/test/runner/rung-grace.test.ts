import { MedianPruner } from "@tunelab/pruners/median";
import { SuccessiveHalvingPruner } from "@tunelab/pruners/successive-halving";
import { createStudy, type Pruner, type Sampler, setLogLevel, TrialPruned } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { RungGracePruner } from "../../src/suites/rung-grace.js";

prunerContract(
  "RungGracePruner(SuccessiveHalvingPruner r 2 η 3, 5)",
  () => new RungGracePruner(new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3 }), 5),
);

const noParams: Sampler = {
  inferRelativeSearchSpace: () => ({}),
  sampleRelative: () => ({}),
  sampleIndependent: () => {
    throw new Error("no parameters in these tests");
  },
};

/** Trials one after another; trial k reports values[k] at steps 0..3; where each stopped (null: ran to the end). */
async function run(pruner: Pruner, values: readonly number[]): Promise<(number | null)[]> {
  setLogLevel("error");
  const study = await createStudy({ sampler: noParams, pruner });
  const stops: (number | null)[] = [];
  await study.optimize(
    async (trial) => {
      const v = values[trial.number]!;
      for (let s = 0; s < 4; s++) {
        await trial.report(v, s);
        if (trial.shouldPrune()) {
          stops.push(s);
          throw new TrialPruned();
        }
      }
      stops.push(null);
      return v;
    },
    { nTrials: values.length },
  );
  return stops;
}

describe("RungGracePruner", () => {
  // successive halving, r 1, η 2: rungs at steps 1 and 2; each trial worse than the one before
  const sha = (): SuccessiveHalvingPruner =>
    new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
  const worsening = [1, 2, 3, 4, 5];

  it("overrules the wrapped pruner while fewer than minValues trials reached the step", async () => {
    expect(await run(sha(), worsening)).toEqual([null, 1, 1, 1, 1]);
    // 3 values needed: trials 0 and 1 are let through (at step 1 trial 1 is the second)
    expect(await run(new RungGracePruner(sha(), 3), worsening)).toEqual([null, null, 1, 1, 1]);
    // 1 value needed: never overruled
    expect(await run(new RungGracePruner(sha(), 1), worsening)).toEqual([null, 1, 1, 1, 1]);
  });

  it("never prunes what the wrapped pruner keeps", async () => {
    const keepAll: Pruner = { prune: () => false };
    expect(await run(new RungGracePruner(keepAll, 1), worsening)).toEqual([null, null, null, null, null]);
    const median = new MedianPruner({ nStartupTrials: 1 });
    expect(await run(new RungGracePruner(median, 2), [3, 2, 1])).toEqual([null, null, null]);
  });

  it("refuses a bad minValues with a clear error", () => {
    expect(() => new RungGracePruner(sha(), 0)).toThrow(
      "RungGracePruner: minValues must be an integer >= 1, got 0",
    );
    expect(() => new RungGracePruner(sha(), 1.5)).toThrow(/minValues must be an integer >= 1/);
  });
});
