/**
 * Recognizing a database and bringing its schema to this tunelab's version. Runs inside the
 * write transaction that `open.ts` takes, so that of many processes opening a new database at
 * once exactly one creates the tables and the others find them.
 *
 * A database is ours when its `application_id` is tunelab's (or 0: not set) and it has the
 * schema-version table, or when it has no table at all (a new file, or one `touch` made):
 * then it is initialized. Anything else is refused, never changed: a database with tables of
 * another program (Optuna's RDBStorage is recognized by its `alembic_version` and
 * `version_info` tables), a schema version above the last migration this tunelab knows (a
 * newer tunelab wrote it), or a version history with gaps.
 */
import type BetterSqlite3 from "better-sqlite3";
import { SqliteStorageError } from "./errors.js";
import { APPLICATION_ID, MIGRATIONS, type Migration, SCHEMA_VERSION_TABLE } from "./schema.js";

/**
 * The schema version of `db` (0 for an empty database), after checking that it is a tunelab
 * database or an empty one. It only reads, so a database that is refused is left unchanged.
 * @param path - the database file, for messages.
 * @param migrations - @defaultValue this tunelab's {@link MIGRATIONS}
 * @throws SqliteStorageError of kind "not-tunelab", "newer-schema" or "unknown-schema".
 */
export function inspectSchema(
  db: BetterSqlite3.Database,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  const applicationId = db.pragma("application_id", { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    throw new SqliteStorageError(
      "not-tunelab",
      path,
      `SqliteStorage: ${path} is an SQLite database of another program (its application_id is 0x${(applicationId >>> 0).toString(16)}, tunelab's is 0x${APPLICATION_ID.toString(16)}); refusing to change it. Give the storage a new file.`,
    );
  }
  if (!tables.includes(SCHEMA_VERSION_TABLE)) {
    if (tables.length > 0) throw notOurs(path, tables);
    return 0;
  }
  const versions = db.prepare(`SELECT version FROM ${SCHEMA_VERSION_TABLE} ORDER BY version`).pluck().all();
  if (!versions.every((v, i) => v === i + 1)) {
    throw new SqliteStorageError(
      "unknown-schema",
      path,
      `SqliteStorage: ${path} records schema versions ${JSON.stringify(versions)} in ${SCHEMA_VERSION_TABLE}, a history this tunelab never writes (it writes 1 to ${latest}, each once); refusing to change it.`,
    );
  }
  if (versions.length > latest) {
    throw new SqliteStorageError(
      "newer-schema",
      path,
      `SqliteStorage: ${path} has schema version ${versions.length}, written by a newer tunelab; this one reads schema versions up to ${latest}. Upgrade tunelab on this machine (every worker sharing the database must run a tunelab that knows its schema).`,
    );
  }
  return versions.length;
}

/**
 * Checks `db` as {@link inspectSchema} does and applies the migrations it lacks. Call it inside
 * a write transaction (`BEGIN IMMEDIATE`), so that of several processes migrating at once one
 * does and the others find it done.
 * @param path - the database file, for messages.
 * @param now - the time recorded with each migration applied (ms since the epoch).
 * @param migrations - @defaultValue this tunelab's {@link MIGRATIONS}
 * @returns the schema version after migrating.
 * @throws SqliteStorageError of kind "not-tunelab", "newer-schema" or "unknown-schema".
 */
export function migrateSchema(
  db: BetterSqlite3.Database,
  path: string,
  now: number,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  let current = inspectSchema(db, path, migrations);
  if (current === 0) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA_VERSION_TABLE} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
    );
  }
  const insert = db.prepare(
    `INSERT INTO ${SCHEMA_VERSION_TABLE} (version, description, applied_at) VALUES (?, ?, ?)`,
  );
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.exec(m.sql);
    insert.run(m.version, m.description, now);
    current = m.version;
  }
  return current;
}

/** The error for a database with tables that are not tunelab's. */
function notOurs(path: string, tables: readonly string[]): SqliteStorageError {
  const shown = tables.slice(0, 6).join(", ") + (tables.length > 6 ? ", ..." : "");
  if (tables.includes("alembic_version") || tables.includes("version_info")) {
    return new SqliteStorageError(
      "not-tunelab",
      path,
      `SqliteStorage: ${path} is an Optuna RDBStorage database (tables ${shown}), not a tunelab SQLite storage; the two schemas differ and this storage does not change it. ` +
        "To bring its studies over, copy them in Python to a journal file, which both read: " +
        'optuna.copy_study(from_study_name=..., from_storage="sqlite:///...", to_storage=optuna.storages.JournalStorage(optuna.storages.JournalFileStorage("study.log"))), then open journal:study.log.',
    );
  }
  return new SqliteStorageError(
    "not-tunelab",
    path,
    `SqliteStorage: ${path} is an SQLite database of another program (tables ${shown}; no ${SCHEMA_VERSION_TABLE} table); refusing to change it. Give the storage a new file or an empty database.`,
  );
}
