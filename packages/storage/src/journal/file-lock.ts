/**
 * The journal file's lock, Optuna's protocol, so that Python's Optuna workers and tunelab
 * workers on one journal exclude each other (optuna/storages/_journal/file.py at v3.1.0,
 * optuna/storages/journal/_file.py at v5.0.0-rc1, the same protocol in both):
 *
 * - the lock is the path `<journal>.lock`, created atomically: as a symbolic link
 *   (`JournalFileSymlinkLock`, Optuna's default, for NFSv2 and later) or as a file opened with
 *   `O_CREAT | O_EXCL` (`JournalFileOpenLock`, NFSv3 and later). Creating either fails with
 *   EEXIST while the other kind or the same kind exists, so the two kinds exclude each other
 *   too. Optuna's symlink points at the journal path it was given; tunelab's points at the
 *   journal's base name, which resolves from the link's own directory on every host;
 * - a waiter retries with a growing sleep (Optuna: 1 ms doubling up to 1 s);
 * - release renames `<journal>.lock` to `<journal>.lock<uuid4>.rename` and unlinks that, so a
 *   release never deletes a lock another worker created meanwhile;
 * - stale locks: Optuna 3.1 waits forever for a lock whose holder died (Optuna #5921); Optuna
 *   5.0 forcibly releases a lock whose modification time has not changed for `grace_period`
 *   seconds (30 by default) as seen by the waiter's own clock, by the same rename and unlink.
 *
 * tunelab takes the 5.0 protocol with three refinements that stay compatible with it:
 * - the lock's identity is its inode and modification time read with `lstat` (the link or
 *   file itself: Optuna's `os.stat` follows the symlink to the journal), so a lock re-created
 *   by the next holder counts as new and restarts the grace period;
 * - the breaker renames the stale lock aside and checks that what it moved is the lock it
 *   judged stale; if a new holder's lock was moved instead (two waiters breaking at once),
 *   it is linked back (link(2) fails instead of replacing a third lock);
 * - a holder checks that the lock is still its own before writing and before releasing, so
 *   a holder that was paused past the grace period never writes under, nor deletes, the lock
 *   of the worker that broke its own.
 * And a wait ends: after `timeout` seconds it throws {@link JournalLockTimeoutError}.
 *
 * Why not proper-lockfile (the lock library this project's guide recommends): it locks with
 * a directory `<file>.lock` (mkdir) and refreshes its mtime, a protocol Optuna does not know;
 * a Python worker would never see a tunelab worker's lock and both would write at once.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Clock, log, sleep } from "@tunelab/study";
import { JournalFileError, JournalLockTimeoutError } from "./errors.js";

/** How the lock file is created: Optuna's `JournalFileSymlinkLock` or `JournalFileOpenLock`. */
export type JournalLockKind = "symlink" | "open";

/** Settings of {@link JournalFileLock}. */
export interface JournalFileLockSettings {
  readonly kind: JournalLockKind;
  /** Milliseconds a lock may stay unchanged before it is broken as stale; null never breaks one. */
  readonly graceMs: number | null;
  /** Milliseconds to wait for the lock before throwing. */
  readonly timeoutMs: number;
  /** The first retry delay and its cap, in milliseconds. */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly clock: Clock;
}

/** The identity of one lock file: created once, never modified. */
interface LockIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly mtimeMs: number;
}

/** A held lock. */
export interface HeldLock {
  readonly identity: LockIdentity;
}

const sameLock = (a: LockIdentity, b: LockIdentity): boolean =>
  a.dev === b.dev && a.ino === b.ino && a.mtimeMs === b.mtimeMs;

function identityOf(st: fs.Stats): LockIdentity {
  return { dev: st.dev, ino: st.ino, mtimeMs: st.mtimeMs };
}

/** Immediate retries (one event-loop turn each) before the first timed sleep. */
const SPINS = 8;
/** A lock held this long by the same holder is not contention but a long (or dead) hold. */
const LONG_HOLD_MS = 100;
/** The longest sleep then, Optuna's cap. */
const LONG_HOLD_MAX_DELAY_MS = 1000;

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if (errno(e) !== "ENOENT") throw e;
  }
}

/** The lock of one journal file, `<journal>.lock`. */
export class JournalFileLock {
  /** The lock's path: the journal's path followed by `.lock`. */
  readonly lockPath: string;
  private readonly target: string;

  /**
   * @param journalPath - the journal file; the lock is `journalPath + ".lock"`.
   */
  constructor(
    readonly journalPath: string,
    private readonly settings: JournalFileLockSettings,
  ) {
    this.lockPath = `${journalPath}.lock`;
    this.target = path.basename(journalPath);
  }

