/** The error of the SQLite storage: it names the database file and says what to do. */
import { StorageError } from "@tunelab/study";

/**
 * What went wrong, as a tag a program can test:
 * - `"path"`: the path cannot hold a database (empty, `:memory:`, a directory, a missing
 *   directory);
 * - `"read-only"`: the file or its directory cannot be written, or the file cannot be read
 *   (SQLite writes the file and, in WAL mode, `<file>-wal` and `<file>-shm` beside it);
 * - `"not-sqlite"`: the file is not an SQLite database;
 * - `"not-tunelab"`: an SQLite database of another program (Optuna's RDBStorage included);
 * - `"newer-schema"`: written by a newer tunelab, whose schema this one does not know;
 * - `"unknown-schema"`: the schema-version table holds a history this tunelab never wrote;
 * - `"network-file-system"`: the file is on NFS, SMB or another network file system;
 * - `"busy-timeout"`: other processes held the database's write lock for longer than the
 *   busy timeout;
 * - `"driver"`: the better-sqlite3 native addon cannot be loaded;
 * - `"closed"`: the storage was closed;
 * - `"sqlite"`: any other error SQLite reported (a full disk, an I/O error, a corrupt page).
 */
export type SqliteStorageErrorKind =
  | "path"
  | "read-only"
  | "not-sqlite"
  | "not-tunelab"
  | "newer-schema"
  | "unknown-schema"
  | "network-file-system"
  | "busy-timeout"
  | "driver"
  | "closed"
  | "sqlite";

/** A failure of the SQLite storage; `path` is the database file (absolute). */
export class SqliteStorageError extends StorageError {
  override readonly name: string = "SqliteStorageError";
  /**
   * @param kind - what went wrong (see {@link SqliteStorageErrorKind}).
   * @param path - the database file, absolute.
   * @param message - the whole message (it names the file).
   * @param cause - the underlying error (SQLite's, or the file system's), if any.
   */
  constructor(
    readonly kind: SqliteStorageErrorKind,
    readonly path: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** The SQLite result code of an error thrown by better-sqlite3 (`SQLITE_BUSY`, ...), or null. */
export function sqliteCode(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : null;
}
