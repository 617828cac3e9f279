/**
 * The facade's defaults: which sampler a study gets when none is given, and how storage URLs
 * are resolved.
 */
import { TpeSampler } from "@tunelab/samplers/tpe";
import type { Sampler, Storage, StudyDirection } from "@tunelab/study";

/**
 * The sampler a study gets when none is given: `TpeSampler` with its defaults (multivariate,
 * constant liar; MOTPE when the study has several objectives), unseeded. Chosen by the
 * measurements in `packages/samplers/src/tpe/README.md`: against Optuna 3.1's default TPE it
 * has the better median on 6 of the 8 standard functions and is significantly worse on none.
 * (Optuna's multi-objective default is NSGA-II; tunelab keeps MOTPE until an NSGA-II sampler
 * lands and is measured against it at the budgets users run.)
 */
export function defaultSampler(_directions: readonly StudyDirection[]): Sampler {
  return new TpeSampler();
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
