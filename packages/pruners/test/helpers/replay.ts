import {
  createStudy,
  type FrozenTrial,
  type Pruner,
  type Sampler,
  type StudyDirection,
} from "@tunelab/study";

/** The replays suggest no parameter, so the sampler is never asked for one. */
export const noParamSampler: Sampler = {
  inferRelativeSearchSpace: () => ({}),
  sampleRelative: () => ({}),
  sampleIndependent: () => {
    throw new Error("noParamSampler: no parameter is suggested in these tests");
  },
};

/** One trial's outcome: the last step it reported and whether it was pruned there. */
export interface ReplayRecord {
  readonly lastStep: number | null;
  readonly pruned: boolean;
}

/**
 * Runs trials one after another: trial t reports curves[t][s] at step s and stops at the
 * first step where shouldPrune() is true (as the Optuna fixture script does).
 */
export async function replay(
  pruner: Pruner,
  curves: readonly (readonly (number | null)[])[],
  direction: StudyDirection,
  studyName = "fixture",
): Promise<{ records: ReplayRecord[]; trials: readonly FrozenTrial[] }> {
  const study = await createStudy({ studyName, direction, pruner, sampler: noParamSampler });
  const records: ReplayRecord[] = [];
  for (const raw of curves) {
    const c = raw.map((v) => (v === null ? Number.NaN : v));
    const trial = await study.ask();
    let pruned = false;
    let last: number | null = null;
    for (let s = 0; s < c.length; s++) {
      await trial.report(c[s]!, s);
      last = s;
      if (trial.shouldPrune()) {
        pruned = true;
        break;
      }
    }
    if (pruned) await study.tell(trial, { state: "PRUNED" });
    else {
      const final = c[c.length - 1]!;
      await study.tell(trial, Number.isNaN(final) ? 1e9 : final);
    }
    records.push({ lastStep: last, pruned });
  }
  return { records, trials: study.trials };
}
