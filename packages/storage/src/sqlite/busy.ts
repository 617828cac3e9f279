/**
 * Waiting for the write lock. SQLite lets one connection write at a time; another that wants
 * to write while the lock is held gets `SQLITE_BUSY`. Two layers keep that from reaching the
 * user as "database is locked":
 *
 * 1. SQLite's own busy handler, for a short slice (the connection's `busy_timeout`, see
 *    `open.ts`): it sleeps and retries inside the call, which blocks this process's event loop,
 *    so the slice is kept short;
 * 2. then this module: it retries the whole transaction after an asynchronous wait that grows
 *    (1, 2, 4, ... ms, at most 50 ms, each with a random jitter of ±50% so that waiting
 *    processes do not retry in step), letting the event loop run meanwhile, until the busy
 *    timeout has passed; only then does it throw, with a message that names the file.
 *
 * The waits are in real time (`performance.now()` and a timer), not on the storage's clock:
 * the lock is held by another process, which releases it in real time whatever clock this
 * one's trials are dated by (a manual or simulated clock would never let the wait end). No
 * connection of one process can hold the lock across a wait of another (every transaction
 * begins and ends inside one synchronous call), so in one process the wait never happens.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { Rng } from "@tunelab/math/random";
import { sqliteCode } from "./errors.js";

/** Longest single wait between two attempts, in ms. */
const MAX_WAIT_MS = 50;

/** True for SQLite's "the database is locked by another connection" results (`SQLITE_BUSY` and its extended codes). */
export function isBusy(e: unknown): boolean {
  return sqliteCode(e)?.startsWith("SQLITE_BUSY") ?? false;
}

/** How {@link retryWhileBusy} waits. */
export interface BusyRetryPolicy {
  /** Total time to keep trying, in ms. */
  readonly timeoutMs: number;
  /** The jitter's random stream. */
  readonly rng: Rng;
  /** The error to throw when the time is up (`waitedMs` since the first attempt, `last` the last busy error). */
  readonly onTimeout: (waitedMs: number, last: unknown) => Error;
}

/**
 * Runs `attempt` (one whole transaction) until it does not fail with `SQLITE_BUSY`; another
 * error is thrown at once.
 * @throws what `policy.onTimeout` returns once `policy.timeoutMs` has passed.
 */
export async function retryWhileBusy<T>(attempt: () => T, policy: BusyRetryPolicy): Promise<T> {
  const start = performance.now();
  for (let k = 0; ; k++) {
    try {
      return attempt();
    } catch (e) {
      if (!isBusy(e)) throw e;
      const waited = performance.now() - start;
      if (waited >= policy.timeoutMs) throw policy.onTimeout(waited, e);
      const step = Math.min(MAX_WAIT_MS, 2 ** Math.min(k, 6));
      await delay(Math.min(step * (0.5 + policy.rng.random()), policy.timeoutMs - waited));
    }
  }
}
