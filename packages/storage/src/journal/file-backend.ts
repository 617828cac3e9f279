/**
 * JournalFileBackend: a journal kept in a file of JSON lines, Optuna's `JournalFileBackend`
 * (`JournalFileStorage` in 3.1): the same records, the same lock (see `file-lock.ts`), so
 * Python's Optuna and tunelab share one file (optuna/storages/_journal/file.py at v3.1.0,
 * optuna/storages/journal/_file.py at v5.0.0-rc1).
 *
 * Writing: the records of an append are encoded first, then, while the lock is held, written
 * with one `write` of all their lines at the end of the file (opened with O_APPEND). A file
 * whose last line has no newline (a writer died mid-write: the lock was broken since) is cut
 * back to its last complete line first, so the next record starts on a line of its own and
 * the file stays readable by every reader; a write that fails is cut back the same way.
 *
 * Reading: from the byte offset where the previous read stopped, so a read costs only the new
 * lines. Only complete lines are read: a last line without its newline (a write in progress,
 * or a writer that died) waits for the next read. A complete line that is not a record is a
 * write not yet fully visible (network file systems can show a line's end before its start)
 * while it is the last line, and corruption once a later line follows it:
 * {@link JournalCorruptLineError} names its line number, and `skipCorruptLines` skips it.
 */
import { isAscii } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Clock, checkClock, log, systemClock } from "@tunelab/study";
import type { JournalBackend, JournalRecord } from "./backend.js";
import { decodeJournalRecord, encodeJournalRecord, JournalRecordError } from "./codec.js";
import { JournalCorruptLineError, JournalFileError } from "./errors.js";
import { type HeldLock, JournalFileLock, type JournalLockKind } from "./file-lock.js";

/** Options of {@link JournalFileBackend}. */
export interface JournalFileBackendOptions {
  /**
   * How the lock `<file>.lock` is made: `"symlink"` (Optuna's default `JournalFileSymlinkLock`)
   * or `"open"` (`JournalFileOpenLock`, for file systems without symbolic links). Python
   * workers on the same file may use either: the two exclude each other.
   * @defaultValue "symlink"
   */
  readonly lock?: JournalLockKind;
  /**
   * Seconds a lock may stay unchanged before a waiting worker breaks it as stale (its holder
   * died); null never breaks one (Optuna 3.1's behaviour). A holder keeps the lock for one
   * write, milliseconds.
   * @defaultValue 30 (Optuna 5.0's `grace_period`)
   */
  readonly lockGracePeriod?: number | null;
  /**
   * Seconds to wait for the lock before an append throws `JournalLockTimeoutError`. Keep it
   * above `lockGracePeriod`, so that a stale lock is broken before the wait gives up.
   * @defaultValue 60
   */
  readonly lockTimeout?: number;
  /**
   * Call fsync after each append, as Optuna does. Without it a record is in the operating
   * system's cache when the append returns: it survives the death of the process (SIGKILL, an
   * out-of-memory kill, a preempted job) and on NFS reaches the server at close, but a power
   * loss or kernel crash of the writing machine can lose the last records (the file stays
   * readable: a torn last line is cut at the next append). With fsync an append waits for the
   * disk, which makes it several times slower (the storage README has the figures).
   * @defaultValue false
   */
  readonly fsync?: boolean;
  /**
   * Skip lines in the middle of the file that are not records (with a warning) instead of
   * throwing `JournalCorruptLineError`.
   * @defaultValue false
   */
  readonly skipCorruptLines?: boolean;
  /** Open for reading only: appends throw, and a read-only file is accepted. @defaultValue false */
  readonly readOnly?: boolean;
  /** The clock lock waits are measured and slept on. @defaultValue systemClock */
  readonly clock?: Clock;
}

/** How much is read at once. */
const CHUNK = 1 << 22;
const NEWLINE = 0x0a;

/** A journal file in Optuna's format (see the module comment). */
export class JournalFileBackend implements JournalBackend {
  /** The journal file's path as given. */
  readonly path: string;
  /** The lock shared with every worker on this file, Python's Optuna included. */
  readonly lock: JournalFileLock;
  private readonly fsync: boolean;
  private readonly skipCorruptLines: boolean;
  private readonly readOnly: boolean;
  /** Byte offset of the first line not read yet. */
  private offset = 0;
  /** Records read before {@link offset}. */
  private logNumber = 0;
  /** Lines read before {@link offset} (records, and skipped corrupt lines). */
  private lineNumber = 0;
  private closed = false;

