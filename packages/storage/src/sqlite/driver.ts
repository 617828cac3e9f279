/**
 * Loading better-sqlite3, a native addon compiled when it is installed (from source on a
 * machine without a matching prebuilt binary, about 70 s of CPU). It is loaded when the first
 * SQLite storage opens, not when this module is imported, so a program that never opens one
 * does not need the addon, and a missing or broken build becomes an error that says what to do.
 */
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { SqliteStorageError } from "./errors.js";

/** The better-sqlite3 `Database` constructor. */
export type DatabaseConstructor = typeof BetterSqlite3;

let loaded: DatabaseConstructor | null = null;

/**
 * The better-sqlite3 `Database` constructor (loaded once).
 * @param path - the database being opened, for the error message.
 * @throws SqliteStorageError (kind "driver") when the addon cannot be loaded.
 */
export function loadDriver(path: string): DatabaseConstructor {
  if (loaded !== null) return loaded;
  try {
    loaded = createRequire(import.meta.url)("better-sqlite3") as DatabaseConstructor;
    return loaded;
  } catch (e) {
    throw new SqliteStorageError(
      "driver",
      path,
      `SqliteStorage: cannot open ${path}: the better-sqlite3 native addon did not load (${(e as Error).message}). ` +
        "It is compiled when installed: run `npm rebuild better-sqlite3` (it needs python3, make and a C++ compiler) " +
        'and check that the project\'s package.json allows its install script ("allowScripts": { "better-sqlite3": true }).',
      e,
    );
  }
}
