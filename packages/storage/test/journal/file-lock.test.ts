import * as fs from "node:fs";
import * as path from "node:path";
import { type LogLevel, ManualClock, setLogHandler } from "@tunelab/study";
import { afterEach, describe, expect, it } from "vitest";
import {
  JournalFileError,
  JournalFileLock,
  type JournalLockKind,
  JournalLockTimeoutError,
} from "../../src/journal/index.js";
import { withFsHook } from "./fs-hook.js";
import { tempDir } from "./tmp.js";

const warnings: string[] = [];
setLogHandler((level: Exclude<LogLevel, "silent">, message: string) => {
  if (level === "warn") warnings.push(message);
});
afterEach(() => {
  warnings.length = 0;
});

function lockOf(kind: JournalLockKind, clock: ManualClock, grace: number | null = 1000, timeout = 60_000) {
  const journal = path.join(tempDir(), "s.log");
  fs.writeFileSync(journal, "");
  return new JournalFileLock(journal, {
    kind,
    graceMs: grace,
    timeoutMs: timeout,
    minDelayMs: 1,
    maxDelayMs: 32,
    clock,
  });
}

/** Lets the promise run, advancing the manual clock by `stepMs` between turns, until it settles. */
async function drive<T>(p: Promise<T>, clock: ManualClock, stepMs: number, maxSteps = 10_000): Promise<T> {
  let settled = false;
  const done = (): void => {
    settled = true;
  };
  p.then(done, done);
  for (let i = 0; i < maxSteps && !settled; i++) {
    await new Promise((r) => setImmediate(r));
    if (!settled) clock.advance(stepMs);
  }
  return p;
}

/** Advances the clock in steps while the promise stays pending; returns whether it is still pending. */
async function stillPendingAfter(
  p: Promise<unknown>,
  clock: ManualClock,
  totalMs: number,
  stepMs = 10,
): Promise<boolean> {
  let settled = false;
  void p.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let t = 0; t < totalMs && !settled; t += stepMs) {
    await new Promise((r) => setImmediate(r));
    clock.advance(stepMs);
  }
  await new Promise((r) => setImmediate(r));
  return !settled;
}

const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.includes(".rename"));

