/**
 * Checkpoints off the event loop. In WAL mode, commits append to `<file>-wal`; a checkpoint
 * copies the WAL back into the database file, and with `synchronous = NORMAL` it is the only
 * step that calls fsync (SQLite's "Write-Ahead Logging", §"Checkpointing" and §"Automatic
 * Checkpoint"; "PRAGMA synchronous": in WAL mode NORMAL syncs at checkpoints only). By default
 * SQLite runs a checkpoint inside the commit that brings the WAL past 1,000 pages, in the
 * committing call: better-sqlite3 being synchronous, that fsync blocks the worker's event loop
 * (measured with benchmarks/storage/sqlite-blocking.ts: 1% of writes took over 5 ms, the
 * longest 60 to 480 ms, all gone without checkpoints; figures in the README).
 *
 * So each storage (unless opened with `checkpoints: "inline"`) turns automatic checkpoints off
 * on its connection (`wal_autocheckpoint = 0`) and keeps a second connection in a worker
 * thread, started at the first checkpoint, that runs `PRAGMA wal_checkpoint(PASSIVE)` when
 * asked, every {@link CHECKPOINT_EVERY} write transactions. A PASSIVE checkpoint takes no
 * lock that writers or readers wait for: it copies what no reader still needs and leaves the
 * rest for the next one. Durability is unchanged (a commit is in the WAL, and survives a
 * process crash, either way). If the thread cannot start or fails, the connection goes back to
 * SQLite's automatic checkpoints, with a warning.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { log } from "@tunelab/study";
import type BetterSqlite3 from "better-sqlite3";

/** Write transactions between two checkpoint requests (SQLite's default is 1,000 WAL pages; a trial write is a few pages). */
export const CHECKPOINT_EVERY = 64;

/** SQLite's default `wal_autocheckpoint`, restored when the thread fails. */
const SQLITE_AUTOCHECKPOINT = 1000;

/** What a checkpoint did: PRAGMA wal_checkpoint's row. */
export interface CheckpointResult {
  /** 1 when a lock kept it from running (another checkpoint), else 0. */
  readonly busy: number;
  /** Frames in the WAL. */
  readonly log: number;
  /** Frames copied into the database file. */
  readonly checkpointed: number;
}

/**
 * The worker thread's code, as a script (a file beside this one would need the TypeScript
 * loader in the thread when running from sources). It opens the database with the driver
 * the main thread loaded, answers each "checkpoint" with the pragma's row, and on "close"
 * closes the connection and lets the thread end.
 */
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0, fileMustExist: true });
db.pragma("wal_autocheckpoint = 0");
parentPort.on("message", (m) => {
  if (m === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ ok: db.pragma("wal_checkpoint(PASSIVE)")[0] });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message), code: e && e.code });
  }
});
`;

type Reply = { readonly ok: CheckpointResult } | { readonly error: string; readonly code?: string };

/** The checkpoint thread of one storage, started at its first checkpoint. */
export class Checkpointer {
  /** The thread: null before the first checkpoint, "failed" once SQLite checkpoints again. */
  private worker: Worker | null | "failed" = null;
  private writes = 0;
  private inFlight: Promise<CheckpointResult | null> | null = null;
  private waiting: Array<(r: Reply | null) => void> = [];
  private failure: unknown = null;
  private closed = false;

  /**
   * Turns automatic checkpoints off on `db`; the thread starts at the first checkpoint.
   * @param db - the storage's connection.
   * @param path - the database file (absolute).
   */
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly path: string,
  ) {
    db.pragma("wal_autocheckpoint = 0");
  }

  /** Counts one committed write transaction; every {@link CHECKPOINT_EVERY} it asks the thread for a checkpoint (one at a time). */
  noteWrite(): void {
    if (++this.writes % CHECKPOINT_EVERY === 0 && this.inFlight === null) void this.checkpoint();
  }

  /**
   * Runs one PASSIVE checkpoint in the thread.
   * @returns what it did, or null when the thread failed (SQLite checkpoints automatically
   *   then), the storage is closed, or the checkpoint failed (a busy database: the next one
   *   catches up).
   */
  checkpoint(): Promise<CheckpointResult | null> {
    if (this.inFlight !== null) return this.inFlight;
    const worker = this.thread();
    if (worker === null) return Promise.resolve(null);
    const done = new Promise<Reply | null>((resolve) => this.waiting.push(resolve));
    worker.ref(); // a checkpoint under way keeps the process alive until it answers
    worker.postMessage("checkpoint");
    this.inFlight = done.then((r) => {
      worker.unref();
      this.inFlight = null;
      if (r === null) return null;
      if ("ok" in r) return r.ok;
      if (r.code !== "SQLITE_BUSY") {
        log(
          "warn",
          `SqliteStorage: ${this.path}: a checkpoint failed (${r.error}); the next one will try again`,
        );
      }
      return null;
    });
    return this.inFlight;
  }

  /**
   * Lets the thread end once it has answered what it was asked (closing its connection);
   * the process does not wait for it. No last checkpoint: the last connection to close
   * checkpoints the whole WAL, as SQLite does on close.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (worker === null || worker === "failed") return;
    worker.postMessage("close");
    worker.unref();
  }

  /** The thread, started when first needed; null when it cannot run. */
  private thread(): Worker | null {
    if (this.closed || this.worker === "failed") return null;
    if (this.worker !== null) return this.worker;
    let worker: Worker;
    try {
      const driver = createRequire(import.meta.url).resolve("better-sqlite3");
      worker = new Worker(THREAD, { eval: true, workerData: { driver, path: this.path } });
    } catch (e) {
      this.fallBack(e);
      return null;
    }
    worker.unref();
    worker.on("message", (r: Reply) => this.waiting.shift()?.(r));
    worker.on("error", (e) => {
      this.failure = e;
    });
    worker.on("exit", () => {
      for (const w of this.waiting.splice(0)) w(null);
      if (!this.closed) this.fallBack(this.failure ?? new Error("it exited"));
    });
    this.worker = worker;
    return worker;
  }

  /** Back to SQLite's automatic checkpoints on the storage's connection. */
  private fallBack(e: unknown): void {
    this.worker = "failed";
    try {
      this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    } catch {
      // The connection is closed: nothing to restore.
    }
    log(
      "warn",
      `SqliteStorage: ${this.path}: the checkpoint thread stopped (${e instanceof Error ? e.message : String(e)}); SQLite checkpoints in the committing call again, which blocks the event loop while it syncs`,
    );
  }
}
