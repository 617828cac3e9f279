/**
 * Study: a set of trials optimizing one objective (or several), shared through a storage.
 *
 * Samplers and pruners read it through the synchronous {@link StudyView} methods
 * (`getTrials`, `directions`, ...), which serve a snapshot refreshed incrementally from the
 * storage before each trial starts and after each report. Trials of this process update the
 * snapshot as they suggest, so concurrent in-process trials see each other at once.
 */
import type { Clock } from "../clock/clock.js";
import { type Distribution, validateDistribution } from "../distributions/distribution.js";
import {
  SearchSpaceExhaustedError,
  StudyStoppedError,
  TrialPruned,
  TrialTimeoutError,
  UpdateFinishedTrialError,
} from "../errors/index.js";
import { isLogEnabled, log } from "../logging/index.js";
import type { Pruner } from "../pruner/index.js";
import { copyRecord, getKey, setKey, withKey } from "../records/index.js";
import type { Sampler, StudyView, TrialFilter } from "../sampler/sampler.js";
import type { Storage, TrialsPage, TrialUpdate } from "../storage/storage.js";
import { type SyncTrialStorage, syncTrialStorage } from "../storage/sync.js";
import { describe } from "../trial/checks.js";
import {
  createFrozenTrial,
  FAIL_REASON_KEY,
  FIXED_PARAMS_KEY,
  type FrozenTrial,
  lastIntermediateValue,
  type ParamValue,
} from "../trial/frozen.js";
import { IntermediateValues } from "../trial/intermediate-values.js";
import {
  isFinished,
  isTrialState,
  type JsonValue,
  type StudyDirection,
  type TrialState,
} from "../trial/state.js";
import type { Trial } from "../trial/trial.js";
import { TrialCache } from "./cache.js";
import { FixedHistoryView } from "./fixed-history.js";
import { failStaleTrials, HEARTBEAT_KEY, type HeartbeatSettings } from "./heartbeat.js";
import { type ProgressBar, startProgressBar } from "./progress.js";
import { StudyTrial } from "./study-trial.js";

/** What an objective returns: one value, or one per direction. */
export type ObjectiveValue = number | readonly number[];

/** The function a study optimizes. */
export type Objective = (trial: Trial) => ObjectiveValue | Promise<ObjectiveValue>;

/** An object called after each trial of `optimize` finishes (e.g. `MaxTrialsCallback`). */
export interface TrialCallback {
  onTrialFinished(study: Study, trial: FrozenTrial): void | Promise<void>;
}

/** Called after each trial of `optimize` finishes: a function or a {@link TrialCallback}. */
export type OptimizeCallback = ((study: Study, trial: FrozenTrial) => void | Promise<void>) | TrialCallback;

/** An error class, for `catch`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** Options of {@link Study.optimize}. */
export interface OptimizeOptions {
  /** Number of trials to run (in total, across the concurrent runners of this call). @defaultValue unlimited (until timeout, stop or signal) */
  readonly nTrials?: number;
  /**
   * Stop starting new trials after this many seconds; running trials then see their
   * `trial.signal` fire and finish (a trial that ignores it runs to its end). @defaultValue none
   */
  readonly timeout?: number;
  /**
   * Seconds one trial may run: past it the trial's signal fires, the trial becomes FAIL with
   * the reason, and `optimize` goes on with the next trial without waiting for the objective
   * (whose later result is ignored). A synchronous objective cannot be interrupted: the
   * limit applies to objectives that return a promise. @defaultValue none
   */
  readonly trialTimeout?: number;
  /** Trials run at once in this process. @defaultValue 1 */
  readonly concurrency?: number;
  /** Called after each finished trial. @defaultValue [] */
  readonly callbacks?: readonly OptimizeCallback[];
  /**
   * Errors that fail their trial without stopping `optimize` (others fail the trial and are
   * rethrown): a list of error classes, or `true` for every error. @defaultValue []
   */
  readonly catch?: readonly ErrorClass[] | true;
  /**
   * Aborting it stops starting new trials, and fires `trial.signal` of the running ones
   * (with this signal's reason) so that they can cancel their work.
   */
  readonly signal?: AbortSignal;
  /**
   * Draws a progress bar on the terminal (stderr; Node only, nothing in a browser), with the
   * best value so far. @defaultValue false
   */
  readonly showProgressBar?: boolean;
  /**
   * Makes the study a function of the seed at any concurrency: trial n waits until every
   * trial numbered below n − concurrency + 1 has finished and its sampler and pruner see
   * exactly those finished trials, plus trials n − concurrency + 1 … n − 1 as RUNNING without
   * parameters, whatever order trials really finished in. The cost is idle time: a runner
   * may wait for a slow earlier trial. Only trials started by this `optimize` call run this
   * way; with several processes on one storage, trial numbers are shared and the guarantee
   * holds per process only if one process runs the study. @defaultValue false
   */
  readonly reproducible?: boolean;
}

/** Explicit final state for {@link Study.tell}. */
export interface TellOptions {
  /** COMPLETE (with values), PRUNED or FAIL. @defaultValue "COMPLETE" */
  readonly state?: TrialState;
  readonly values?: ObjectiveValue | null;
  /** Return the stored trial instead of throwing when it is already finished. @defaultValue false */
  readonly skipIfFinished?: boolean;
}

/** Options of {@link Study.enqueueTrial}. */
export interface EnqueueOptions {
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  /** Do not enqueue when a trial with the same fixed params is already waiting, running or complete. @defaultValue false */
  readonly skipIfExists?: boolean;
}

/** @internal Construction parameters of a Study (use `createStudy` / `loadStudy`). */
export interface StudyInit {
  readonly storage: Storage;
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly userAttrs: Record<string, JsonValue>;
  readonly systemAttrs: Record<string, JsonValue>;
  /** Where the study reads time (timeouts, when `optimize` yields). */
  readonly clock: Clock;
  /** Heartbeats of trials run by `optimize`, or null for none. */
  readonly heartbeat?: HeartbeatSettings | null;
}

/** Study system attribute holding the metric names (Optuna's key). */
export const METRIC_NAMES_KEY = "study:metric_names";

/** Milliseconds `optimize` runs before it lets timers, signals and I/O in (see `optimize`). */
const YIELD_INTERVAL_MS = 10;

function isThenable<T>(x: unknown): x is PromiseLike<T> {
  return (
    x !== null &&
    (typeof x === "object" || typeof x === "function") &&
    typeof (x as { then?: unknown }).then === "function"
  );
}

