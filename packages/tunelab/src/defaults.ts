/**
 * The facade's defaults: which sampler a study gets when none is given, and how storage URLs
 * are resolved.
 */
import { RandomSampler } from "@tunelab/samplers/random";
import type { Sampler, Storage, StudyDirection } from "@tunelab/study";

/**
 * The sampler a study gets when none is given. Today: RandomSampler (TPE for single-objective
 * and NSGA-II for multi-objective studies once those samplers land).
 */
export function defaultSampler(_directions: readonly StudyDirection[]): Sampler {
  return new RandomSampler();
}

/**
 * Resolves storage URLs beyond "memory". No persistent storage has landed yet, so every
 * other URL is refused with the list of what is supported.
 */
export function resolveStorageUrl(url: string): Storage {
  throw new RangeError(
    `storage: ${JSON.stringify(url)} is not supported yet; use "memory" or a Storage object (journal:, sqlite:, postgresql:// and redis:// arrive with @tunelab/storage)`,
  );
}
