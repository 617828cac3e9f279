/** The one call that opens a Redis journal as a storage (what `redis://` URLs resolve to). */
import type { RedisStorageUrl } from "@tunelab/study";
import { JournalStorage } from "../journal/journal-storage.js";
import { RedisJournalBackend, type RedisJournalBackendOptions } from "./redis-backend.js";

/** Options of {@link openRedisStorage}: the backend's; its clock also gives trial datetimes. */
export interface RedisStorageOptions extends RedisJournalBackendOptions {}

/**
 * Connects to Redis and replays the journal under the prefix: a `Storage` that Python's
 * Optuna can share (`JournalStorage(JournalRedisBackend(url, prefix=...))`; in Optuna 3.1
 * `JournalRedisStorage`).
 * @param url - `redis://host:port/db` (`rediss://` for TLS; `redis://:pass@host:port/db`), or its parsed record.
 * @throws StorageError when the server cannot be reached (the URL is named, its password
 *   masked) or the keys under the prefix are not a journal's.
 * @example
 * ```ts
 * const storage = await openRedisStorage("redis://127.0.0.1:6379/0");
 * const study = await createStudy({ storage, studyName: "shared", loadIfExists: true, sampler });
 * ```
 */
export async function openRedisStorage(
  url: string | RedisStorageUrl,
  options: RedisStorageOptions = {},
): Promise<JournalStorage> {
  const backend = await RedisJournalBackend.open(url, options);
  const storage = new JournalStorage(backend, options.clock === undefined ? {} : { clock: options.clock });
  try {
    await storage.load();
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}
