/**
 * Opens the storage of a `--storage` URL, loading only the driver that URL needs (a
 * `tunelab ask` on a journal file loads neither SQLite, PostgreSQL nor Redis).
 *
 * The facade's `resolveStorageUrl` (packages/tunelab/src/defaults.ts) does the same, but
 * importing the facade loads every sampler and pruner; a fresh process per `ask`/`tell`
 * pays for each module it loads (see the README's latency figures), so the CLI keeps this
 * four-way switch of its own.
 */
import type { Clock, Storage } from "@tunelab/study";
import type { CliStorageUrl } from "./storage-url.js";

/**
 * The storage of `url`, opened (and, for a journal, replayed).
 * @param clock - where trial datetimes come from. @defaultValue the storage's default (the system clock)
 * @throws what the storage's opening throws (a missing directory, a file that is not a
 *   journal, an unreachable server), naming the URL with its password masked.
 */
export async function openStorage(url: CliStorageUrl, clock?: Clock): Promise<Storage> {
  const withClock = clock === undefined ? {} : { clock };
  switch (url.kind) {
    case "journal": {
      const { openJournalFileStorage } = await import("@tunelab/storage/journal");
      return openJournalFileStorage(url.path, withClock);
    }
    case "sqlite": {
      const { SqliteStorage } = await import("@tunelab/storage/sqlite");
      return SqliteStorage.open({ path: url.path, ...withClock });
    }
    case "postgresql": {
      const { PostgresStorage } = await import("@tunelab/storage/postgres");
      return PostgresStorage.open(url, withClock);
    }
    case "redis": {
      const { openRedisStorage } = await import("@tunelab/storage/redis");
      return openRedisStorage(url, withClock);
    }
  }
}
