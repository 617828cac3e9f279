/**
 * Study: a set of trials optimizing one objective (or several), shared through a storage.
 *
 * Samplers and pruners read it through the synchronous {@link StudyView} methods
 * (`getTrials`, `directions`, ...), which serve a snapshot refreshed incrementally from the
 * storage before each trial starts and after each report. Trials of this process update the
 * snapshot as they suggest, so concurrent in-process trials see each other at once.
 */
import type { Distribution } from "../distributions/distribution.js";
import { SearchSpaceExhaustedError, TrialPruned } from "../errors/index.js";
import { log } from "../logging/index.js";
import type { Pruner } from "../pruner/index.js";
import type { Sampler, StudyView, TrialFilter } from "../sampler/sampler.js";
import type { Storage, TrialUpdate } from "../storage/storage.js";
import {
  createFrozenTrial,
  FAIL_REASON_KEY,
  FIXED_PARAMS_KEY,
  type FrozenTrial,
  isFeasible,
  type ParamValue,
  trialConstraints,
} from "../trial/frozen.js";
import { isFinished, type JsonValue, type StudyDirection, type TrialState } from "../trial/state.js";
import { TrialCache } from "./cache.js";
import { paretoFront } from "./pareto.js";
import { Trial } from "./trial.js";

/** What an objective returns: one value, or one per direction. */
export type ObjectiveValue = number | readonly number[];

/** The function a study optimizes. */
export type Objective = (trial: Trial) => ObjectiveValue | Promise<ObjectiveValue>;

/** Called after each trial of `optimize` finishes. */
export type OptimizeCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

/** An error class, for `catch`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** Options of {@link Study.optimize}. */
export interface OptimizeOptions {
  /** Number of trials to run (in total, across the concurrent runners of this call). @defaultValue unlimited (until timeout, stop or signal) */
  readonly nTrials?: number;
  /** Stop starting new trials after this many seconds. @defaultValue none */
  readonly timeout?: number;
  /** Trials run at once in this process. @defaultValue 1 */
  readonly concurrency?: number;
  /** Called after each finished trial. @defaultValue [] */
  readonly callbacks?: readonly OptimizeCallback[];
  /**
   * Errors that fail their trial without stopping `optimize` (others fail the trial and are
   * rethrown): a list of error classes, or `true` for every error. @defaultValue []
   */
  readonly catch?: readonly ErrorClass[] | true;
  /** Aborting it stops starting new trials (running ones finish). */
  readonly signal?: AbortSignal;
}

/** Explicit final state for {@link Study.tell}. */
export interface TellOptions {
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
}

function isThenable<T>(x: unknown): x is PromiseLike<T> {
  return (
    x !== null &&
    (typeof x === "object" || typeof x === "function") &&
    typeof (x as { then?: unknown }).then === "function"
  );
}

/** A study. Create one with `createStudy`, open an existing one with `loadStudy`. */
export class Study implements StudyView {
  readonly storage: Storage;
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  private readonly cache = new TrialCache();
  private cursor = 0;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private askChain: Promise<unknown> = Promise.resolve();
  private readonly owned = new Map<number, Trial>();
  private readonly distributionsByName = new Map<string, Distribution>();
  private userAttrsCache: Record<string, JsonValue>;
  private systemAttrsCache: Record<string, JsonValue>;
  private pendingStudySystemAttrs: Record<string, JsonValue> | null = null;
  private stopRequested = false;

  /** @internal Use `createStudy` or `loadStudy`. */
  constructor(init: StudyInit) {
    this.storage = init.storage;
    this.studyId = init.studyId;
    this.studyName = init.studyName;
    this.directions = Object.freeze(init.directions.slice());
    this.sampler = init.sampler;
    this.pruner = init.pruner;
    this.userAttrsCache = init.userAttrs;
    this.systemAttrsCache = init.systemAttrs;
  }

  /** The single direction. @throws Error in a multi-objective study. */
  get direction(): StudyDirection {
    if (this.directions.length > 1)
      throw new Error("direction: this study has several directions; use directions");
    return this.directions[0]!;
  }

  /** All trials, ordered by number (snapshot). */
  get trials(): readonly FrozenTrial[] {
    return this.cache.list();
  }

  /** Trials in the given states, ordered by number, from the current snapshot. Do not mutate. */
  getTrials(filter: TrialFilter = {}): readonly FrozenTrial[] {
    return this.cache.list(filter.states);
  }