/** What ended a trial's objective: a value, an error, or the trial's own timeout. */
type Outcome = { kind: "value"; value: unknown } | { kind: "error"; error: unknown } | { kind: "timeout" };

/** A study. Create one with `createStudy`, open an existing one with `loadStudy`. */
export class Study implements StudyView {
  readonly storage: Storage;
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  /**
   * Where this study reads time: the `timeout` and `trialTimeout` of `optimize` and the
   * moments it yields run on it (trial datetimes come from the storage's clock).
   */
  readonly clock: Clock;
  private readonly cache: TrialCache;
  private cursor = 0;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private askChain: Promise<unknown> = Promise.resolve();
  /** Trial starts queued on `askChain` and not yet settled (the fast path starts none while any is). */
  private startsPending = 0;
  private readonly owned = new Map<number, StudyTrial>();
  private readonly distributionsByName = new Map<string, Distribution>();
  private userAttrsCache: Record<string, JsonValue>;
  private systemAttrsCache: Record<string, JsonValue>;
  private pendingStudySystemAttrs: Record<string, JsonValue> | null = null;
  private stopRequested = false;
  /** Trials of running `optimize` calls, whose signals `stop()` fires. */
  private readonly optimizing: StudyTrial[] = [];
  /** Reproducible mode: each recent trial as it was right after it started. */
  private readonly startRecords = new Map<number, FrozenTrial>();
  /** Called (and cleared) whenever a trial of this study object finishes. */
  private finishWaiters: (() => void)[] = [];
  /** Heartbeat settings (see `createStudy({ heartbeatInterval })`), or null. */
  private readonly heartbeat: HeartbeatSettings | null;

  /** @internal Use `createStudy` or `loadStudy`. */
  constructor(init: StudyInit) {
    this.storage = init.storage;
    this.studyId = init.studyId;
    this.studyName = init.studyName;
    this.directions = Object.freeze(init.directions.slice());
    this.sampler = init.sampler;
    this.pruner = init.pruner;
    this.clock = init.clock;
    this.userAttrsCache = copyRecord(init.userAttrs);
    this.systemAttrsCache = copyRecord(init.systemAttrs);
    this.cache = new TrialCache(this.directions);
    this.heartbeat = init.heartbeat ?? null;
  }

  /** The single direction. @throws Error in a multi-objective study. */
  get direction(): StudyDirection {
    if (this.directions.length > 1)
      throw new Error("direction: this study has several directions; use directions");
    return this.directions[0]!;
  }

  /**
   * All trials, ordered by number: a live read-only view of the snapshot (it grows as trials
   * are added; `slice()` it to keep a fixed copy). Reading it costs nothing.
   */
  get trials(): readonly FrozenTrial[] {
    return this.cache.list();
  }

  /**
   * Trials in the given states, ordered by number, from the current snapshot: a read-only
   * view, not a copy. Do not mutate.
   * @throws RangeError for an unknown state.
   */
  getTrials(filter: TrialFilter = {}): readonly FrozenTrial[] {
    const states = filter.states;
    if (states !== undefined) {
      for (const s of states) {
        if (!isTrialState(s)) {
          throw new RangeError(
            `getTrials: states must be RUNNING, COMPLETE, PRUNED, FAIL or WAITING, got ${JSON.stringify(s)}`,
          );
        }
      }
    }
    return this.cache.list(states);
  }

