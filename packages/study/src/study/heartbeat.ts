/**
 * Heartbeats: how a study shared by many workers notices that one of them died.
 *
 * A worker running a trial in `optimize` writes the time, every `heartbeatInterval` seconds,
 * into the trial's system attribute {@link HEARTBEAT_KEY}. Before starting a trial, a worker
 * looks at the RUNNING trials of other workers: one whose last beat is older than
 * `gracePeriod` is failed (with the reason), and `failedTrialCallback` runs on it, e.g.
 * {@link RetryFailedTrialCallback} to run its parameters again. This is Optuna's
 * `heartbeat_interval` / `grace_period` / `failed_trial_callback` of RDBStorage and its
 * `fail_stale_trials` (optuna/storages/_heartbeat.py, v3.1.0 and v5.0.0), with one
 * difference: the beat is an ordinary trial attribute written through `Storage.updateTrial`,
 * so it works on every storage (Optuna has heartbeats on RDB storages only; its journal
 * storage never got them, #6615) and the rules are one contract test for all.
 *
 * Only trials that have beaten at least once can become stale: a trial started with `ask()`
 * (the ask-and-tell interface, a CLI's `ask` whose process exits while training runs) never
 * beats and is never failed this way.
 */
import { UpdateFinishedTrialError } from "../errors/index.js";
import { log } from "../logging/index.js";
import { getKey } from "../records/index.js";
import type { Storage } from "../storage/storage.js";
import { FAIL_REASON_KEY, type FrozenTrial } from "../trial/frozen.js";
import type { Study } from "./study.js";

/** Trial system attribute holding the time (ms since the epoch) of the trial's last heartbeat. */
export const HEARTBEAT_KEY = "tunelab:heartbeat";

/** Called on each trial that a worker fails because its heartbeat stopped. */
export type FailedTrialCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

/** Heartbeat options of `createStudy` and `loadStudy`. */
export interface HeartbeatOptions {
  /**
   * Seconds between two heartbeats of a running trial. Without it there are no heartbeats
   * and no trial is failed for a stopped one. @defaultValue none
   */
  readonly heartbeatInterval?: number;
  /**
   * Seconds without a heartbeat after which a RUNNING trial is failed by the next worker
   * that starts a trial. @defaultValue 2 × heartbeatInterval (Optuna's default)
   */
  readonly gracePeriod?: number;
  /** Runs on each trial failed for a stopped heartbeat (e.g. `new RetryFailedTrialCallback()`). @defaultValue none */
  readonly failedTrialCallback?: FailedTrialCallback;
}

/** Validated heartbeat settings, in milliseconds. */
export interface HeartbeatSettings {
  readonly intervalMs: number;
  readonly graceMs: number;
  readonly failedTrialCallback: FailedTrialCallback | null;
}

/**
 * Checks heartbeat options.
 * @returns null when `heartbeatInterval` is not given.
 * @throws RangeError naming the option for a non-positive or non-finite interval or grace
 *   period, or a grace period shorter than the interval; TypeError for a callback that is
 *   not a function.
 */
export function heartbeatSettings(where: string, options: HeartbeatOptions): HeartbeatSettings | null {
  const { heartbeatInterval, gracePeriod, failedTrialCallback } = options;
  if (heartbeatInterval === undefined) {
    if (gracePeriod !== undefined || failedTrialCallback !== undefined) {
      throw new RangeError(`${where}: gracePeriod and failedTrialCallback need heartbeatInterval`);
    }
    return null;
  }
  if (
    typeof heartbeatInterval !== "number" ||
    !(heartbeatInterval > 0) ||
    !Number.isFinite(heartbeatInterval)
  ) {
    throw new RangeError(
      `${where}: heartbeatInterval must be a finite number of seconds > 0, got ${String(heartbeatInterval)}`,
    );
  }
  const grace = gracePeriod ?? 2 * heartbeatInterval;
  if (typeof grace !== "number" || !Number.isFinite(grace) || !(grace >= heartbeatInterval)) {
    throw new RangeError(
      `${where}: gracePeriod must be a finite number of seconds >= heartbeatInterval (${heartbeatInterval}), got ${String(gracePeriod)}`,
    );
  }
  if (failedTrialCallback !== undefined && typeof failedTrialCallback !== "function") {
    throw new TypeError(`${where}: failedTrialCallback must be a function`);
  }
  return {
    intervalMs: heartbeatInterval * 1000,
    graceMs: grace * 1000,
    failedTrialCallback: failedTrialCallback ?? null,
  };
}

/** The time of a trial's last heartbeat, or null when it never beat. */
export function lastHeartbeat(trial: FrozenTrial): number | null {
  const v = getKey(trial.systemAttrs, HEARTBEAT_KEY);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Fails the RUNNING trials among `running` whose last heartbeat is older than
 * `now − graceMs` (trials of this worker, `own`, excepted), each with one atomic update that
 * fails if another worker finished the trial first.
 * @returns the trials this call failed (another worker may have failed some first).
 */
export async function failStaleTrials(
  storage: Storage,
  running: readonly FrozenTrial[],
  own: (number: number) => boolean,
  now: number,
  graceMs: number,
): Promise<FrozenTrial[]> {
  const failed: FrozenTrial[] = [];
  for (const t of running.slice()) {
    if (t.state !== "RUNNING" || own(t.number)) continue;
    const beat = lastHeartbeat(t);
    if (beat === null || now - beat <= graceMs) continue;
    const reason = `its heartbeat stopped: last beat ${new Date(beat).toISOString()}, more than the grace period of ${graceMs / 1000} s before ${new Date(now).toISOString()} (its worker is presumed dead)`;
    try {
      failed.push(
        await storage.updateTrial(t.trialId, { state: "FAIL", systemAttrs: { [FAIL_REASON_KEY]: reason } }),
      );
      log("warn", `Trial ${t.number} failed: ${reason}`);
    } catch (e) {
      if (!(e instanceof UpdateFinishedTrialError)) throw e;
    }
  }
  return failed;
}
