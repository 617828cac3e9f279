/**
 * Studies in a storage for the dashboard tests: the seeded trials of test/plots/seeded-study.ts
 * added to a study of the storage (`study.addTrials`), so the dashboard reads them back
 * through the Storage interface as it reads any storage.
 */
import { createStudy, type Sampler, type SearchSpace, type Storage, type Study } from "@tunelab/study";
import { type SeededCounts, seededStudy } from "../plots/seeded-study.js";

/** The dashboard never asks: a sampler that refuses. */
const NO_SAMPLER: Sampler = {
  inferRelativeSearchSpace: (): SearchSpace => ({}),
  sampleRelative: (): Record<string, number> => ({}),
  sampleIndependent: (): number => {
    throw new Error("the dashboard tests do not sample");
  },
};

/** A study named `name` in `storage` with the seeded study's first `n` trials (seed 1). */
export async function storedStudy(
  storage: Storage,
  name: string,
  n: number,
): Promise<{ study: Study; counts: SeededCounts }> {
  const { study: seeded, counts } = seededStudy(1, n);
  const study = await createStudy({ storage, studyName: name, sampler: NO_SAMPLER, direction: "minimize" });
  await study.addTrials(seeded.trials);
  return { study, counts };
}

/** Adds the trials `from`..`to - 1` of the seeded study (same seed) to `study`. */
export async function addSeededTrials(study: Study, from: number, to: number): Promise<void> {
  await study.addTrials(seededStudy(1, to).study.trials.slice(from));
}
