/**
 * Checkpointer: the storage's connection stops checkpointing in its commits, and a worker
 * thread runs PASSIVE checkpoints that copy the whole WAL into the database file; when the
 * thread cannot run, the connection goes back to SQLite's automatic checkpoints, with a
 * warning.
 */
import { unlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { setLogHandler } from "@tunelab/study";
import type BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { CHECKPOINT_EVERY, Checkpointer } from "../../src/sqlite/checkpoint.js";
import { sqliteAddon } from "./addon.js";
import { freshDbPath } from "./tmp.js";

/** A new WAL database with one table. */
function walDatabase(path: string): BetterSqlite3.Database {
  const Database = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE t (x TEXT)");
  return db;
}

function write(db: BetterSqlite3.Database, rows: number): void {
  const insert = db.prepare("INSERT INTO t VALUES (?)");
  for (let i = 0; i < rows; i++) insert.run("x".repeat(500));
}

if (sqliteAddon()) {
  describe("Checkpointer", () => {
    it("turns the connection's automatic checkpoints off and checkpoints the whole WAL in its thread", async () => {
      const path = freshDbPath();
      const db = walDatabase(path);
      const cp = new Checkpointer(db, path);
      try {
        expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
        write(db, 10_000); // about 1,300 pages, past SQLite's 1,000: only the thread checkpoints now
        const before = db.pragma("wal_checkpoint(NOOP)") as Array<{ log: number; checkpointed: number }>;
        expect(before[0]?.checkpointed).toBe(0);
        const done = await cp.checkpoint();
        expect(done).not.toBeNull();
        expect(done?.busy).toBe(0);
        expect(done?.log).toBeGreaterThan(0);
        expect(done?.checkpointed).toBe(done?.log);
        expect(db.prepare("SELECT COUNT(*) FROM t").pluck().get()).toBe(10_000);
      } finally {
        cp.close();
        db.close();
      }
    });

    it(`asks for a checkpoint every ${CHECKPOINT_EVERY} writes, one at a time`, async () => {
      const path = freshDbPath();
      const db = walDatabase(path);
      const cp = new Checkpointer(db, path);
      try {
        write(db, 500);
        for (let i = 0; i < CHECKPOINT_EVERY - 1; i++) cp.noteWrite();
        const idle = cp.checkpoint(); // nothing in flight: a new one
        await idle;
        write(db, 500);
        for (let i = 0; i < CHECKPOINT_EVERY + 1; i++) cp.noteWrite();
        const asked = cp.checkpoint(); // the one noteWrite started, still in flight
        expect(cp.checkpoint()).toBe(asked);
        const done = await asked;
        expect(done?.checkpointed).toBe(done?.log);
      } finally {
        cp.close();
        db.close();
      }
    });

    it("goes back to SQLite's automatic checkpoints, with a warning, when the thread cannot open the database", async () => {
      const warnings: string[] = [];
      setLogHandler((level, message) => {
        if (level === "warn") warnings.push(message);
      });
      const path = freshDbPath();
      const db = walDatabase(path);
      unlinkSync(path); // this connection keeps its file; the thread finds none
      const cp = new Checkpointer(db, path);
      try {
        expect(await cp.checkpoint()).toBeNull();
        expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
        expect(warnings).toEqual([
          expect.stringMatching(/the checkpoint thread stopped .*checkpoints in the committing call again/),
        ]);
        expect(await cp.checkpoint()).toBeNull(); // and does not try again
      } finally {
        setLogHandler(null);
        cp.close();
        db.close();
      }
    });
  });
}
