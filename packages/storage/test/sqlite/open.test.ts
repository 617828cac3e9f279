/**
 * Opening a database: bad paths and files give a clear error naming the file and change
 * nothing; the schema is versioned (a newer or unknown version is refused); migrations run
 * once.
 */

import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { distributionToJson, floatDistribution } from "@tunelab/study";
import type BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteStorage, SqliteStorageError, type SqliteStorageErrorKind } from "../../src/sqlite/index.js";
import { inspectSchema, migrateSchema } from "../../src/sqlite/migrate.js";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from "../../src/sqlite/schema.js";
import { sqliteAddon } from "./addon.js";
import { freshDbPath, tempDir } from "./tmp.js";
import { letEveryoneIn, openUnprivileged, permissionsTestable } from "./unprivileged.js";

const Database = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;

/** The error an open rejects with (fails the test when it opens). */
async function openError(path: string): Promise<SqliteStorageError> {
  try {
    await (await SqliteStorage.open(path)).close();
  } catch (e) {
    expect(e).toBeInstanceOf(SqliteStorageError);
    return e as SqliteStorageError;
  }
  throw new Error(`SqliteStorage.open(${path}) opened`);
}

async function expectRefused(path: string, kind: SqliteStorageErrorKind, message: RegExp): Promise<void> {
  const e = await openError(path);
  expect(e.kind).toBe(kind);
  expect(e.message).toContain(path);
  expect(e.message).toMatch(message);
}