  /** User attributes of the study (snapshot). */
  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.userAttrsCache;
  }

  /** System attributes of the study (snapshot, including values set here not yet written). */
  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.systemAttrsCache;
  }

  /** The names of the objectives set by {@link Study.setMetricNames}, or null. */
  get metricNames(): readonly string[] | null {
    const names = getKey(this.systemAttrsCache, METRIC_NAMES_KEY);
    return Array.isArray(names) ? (names as string[]) : null;
  }

  /**
   * Names the objectives (one name per direction), for exports, reports and plots; stored
   * with the study (Optuna's `set_metric_names`).
   * @throws RangeError unless `names` holds one distinct non-empty string per direction.
   */
  async setMetricNames(names: readonly string[]): Promise<void> {
    if (!Array.isArray(names) || names.length !== this.directions.length) {
      throw new RangeError(
        `setMetricNames: names must be an array of ${this.directions.length} string(s), one per direction, got ${describe(names)}`,
      );
    }
    for (const [i, n] of names.entries()) {
      if (typeof n !== "string" || n.length === 0) {
        throw new RangeError(`setMetricNames: names[${i}] must be a non-empty string, got ${describe(n)}`);
      }
    }
    if (new Set(names).size !== names.length) {
      throw new RangeError(`setMetricNames: names must be distinct, got ${JSON.stringify(names)}`);
    }
    await this.storage.setStudySystemAttr(this.studyId, METRIC_NAMES_KEY, names.slice());
    this.systemAttrsCache = withKey(this.systemAttrsCache, METRIC_NAMES_KEY, names.slice() as JsonValue);
  }

  /** Sets a user attribute of the study. */
  async setUserAttr(key: string, value: JsonValue): Promise<void> {
    if (typeof key !== "string" || key.length === 0) {
      throw new TypeError(`setUserAttr: key must be a non-empty string, got ${describe(key)}`);
    }
    await this.storage.setStudyUserAttr(this.studyId, key, value);
    this.userAttrsCache = withKey(this.userAttrsCache, key, value);
  }

  /** Records a study system attribute now in the snapshot; it is written with the next trial write. */
  setSystemAttr(key: string, value: JsonValue): void {
    this.systemAttrsCache = withKey(this.systemAttrsCache, key, value);
    this.pendingStudySystemAttrs ??= copyRecord<JsonValue>(null);
    setKey(this.pendingStudySystemAttrs, key, value);
  }

  /** Records a system attribute on a running trial of this study object. */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    const trial = this.ownedById(trialId);
    if (trial === undefined) {
      throw new Error(`setTrialSystemAttr: trial id ${trialId} is not a running trial of this study object`);
    }
    trial.setSystemAttr(key, value);
  }

  /**
   * Stops `optimize` from starting new trials and fires the signal of the trials it is
   * running (`trial.signal`), so that objectives which watch it can end early. Running
   * trials still finish (their result is kept).
   */
  stop(): void {
    this.stopRequested = true;
    const reason = new StudyStoppedError("study.stop() was called");
    for (const t of this.optimizing.slice()) t.abort(reason);
  }

  /**
   * The best COMPLETE trial. When any completed trial set constraints, only feasible trials
   * count. Tracked as trials finish: reading it costs nothing.
   * @throws Error in a multi-objective study, or when no (feasible) trial is complete.
   */
  get bestTrial(): FrozenTrial {
    if (this.directions.length > 1) {
      throw new Error("bestTrial: this is a multi-objective study; use bestTrials (the Pareto front)");
    }
    const best = this.cache.bestTrial();
    if (best === null) throw new Error("bestTrial: no trial is complete (and feasible) yet");
    return best;
  }

  /** The best objective value. @throws like {@link Study.bestTrial}. */
  get bestValue(): number {
    return this.bestTrial.values![0]!;
  }

  /** The parameters of the best trial. @throws like {@link Study.bestTrial}. */
  get bestParams(): Readonly<Record<string, ParamValue>> {
    return this.bestTrial.params;
  }

  /**
   * The COMPLETE trials on the Pareto front (none dominated by another, under the study's
   * directions), ordered by number. Feasible trials only when constraints were set. Tracked
   * as trials finish.
   */
  get bestTrials(): FrozenTrial[] {
    return this.cache.paretoFront();
  }

  /**
   * Brings the snapshot up to date with the storage (an incremental read of what changed).
   * Called automatically by `ask` and `report`; call it to see other workers' trials.
   */
  refresh(): Promise<void> {
    if (this.refreshing !== null) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const run = async (): Promise<void> => {
      do {
        this.refreshAgain = false;
        this.applyPage(await this.storage.getTrials(this.studyId, { since: this.cursor }));
      } while (this.refreshAgain);
    };
    this.refreshing = run().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** `refresh` through a synchronous storage; false (nothing done) while a `refresh` is under way. */
  private refreshSync(sync: SyncTrialStorage): boolean {
    if (this.refreshing !== null) return false;
    this.applyPage(sync.getTrialsSync(this.studyId, { since: this.cursor }));
    return true;
  }

  /** Takes a page of changed trials into the snapshot. */
  private applyPage(page: TrialsPage): void {
    for (const t of page.trials) {
      // A record the snapshot already holds (this process's own write, read back) was taken
      // in when it was stored, its distributions noted (`putStored`).
      if (this.cache.get(t.number) === t) continue;
      const own = this.owned.get(t.number);
      if (own !== undefined && !isFinished(t.state)) continue; // our local state is newer
      this.putStored(t);
    }
    if (page.cursor > this.cursor) this.cursor = page.cursor;
  }

  /** Puts a trial read or written back from the storage into the snapshot, noting its parameters' distributions. */
  private putStored(t: FrozenTrial): void {
    this.cache.put(t);
    for (const name of Object.keys(t.distributions)) this.noteDistribution(name, t.distributions[name]!);
  }

  /**
   * Starts a trial for the ask-and-tell interface: a waiting (enqueued) trial if there is one,
   * else a new one.
   * @param fixedDistributions - parameters to suggest at once (the trial's `params` holds them).
   * @throws SearchSpaceExhaustedError when the sampler has nothing left to propose.
   * @throws TypeError / RangeError for a malformed distribution (before any trial is created).
   */
  ask(fixedDistributions?: Readonly<Record<string, Distribution>>): Promise<StudyTrial> {
    let checked: Record<string, Distribution> | undefined;
    if (fixedDistributions !== undefined) {
      if (fixedDistributions === null || typeof fixedDistributions !== "object") {
        return Promise.reject(
          new TypeError(
            `ask: fixedDistributions must be an object of distributions by name, got ${describe(fixedDistributions)}`,
          ),
        );
      }
      checked = copyRecord<Distribution>(null);
      try {
        for (const name of Object.keys(fixedDistributions)) {
          setKey(
            checked,
            name,
            validateDistribution(fixedDistributions[name], `ask: distribution "${name}"`),
          );
        }
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.enqueueStart(() => this.startTrial(checked, null));
  }

  /**
   * Ends a trial: `values` (a number or one per direction) makes it COMPLETE; `{ state }`
   * sets PRUNED or FAIL. A NaN value or a wrong number of values fails the trial (its reason
   * stored in the system attribute `fail_reason`) and throws a RangeError. A PRUNED trial
   * keeps its last reported value as its value, as in Optuna.
   * @param trial - a trial from `ask`, or a trial number.
   * @throws TypeError if the second argument is neither values nor `{ state, values }`,
   *   RangeError for an unknown state (the trial is left running in both cases).
   * @throws UpdateFinishedTrialError if the trial is already finished (unless `skipIfFinished`).
   */
  async tell(trial: Trial | number, valuesOrOptions: ObjectiveValue | TellOptions): Promise<FrozenTrial> {
    const options = parseTell(valuesOrOptions);
    const live = await this.resolveTrial(trial);
    if (!(live instanceof StudyTrial)) {
      if (options.skipIfFinished && isFinished(live.state)) return live;
      return this.tellStored(live, options);
    }
    if (live.isFinished) {
      if (options.skipIfFinished) return live.frozen;
      throw new UpdateFinishedTrialError(`tell: trial ${live.number} is already finished`);
    }
    const { state, values, failReason } = this.checkTell(options);
    return this.finishTrial(live, state, values, failReason, true);
  }

  /**
   * Runs the objective for `nTrials` trials (or until `timeout`, `stop()` or the signal),
   * `concurrency` at a time. A trial whose objective throws is FAIL with the error as reason;
   * the error is rethrown (after running trials finish) unless listed in `catch`.
   * `TrialPruned` marks the trial PRUNED. A NaN or malformed return value fails the trial
   * with a warning. An error thrown after the trial's signal fired (stop, timeout, the
   * optimize signal) fails that trial without being rethrown.
   *
   * `optimize` lets the event loop run at least every few milliseconds, so timers, signals
   * and SIGINT handlers work even with a synchronous objective.
   */
  async optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    if (typeof objective !== "function") {
      throw new TypeError(`optimize: objective must be a function, got ${describe(objective)}`);
    }
    if (options === null || typeof options !== "object") {
      throw new TypeError(`optimize: options must be an object, got ${describe(options)}`);
    }
    const nTrials = options.nTrials;
    if (nTrials !== undefined && (!Number.isSafeInteger(nTrials) || nTrials < 0)) {
      throw new RangeError(`optimize: nTrials must be an integer >= 0, got ${describe(nTrials)}`);
    }
    const concurrency = options.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`optimize: concurrency must be an integer >= 1, got ${describe(concurrency)}`);
    }
    const timeout = options.timeout;
    if (timeout !== undefined && !(typeof timeout === "number" && timeout >= 0)) {
      throw new RangeError(`optimize: timeout must be a number of seconds >= 0, got ${describe(timeout)}`);
    }
    const trialTimeout = options.trialTimeout;
    if (trialTimeout !== undefined && !(typeof trialTimeout === "number" && trialTimeout > 0)) {
      throw new RangeError(
        `optimize: trialTimeout must be a number of seconds > 0, got ${describe(trialTimeout)}`,
      );
    }
    const callbacks = options.callbacks ?? [];
    if (
      !Array.isArray(callbacks) ||
      callbacks.some(
        (c) =>
          typeof c !== "function" &&
          (c === null || typeof c !== "object" || typeof (c as TrialCallback).onTrialFinished !== "function"),
      )
    ) {
      throw new TypeError(
        "optimize: callbacks must be an array of functions or objects with onTrialFinished",
      );
    }
    const catchList = options.catch ?? [];
    const signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`optimize: signal must be an AbortSignal, got ${describe(signal)}`);
    }
    const reproducible = options.reproducible ?? false;

    this.stopRequested = false;
    let started = 0;
    let timedOut = false;
    let fatal: { error: unknown } | null = null;
    // Arrays, not Sets: a Set that gains and loses an entry per trial rebuilds its table
    // every few trials (about 4% of a Random trial's allocations, issue 18).
    const running: StudyTrial[] = [];
    const interrupt = (reason: unknown): void => {
      for (const t of running.slice()) t.abort(reason);
    };
    const onAbort = (): void => interrupt(signal!.reason);
    signal?.addEventListener("abort", onAbort);
    const clock = this.clock;
    const cancelTimeout =
      timeout === undefined
        ? null
        : clock.setTimer(timeout * 1000, () => {
            timedOut = true;
            interrupt(new StudyStoppedError(`the optimize timeout of ${timeout} s passed`));
          });
    const bar: ProgressBar | null = options.showProgressBar
      ? await startProgressBar({ nTrials: nTrials ?? null, timeout: timeout ?? null }, clock)
      : null;
    let lastYield = clock.now();
    let order: Promise<void> = Promise.resolve();
    // The fast path (issue 18): one trial at a time through a storage with synchronous calls
    // (InMemoryStorage), no trial timeout, heartbeat or reproducible window. A trial whose
    // objective returns synchronously then runs from start to end without a promise (same
    // steps, same order: refresh, start, beforeTrial, objective, afterTrial, one write, the
    // snapshot, the log line, then the callbacks); one that returns a promise, or whose writes
    // are on their way (an un-awaited report), takes the asynchronous path for its end.
    const sync =
      concurrency === 1 && !reproducible && this.heartbeat === null && trialTimeout === undefined
        ? syncTrialStorage(this.storage)
        : null;
    const onFatal = (error: unknown): void => {
      fatal ??= { error };
    };

    const shouldStop = (): boolean =>
      fatal !== null ||
      this.stopRequested ||
      timedOut ||
      signal?.aborted === true ||
      (nTrials !== undefined && started >= nTrials);

    const runner = async (): Promise<void> => {
      let first = sync !== null;
      for (;;) {
        if (shouldStop()) return;
        // A clock that went back (the system time was set) also yields and restarts the interval.
        const t = clock.now();
        if (t - lastYield >= YIELD_INTERVAL_MS || t < lastYield) {
          lastYield = t;
          await clock.yield();
          if (shouldStop()) return;
        }
        started++;
        if (first) {
          // As on the asynchronous path, the first trial starts after `optimize` has returned
          // its promise (an abort right after the call still lets that one trial run).
          first = false;
          await undefined;
        }
        let trial: StudyTrial;
        try {
          const now = sync === null ? null : this.startTrialNow(sync);
          trial =
            now === null
              ? await this.enqueueStart(() =>
                  this.startTrial(undefined, reproducible ? concurrency : null, this.heartbeat),
                )
              : now instanceof StudyTrial
                ? now
                : await now;
        } catch (e) {
          started--;
          if (e instanceof SearchSpaceExhaustedError) {
            this.stopRequested = true;
            return;
          }
          throw e;
        }
        running.push(trial);
        this.optimizing.push(trial);
        if (this.stopRequested) trial.abort(new StudyStoppedError("study.stop() was called"));
        const stopBeating = this.heartbeat === null ? null : this.beat(trial, this.heartbeat.intervalMs);
        let frozen: FrozenTrial;
        try {
          if (sync === null) {
            frozen = await this.runObjective(trial, objective, catchList, trialTimeout, onFatal);
          } else {
            const evaluated = this.evaluate(trial, objective, undefined);
            frozen =
              !isThenable(evaluated) && trial.canFinishSync
                ? this.finishNow(sync, trial, evaluated, catchList, onFatal)
                : await this.runEvaluated(trial, evaluated, catchList, onFatal);
          }
        } finally {
          stopBeating?.();
          removeItem(running, trial);
          removeItem(this.optimizing, trial);
        }
        if (sync !== null) {
          // One trial at a time: its callbacks run now, one after the other, as the chain
          // below would run them (a callback's promise is awaited before the next one).
          for (const cb of callbacks) {
            const r = typeof cb === "function" ? cb(this, frozen) : cb.onTrialFinished(this, frozen);
            if (isThenable(r)) await r;
          }
          bar?.tick(this.progressLabel());
          continue;
        }
        // Callbacks run one at a time, in the order trials finish.
        const turn = order.then(async () => {
          for (const cb of callbacks) {
            if (typeof cb === "function") await cb(this, frozen);
            else await cb.onTrialFinished(this, frozen);
          }
          bar?.tick(this.progressLabel());
        });
        order = turn.catch(() => undefined);
        await turn;
      }
    };
    try {
      const results = await Promise.allSettled(Array.from({ length: concurrency }, runner));
      if (fatal !== null) throw (fatal as { error: unknown }).error;
      for (const r of results) if (r.status === "rejected") throw r.reason;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      cancelTimeout?.();
      bar?.stop();
    }
  }

  /**
   * Enqueues a trial whose parameters are fixed to `params` (parameters it does not name are
   * sampled). The next `ask` (in any worker) runs it.
   */
  async enqueueTrial(
    params: Readonly<Record<string, ParamValue>>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (params === null || typeof params !== "object" || Array.isArray(params))
      throw new TypeError(
        `enqueueTrial: params must be an object of values by name, got ${describe(params)}`,
      );
    if (options.skipIfExists) {
      await this.refresh();
      const key = canonicalJson(params);
      for (const t of this.cache.list(["WAITING", "RUNNING", "COMPLETE"])) {
        const fixed = getKey(t.systemAttrs, FIXED_PARAMS_KEY);
        if (
          fixed !== undefined &&
          fixed !== null &&
          canonicalJson(fixed as Record<string, ParamValue>) === key
        )
          return;
      }
    }
    const template = createFrozenTrial({
      state: "WAITING",
      userAttrs: options.userAttrs ?? {},
      systemAttrs: withKey<JsonValue>(copyRecord(null), FIXED_PARAMS_KEY, copyRecord(params) as JsonValue),
      datetimeStart: null,
    });
    const created = await this.storage.createTrial(this.studyId, template);
    this.putStored(created);
  }

  /** Adds a finished trial (e.g. from an earlier experiment) built with `createFrozenTrial`. */
  async addTrial(trial: FrozenTrial): Promise<FrozenTrial> {
    if (trial === null || typeof trial !== "object" || !isTrialState((trial as FrozenTrial).state)) {
      throw new TypeError(
        `addTrial: trial must be a FrozenTrial (see createFrozenTrial), got ${describe(trial)}`,
      );
    }
    if (trial.values !== null && trial.values.length !== this.directions.length) {
      throw new RangeError(
        `addTrial: values must have one entry per direction (${this.directions.length}), got ${trial.values.length}`,
      );
    }
    for (const name of Object.keys(trial.distributions)) {
      const known = this.knownDistribution(name);
      if (known !== undefined && known.kind !== trial.distributions[name]!.kind) {
        throw new RangeError(
          `addTrial: parameter "${name}" is ${known.kind} in this study, not ${trial.distributions[name]!.kind}`,
        );
      }
    }
    const created = await this.storage.createTrial(this.studyId, trial);
    this.putStored(created);
    return created;
  }

  /** Adds several finished trials in order. */
  async addTrials(trials: readonly FrozenTrial[]): Promise<void> {
    for (const t of trials) await this.addTrial(t);
  }

  /** @internal The distribution a parameter name has in this study, if known. */
  knownDistribution(name: string): Distribution | undefined {
    return this.distributionsByName.get(name);
  }

  /** @internal Records the distribution of a parameter name. */
  noteDistribution(name: string, d: Distribution): void {
    if (!this.distributionsByName.has(name)) this.distributionsByName.set(name, d);
  }

  /** @internal Writes a trial update (with pending study system attributes) and returns the stored trial. */
  async writeTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    const studyAttrs = this.pendingStudySystemAttrs;
    if (studyAttrs !== null) {
      this.pendingStudySystemAttrs = null;
      for (const key of Object.keys(studyAttrs))
        await this.storage.setStudySystemAttr(this.studyId, key, studyAttrs[key]!);
    }
    return this.storage.updateTrial(trialId, update);
  }

  /** @internal `writeTrial` through a synchronous storage. */
  writeTrialSync(sync: SyncTrialStorage, trialId: number, update: TrialUpdate): FrozenTrial {
    const studyAttrs = this.pendingStudySystemAttrs;
    if (studyAttrs !== null) {
      this.pendingStudySystemAttrs = null;
      for (const key of Object.keys(studyAttrs))
        sync.setStudySystemAttrSync(this.studyId, key, studyAttrs[key]!);
    }
    return sync.updateTrialSync(trialId, update);
  }

  /** Serializes trial starts, so that a finite sampler sees every trial this process started. */
  private enqueueStart(start: () => Promise<StudyTrial>): Promise<StudyTrial> {
    this.startsPending++;
    const next = this.askChain.then(start);
    this.askChain = next.then(
      () => {
        this.startsPending--;
      },
      () => {
        this.startsPending--;
      },
    );
    return next;
  }

  /**
   * The fast path's `startTrial` (no fixed distributions, no reproducible window, no
   * heartbeat) through a synchronous storage: the same steps in the same order, without a
   * promise. Null when it cannot run now (a start or a refresh is under way: the caller then
   * takes the asynchronous path, which queues behind them). A sampler that fails in
   * `beforeTrial` fails the trial as `startTrial` does, hence the promise in that case.
   */
  private startTrialNow(sync: SyncTrialStorage): StudyTrial | Promise<StudyTrial> | null {
    if (this.startsPending > 0 || !this.refreshSync(sync)) return null;
    if (this.sampler.isExhausted?.(this)) {
      throw new SearchSpaceExhaustedError(
        `study "${this.studyName}": the sampler has no point left to propose`,
      );
    }
    const frozen = sync.popWaitingTrialSync(this.studyId) ?? sync.createTrialSync(this.studyId);
    const trial = new StudyTrial(this, frozen, this);
    this.owned.set(frozen.number, trial);
    this.cache.put(trial.frozen);
    try {
      this.sampler.beforeTrial?.(this, trial.frozen);
    } catch (error) {
      return this.failUnstartedTrial(
        trial,
        `the sampler failed while the trial started: ${describeError(error)}`,
      ).then(() => {
        throw error;
      });
    }
    return trial;
  }

  /**
   * Creates (or pops) a trial and hands it its view of the study.
   * @param reproducibleWindow - in reproducible mode, the concurrency: the trial's sampler
   *   sees a history fixed by its number (see `OptimizeOptions.reproducible`).
   */
  private async startTrial(
    fixedDistributions: Readonly<Record<string, Distribution>> | undefined,
    reproducibleWindow: number | null,
    heartbeat: HeartbeatSettings | null = null,
  ): Promise<StudyTrial> {
    await this.refresh();
    if (heartbeat !== null) await this.failStaleTrials(heartbeat);
    if (this.sampler.isExhausted?.(this)) {
      throw new SearchSpaceExhaustedError(
        `study "${this.studyName}": the sampler has no point left to propose`,
      );
    }
    let frozen = await this.storage.popWaitingTrial(this.studyId);
    if (frozen === null) frozen = await this.storage.createTrial(this.studyId);
    const number = frozen.number;
    const view: StudyView =
      reproducibleWindow === null ? this : await this.fixedHistoryView(number, reproducibleWindow);
    const trial = new StudyTrial(this, frozen, view);
    this.owned.set(number, trial);
    this.cache.put(trial.frozen);
    try {
      this.sampler.beforeTrial?.(view, trial.frozen);
      if (reproducibleWindow !== null) this.startRecords.set(number, startRecord(trial.frozen));
      if (fixedDistributions !== undefined) {
        for (const name of Object.keys(fixedDistributions)) trial.suggest(name, fixedDistributions[name]!);
      }
    } catch (error) {
      // The trial exists in the storage: it ends FAIL with the reason, not RUNNING forever.
      await this.failUnstartedTrial(
        trial,
        `the sampler failed while the trial started: ${describeError(error)}`,
      );
      throw error;
    }
    return trial;
  }

  /** Ends a trial whose start failed as FAIL, without the sampler (which just failed). */
  private async failUnstartedTrial(trial: StudyTrial, reason: string): Promise<void> {
    try {
      const frozen = await trial.finish("FAIL", null, { [FAIL_REASON_KEY]: reason });
      this.putStored(frozen);
      log("warn", `Trial ${trial.number} failed: ${reason}`);
    } catch (e) {
      log(
        "error",
        `Trial ${trial.number}: could not store it as FAIL after its start failed: ${describeError(e)}`,
      );
    } finally {
      this.owned.delete(trial.number);
      this.startRecords.delete(trial.number);
      const waiters = this.finishWaiters;
      this.finishWaiters = [];
      for (const w of waiters) w();
    }
  }

  /**
   * Fails the RUNNING trials of other workers whose heartbeat stopped more than the grace
   * period ago, and runs the failed-trial callback on each (see `heartbeat.ts`).
   */
  private async failStaleTrials(heartbeat: HeartbeatSettings): Promise<void> {
    const failed = await failStaleTrials(
      this.storage,
      this.cache.list(["RUNNING"]),
      (n) => this.owned.has(n),
      this.clock.now(),
      heartbeat.graceMs,
    );
    for (const t of failed) {
      this.putStored(t);
      await heartbeat.failedTrialCallback?.(this, t);
    }
  }

  /**
   * Beats for a running trial now and every `intervalMs` until the returned function is
   * called. A beat refused because another worker already finished the trial (it judged
   * this worker dead) fires the trial's signal.
   */
  private beat(trial: StudyTrial, intervalMs: number): () => void {
    let cancel: (() => void) | null = null;
    let stopped = false;
    const once = (): void => {
      if (stopped || trial.isFinished) return;
      trial.setSystemAttr(HEARTBEAT_KEY, this.clock.now());
      trial.flush().catch((e: unknown) => {
        if (e instanceof UpdateFinishedTrialError) trial.abort(e);
      });
      cancel = this.clock.setTimer(intervalMs, once);
    };
    once();
    return () => {
      stopped = true;
      cancel?.();
    };
  }

  /**
   * The history trial `number` sees in reproducible mode (see {@link FixedHistoryView}):
   * waits until this process's trials numbered ≤ number − window have finished.
   */
  private async fixedHistoryView(number: number, window: number): Promise<FixedHistoryView> {
    const last = number - window;
    for (;;) {
      let pending = false;
      for (const t of this.owned.values()) if (t.number <= last) pending = true;
      if (!pending) break;
      await new Promise<void>((resolve) => this.finishWaiters.push(resolve));
    }
    const history: FrozenTrial[] = [];
    for (let i = 0; i < number; i++) {
      const t = this.cache.get(i);
      if (t === undefined) continue;
      history.push(i <= last ? t : (this.startRecords.get(i) ?? startRecord(t)));
    }
    for (const k of [...this.startRecords.keys()]) if (k <= last) this.startRecords.delete(k);
    return new FixedHistoryView(this, history, () => this.cache.get(number));
  }

  /** Runs the objective on one trial and records its outcome. */
  private async runObjective(
    trial: StudyTrial,
    objective: Objective,
    catchList: readonly ErrorClass[] | true,
    trialTimeout: number | undefined,
    onFatal: (error: unknown) => void,
  ): Promise<FrozenTrial> {
    // A synchronous objective's outcome is handled in the same turn: the parameters it
    // suggested are then written with its final state in one storage write (their background
    // flush is a microtask that finds the trial finished), not in a write of their own first.
    // On a journal file that is one lock and one append per trial fewer (2 instead of 3).
    const evaluated = this.evaluate(trial, objective, trialTimeout);
    const outcome = isThenable(evaluated) ? await evaluated : evaluated;
    const end = this.endOf(trial, outcome, catchList, trialTimeout);
    // The same awaits as before issue 18's fast path (the promise itself returned, except
    // after an error), so the asynchronous path keeps its microtask timing.
    if (outcome.kind !== "error" || end.state === "PRUNED")
      return this.finishTrial(trial, end.state, end.values, end.failReason, false);
    const frozen = await this.finishTrial(trial, end.state, end.values, end.failReason, false);
    if (end.fatal) onFatal(end.error);
    return frozen;
  }

  /** The end of `runObjective` once the objective was called (its outcome, or the promise of it). */
  private async runEvaluated(
    trial: StudyTrial,
    evaluated: Outcome | Promise<Outcome>,
    catchList: readonly ErrorClass[] | true,
    onFatal: (error: unknown) => void,
  ): Promise<FrozenTrial> {
    const outcome = isThenable(evaluated) ? await evaluated : evaluated;
    const end = this.endOf(trial, outcome, catchList, undefined);
    const frozen = await this.finishTrial(trial, end.state, end.values, end.failReason, false);
    if (end.fatal) onFatal(end.error);
    return frozen;
  }

  /**
   * `runObjective` for an objective that returned (or threw) synchronously, through a
   * synchronous storage (the fast path of `optimize`): the same outcome, sampler hook, single
   * storage write, snapshot update and log line, without a promise.
   */
  private finishNow(
    sync: SyncTrialStorage,
    trial: StudyTrial,
    outcome: Outcome,
    catchList: readonly ErrorClass[] | true,
    onFatal: (error: unknown) => void,
  ): FrozenTrial {
    const end = this.endOf(trial, outcome, catchList, undefined);
    const stored = this.finalValues(trial.frozen, end.state, end.values);
    this.sampler.afterTrial?.(trial.view, trial.frozen, end.state, end.state === "COMPLETE" ? stored : null);
    let frozen: FrozenTrial;
    try {
      frozen = trial.finishSync(
        end.state,
        stored,
        end.failReason === null ? null : { [FAIL_REASON_KEY]: end.failReason },
        sync,
      );
    } catch (e) {
      // As in finishTrial: a trial another worker finished meanwhile keeps what it stored.
      if (!(e instanceof UpdateFinishedTrialError)) throw e;
      frozen = sync.getTrialSync(trial.trialId);
      log(
        "warn",
        `Trial ${trial.number} was finished by another worker (state ${frozen.state}); this worker's result (${end.state}) is discarded`,
      );
    } finally {
      this.owned.delete(trial.number);
    }
    this.afterFinish(frozen, end.failReason);
    if (end.fatal) onFatal(end.error);
    return frozen;
  }

  /**
   * How a trial ends given what its objective did: the state, values and failure reason to
   * store, and whether the error stops `optimize` (not a pruning, not in `catch`, not after
   * the trial's signal fired).
   */
  private endOf(
    trial: StudyTrial,
    outcome: Outcome,
    catchList: readonly ErrorClass[] | true,
    trialTimeout: number | undefined,
  ): {
    state: TrialState;
    values: number[] | null;
    failReason: string | null;
    fatal: boolean;
    error?: unknown;
  } {
    if (outcome.kind === "timeout") {
      return {
        state: "FAIL",
        values: null,
        failReason: `the trial timed out after ${trialTimeout} s (trialTimeout)`,
        fatal: false,
      };
    }
    if (outcome.kind === "error") {
      const error = outcome.error;
      if (error instanceof TrialPruned)
        return { state: "PRUNED", values: null, failReason: null, fatal: false };
      const signal = trial.signal;
      const interrupted = signal.aborted;
      const reason = interrupted
        ? `interrupted (${describeError(signal.reason)}): ${describeError(error)}`
        : describeError(error);
      const caught = interrupted || catchList === true || catchList.some((C) => error instanceof C);
      return { state: "FAIL", values: null, failReason: reason, fatal: !caught, error };
    }
    const { state, values, failReason } = this.checkTell({ values: outcome.value as ObjectiveValue });
    return { state, values, failReason, fatal: false };
  }

  /**
   * Calls the objective; with a trial timeout, gives up waiting for it when the time passes.
   * The outcome of a synchronous objective is returned as is, not wrapped in a promise.
   */
  private evaluate(
    trial: StudyTrial,
    objective: Objective,
    trialTimeout: number | undefined,
  ): Outcome | Promise<Outcome> {
    let r: unknown;
    try {
      r = objective(trial);
    } catch (error) {
      return { kind: "error", error };
    }
    if (!isThenable(r)) return { kind: "value", value: r };
    const settled = Promise.resolve(r).then(
      (value): Outcome => ({ kind: "value", value }),
      (error): Outcome => ({ kind: "error", error }),
    );
    if (trialTimeout === undefined) return settled;
    return new Promise<Outcome>((resolve) => {
      const cancel = this.clock.setTimer(trialTimeout * 1000, () => {
        trial.abort(new TrialTimeoutError(`trial ${trial.number} ran longer than ${trialTimeout} s`));
        resolve({ kind: "timeout" });
      });
      settled.then((o) => {
        cancel();
        resolve(o);
      });
    });
  }

  /** Validates the outcome of a trial; malformed values turn into FAIL with a reason. */
  private checkTell(options: TellOptions): {
    state: TrialState;
    values: number[] | null;
    failReason: string | null;
  } {
    const state = options.state ?? "COMPLETE";
    if (state !== "COMPLETE") {
      if (options.values !== undefined && options.values !== null) {
        throw new RangeError(`tell: values can only be given with state COMPLETE (got ${state})`);
      }
      return { state, values: null, failReason: null };
    }
    const raw = options.values;
    const arr = typeof raw === "number" ? [raw] : Array.isArray(raw) ? (raw as unknown[]) : null;
    const n = this.directions.length;
    if (arr === null) {
      return {
        state: "FAIL",
        values: null,
        failReason: `the objective returned ${describe(raw)}, not a number or an array of ${n} numbers`,
      };
    }
    if (arr.length !== n) {
      return {
        state: "FAIL",
        values: null,
        failReason: `the objective returned ${arr.length} value(s) but the study has ${n} direction(s)`,
      };
    }
    for (let i = 0; i < n; i++) {
      const v = arr[i];
      if (typeof v !== "number" || Number.isNaN(v)) {
        return {
          state: "FAIL",
          values: null,
          failReason: `the objective returned ${describe(v)}${n > 1 ? ` at index ${i}` : ""}, not a number`,
        };
      }
    }
    return { state: "COMPLETE", values: arr as number[], failReason: null };
  }

  /** The values a finished trial is stored with: a PRUNED trial keeps its last report (single objective). */
  private finalValues(trial: FrozenTrial, state: TrialState, values: number[] | null): number[] | null {
    if (state === "COMPLETE") return values;
    if (state === "PRUNED" && this.directions.length === 1) {
      const last = lastIntermediateValue(trial);
      if (last !== null && !Number.isNaN(last)) return [last];
    }
    return null;
  }

  private async finishTrial(
    trial: StudyTrial,
    state: TrialState,
    values: number[] | null,
    failReason: string | null,
    throwOnFail: boolean,
  ): Promise<FrozenTrial> {
    const stored = this.finalValues(trial.frozen, state, values);
    this.sampler.afterTrial?.(trial.view, trial.frozen, state, state === "COMPLETE" ? stored : null);
    let frozen: FrozenTrial;
    try {
      frozen = await trial.finish(
        state,
        stored,
        failReason === null ? null : { [FAIL_REASON_KEY]: failReason },
      );
    } catch (e) {
      // In optimize, a trial another worker finished meanwhile (it failed it for a stopped
      // heartbeat) keeps what that worker stored; `tell` reports the conflict to its caller.
      if (throwOnFail || !(e instanceof UpdateFinishedTrialError)) throw e;
      frozen = await this.storage.getTrial(trial.trialId);
      log(
        "warn",
        `Trial ${trial.number} was finished by another worker (state ${frozen.state}); this worker's result (${state}) is discarded`,
      );
    } finally {
      this.owned.delete(trial.number);
    }
    this.afterFinish(frozen, failReason);
    if (throwOnFail && failReason !== null)
      throw new RangeError(`tell: trial ${trial.number} failed: ${failReason}`);
    return frozen;
  }

  /** What follows a trial's final write: the snapshot, the reproducible mode's waiters, the log line. */
  private afterFinish(frozen: FrozenTrial, failReason: string | null): void {
    this.putStored(frozen);
    if (this.finishWaiters.length > 0) {
      const waiters = this.finishWaiters;
      this.finishWaiters = [];
      for (const w of waiters) w();
    }
    this.logFinished(frozen, failReason);
  }

  /** One line per finished trial, as Optuna prints: info for COMPLETE and PRUNED, a warning for FAIL. */
  private logFinished(t: FrozenTrial, failReason: string | null): void {
    if (!isLogEnabled(t.state === "FAIL" ? "warn" : "info")) return;
    if (t.state === "FAIL") {
      log(
        "warn",
        `Trial ${t.number} failed with parameters: ${JSON.stringify(t.params)} because of the following error: ${failReason ?? "(no reason given)"}`,
      );
      return;
    }
    if (t.state === "PRUNED") {
      log("info", `Trial ${t.number} pruned.`);
      return;
    }
    const params = JSON.stringify(t.params);
    if (this.directions.length > 1) {
      log(
        "info",
        `Trial ${t.number} finished with values: ${formatValues(t.values!)} and parameters: ${params}.`,
      );
      return;
    }
    const best = this.cache.bestTrial();
    const bestText = best === null ? "" : ` Best is trial ${best.number} with value: ${best.values![0]}.`;
    log(
      "info",
      `Trial ${t.number} finished with value: ${t.values![0]} and parameters: ${params}.${bestText}`,
    );
  }

  /** What the progress bar shows after a trial. */
  private progressLabel(): string {
    if (this.directions.length > 1) return `${this.cache.paretoFront().length} on the Pareto front`;
    const best = this.cache.bestTrial();
    return best === null ? "no complete trial yet" : `best trial ${best.number}: ${best.values![0]}`;
  }

  /** `tell` for a trial started elsewhere (e.g. by `ask` in another process of the CLI). */
  private async tellStored(trial: FrozenTrial, options: TellOptions): Promise<FrozenTrial> {
    const { state, values, failReason } = this.checkTell(options);
    const stored = this.finalValues(trial, state, values);
    this.sampler.afterTrial?.(this, trial, state, state === "COMPLETE" ? stored : null);
    const frozen = await this.writeTrial(trial.trialId, {
      state,
      values: stored,
      ...(failReason === null ? {} : { systemAttrs: { [FAIL_REASON_KEY]: failReason } }),
    });
    this.putStored(frozen);
    this.logFinished(frozen, failReason);
    if (failReason !== null) throw new RangeError(`tell: trial ${trial.number} failed: ${failReason}`);
    return frozen;
  }

  private async resolveTrial(trial: Trial | number): Promise<StudyTrial | FrozenTrial> {
    if (trial instanceof StudyTrial) {
      if (trial.study !== this)
        throw new Error(`tell: trial ${trial.number} belongs to another study object`);
      return trial;
    }
    if (typeof trial !== "number" || !Number.isSafeInteger(trial) || trial < 0) {
      throw new TypeError(
        `tell: trial must be a trial from this study's ask() or a trial number >= 0, got ${typeof trial === "object" && trial !== null ? (trial as object).constructor.name : describe(trial)}`,
      );
    }
    const own = this.owned.get(trial);
    if (own !== undefined) return own;
    await this.refresh();
    const stored = this.cache.get(trial);
    if (stored === undefined)
      throw new RangeError(`tell: study "${this.studyName}" has no trial number ${trial}`);
    return stored;
  }

  private ownedById(trialId: number): StudyTrial | undefined {
    for (const t of this.owned.values()) if (t.trialId === trialId) return t;
    return undefined;
  }
}