describe("JournalFileLock", () => {
  it("symlink kind: <journal>.lock is a symbolic link to the journal's base name (Optuna's JournalFileSymlinkLock), removed on release", async () => {
    const clock = new ManualClock();
    const lock = lockOf("symlink", clock);
    const held = await lock.acquire();
    expect(lock.lockPath).toBe(`${lock.journalPath}.lock`);
    expect(fs.lstatSync(lock.lockPath).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(lock.lockPath)).toBe("s.log");
    expect(fs.realpathSync(lock.lockPath)).toBe(fs.realpathSync(lock.journalPath));
    expect(lock.stillHeld(held)).toBe(true);
    lock.release(held);
    expect(fs.existsSync(lock.lockPath)).toBe(false);
    expect(leftovers(path.dirname(lock.journalPath))).toEqual([]);
  });

  it("open kind: <journal>.lock is a file created with O_CREAT|O_EXCL (Optuna's JournalFileOpenLock)", async () => {
    const clock = new ManualClock();
    const lock = lockOf("open", clock);
    const held = await lock.acquire();
    expect(fs.lstatSync(lock.lockPath).isFile()).toBe(true);
    lock.release(held);
    expect(fs.existsSync(lock.lockPath)).toBe(false);
  });

  for (const [holder, waiter] of [
    ["symlink", "open"],
    ["open", "symlink"],
    ["symlink", "symlink"],
  ] as const) {
    it(`a ${holder} lock makes a ${waiter} waiter wait until it is released`, async () => {
      const clock = new ManualClock();
      const a = lockOf(holder, clock, null);
      const b = new JournalFileLock(a.journalPath, {
        kind: waiter,
        graceMs: null,
        timeoutMs: 60_000,
        minDelayMs: 1,
        maxDelayMs: 32,
        clock,
      });
      const held = await a.acquire();
      const waiting = b.acquire();
      expect(await stillPendingAfter(waiting, clock, 5_000)).toBe(true);
      a.release(held);
      const got = await drive(waiting, clock, 10);
      expect(b.stillHeld(got)).toBe(true);
      b.release(got);
    });
  }

  it("breaks a lock that stayed the same for longer than the grace period (its holder died), with a warning", async () => {
    const clock = new ManualClock();
    const lock = lockOf("symlink", clock, 30_000);
    fs.symlinkSync("s.log", lock.lockPath); // left by a dead worker
    const waiting = lock.acquire();
    expect(await stillPendingAfter(waiting, clock, 29_000, 100)).toBe(true);
    const held = await drive(waiting, clock, 100);
    expect(lock.stillHeld(held)).toBe(true);
    expect(warnings.some((w) => /was not released for 3\d\.\d s/.test(w))).toBe(true);
    lock.release(held);
    expect(leftovers(path.dirname(lock.journalPath))).toEqual([]);
  });

  it("a waiter paused just before it looks at the lock dates a lock taken meanwhile from its first sight, not from before the pause", async () => {
    const clock = new ManualClock();
    const lock = lockOf("open", clock, 30_000, 600_000);
    fs.writeFileSync(lock.lockPath, ""); // another worker's lock
    const { result: pending } = await withFsHook(
      "lstatSync",
      (file) => {
        if (file !== lock.lockPath) return false;
        // The waiter's first look at the lock: it was paused for 40 s just before, while
        // that lock was released and the next worker took a new one.
        clock.advance(40_000);
        fs.rmSync(lock.lockPath);
        fs.writeFileSync(lock.lockPath, "");
        fs.utimesSync(lock.lockPath, new Date(2_000_000), new Date(2_000_000));
        return true;
      },
      async () => {
        const waiting = lock.acquire();
        // The new lock is not 40 s old: it is left alone for the grace period from now.
        return { waiting, pending: await stillPendingAfter(waiting, clock, 29_000, 100) };
      },
    );
    expect(pending.pending).toBe(true);
    expect(warnings).toEqual([]);
    const held = await drive(pending.waiting, clock, 100);
    expect(warnings.filter((w) => /was not released for 3\d\.\d s/.test(w))).toHaveLength(1);
    lock.release(held);
  });

  it("restarts the grace period when the lock changes hands (a new lock file is not stale)", async () => {
    const clock = new ManualClock();
    const lock = lockOf("open", clock, 10_000);
    const other = lock.lockPath;
    fs.writeFileSync(other, "");
    const waiting = lock.acquire();
    expect(await stillPendingAfter(waiting, clock, 6_000, 100)).toBe(true);
    // Another worker releases and the next one takes the lock: a new file.
    fs.rmSync(other);
    fs.writeFileSync(other, "");
    fs.utimesSync(other, new Date(1_000_000), new Date(1_000_000));
    expect(await stillPendingAfter(waiting, clock, 8_000, 100)).toBe(true); // 14 s since the first, 8 s since the new lock
    const held = await drive(waiting, clock, 100);
    expect(warnings.filter((w) => /not released/.test(w))).toHaveLength(1);
    lock.release(held);
  });

  it("never hangs: without a grace period the wait ends with JournalLockTimeoutError naming the lock and what to do", async () => {
    const clock = new ManualClock();
    const lock = lockOf("symlink", clock, null, 60_000);
    fs.symlinkSync("s.log", lock.lockPath);
    const error = await drive(lock.acquire(), clock, 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalLockTimeoutError);
    expect((error as Error).message).toContain(`could not take the lock ${lock.lockPath} within 60 s`);
    expect((error as Error).message).toContain(`delete ${lock.lockPath}`);
    expect(fs.lstatSync(lock.lockPath).isSymbolicLink()).toBe(true); // left alone
  });

  it("leaves alone a lock that another worker took after breaking this holder's (a holder paused past the grace period)", async () => {
    const clock = new ManualClock();
    const lock = lockOf("symlink", clock);
    const held = await lock.acquire();
    // Another worker judged it stale: broke it and took its own.
    fs.rmSync(lock.lockPath);
    fs.writeFileSync(lock.lockPath, "");
    const theirs = fs.lstatSync(lock.lockPath).ino;
    expect(lock.stillHeld(held)).toBe(false);
    lock.release(held);
    expect(fs.lstatSync(lock.lockPath).ino).toBe(theirs);
    expect(warnings.some((w) => /broken by another worker/.test(w))).toBe(true);
    expect(leftovers(path.dirname(lock.journalPath))).toEqual([]);
  });

  it("a lock released by its holder before the breaker renames it is not broken twice", async () => {
    const clock = new ManualClock();
    const lock = lockOf("symlink", clock, 1000);
    const held = await lock.acquire();
    lock.release(held);
    const again = await lock.acquire();
    expect(lock.stillHeld(again)).toBe(true);
    lock.release(again);
    expect(warnings).toEqual([]);
  });

  it("throws JournalFileError naming the missing directory", async () => {
    const clock = new ManualClock();
    const lock = new JournalFileLock(path.join(tempDir(), "no", "such", "s.log"), {
      kind: "symlink",
      graceMs: 1000,
      timeoutMs: 1000,
      minDelayMs: 1,
      maxDelayMs: 32,
      clock,
    });
    await expect(lock.acquire()).rejects.toThrow(JournalFileError);
    await expect(lock.acquire()).rejects.toThrow(/no\/such does not exist/);
  });
});
