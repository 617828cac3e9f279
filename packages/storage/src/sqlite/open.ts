/**
 * Opening an SQLite database file for the storage: the checks that turn a bad path into a
 * clear error before SQLite touches anything, the connection settings, and the schema.
 *
 * In order:
 * 1. the path: not empty, not `:memory:`, its directory exists and is a directory, the file
 *    (when it exists) is a regular file that starts with SQLite's header ("SQLite format 3"),
 *    and both the file and its directory are writable (WAL mode keeps `<file>-wal` and
 *    `<file>-shm` beside the file);
 * 2. the file system (see `file-system.ts`): a network file system is refused (or, with
 *    `allowNetworkFileSystem`, accepted with a warning); FUSE and 9p get a warning;
 * 3. the schema, read only (see `migrate.ts`): a database of another program, or of a newer
 *    tunelab, is refused before anything is written to it;
 * 4. the connection: WAL journal mode (readers never block the writer, and the writer never
 *    blocks readers), `synchronous` as asked, SQLite's busy handler for a short slice;
 * 5. the migrations the database lacks (all of them for a new file), inside a write
 *    transaction that checks the schema again.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Rng } from "@tunelab/math/random";
import { log } from "@tunelab/study";
import type BetterSqlite3 from "better-sqlite3";
import { retryWhileBusy } from "./busy.js";
import { loadDriver } from "./driver.js";
import { SqliteStorageError, sqliteCode } from "./errors.js";
import { type FileSystemVerdict, fileSystemOf } from "./file-system.js";
import { inspectSchema, migrateSchema } from "./migrate.js";
import type { ResolvedSqliteOptions } from "./options.js";
import { SCHEMA_VERSION } from "./schema.js";

/**
 * How long SQLite's own busy handler waits for the write lock inside one call, in ms, before
 * the storage's asynchronous retry takes over (see `busy.ts`). Inside it the event loop is
 * blocked, so it is short; it is long enough that a writer usually gets the lock on its first
 * attempt (a transaction holds it for well under a millisecond).
 */
export const BUSY_SLICE_MS = 20;

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = "SQLite format 3\u0000";

/**
 * Opens the database of `options.path`, checked, configured and at this tunelab's schema.
 * @param rng - the jitter of busy retries.
 * @returns the connection and the absolute path of the file.
 * @throws SqliteStorageError naming the file (kinds "path", "read-only", "not-sqlite",
 *   "not-tunelab", "newer-schema", "unknown-schema", "network-file-system", "busy-timeout",
 *   "driver", "sqlite").
 */
export async function openDatabase(
  options: ResolvedSqliteOptions,
  rng: Rng,
): Promise<{ readonly db: BetterSqlite3.Database; readonly path: string }> {
  const path = checkPath(options.path);
  checkFileSystem(path, options.allowNetworkFileSystem);
  const Database = loadDriver(path);
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { timeout: BUSY_SLICE_MS });
  } catch (e) {
    throw sqliteFailure(path, "cannot open it", e);
  }
  try {
    const policy = {
      timeoutMs: options.busyTimeout,
      rng,
      onTimeout: (waited: number) => busyTimeout(path, "opening", waited, options.busyTimeout),
    };
    // Read first: a database that is not ours is refused before anything is written to it
    // (switching to WAL would already change its header).
    const found = await retryWhileBusy(() => inspectSchema(db, path), policy);
    await retryWhileBusy(() => {
      const mode = db.pragma("journal_mode = WAL", { simple: true });
      if (mode !== "wal") {
        throw new SqliteStorageError(
          "sqlite",
          path,
          `SqliteStorage: ${path}: SQLite refused WAL journal mode (it stayed ${String(mode)}); the storage needs WAL for concurrent workers`,
        );
      }
    }, policy);
    db.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
    db.pragma("foreign_keys = ON");
    if (found < SCHEMA_VERSION) {
      const begin = db.prepare("BEGIN IMMEDIATE");
      const commit = db.prepare("COMMIT");
      const rollback = db.prepare("ROLLBACK");
      await retryWhileBusy(() => {
        begin.run();
        try {
          migrateSchema(db, path, options.clock.now());
          commit.run();
        } catch (e) {
          if (db.inTransaction) rollback.run();
          throw e;
        }
      }, policy);
    }
    return { db, path };
  } catch (e) {
    db.close();
    if (e instanceof SqliteStorageError) throw e;
    throw sqliteFailure(path, "cannot open it", e);
  }
}

/** The error of a busy timeout. */
export function busyTimeout(
  path: string,
  what: string,
  waitedMs: number,
  timeoutMs: number,
): SqliteStorageError {
  return new SqliteStorageError(
    "busy-timeout",
    path,
    `SqliteStorage: ${path}: other processes held the database's write lock for ${Math.round(waitedMs)} ms while ${what} (busyTimeout ${timeoutMs} ms). ` +
      "A process may be holding a long transaction (another program on the file?), or the file system may not support SQLite's locks (a network file system); raise busyTimeout if the load is legitimate.",
  );
}