  /** User attributes of the study (snapshot). */
  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.userAttrsCache;
  }

  /** System attributes of the study (snapshot, including values set here not yet written). */
  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.systemAttrsCache;
  }

  /** Sets a user attribute of the study. */
  async setUserAttr(key: string, value: JsonValue): Promise<void> {
    await this.storage.setStudyUserAttr(this.studyId, key, value);
    this.userAttrsCache = { ...this.userAttrsCache, [key]: value };
  }

  /** Records a study system attribute now in the snapshot; it is written with the next trial write. */
  setSystemAttr(key: string, value: JsonValue): void {
    this.systemAttrsCache = { ...this.systemAttrsCache, [key]: value };
    this.pendingStudySystemAttrs ??= {};
    this.pendingStudySystemAttrs[key] = value;
  }

  /** Records a system attribute on a running trial of this study object. */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    const trial = this.ownedById(trialId);
    if (trial === undefined) {
      throw new Error(`setTrialSystemAttr: trial id ${trialId} is not a running trial of this study object`);
    }
    trial.setSystemAttr(key, value);
  }

  /** Stops `optimize` from starting new trials (running trials finish). */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * The best COMPLETE trial. When any completed trial set constraints, only feasible trials
   * count.
   * @throws Error in a multi-objective study, or when no (feasible) trial is complete.
   */
  get bestTrial(): FrozenTrial {
    if (this.directions.length > 1) {
      throw new Error("bestTrial: this is a multi-objective study; use bestTrials (the Pareto front)");
    }
    const candidates = this.feasibleComplete();
    if (candidates.length === 0) throw new Error("bestTrial: no trial is complete (and feasible) yet");
    const max = this.directions[0] === "maximize";
    let best = candidates[0]!;
    for (const t of candidates) {
      const v = t.values![0]!;
      const b = best.values![0]!;
      if (max ? v > b : v < b) best = t;
    }
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
   * directions), ordered by number. Feasible trials only when constraints were set.
   */
  get bestTrials(): FrozenTrial[] {
    return paretoFront(this.feasibleComplete(), this.directions);
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
        const page = await this.storage.getTrials(this.studyId, { since: this.cursor });
        for (const t of page.trials) {
          const own = this.owned.get(t.number);
          if (own !== undefined && !isFinished(t.state)) continue; // our local state is newer
          this.cache.put(t);
          for (const name in t.distributions) this.noteDistribution(name, t.distributions[name]!);
        }
        if (page.cursor > this.cursor) this.cursor = page.cursor;
      } while (this.refreshAgain);
    };
    this.refreshing = run().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Starts a trial for the ask-and-tell interface: a waiting (enqueued) trial if there is one,
   * else a new one.
   * @param fixedDistributions - parameters to suggest at once (the trial's `params` holds them).
   * @throws SearchSpaceExhaustedError when the sampler has nothing left to propose.
   */
  ask(fixedDistributions?: Readonly<Record<string, Distribution>>): Promise<Trial> {
    // Starts are serialized so that a finite sampler sees every trial this process started.
    const next = this.askChain.then(() => this.startTrial(fixedDistributions));
    this.askChain = next.catch(() => undefined);
    return next;
  }

  /**
   * Ends a trial: `values` (a number or one per direction) makes it COMPLETE; `{ state }`
   * sets PRUNED or FAIL. A NaN value or a wrong number of values fails the trial (its reason
   * stored in the system attribute `fail_reason`) and throws a RangeError.
   * @param trial - a Trial from `ask`, or a trial number.
   * @throws UpdateFinishedTrialError if the trial is already finished (unless `skipIfFinished`).
   */
  async tell(trial: Trial | number, valuesOrOptions: ObjectiveValue | TellOptions): Promise<FrozenTrial> {
    const options: TellOptions =
      typeof valuesOrOptions === "number" || Array.isArray(valuesOrOptions)
        ? { values: valuesOrOptions as ObjectiveValue }
        : (valuesOrOptions as TellOptions);
    const live = await this.resolveTrial(trial);
    if (!(live instanceof Trial)) {
      if (options.skipIfFinished && isFinished(live.state)) return live;
      return this.tellStored(live, options);
    }
    if (live.isFinished) {
      if (options.skipIfFinished) return live.frozen;
      throw new Error(`tell: trial ${live.number} is already finished`);
    }
    const { state, values, failReason } = this.checkTell(options);
    return this.finishTrial(live, state, values, failReason, true);
  }

  /**
   * Runs the objective for `nTrials` trials (or until `timeout`, `stop()` or the signal),
   * `concurrency` at a time. A trial whose objective throws is FAIL with the error as reason;
   * the error is rethrown (after running trials finish) unless listed in `catch`.
   * `TrialPruned` marks the trial PRUNED. A NaN or malformed return value fails the trial
   * with a warning.
   */
  async optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    const nTrials = options.nTrials;
    if (nTrials !== undefined && (!Number.isSafeInteger(nTrials) || nTrials < 0)) {
      throw new RangeError(`optimize: nTrials must be an integer >= 0, got ${nTrials}`);
    }
    const concurrency = options.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`optimize: concurrency must be an integer >= 1, got ${concurrency}`);
    }
    const timeout = options.timeout;
    if (timeout !== undefined && !(timeout >= 0)) {
      throw new RangeError(`optimize: timeout must be a number of seconds >= 0, got ${timeout}`);
    }
    if (typeof objective !== "function") throw new TypeError("optimize: objective must be a function");
    const deadline = timeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeout * 1000;
    const callbacks = options.callbacks ?? [];
    const signal = options.signal;
    this.stopRequested = false;
    let started = 0;
    let fatal: { error: unknown } | null = null;

    const runner = async (): Promise<void> => {
      for (;;) {
        if (fatal !== null || this.stopRequested || signal?.aborted) return;
        if (nTrials !== undefined && started >= nTrials) return;
        if (Date.now() >= deadline) return;
        started++;
        let trial: Trial;
        try {
          trial = await this.ask();
        } catch (e) {
          started--;
          if (e instanceof SearchSpaceExhaustedError) {
            this.stop();
            return;
          }
          throw e;
        }
        const frozen = await this.runObjective(trial, objective, options.catch ?? [], (error) => {
          fatal ??= { error };
        });
        for (const cb of callbacks) await cb(this, frozen);
      }
    };
    const results = await Promise.allSettled(Array.from({ length: concurrency }, runner));
    if (fatal !== null) throw (fatal as { error: unknown }).error;
    for (const r of results) if (r.status === "rejected") throw r.reason;
  }

  /**
   * Enqueues a trial whose parameters are fixed to `params` (parameters it does not name are
   * sampled). The next `ask` (in any worker) runs it.
   */
  async enqueueTrial(
    params: Readonly<Record<string, ParamValue>>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (params === null || typeof params !== "object")
      throw new TypeError("enqueueTrial: params must be an object");
    if (options.skipIfExists) {
      await this.refresh();
      const key = JSON.stringify(sortKeys(params));
      for (const t of this.cache.list(["WAITING", "RUNNING", "COMPLETE"])) {
        const fixed = t.systemAttrs[FIXED_PARAMS_KEY];
        if (fixed !== undefined && JSON.stringify(sortKeys(fixed as Record<string, ParamValue>)) === key)
          return;
      }
    }
    const template = createFrozenTrial({
      state: "WAITING",
      userAttrs: options.userAttrs ?? {},
      systemAttrs: { [FIXED_PARAMS_KEY]: { ...params } as JsonValue },
      datetimeStart: null,
    });
    const created = await this.storage.createTrial(this.studyId, template);
    this.cache.put(created);
  }

  /** Adds a finished trial (e.g. from an earlier experiment) built with `createFrozenTrial`. */
  async addTrial(trial: FrozenTrial): Promise<FrozenTrial> {
    if (trial.values !== null && trial.values.length !== this.directions.length) {
      throw new RangeError(
        `addTrial: values must have one entry per direction (${this.directions.length}), got ${trial.values.length}`,
      );
    }
    for (const name in trial.distributions) {
      const known = this.knownDistribution(name);
      if (known !== undefined && known.kind !== trial.distributions[name]!.kind) {
        throw new RangeError(
          `addTrial: parameter "${name}" is ${known.kind} in this study, not ${trial.distributions[name]!.kind}`,
        );
      }
    }
    const created = await this.storage.createTrial(this.studyId, trial);
    this.cache.put(created);
    for (const name in created.distributions) this.noteDistribution(name, created.distributions[name]!);
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
      for (const key in studyAttrs)
        await this.storage.setStudySystemAttr(this.studyId, key, studyAttrs[key]!);
    }
    return this.storage.updateTrial(trialId, update);
  }

  private async startTrial(fixedDistributions?: Readonly<Record<string, Distribution>>): Promise<Trial> {
    await this.refresh();
    if (this.sampler.isExhausted?.(this)) {
      throw new SearchSpaceExhaustedError(
        `study "${this.studyName}": the sampler has no point left to propose`,
      );
    }
    let frozen = await this.storage.popWaitingTrial(this.studyId);
    if (frozen === null) frozen = await this.storage.createTrial(this.studyId);
    const trial = new Trial(this, frozen);
    this.owned.set(frozen.number, trial);
    this.cache.put(trial.frozen);
    this.sampler.beforeTrial?.(this, trial.frozen);
    if (fixedDistributions !== undefined) {
      for (const name of Object.keys(fixedDistributions)) trial.suggest(name, fixedDistributions[name]!);
    }
    return trial;
  }

  private async runObjective(
    trial: Trial,
    objective: Objective,
    catchList: readonly ErrorClass[] | true,
    onFatal: (error: unknown) => void,
  ): Promise<FrozenTrial> {
    let result: unknown;
    try {
      const r = objective(trial);
      result = isThenable(r) ? await r : r;
    } catch (error) {
      if (error instanceof TrialPruned) return this.finishTrial(trial, "PRUNED", null, null, false);
      const reason = describeError(error);
      const frozen = await this.finishTrial(trial, "FAIL", null, reason, false);
      const caught = catchList === true || catchList.some((C) => error instanceof C);
      if (caught) log("warn", `trial ${trial.number} failed (caught): ${reason}`);
      else onFatal(error);
      return frozen;
    }
    const { state, values, failReason } = this.checkTell({ values: result as ObjectiveValue });
    return this.finishTrial(trial, state, values, failReason, false);
  }

  /** Validates the outcome of a trial; malformed values turn into FAIL with a reason. */
  private checkTell(options: TellOptions): {
    state: TrialState;
    values: number[] | null;
    failReason: string | null;
  } {
    const state = options.state ?? "COMPLETE";
    if (state === "RUNNING" || state === "WAITING") {
      throw new RangeError(`tell: state must be COMPLETE, PRUNED or FAIL, got ${state}`);
    }
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
        failReason: `the objective returned ${describeValue(raw)}, not a number or an array of ${n} numbers`,
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
          failReason: `the objective returned ${describeValue(v)}${n > 1 ? ` at index ${i}` : ""}, not a number`,
        };
      }
    }
    return { state: "COMPLETE", values: arr as number[], failReason: null };
  }

  private async finishTrial(
    trial: Trial,
    state: TrialState,
    values: number[] | null,
    failReason: string | null,
    throwOnFail: boolean,
  ): Promise<FrozenTrial> {
    if (failReason !== null) log("warn", `trial ${trial.number} failed: ${failReason}`);
    this.sampler.afterTrial?.(this, trial.frozen, state, values);
    let frozen: FrozenTrial;
    try {
      frozen = await trial.finish(
        state,
        values,
        failReason === null ? null : { [FAIL_REASON_KEY]: failReason },
      );
    } finally {
      this.owned.delete(trial.number);
    }
    this.cache.put(frozen);
    if (throwOnFail && failReason !== null)
      throw new RangeError(`tell: trial ${trial.number} failed: ${failReason}`);
    return frozen;
  }

  /** `tell` for a trial started elsewhere (e.g. by `ask` in another process of the CLI). */
  private async tellStored(trial: FrozenTrial, options: TellOptions): Promise<FrozenTrial> {
    const { state, values, failReason } = this.checkTell(options);
    this.sampler.afterTrial?.(this, trial, state, values);
    const frozen = await this.writeTrial(trial.trialId, {
      state,
      values,
      ...(failReason === null ? {} : { systemAttrs: { [FAIL_REASON_KEY]: failReason } }),
    });
    this.cache.put(frozen);
    if (failReason !== null) throw new RangeError(`tell: trial ${trial.number} failed: ${failReason}`);
    return frozen;
  }

  private async resolveTrial(trial: Trial | number): Promise<Trial | FrozenTrial> {
    if (trial instanceof Trial) {
      if (trial.study !== this)
        throw new Error(`tell: trial ${trial.number} belongs to another study object`);
      return trial;
    }
    if (!Number.isSafeInteger(trial) || trial < 0) {
      throw new RangeError(`tell: trial must be a Trial or a trial number >= 0, got ${String(trial)}`);
    }
    const own = this.owned.get(trial);
    if (own !== undefined) return own;
    await this.refresh();
    const stored = this.cache.get(trial);
    if (stored === undefined)
      throw new RangeError(`tell: study "${this.studyName}" has no trial number ${trial}`);
    return stored;
  }

  private ownedById(trialId: number): Trial | undefined {
    for (const t of this.owned.values()) if (t.trialId === trialId) return t;
    return undefined;
  }

  private feasibleComplete(): FrozenTrial[] {
    const complete = this.cache.list(["COMPLETE"]);
    const constrained = complete.some((t) => trialConstraints(t) !== null);
    return constrained ? complete.filter(isFeasible) : complete.slice();
  }
}

function sortKeys(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

function describeValue(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return describeValue(e);
}
