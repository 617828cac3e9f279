/**
 * Ready-made callbacks: `MaxTrialsCallback` for `optimize`, `RetryFailedTrialCallback` for
 * trials failed by a stopped heartbeat.
 */
import { getKey, setKey } from "../records/index.js";
import { createFrozenTrial, FAIL_REASON_KEY, type FrozenTrial } from "../trial/frozen.js";
import { isTrialState, type JsonValue, type TrialState } from "../trial/state.js";
import { HEARTBEAT_KEY } from "./heartbeat.js";
import type { Study, TrialCallback } from "./study.js";

/** Options of {@link MaxTrialsCallback}. */
export interface MaxTrialsCallbackOptions {
  /** Which trials count. @defaultValue ["COMPLETE"] */
  readonly states?: readonly TrialState[];
}

/**
 * Stops the study once it holds `nTrials` trials in the given states, counting trials of
 * every worker sharing the storage (Optuna's `MaxTrialsCallback`): with several processes
 * each running `optimize` without `nTrials`, the study as a whole stops at the total.
 *
 * @example
 * ```ts
 * await study.optimize(objective, { callbacks: [new MaxTrialsCallback(100)] });
 * ```
 */
export class MaxTrialsCallback implements TrialCallback {
  readonly nTrials: number;
  readonly states: readonly TrialState[];

  /**
   * @throws RangeError unless nTrials is an integer >= 0 and every state is a trial state.
   */
  constructor(nTrials: number, options: MaxTrialsCallbackOptions = {}) {
    if (!Number.isSafeInteger(nTrials) || nTrials < 0) {
      throw new RangeError(`MaxTrialsCallback: nTrials must be an integer >= 0, got ${String(nTrials)}`);
    }
    const states = options.states ?? ["COMPLETE"];
    if (!Array.isArray(states) || states.length === 0 || !states.every(isTrialState)) {
      throw new RangeError(
        `MaxTrialsCallback: states must be a non-empty array of RUNNING, COMPLETE, PRUNED, FAIL or WAITING, got ${JSON.stringify(states)}`,
      );
    }
    this.nTrials = nTrials;
    this.states = states.slice();
  }

  /** Stops `study` when it holds `nTrials` trials in `states` (after reading other workers' trials). */
  async onTrialFinished(study: Study, _trial: FrozenTrial): Promise<void> {
    await study.refresh();
    if (study.getTrials({ states: this.states }).length >= this.nTrials) study.stop();
  }
}

/** Trial system attribute: the number of the trial a retried trial first came from (Optuna's key). */
export const FAILED_TRIAL_KEY = "failed_trial";
/** Trial system attribute: the numbers of the earlier attempts of a retried trial, oldest first (Optuna's key). */
export const RETRY_HISTORY_KEY = "retry_history";

/** Options of {@link RetryFailedTrialCallback}. */
export interface RetryFailedTrialCallbackOptions {
  /** How many times one original trial may be retried. @defaultValue unlimited */
  readonly maxRetry?: number;
  /** Give the retry the failed trial's reported values (a resumable objective can skip those steps). @defaultValue false */
  readonly inheritIntermediateValues?: boolean;
}

/**
 * A `failedTrialCallback` (see `createStudy({ heartbeatInterval, failedTrialCallback })`)
 * that enqueues a trial failed for a stopped heartbeat again, with the same parameters and
 * user attributes, as Optuna's `RetryFailedTrialCallback` does (optuna/_callbacks.py,
 * v3.1.0): the retry carries `failed_trial` (the first attempt's number) and
 * `retry_history` (every earlier attempt) in its system attributes, so a chain of retries
 * can be followed and capped with `maxRetry`.
 *
 * @example
 * ```ts
 * const study = await createStudy({
 *   storage: "journal:./study.log", studyName: "lr", loadIfExists: true,
 *   heartbeatInterval: 60, failedTrialCallback: new RetryFailedTrialCallback({ maxRetry: 3 }).callback,
 * });
 * ```
 */
export class RetryFailedTrialCallback {
  readonly maxRetry: number | null;
  readonly inheritIntermediateValues: boolean;
  /** The function to pass as `failedTrialCallback`. */
  readonly callback: (study: Study, trial: FrozenTrial) => Promise<void>;

  /** @throws RangeError unless maxRetry is an integer >= 0. */
  constructor(options: RetryFailedTrialCallbackOptions = {}) {
    const maxRetry = options.maxRetry;
    if (maxRetry !== undefined && (!Number.isSafeInteger(maxRetry) || maxRetry < 0)) {
      throw new RangeError(
        `RetryFailedTrialCallback: maxRetry must be an integer >= 0, got ${String(maxRetry)}`,
      );
    }
    this.maxRetry = maxRetry ?? null;
    this.inheritIntermediateValues = options.inheritIntermediateValues ?? false;
    this.callback = (study, trial) => this.retry(study, trial);
  }

  /** The number of the first attempt of a retried trial, or null for a trial that is not a retry. */
  static retriedTrialNumber(trial: FrozenTrial): number | null {
    const v = getKey(trial.systemAttrs, FAILED_TRIAL_KEY);
    return typeof v === "number" ? v : null;
  }

  /** The numbers of the earlier attempts of a retried trial, oldest first ([] for a first attempt). */
  static retryHistory(trial: FrozenTrial): number[] {
    const v = getKey(trial.systemAttrs, RETRY_HISTORY_KEY);
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : [];
  }

  /** Enqueues `trial` again unless it was retried `maxRetry` times already. */
  async retry(study: Study, trial: FrozenTrial): Promise<void> {
    const history = [...RetryFailedTrialCallback.retryHistory(trial), trial.number];
    if (this.maxRetry !== null && history.length > this.maxRetry) return;
    const systemAttrs: Record<string, JsonValue> = {};
    for (const key of Object.keys(trial.systemAttrs)) {
      // The attempt's own state stays with it: its heartbeat (a retry that looked stale would be
      // failed at once) and why it failed.
      if (key === HEARTBEAT_KEY || key === FAIL_REASON_KEY) continue;
      setKey(systemAttrs, key, trial.systemAttrs[key]!);
    }
    setKey(systemAttrs, FAILED_TRIAL_KEY, RetryFailedTrialCallback.retriedTrialNumber(trial) ?? trial.number);
    setKey(systemAttrs, RETRY_HISTORY_KEY, history);
    await study.addTrial(
      createFrozenTrial({
        state: "WAITING",
        params: trial.params,
        distributions: trial.distributions,
        userAttrs: trial.userAttrs,
        systemAttrs,
        intermediateValues: this.inheritIntermediateValues ? trial.intermediateValues : undefined,
        datetimeStart: null,
      }),
    );
  }
}
