/**
 * The facade's defaults: which sampler a study gets when none is given, and how storage URLs
 * are resolved.
 */
import { TpeSampler } from "@tunelab/samplers/tpe";
import {
  describeStorageUrl,
  type Sampler,
  type Storage,
  type StorageUrl,
  type StudyDirection,
} from "@tunelab/study";

/**
 * The sampler a study gets when none is given: `TpeSampler` with its defaults (multivariate,
 * constant liar; MOTPE when the study has several objectives), unseeded. Chosen by the
 * measurements in `packages/samplers/src/tpe/README.md`: against Optuna 3.1's default TPE it
 * has the better median on 6 of the 8 standard functions and is significantly worse on none.
 * (Optuna 3.x's multi-objective default was NSGA-II, Optuna 5.0's is TPE as here; tunelab keeps MOTPE until an NSGA-II sampler
 * lands and is measured against it at the budgets users run.)
 */
export function defaultSampler(_directions: readonly StudyDirection[]): Sampler {
  return new TpeSampler();
}

/** What each persistent kind of storage URL names, for messages. */
const KIND_NAMES: Readonly<Record<Exclude<StorageUrl, { kind: "memory" }>["kind"], string>> = {
  journal: "a journal file",
  sqlite: "an SQLite database",
  postgresql: "a PostgreSQL database",
  redis: "a journal in Redis",
};

/**
 * Opens the storage of a URL beyond "memory" (already parsed by `parseStorageUrl`, so a
 * malformed URL never gets here). No persistent storage has landed yet, so each is refused,
 * saying what the URL names and what is supported.
 * @throws RangeError for every URL, until `@tunelab/storage` lands.
 */
export function resolveStorageUrl(url: Exclude<StorageUrl, { kind: "memory" }>): Storage {
  throw new RangeError(
    `storage: ${JSON.stringify(describeStorageUrl(url))} names ${KIND_NAMES[url.kind]}, which is not supported yet; use "memory" or a Storage object (journal:, sqlite:, postgresql:// and redis:// arrive with @tunelab/storage)`,
  );
}