/** An error SQLite reported, wrapped with the file's name. */
export function sqliteFailure(path: string, what: string, e: unknown): SqliteStorageError {
  const code = sqliteCode(e);
  const message = e instanceof Error ? e.message : String(e);
  if (code === "SQLITE_NOTADB") {
    return new SqliteStorageError(
      "not-sqlite",
      path,
      `SqliteStorage: ${path} is not an SQLite database (${message}); refusing to change it.`,
      e,
    );
  }
  if (code?.startsWith("SQLITE_READONLY")) {
    return new SqliteStorageError(
      "read-only",
      path,
      `SqliteStorage: ${path}: ${what}: the database is read-only (${message}, ${code}); the storage needs to write the file, <file>-wal and <file>-shm.`,
      e,
    );
  }
  return new SqliteStorageError(
    "sqlite",
    path,
    `SqliteStorage: ${path}: ${what}: ${message}${code === null ? "" : ` (${code})`}`,
    e,
  );
}

/**
 * The absolute path of the database file, after checking that it can hold one.
 * @throws SqliteStorageError of kind "path", "read-only" or "not-sqlite".
 */
function checkPath(given: string): string {
  if (given === "" || given === ":memory:") {
    throw new SqliteStorageError(
      "path",
      given,
      `SqliteStorage: path must name a database file (e.g. "./study.db"), got ${JSON.stringify(given)}; for a study in this process's memory use the in-memory storage ("memory").`,
    );
  }
  if (given.includes("\u0000")) {
    throw new SqliteStorageError(
      "path",
      given,
      `SqliteStorage: path ${JSON.stringify(given)} contains a NUL character`,
    );
  }
  const path = resolve(given);
  const dir = dirname(path);
  const shown = path === given ? path : `${path} (given as ${JSON.stringify(given)})`;
  if (!existsSync(dir)) {
    throw new SqliteStorageError(
      "path",
      path,
      `SqliteStorage: cannot create ${shown}: its directory ${dir} does not exist. Create the directory first (the storage creates the file, not directories).`,
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw new SqliteStorageError(
      "path",
      path,
      `SqliteStorage: cannot create ${shown}: ${dir} is not a directory.`,
    );
  }
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new SqliteStorageError(
        "path",
        path,
        `SqliteStorage: ${shown} is a directory; path must name a database file inside it (e.g. ${JSON.stringify(`${given.replace(/\/+$/, "")}/study.db`)}).`,
      );
    }
    if (st.size > 0) checkHeader(path, shown);
    if (!writable(path)) {
      throw new SqliteStorageError(
        "read-only",
        path,
        `SqliteStorage: ${shown} is not writable by this process; the storage writes to its database (give the user write permission, or copy the file).`,
      );
    }
  }
  if (!writable(dir)) {
    throw new SqliteStorageError(
      "read-only",
      path,
      `SqliteStorage: the directory ${dir} of ${shown} is not writable by this process; SQLite's WAL mode creates ${path}-wal and ${path}-shm beside the database.`,
    );
  }
  return path;
}

/** @throws SqliteStorageError (kind "not-sqlite") unless the file starts with SQLite's header. */
function checkHeader(path: string, shown: string): void {
  const head = Buffer.alloc(16);
  let n: number;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new SqliteStorageError(
      "read-only",
      path,
      `SqliteStorage: cannot read ${shown} (${(e as Error).message}); the storage reads and writes its database.`,
      e,
    );
  }
  try {
    n = readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 16 || head.toString("latin1") !== SQLITE_HEADER) {
    throw new SqliteStorageError(
      "not-sqlite",
      path,
      `SqliteStorage: ${shown} is not an SQLite database (it does not start with "SQLite format 3"); refusing to change it. Give the storage a new file name.`,
    );
  }
}

/** True when this process may write `path`. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a database on a network file system unless allowed (then warns), and warns for one
 * on a file system that may be remote (FUSE, 9p).
 * @param path - the database file, absolute.
 * @param fs - the verdict on its directory. @defaultValue `fileSystemOf(dirname(path))`
 * @throws SqliteStorageError (kind "network-file-system").
 */
export function checkFileSystem(
  path: string,
  allowNetwork: boolean,
  fs: FileSystemVerdict = fileSystemOf(dirname(path)),
): void {
  if (fs.kind === "network") {
    const why =
      `${path} is on a network file system (${fs.name}). SQLite corrupts databases there when processes on more than one machine open them ` +
      "(file locks are unreliable and WAL's shared memory is per machine; Optuna issue #815)";
    if (!allowNetwork) {
      throw new SqliteStorageError(
        "network-file-system",
        path,
        `SqliteStorage: ${why}. Put the database on a local disk of the machine that runs every worker, or, for workers on several machines, ` +
          "use a journal file (journal:/shared/study.log) or PostgreSQL. If every process runs on one machine, pass allowNetworkFileSystem: true.",
      );
    }
    log(
      "warn",
      `SqliteStorage: ${why}; opened because allowNetworkFileSystem is true: open it from one machine only.`,
    );
  } else if (fs.kind === "unsure") {
    log(
      "warn",
      `SqliteStorage: ${path} is on a ${fs.name} file system, which may be a network file system; SQLite is safe only when every process that opens the database runs on one machine.`,
    );
  }
}
