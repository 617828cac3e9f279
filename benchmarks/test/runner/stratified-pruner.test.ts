import { MedianPruner } from "@tunelab/pruners/median";
import { SuccessiveHalvingPruner } from "@tunelab/pruners/successive-halving";
import { RandomSampler } from "@tunelab/samplers/random";
import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  type Pruner,
  type StudyView,
  setLogLevel,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { epochsStratum, StratifiedPruner } from "../../src/suites/stratified-pruner.js";

const byGroup = (t: FrozenTrial): string => String(t.params.g);

/** Runs trials with fixed (group, value) pairs; each reports its value at steps 0 and 1. */
async function run(pruner: Pruner, trials: readonly [string, number][]): Promise<string[]> {
  setLogLevel("error");
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new RandomSampler({ seed: 1 }),
    pruner,
  });
  for (const [g, v] of trials) await study.enqueueTrial({ g, v });
  await study.optimize(
    async (trial: Trial) => {
      trial.suggestCategorical("g", ["a", "b"]);
      const v = trial.suggestFloat("v", 0, 100);
      for (let step = 0; step < 2; step++) {
        await trial.report(v, step);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return v;
    },
    { nTrials: trials.length },
  );
  return study.trials.map((t) => t.state);
}

describe("StratifiedPruner", () => {
  // Group a's values are around 11, group b's around 2.
  const trials: [string, number][] = [
    ["a", 10],
    ["a", 12],
    ["b", 1],
    ["b", 3],
    ["a", 11], // the median of a (11): kept; above the median of all four (6.5)
    ["b", 4], // above the median of b (2): pruned; below the median of all four
  ];
  const median = (): MedianPruner => new MedianPruner({ nStartupTrials: 2, nWarmupSteps: 0 });

  it("compares a trial only with the trials of its stratum", async () => {
    const states = await run(new StratifiedPruner(median(), byGroup), trials);
    expect(states.slice(4)).toEqual(["COMPLETE", "PRUNED"]);
  });

  it("differs from the same pruner over all trials (the control)", async () => {
    const states = await run(median(), trials);
    expect(states.slice(4)).toEqual(["PRUNED", "COMPLETE"]);
  });

  it("hands the wrapped pruner one view per stratum, holding only that stratum's trials", async () => {
    const seen: { view: StudyView; numbers: number[]; group: string }[] = [];
    const spy: Pruner = {
      prune(study, trial) {
        seen.push({
          view: study,
          numbers: study.getTrials().map((t) => t.number),
          group: byGroup(trial),
        });
        return false;
      },
    };
    await run(new StratifiedPruner(spy, byGroup), trials);
    const groups = trials.map(([g]) => g);
    for (const s of seen) for (const n of s.numbers) expect(groups[n]).toBe(s.group);
    const views = (g: string): Set<StudyView> =>
      new Set(seen.filter((s) => s.group === g).map((s) => s.view));
    expect(views("a").size).toBe(1);
    expect(views("b").size).toBe(1);
    expect([...views("a")][0]).not.toBe([...views("b")][0]);
  });

  it("lets successive halving write its rung records through the view", async () => {
    // minResource 1, reduction factor 2: rung 0 at step 1; of two trials the worse is pruned
    const sha = (): SuccessiveHalvingPruner =>
      new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const states = await run(new StratifiedPruner(sha(), byGroup), [
      ["a", 10],
      ["b", 1],
      ["a", 12],
      ["b", 3],
    ]);
    // each stratum's second trial is worse than its first and is pruned at rung 0
    expect(states).toEqual(["COMPLETE", "COMPLETE", "PRUNED", "PRUNED"]);
    // over all trials, b's 3 is in the better half of {10, 1, 12, 3} and goes on
    const control = await run(sha(), [
      ["a", 10],
      ["b", 1],
      ["a", 12],
      ["b", 3],
    ]);
    expect(control).toEqual(["COMPLETE", "COMPLETE", "PRUNED", "COMPLETE"]);
  });

  it("keys the LLM surrogate's trials by their epochs", () => {
    const t = { params: { epochs: 3 } } as unknown as FrozenTrial;
    expect(epochsStratum(t)).toBe("3");
    expect(epochsStratum({ params: {} } as unknown as FrozenTrial)).toBe("?");
  });
});
