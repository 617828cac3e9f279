/**
 * The facade's defaults: which sampler a study gets when none is given, and how storage URLs
 * are resolved.
 */
import { AutoSampler } from "@tunelab/samplers/auto";
import {
  type Clock,
  type Sampler,
  type Storage,
  type StorageUrl,
  type StudyDirection,
  systemClock,
} from "@tunelab/study";

/**
 * The sampler a study gets when none is given: an unseeded `AutoSampler` with its defaults
 * (issue 20; `packages/samplers/src/auto/README.md`): for one objective, Gaussian-process BO
 * (one GP per branch of a forked conditional space, the other conditional parameters from
 * TPE) below 250 COMPLETE trials and `TpeSampler` from there; for several objectives
 * `TpeSampler` (MOTPE) throughout.
 *
 * Chosen by the measurements of the TPE README's "Real problems" (nine scikit-learn models
 * tuned by cross-validation, seeds 1-10): at 40 and 100 trials its median is at least as good
 * as the better of Optuna 5.0's and 3.1's default TPE on 8 of 9 problems, significantly worse
 * on none, where `TpeSampler` managed 4 of 9; at 20 trials 5 of 9 against 2. On the standard
 * functions at 200 trials it is better than `TpeSampler` on 9 of 10 problems, significantly on
 * 5, worse on none. Its cost is the GP's: tens of milliseconds per trial at 100 trials (about
 * 46 ms on the quick suite against TPE's 0.8), up to a few tenths of a second near 250; pass
 * `new TpeSampler()` for cheap objectives run by the thousand.
 *
 * For several objectives (Optuna 3.x's default was NSGA-II, Optuna 5.0's is TPE as here) MOTPE
 * was measured against NsgaIISampler and NsgaIIISampler on the benchmark's multi-objective
 * suite (benchmarks/results/mo-default): best median hypervolume on 7 of 8 problems at 200
 * trials and 6 of 8 at 1,000, so it stays; the README says when to pick NSGA-II/III instead.
 */
export function defaultSampler(_directions: readonly StudyDirection[]): Sampler {
  return new AutoSampler();
}

/** The storages opened from URLs in this process, by clock and URL: one per database or file. */
const opened = new WeakMap<Clock, Map<string, Promise<Storage>>>();

/**
 * Opens the storage of a URL beyond "memory" (already parsed by `parseStorageUrl`, so a
 * malformed URL never gets here), loading only the driver it needs from `@tunelab/storage`:
 * `journal:` a journal file in Optuna's format, `sqlite:` an SQLite database, `postgresql://`
 * a PostgreSQL database, `redis://` a journal kept in Redis. A URL opened twice in one
 * process (on one clock) gives the same storage, so studies of one process share its
 * connections and locks; `storage.close()` releases them.
 * @throws what the storage's own opening throws (a missing directory, an unreachable server,
 *   a database that is not tunelab's, ...), naming the URL with its password masked.
 */
export function resolveStorageUrl(
  url: Exclude<StorageUrl, { kind: "memory" }>,
  clock: Clock = systemClock,
): Promise<Storage> {
  let byUrl = opened.get(clock);
  if (byUrl === undefined) {
    byUrl = new Map();
    opened.set(clock, byUrl);
  }
  const key = JSON.stringify(url);
  const known = byUrl.get(key);
  if (known !== undefined) return known;
  const table = byUrl;
  const storage = openStorageUrl(url, clock).then((s) => forgetOnClose(s, () => table.delete(key)));
  table.set(key, storage);
  // A failed opening is not remembered: the next call tries again.
  storage.catch(() => table.delete(key));
  return storage;
}

/**
 * Makes `storage.close()` also drop it from this process's table, so a URL opened after the
 * storage was closed opens a new one instead of handing back a closed storage.
 */
function forgetOnClose(storage: Storage, forget: () => void): Storage {
  const close = storage.close.bind(storage);
  storage.close = (): Promise<void> => {
    forget();
    return close();
  };
  return storage;
}

async function openStorageUrl(url: Exclude<StorageUrl, { kind: "memory" }>, clock: Clock): Promise<Storage> {
  switch (url.kind) {
    case "journal": {
      const { openJournalFileStorage } = await import("@tunelab/storage/journal");
      return openJournalFileStorage(url.path, { clock });
    }
    case "sqlite": {
      const { SqliteStorage } = await import("@tunelab/storage/sqlite");
      return SqliteStorage.open({ path: url.path, clock });
    }
    case "postgresql": {
      const { PostgresStorage } = await import("@tunelab/storage/postgres");
      return PostgresStorage.open(url, { clock });
    }
    case "redis": {
      const { openRedisStorage } = await import("@tunelab/storage/redis");
      return openRedisStorage(url, { clock });
    }
  }
}