function rawDb(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

function tablesOf(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

if (sqliteAddon()) {
  describe("SqliteStorage.open: paths that cannot hold a database", () => {
    it("a missing directory: names the file and the directory, creates nothing", async () => {
      const dir = tempDir();
      const path = join(dir, "no", "such", "dir", "study.db");
      await expectRefused(path, "path", /directory .*no\/such\/dir does not exist/);
      expect(() => statSync(join(dir, "no"))).toThrow();
    });

    it("a directory, an empty path, :memory: and a NUL character", async () => {
      const dir = tempDir();
      await expectRefused(dir, "path", /is a directory; path must name a database file inside it/);
      for (const bad of ["", ":memory:"]) {
        const e = await openError(bad);
        expect(e.kind).toBe("path");
        expect(e.message).toMatch(/path must name a database file .*in-memory storage/);
      }
      expect((await openError("a\u0000b.db")).message).toMatch(/NUL/);
    });

    it("a relative path is shown as given and resolved", async () => {
      const e = await openError("./no-such-dir-for-tunelab/study.db");
      expect(e.message).toContain('given as "./no-such-dir-for-tunelab/study.db"');
      expect(e.path).toMatch(/^\//);
    });

    it("rejects invalid options, naming the option and the allowed values", async () => {
      const path = freshDbPath();
      await expect(SqliteStorage.open({ path: 5 as never })).rejects.toThrow(/path must be a string/);
      await expect(SqliteStorage.open({ path, busyTimeout: -1 })).rejects.toThrow(
        /busyTimeout must be a finite number of ms >= 0, got -1/,
      );
      await expect(SqliteStorage.open({ path, busyTimeout: Number.NaN })).rejects.toThrow(/busyTimeout/);
      await expect(SqliteStorage.open({ path, synchronous: "off" as never })).rejects.toThrow(
        /synchronous must be "normal" or "full", got "off"/,
      );
      await expect(SqliteStorage.open({ path, allowNetworkFileSystem: "yes" as never })).rejects.toThrow(
        /allowNetworkFileSystem must be true or false/,
      );
      await expect(SqliteStorage.open({ path, clock: {} as never })).rejects.toThrow(/clock must be a Clock/);
      await expect(SqliteStorage.open({ path, checkpoints: "never" as never })).rejects.toThrow(
        /checkpoints must be "thread" or "inline", got "never"/,
      );
      expect(() => statSync(path)).toThrow(); // nothing was created
    });
  });

  describe("SqliteStorage.open: files that are not a tunelab database are refused and left as they were", () => {
    it("a text file, and a file shorter than SQLite's header", async () => {
      const path = freshDbPath("notes.txt");
      writeFileSync(path, "my precious notes\n".repeat(100));
      await expectRefused(path, "not-sqlite", /is not an SQLite database .*refusing to change it/);
      expect(readFileSync(path, "utf8")).toBe("my precious notes\n".repeat(100));
      const short = freshDbPath("short.db");
      writeFileSync(short, "SQLite");
      await expectRefused(short, "not-sqlite", /not an SQLite database/);
      expect(readFileSync(short, "utf8")).toBe("SQLite");
    });

    it("an SQLite database of another program", async () => {
      const path = freshDbPath("app.db");
      rawDb(path, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada');");
      const before = readFileSync(path);
      await expectRefused(
        path,
        "not-tunelab",
        /SQLite database of another program \(tables users; no tunelab_schema_version table\)/,
      );
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(tablesOf(path)).toEqual(["users"]);
    });

    it("Optuna's RDBStorage database: says so and how to bring its studies over", async () => {
      const path = freshDbPath("optuna.db");
      rawDb(
        path,
        "CREATE TABLE alembic_version (version_num TEXT); CREATE TABLE version_info (version_info_id INTEGER, schema_version INTEGER, library_version TEXT); CREATE TABLE studies (study_id INTEGER, study_name TEXT);",
      );
      await expectRefused(
        path,
        "not-tunelab",
        /is an Optuna RDBStorage database .*optuna\.copy_study.*journal:study\.log/,
      );
      expect(tablesOf(path)).toEqual(["alembic_version", "studies", "version_info"]);
    });

    it("another program's application_id, even without tables", async () => {
      const path = freshDbPath("other.db");
      rawDb(path, "PRAGMA application_id = 1234;");
      await expectRefused(path, "not-tunelab", /application_id is 0x4d2/);
    });

    it("a schema version newer than this tunelab's: names both versions", async () => {
      const path = freshDbPath();
      await (await SqliteStorage.open(path)).close();
      rawDb(path, `INSERT INTO tunelab_schema_version VALUES (${SCHEMA_VERSION + 1}, 'from the future', 0);`);
      await expectRefused(
        path,
        "newer-schema",
        new RegExp(
          `schema version ${SCHEMA_VERSION + 1}, written by a newer tunelab; this one reads schema versions up to ${SCHEMA_VERSION}`,
        ),
      );
    });

    it("a schema history this tunelab never writes", async () => {
      const path = freshDbPath();
      await (await SqliteStorage.open(path)).close();
      rawDb(
        path,
        "DELETE FROM tunelab_schema_version; INSERT INTO tunelab_schema_version VALUES (7, 'odd', 0);",
      );
      await expectRefused(path, "unknown-schema", /records schema versions \[7\]/);
    });
  });

  describe("SqliteStorage.open: permissions", () => {
    if (permissionsTestable()) {
      it("a read-only file: refused, naming the file", async () => {
        const dir = tempDir();
        letEveryoneIn(dir);
        const path = join(dir, "study.db");
        await (await SqliteStorage.open(path)).close();
        chmodSync(path, 0o444);
        chmodSync(dir, 0o777);
        const got = await openUnprivileged(path);
        expect(got).toEqual({
          kind: "read-only",
          message: expect.stringMatching(/study\.db is not writable by this process/),
        });
      });

      it("a directory the user cannot write: refused (WAL mode creates files beside the database)", async () => {
        const dir = tempDir();
        letEveryoneIn(dir);
        const sub = join(dir, "locked");
        mkdirSync(sub, { mode: 0o755 });
        chmodSync(sub, 0o555);
        const got = await openUnprivileged(join(sub, "study.db"));
        expect(got).toEqual({
          kind: "read-only",
          message: expect.stringMatching(
            /the directory .*locked of .*study\.db is not writable by this process; SQLite's WAL mode creates/,
          ),
        });
      });

      it("a file the user cannot read", async () => {
        const dir = tempDir();
        letEveryoneIn(dir);
        const path = join(dir, "study.db");
        await (await SqliteStorage.open(path)).close();
        chmodSync(path, 0o200);
        chmodSync(dir, 0o777);
        const got = await openUnprivileged(path);
        expect(got).toEqual({ kind: "read-only", message: expect.stringMatching(/cannot read .*study\.db/) });
      });
    }
  });

  describe("SqliteStorage.open: schema", () => {
    it("a new file gets tunelab's application_id, WAL mode and the schema-version table", async () => {
      const path = freshDbPath();
      await (await SqliteStorage.open(path)).close();
      const db = new Database(path, { readonly: true });
      try {
        expect(db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
        expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
        expect(db.prepare("SELECT version FROM tunelab_schema_version").pluck().all()).toEqual(
          MIGRATIONS.map((m) => m.version),
        );
      } finally {
        db.close();
      }
    });

    it("an empty file (as touch leaves it) is initialized", async () => {
      const path = freshDbPath();
      writeFileSync(path, "");
      const s = await SqliteStorage.open(path);
      expect(await s.createStudy(["minimize"], "x")).toBeGreaterThan(0);
      await s.close();
    });

    it("reopening keeps the studies and applies no migration twice", async () => {
      const path = freshDbPath();
      const a = await SqliteStorage.open(path);
      await a.createStudy(["maximize"], "kept");
      await a.close();
      const b = await SqliteStorage.open(path);
      expect(await b.getStudyDirections(await b.getStudyIdFromName("kept"))).toEqual(["maximize"]);
      await b.close();
      const db = new Database(path, { readonly: true });
      expect(db.prepare("SELECT COUNT(*) FROM tunelab_schema_version").pluck().get()).toBe(SCHEMA_VERSION);
      db.close();
    });

    it("migrations after the first run once, in order, and the result is then a newer schema for this tunelab", async () => {
      const path = freshDbPath();
      const s = await SqliteStorage.open(path);
      await s.createStudy(["minimize"], "old");
      await s.close();
      const next = {
        version: SCHEMA_VERSION + 1,
        description: "a column for the test",
        sql: "ALTER TABLE tunelab_studies ADD COLUMN note TEXT NOT NULL DEFAULT 'migrated';",
      };
      const db = new Database(path);
      try {
        const migrate = () =>
          db.transaction(() => migrateSchema(db, path, 1234, [...MIGRATIONS, next])).immediate();
        expect(migrate()).toBe(SCHEMA_VERSION + 1);
        expect(migrate()).toBe(SCHEMA_VERSION + 1); // the second run finds nothing to do
        expect(db.prepare("SELECT study_name, note FROM tunelab_studies").all()).toEqual([
          { study_name: "old", note: "migrated" },
        ]);
        expect(
          db.prepare("SELECT version, applied_at FROM tunelab_schema_version ORDER BY version").all(),
        ).toEqual([
          ...MIGRATIONS.map((m) => ({ version: m.version, applied_at: expect.any(Number) })),
          { version: SCHEMA_VERSION + 1, applied_at: 1234 },
        ]);
      } finally {
        db.close();
      }
      await expectRefused(path, "newer-schema", /newer tunelab/);
    });

    it("a database at schema version 1 is migrated to 2; its trials read as written, and a tunelab of version 1 refuses it", async () => {
      const path = freshDbPath();
      const x = floatDistribution(0, 1);
      const db = new Database(path);
      try {
        db.transaction(() => migrateSchema(db, path, 0, MIGRATIONS.slice(0, 1))).immediate();
        db.prepare(
          "INSERT INTO tunelab_studies (study_name, directions, next_number, change_count) VALUES ('old', '[\"minimize\"]', 1, 1)",
        ).run();
        const v1Body = JSON.stringify({
          values: [0.5],
          params: { x: [0.25, distributionToJson(x)] },
          userAttrs: {},
          systemAttrs: {},
          intermediateValues: [[0, 1.5]],
        });
        db.prepare(
          "INSERT INTO tunelab_trials (study_id, number, state, datetime_start, datetime_complete, changed, body) VALUES (1, 0, 'COMPLETE', 1000, 2000, 1, ?)",
        ).run(v1Body);
      } finally {
        db.close();
      }
      const s = await SqliteStorage.open(path);
      const id = await s.getStudyIdFromName("old");
      const [t] = (await s.getTrials(id)).trials;
      expect(t?.params).toEqual({ x: 0.25 });
      expect(t?.distributions).toEqual({ x });
      expect(t?.intermediateValues.get(0)).toBe(1.5);
      const next = await s.createTrial(id);
      await s.updateTrial(next.trialId, { params: { x: { value: 0.75, distribution: x } } });
      expect((await s.getTrials(id)).trials.map((u) => u.params)).toEqual([{ x: 0.25 }, { x: 0.75 }]);
      await s.close();
      const after = new Database(path, { readonly: true });
      try {
        expect(
          after.prepare("SELECT version FROM tunelab_schema_version ORDER BY version").pluck().all(),
        ).toEqual([1, 2]);
        expect(() => inspectSchema(after, path, MIGRATIONS.slice(0, 1))).toThrow(
          /schema version 2, written by a newer tunelab/,
        );
      } finally {
        after.close();
      }
    });

    it("storages opening one new file at once make one schema", async () => {
      const path = freshDbPath();
      const all = await Promise.all(Array.from({ length: 8 }, () => SqliteStorage.open(path)));
      await all[0]!.createStudy(["minimize"], "one");
      for (const s of all) expect(await s.getStudyIdFromName("one")).toBeGreaterThan(0);
      await Promise.all(all.map((s) => s.close()));
      const db = new Database(path, { readonly: true });
      expect(db.prepare("SELECT COUNT(*) FROM tunelab_schema_version").pluck().get()).toBe(SCHEMA_VERSION);
      db.close();
    });
  });
}