  /**
   * Waits for the lock and takes it.
   * @throws JournalLockTimeoutError after the timeout; JournalFileError when the lock cannot
   *   be created at all (a missing or read-only directory, symlinks not supported).
   */
  async acquire(): Promise<HeldLock> {
    const { clock, timeoutMs, graceMs } = this.settings;
    const start = clock.now();
    let delay = this.settings.minDelayMs;
    let spins = 0;
    let seen: { identity: LockIdentity; since: number } | null = null;
    for (;;) {
      const held = this.tryCreate();
      if (held !== null) return held;
      if (spins < SPINS) {
        // A lock is held for one write (tens of microseconds): look again after a turn of the
        // event loop before sleeping on a timer (a timer sleeps a millisecond at least).
        spins++;
        await clock.yield();
        continue;
      }
      const current = this.currentIdentity();
      if (current === null) continue; // released in between: try again at once
      // Read after the lstat, never before: a waiter paused between the two would otherwise
      // date its first sight of a lock that was created during the pause to before it, and
      // break that fresh lock as soon as it looked again.
      const now = clock.now();
      if (seen === null || !sameLock(seen.identity, current)) {
        seen = { identity: current, since: now };
      } else if (graceMs !== null && now - seen.since > graceMs) {
        this.breakStale(current, now - seen.since);
        seen = null;
        delay = this.settings.minDelayMs;
        continue;
      }
      if (now - start >= timeoutMs) {
        const unchanged = ((now - seen.since) / 1000).toFixed(1);
        throw new JournalLockTimeoutError(
          `journal file ${this.journalPath}: could not take the lock ${this.lockPath} within ${timeoutMs / 1000} s; ` +
            `another worker holds it (the same lock for ${unchanged} s${
              graceMs === null ? "" : `; a lock unchanged for ${graceMs / 1000} s is broken as stale`
            }). If no worker is running, delete ${this.lockPath}; else raise lockTimeout.`,
        );
      }
      await sleep(clock, Math.min(delay, Math.max(0, start + timeoutMs - now)));
      // Short sleeps while the lock changes hands (contention: each holder keeps it for one
      // write); Optuna's long ones (up to 1 s) once the same lock stays, so that many waiters
      // on a network file system do not flood its server while a lock ages towards stale.
      const cap = now - seen.since >= LONG_HOLD_MS ? LONG_HOLD_MAX_DELAY_MS : this.settings.maxDelayMs;
      delay = Math.min(delay * 2, cap);
    }
  }

  /** True when the lock file is still the one `held` created (nobody broke it). */
  stillHeld(held: HeldLock): boolean {
    const current = this.currentIdentity();
    return current !== null && sameLock(current, held.identity);
  }

  /**
   * Releases the lock (Optuna's rename-then-unlink). A lock that is no longer this holder's
   * (another worker broke it as stale) is left alone, with a warning.
   */
  release(held: HeldLock): void {
    const aside = `${this.lockPath}${randomUUID()}.rename`;
    try {
      fs.renameSync(this.lockPath, aside);
    } catch (e) {
      if (errno(e) === "ENOENT") {
        log("warn", `journal lock ${this.lockPath} was broken by another worker while this one held it`);
        return;
      }
      throw this.fileError("release", e);
    }
    this.putBackUnless(aside, held.identity, "while this one held it");
  }

  /** Creates the lock file, or returns null when it exists. */
  private tryCreate(): HeldLock | null {
    try {
      if (this.settings.kind === "symlink") {
        fs.symlinkSync(this.target, this.lockPath);
        return { identity: identityOf(fs.lstatSync(this.lockPath)) };
      }
      const fd = fs.openSync(
        this.lockPath,
        fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY,
      );
      try {
        return { identity: identityOf(fs.fstatSync(fd)) };
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if (errno(e) === "EEXIST") return null;
      throw this.fileError("create", e);
    }
  }

  private currentIdentity(): LockIdentity | null {
    try {
      return identityOf(fs.lstatSync(this.lockPath));
    } catch (e) {
      if (errno(e) === "ENOENT") return null;
      throw this.fileError("inspect", e);
    }
  }

  /** Breaks a lock that stayed the same for longer than the grace period. */
  private breakStale(stale: LockIdentity, unchangedMs: number): void {
    const aside = `${this.lockPath}${randomUUID()}.rename`;
    try {
      fs.renameSync(this.lockPath, aside);
    } catch (e) {
      if (errno(e) === "ENOENT") return; // its holder released it, or another waiter broke it
      throw this.fileError("break", e);
    }
    if (this.putBackUnless(aside, stale, "")) {
      log(
        "warn",
        `journal lock ${this.lockPath} was not released for ${(unchangedMs / 1000).toFixed(1)} s (its holder died?): broke it`,
      );
    }
  }

  /**
   * After moving the lock to `aside`: deletes it if it is `expected`, else links it back to
   * the lock path (it was another holder's) and deletes the aside name.
   * @returns true when the moved lock was `expected`.
   */
  private putBackUnless(aside: string, expected: LockIdentity, context: string): boolean {
    let moved: LockIdentity | null = null;
    try {
      moved = identityOf(fs.lstatSync(aside));
    } catch {
      // Vanished: nothing to put back.
    }
    if (moved === null || sameLock(moved, expected)) {
      unlinkQuietly(aside);
      return moved !== null;
    }
    try {
      fs.linkSync(aside, this.lockPath);
    } catch (e) {
      log(
        "warn",
        `journal lock ${this.lockPath}: moved another worker's lock aside ${context} and could not put it back (${errno(e) ?? String(e)})`,
      );
    }
    unlinkQuietly(aside);
    if (context !== "") {
      log("warn", `journal lock ${this.lockPath} was broken by another worker ${context}`);
    }
    return false;
  }

  private fileError(what: string, e: unknown): JournalFileError {
    const code = errno(e);
    const dir = path.dirname(path.resolve(this.lockPath));
    let hint = "";
    if (code === "ENOENT") hint = `: the directory ${dir} does not exist`;
    else if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      hint =
        this.settings.kind === "symlink" && code === "EPERM"
          ? `: the file system refuses symbolic links or the directory ${dir} is not writable; try lock: "open"`
          : `: the directory ${dir} is not writable (the lock file is created beside the journal)`;
    }
    return new JournalFileError(
      `journal file ${this.journalPath}: cannot ${what} the lock ${this.lockPath} (${code ?? String(e)})${hint}`,
    );
  }
}