/**
 * A trial as it stands when it starts (RUNNING, no parameters or values; the attributes its
 * sampler's `beforeTrial` set), copied so later changes to the live record do not reach it.
 */
function startRecord(t: FrozenTrial): FrozenTrial {
  return {
    ...t,
    state: "RUNNING",
    values: null,
    value: null,
    params: copyRecord(null),
    internalParams: copyRecord(null),
    distributions: copyRecord(null),
    userAttrs: copyRecord(t.userAttrs),
    systemAttrs: copyRecord(t.systemAttrs),
    intermediateValues: new IntermediateValues(),
    datetimeComplete: null,
    duration: null,
  };
}

/** Removes one occurrence of `item` from `list` (in place). */
function removeItem<T>(list: T[], item: T): void {
  const i = list.lastIndexOf(item);
  // pop when it is the last (the usual case): splice allocates the array of what it removed.
  if (i === list.length - 1) list.pop();
  else if (i >= 0) list.splice(i, 1);
}

/** Reads the second argument of `tell`. */
function parseTell(v: ObjectiveValue | TellOptions): TellOptions {
  if (typeof v === "number" || Array.isArray(v)) return { values: v as ObjectiveValue };
  if (v === null || typeof v !== "object") {
    throw new TypeError(
      `tell: the second argument must be the objective value(s) (a number or an array of numbers) or { state, values }, got ${typeof v === "string" ? `the string ${JSON.stringify(v)}` : describe(v)}`,
    );
  }
  const o = v as TellOptions;
  if (o.state !== undefined && o.state !== "COMPLETE" && o.state !== "PRUNED" && o.state !== "FAIL") {
    throw new RangeError(`tell: state must be "COMPLETE", "PRUNED" or "FAIL", got ${describe(o.state)}`);
  }
  if (
    o.values !== undefined &&
    o.values !== null &&
    typeof o.values !== "number" &&
    !Array.isArray(o.values)
  ) {
    throw new TypeError(
      `tell: values must be a number or an array of numbers, got ${typeof o.values === "string" ? `the string ${JSON.stringify(o.values)}` : describe(o.values)}`,
    );
  }
  return o;
}

/** JSON with object keys sorted, so equal records give equal strings. */
function canonicalJson(o: unknown): string {
  return JSON.stringify(o, (_k, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const out = copyRecord<unknown>(null);
    for (const k of Object.keys(v).sort()) setKey(out, k, (v as Record<string, unknown>)[k]);
    return out;
  });
}

function formatValues(values: readonly number[]): string {
  return `[${values.join(", ")}]`;
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return describe(e);
}