  /**
   * Opens a journal file, creating it when it does not exist (as Optuna does), and checks
   * that it can be used: its directory exists, it is a file, writable (unless `readOnly`),
   * and holds a journal. Prefer this to the constructor, which checks nothing.
   * @throws JournalFileError naming the file and what is wrong; RangeError or TypeError for
   *   bad options.
   * @example
   * ```ts
   * const backend = await JournalFileBackend.open("./study.log", { lockGracePeriod: 10 });
   * ```
   */
  static async open(filePath: string, options: JournalFileBackendOptions = {}): Promise<JournalFileBackend> {
    const backend = new JournalFileBackend(filePath, options);
    backend.check();
    return backend;
  }

  /**
   * A backend on `filePath` without touching the file (see {@link JournalFileBackend.open}).
   * @throws TypeError or RangeError for a bad path or options, naming the option and its allowed values.
   */
  constructor(filePath: string, options: JournalFileBackendOptions = {}) {
    const where = "JournalFileBackend";
    if (typeof filePath !== "string" || filePath.length === 0 || filePath.includes("\0")) {
      throw new TypeError(
        `${where}: the journal path must be a non-empty string, got ${JSON.stringify(filePath)}`,
      );
    }
    if (options === null || typeof options !== "object")
      throw new TypeError(`${where}: options must be an object`);
    const kind = options.lock ?? "symlink";
    if (kind !== "symlink" && kind !== "open") {
      throw new RangeError(`${where}: lock must be "symlink" or "open", got ${JSON.stringify(kind)}`);
    }
    const grace = options.lockGracePeriod === undefined ? 30 : options.lockGracePeriod;
    if (grace !== null && !(typeof grace === "number" && grace > 0 && Number.isFinite(grace))) {
      throw new RangeError(
        `${where}: lockGracePeriod must be a positive number of seconds or null (never break a lock), got ${String(grace)}`,
      );
    }
    const timeout = options.lockTimeout ?? 60;
    if (!(typeof timeout === "number" && timeout > 0 && Number.isFinite(timeout))) {
      throw new RangeError(
        `${where}: lockTimeout must be a positive number of seconds, got ${String(timeout)}`,
      );
    }
    for (const flag of ["fsync", "skipCorruptLines", "readOnly"] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== "boolean") {
        throw new TypeError(`${where}: ${flag} must be true or false, got ${String(options[flag])}`);
      }
    }
    const clock = options.clock === undefined ? systemClock : checkClock(where, options.clock);
    this.path = filePath;
    this.fsync = options.fsync ?? false;
    this.skipCorruptLines = options.skipCorruptLines ?? false;
    this.readOnly = options.readOnly ?? false;
    this.lock = new JournalFileLock(filePath, {
      kind,
      graceMs: grace === null ? null : grace * 1000,
      timeoutMs: timeout * 1000,
      minDelayMs: 1,
      maxDelayMs: 32,
      clock,
    });
  }

  async readLogs(fromLogNumber: number): Promise<readonly JournalRecord[]> {
    this.assertOpen();
    if (!Number.isSafeInteger(fromLogNumber) || fromLogNumber < 0) {
      throw new RangeError(
        `JournalFileBackend.readLogs: fromLogNumber must be an integer >= 0, got ${fromLogNumber}`,
      );
    }
    if (fromLogNumber < this.logNumber) {
      // Only the end of the last read is remembered: start again from the top.
      this.offset = 0;
      this.logNumber = 0;
      this.lineNumber = 0;
    }
    const out: JournalRecord[] = [];
    let fd: number;
    try {
      fd = fs.openSync(this.path, "r");
    } catch (e) {
      throw this.fileError("read", e);
    }
    try {
      const size = fs.fstatSync(fd).size;
      if (size < this.offset) {
        throw new JournalFileError(
          `journal file ${this.path}: it is ${size} bytes long, shorter than the ${this.offset} bytes already read; it was truncated or replaced while in use`,
        );
      }
      let carry: Buffer | null = null;
      let carryStart = this.offset;
      let position = this.offset;
      // A bad complete line is held back until a later line proves it is not a write in progress.
      let suspect: { line: number; reason: string; end: number } | null = null;
      while (position < size) {
        const want = Math.min(CHUNK, size - position);
        const chunk = Buffer.allocUnsafe(want);
        const got = fs.readSync(fd, chunk, 0, want, position);
        if (got <= 0) break;
        position += got;
        const data: Buffer =
          carry === null ? chunk.subarray(0, got) : Buffer.concat([carry, chunk.subarray(0, got)]);
        // An ASCII chunk (the usual journal: Optuna's json.dumps escapes every other
        // character; tunelab writes them as UTF-8) is decoded once and cut into lines as a
        // string, where character offsets are byte offsets; other chunks are cut as bytes.
        // Cutting and parsing the lines of a 1,000-trial journal (850 KB) in a fresh process
        // took 27 ms of CPU one Buffer slice at a time, 12 ms this way (medians of 7 each).
        const whole = isAscii(data) ? data.toString("latin1") : null;
        let start = 0;
        for (;;) {
          const nl = whole !== null ? whole.indexOf("\n", start) : data.indexOf(NEWLINE, start);
          if (nl < 0) break;
          if (suspect !== null) {
            // A complete line follows the bad one: it is corruption, not a write in progress.
            if (!this.skipCorruptLines)
              throw new JournalCorruptLineError(this.path, suspect.line, suspect.reason);
            log(
              "warn",
              `journal file ${this.path}: skipped line ${suspect.line}, not a journal record (${suspect.reason})`,
            );
            this.lineNumber++;
            this.offset = suspect.end;
            suspect = null;
          }
          const lineEnd = carryStart + nl + 1;
          if (nl > start) {
            const text = whole !== null ? whole.slice(start, nl) : data.toString("utf8", start, nl);
            try {
              const record = decodeJournalRecord(text);
              if (this.logNumber >= fromLogNumber) out.push(record);
              this.logNumber++;
              this.lineNumber++;
              this.offset = lineEnd;
            } catch (e) {
              if (!(e instanceof JournalRecordError)) throw e;
              suspect = { line: this.lineNumber + 1, reason: e.message, end: lineEnd };
            }
          } else {
            // An empty line: Optuna never writes one; skip it like whitespace.
            this.lineNumber++;
            this.offset = lineEnd;
          }
          start = nl + 1;
        }
        carry = start < data.length ? data.subarray(start) : null;
        carryStart += start;
      }
    } finally {
      fs.closeSync(fd);
    }
    return out;
  }

  async appendLogs(records: readonly JournalRecord[]): Promise<void> {
    this.assertOpen();
    if (this.readOnly)
      throw new JournalFileError(`journal file ${this.path} was opened read-only (readOnly: true)`);
    if (records.length === 0) return;
    let text = "";
    for (const r of records) text += `${encodeJournalRecord(r)}\n`;
    const bytes = Buffer.from(text, "utf8");
    for (;;) {
      const held = await this.lock.acquire();
      let lost = false;
      try {
        lost = !this.writeLocked(bytes, held);
      } finally {
        // A release that checks what it removes (JournalFileLock.release), though the lock was
        // checked just before the write: the write and its fsync take time, in which another
        // worker may break this lock and take its own. An Optuna 5.0 worker waiting on a
        // symlink lock judges it by the journal's modification time (its os.stat follows the
        // link), so it can break a lock taken a moment ago when nothing was written for its
        // grace period; a worker of either kind breaks it when this process was paused. Its
        // lock is put back, not deleted, for one lstat more.
        if (!lost) this.lock.release(held);
      }
      if (!lost) return;
      // This process was paused past the grace period and another worker broke its lock
      // before anything was written: wait for the lock again.
      log("warn", `journal file ${this.path}: lost the lock before writing; waiting for it again`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /**
   * Writes while holding the lock: repair a torn last line, one write, optional fsync.
   * @returns false (nothing written) when the lock is no longer `held`'s.
   */
  private writeLocked(bytes: Buffer, held: HeldLock): boolean {
    let fd: number;
    try {
      fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_APPEND);
    } catch (e) {
      throw this.fileError("append to", e);
    }
    try {
      if (!this.lock.stillHeld(held)) return false;
      let size = fs.fstatSync(fd).size;
      if (size > 0 && !this.endsWithNewline(fd, size)) size = this.cutTornLine(fd, size);
      let written = 0;
      try {
        while (written < bytes.length) {
          written += fs.writeSync(fd, bytes, written, bytes.length - written);
        }
        if (this.fsync) fs.fsyncSync(fd);
      } catch (e) {
        // Leave the file as it was: no partial record stays behind.
        try {
          fs.ftruncateSync(fd, size);
        } catch {
          // The next append cuts the torn line.
        }
        throw this.fileError("append to", e);
      }
    } finally {
      fs.closeSync(fd);
    }
    return true;
  }

  private endsWithNewline(fd: number, size: number): boolean {
    const b = Buffer.alloc(1);
    return fs.readSync(fd, b, 0, 1, size - 1) === 1 && b[0] === NEWLINE;
  }

  /** Cuts the file back to its last complete line; returns the new size. */
  private cutTornLine(fd: number, size: number): number {
    let end = size;
    let keep = 0;
    const buf = Buffer.allocUnsafe(1 << 16);
    while (end > 0) {
      const start = Math.max(0, end - buf.length);
      const n = fs.readSync(fd, buf, 0, end - start, start);
      const nl = buf.subarray(0, n).lastIndexOf(NEWLINE);
      if (nl >= 0) {
        keep = start + nl + 1;
        break;
      }
      end = start;
    }
    fs.ftruncateSync(fd, keep);
    log(
      "warn",
      `journal file ${this.path}: removed an incomplete last line (${size - keep} bytes) left by a writer that stopped mid-write`,
    );
    return keep;
  }

  /** The checks of {@link JournalFileBackend.open}. */
  private check(): void {
    const dir = path.dirname(path.resolve(this.path));
    let dirStat: fs.Stats;
    try {
      dirStat = fs.statSync(dir);
    } catch (e) {
      throw new JournalFileError(
        `journal file ${this.path}: its directory ${dir} does not exist (${errno(e)}); create it first, e.g. mkdir -p ${dir}`,
      );
    }
    if (!dirStat.isDirectory())
      throw new JournalFileError(`journal file ${this.path}: ${dir} is not a directory`);
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(this.path);
    } catch (e) {
      if (errno(e) !== "ENOENT") throw this.fileError("open", e);
    }
    if (st === null) {
      if (this.readOnly)
        throw new JournalFileError(`journal file ${this.path} does not exist (opened read-only)`);
      try {
        fs.closeSync(fs.openSync(this.path, "a"));
      } catch (e) {
        throw this.fileError("create", e);
      }
      return;
    }
    if (!st.isFile()) {
      throw new JournalFileError(`journal file ${this.path} is not a regular file (a directory or a device)`);
    }
    try {
      fs.accessSync(this.path, this.readOnly ? fs.constants.R_OK : fs.constants.R_OK | fs.constants.W_OK);
    } catch (e) {
      throw this.fileError(this.readOnly ? "read" : "write to", e);
    }
    this.checkLooksLikeJournal(st.size);
  }

  /** Throws unless the file is empty or starts with a journal record. */
  private checkLooksLikeJournal(size: number): void {
    if (size === 0) return;
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    const fd = fs.openSync(this.path, "r");
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    const nl = head.indexOf(NEWLINE);
    const notJournal = (why: string): JournalFileError =>
      new JournalFileError(
        `${this.path} is not a journal file: ${why}. A journal file holds one Optuna journal record per line ({"op_code": ..., "worker_id": ...}); give another path for a new journal`,
      );
    if (nl < 0) {
      // No complete line: a first record being written (or torn), or something else entirely.
      if (!/^\s*\{\s*"op_code"\s*:/.test(head.toString("latin1", 0, Math.min(head.length, 64)))) {
        throw notJournal("its start is not a journal record");
      }
      return;
    }
    try {
      decodeJournalRecord(head.toString("utf8", 0, nl));
    } catch (e) {
      throw notJournal(`its first line is not a journal record (${(e as Error).message})`);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new JournalFileError(`journal file ${this.path}: the backend is closed`);
  }

  private fileError(what: string, e: unknown): JournalFileError {
    const code = errno(e);
    let hint = "";
    if (code === "ENOENT") {
      const dir = path.dirname(path.resolve(this.path));
      hint = fs.existsSync(dir)
        ? ": the file does not exist (was it deleted while in use?)"
        : `: its directory ${dir} does not exist`;
    } else if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      hint = what === "read" ? ": the file is not readable" : ": the file or its directory is read-only";
    } else if (code === "EISDIR") {
      hint = ": it is a directory";
    }
    return new JournalFileError(`journal file ${this.path}: cannot ${what} it (${code ?? String(e)})${hint}`);
  }
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}
