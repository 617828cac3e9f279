/** Options of the SQLite storage, and their checks. */
import { type Clock, checkClock, systemClock } from "@tunelab/study";

/** Options of {@link SqliteStorage.open}. */
export interface SqliteStorageOptions {
  /**
   * The database file, created when missing (its directory must exist). A relative path is
   * resolved against the working directory when the storage opens. It must be on a local
   * disk of the machine that runs every worker (see `allowNetworkFileSystem`).
   */
  readonly path: string;
  /** Where trial datetimes come from. @defaultValue systemClock */
  readonly clock?: Clock;
  /**
   * How long to keep trying, in ms, while other processes hold the database's write lock,
   * before an operation fails with a {@link SqliteStorageError} of kind "busy-timeout". A
   * write holds the lock for well under a millisecond, so waits are short even with many
   * workers; the timeout is for a process that keeps the lock (a long transaction of another
   * program, a file system that lost its locks).
   * @defaultValue 60000
   */
  readonly busyTimeout?: number;
  /**
   * SQLite's `synchronous` setting in WAL mode. `"normal"` (SQLite's recommendation for WAL):
   * a process killed at any moment loses nothing committed and never corrupts the database;
   * after a power loss or an operating-system crash the last commits may be missing (the
   * database stays consistent). `"full"`: every commit is on disk before it returns (an
   * `fsync` per commit, slower).
   * @defaultValue "normal"
   */
  readonly synchronous?: "normal" | "full";
  /**
   * Open a database on a known network file system (NFS, SMB/CIFS, Lustre, CephFS, GPFS, ...)
   * anyway, with a warning. Only safe when every process that opens it runs on one machine;
   * processes on two machines corrupt it (Optuna issue #815). Without it such a path is
   * refused with a {@link SqliteStorageError} of kind "network-file-system".
   * @defaultValue false
   */
  readonly allowNetworkFileSystem?: boolean;
  /**
   * Who runs the WAL checkpoints (the copy of `<file>-wal` into the database file, and with
   * `synchronous: "normal"` the only fsync). `"thread"`: a worker thread with its own
   * connection, started at the first checkpoint, so that no call of this storage waits for an
   * fsync (see `checkpoint.ts`). `"inline"`: SQLite's automatic checkpoint, inside the commit
   * that brings the WAL past 1,000 pages, which blocks the event loop while it syncs; no
   * thread.
   * @defaultValue "thread"
   */
  readonly checkpoints?: "thread" | "inline";
}

/** The options with their defaults applied. */
export interface ResolvedSqliteOptions {
  readonly path: string;
  readonly clock: Clock;
  readonly busyTimeout: number;
  readonly synchronous: "normal" | "full";
  readonly allowNetworkFileSystem: boolean;
  readonly checkpoints: "thread" | "inline";
}

/**
 * Checks the options and applies the defaults.
 * @throws TypeError / RangeError naming the option and the allowed values.
 */
export function resolveSqliteOptions(options: SqliteStorageOptions): ResolvedSqliteOptions {
  const where = "SqliteStorage.open";
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${where}: options must be an object with a path, e.g. { path: "./study.db" }`);
  }
  if (typeof options.path !== "string") {
    throw new TypeError(
      `${where}: path must be a string naming the database file (e.g. "./study.db"), got ${options.path === null ? "null" : typeof options.path}`,
    );
  }
  const busyTimeout = options.busyTimeout ?? 60_000;
  if (typeof busyTimeout !== "number" || !(busyTimeout >= 0) || busyTimeout === Number.POSITIVE_INFINITY) {
    throw new RangeError(
      `${where}: busyTimeout must be a finite number of ms >= 0, got ${String(busyTimeout)}`,
    );
  }
  const synchronous = options.synchronous ?? "normal";
  if (synchronous !== "normal" && synchronous !== "full") {
    throw new RangeError(
      `${where}: synchronous must be "normal" or "full", got ${JSON.stringify(synchronous)}`,
    );
  }
  const allow = options.allowNetworkFileSystem ?? false;
  if (typeof allow !== "boolean") {
    throw new TypeError(
      `${where}: allowNetworkFileSystem must be true or false, got ${JSON.stringify(allow)}`,
    );
  }
  const checkpoints = options.checkpoints ?? "thread";
  if (checkpoints !== "thread" && checkpoints !== "inline") {
    throw new RangeError(
      `${where}: checkpoints must be "thread" or "inline", got ${JSON.stringify(checkpoints)}`,
    );
  }
  return {
    path: options.path,
    checkpoints,
    clock: options.clock === undefined ? systemClock : checkClock(where, options.clock),
    busyTimeout,
    synchronous,
    allowNetworkFileSystem: allow,
  };
}
