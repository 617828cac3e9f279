/**
 * StudyTrial: the live trial of a study, the {@link Trial} an objective receives from
 * `optimize` and `ask`. Suggest calls are synchronous: they read the
 * study snapshot, ask the sampler, and record the value locally (visible at once to other
 * trials of this process); writes go to the storage in the background and are awaited at
 * `report`, `flush` and `tell`.
 */
import {
  type CategoricalChoice,
  categoricalDistribution,
  type Distribution,
  describeDistribution,
  distributionIncompatibility,
  distributionsEqual,
  type FloatOptions,
  floatDistribution,
  type IntOptions,
  intDistribution,
  isSingleValue,
  validateDistribution,
} from "../distributions/distribution.js";
import { containsInternal, snapInternal, toExternal, toInternal } from "../distributions/repr.js";
import { log } from "../logging/index.js";
import { copyRecord, emptyRecord, getKey, hasKey, setKey } from "../records/index.js";
import type { SearchSpace, StudyView } from "../sampler/sampler.js";
import type { TrialUpdate } from "../storage/storage.js";
import type { SyncTrialStorage } from "../storage/sync.js";
import {
  checkConstraint,
  checkJsonValue,
  checkName,
  checkReport,
  checkReportVector,
} from "../trial/checks.js";
import { CONSTRAINTS_KEY, FIXED_PARAMS_KEY, type FrozenTrial, type ParamValue } from "../trial/frozen.js";
import { IntermediateValues } from "../trial/intermediate-values.js";
import { encodeIntermediateVector, intermediateVectorKey } from "../trial/intermediate-vectors.js";
import type { JsonValue, TrialState } from "../trial/state.js";
import type { Trial } from "../trial/trial.js";
import type { Study } from "./study.js";

interface Pending {
  params: Record<string, { value: number; distribution: Distribution }> | null;
  intermediateValues: Array<[number, number]> | null;
  userAttrs: Record<string, JsonValue> | null;
  systemAttrs: Record<string, JsonValue> | null;
}

/** The mutable view of a running trial's snapshot (only this class writes it). */
interface LiveTrial {
  params: Record<string, ParamValue>;
  internalParams: Record<string, number>;
  distributions: Record<string, Distribution>;
  userAttrs: Record<string, JsonValue>;
  systemAttrs: Record<string, JsonValue>;
  intermediateValues: Map<number, number>;
}

/** The settled promise background flushes are scheduled on. */
const RESOLVED: Promise<void> = Promise.resolve();

/** A {@link TrialUpdate} being built. */
type MutableUpdate = { -readonly [K in keyof TrialUpdate]: TrialUpdate[K] };

function emptyPending(): Pending {
  return { params: null, intermediateValues: null, userAttrs: null, systemAttrs: null };
}

/**
 * A running trial of a study, handed to the objective (see the {@link Trial} interface).
 *
 * @example
 * ```ts
 * await study.optimize(async (trial) => {
 *   const lr = trial.suggestFloat("lr", 1e-5, 1e-1, { log: true });
 *   const layers = trial.suggestInt("layers", 1, 4);
 *   const opt = trial.suggestCategorical("optimizer", ["adam", "sgd"]);
 *   for (let epoch = 0; epoch < 10; epoch++) {
 *     await trial.report(trainOneEpoch(lr, layers, opt), epoch);
 *     if (trial.shouldPrune()) throw new TrialPruned();
 *   }
 *   return evaluate();
 * }, { nTrials: 50 });
 * ```
 */
export class StudyTrial implements Trial {
  /** 0-based number of the trial in its study. */
  readonly number: number;
  /** Storage-wide id of the trial. */
  readonly trialId: number;
  /** The study this trial belongs to. */
  readonly study: Study;
  /** @internal What samplers and pruners see of the study for this trial (the study itself, or a fixed-history view). */
  readonly view: StudyView;
  /**
   * Made at the first read of `signal` or the first `abort`, not with the trial: an
   * AbortController costs about 10 µs of CPU to create on Node 20 (20,000 in a loop), a fifth
   * of a whole RandomSampler trial, and most objectives never read the signal (issue 18).
   */
  private controller: AbortController | null = null;
  private snapshot: FrozenTrial;
  private readonly live: LiveTrial;
  private pending: Pending = emptyPending();
  private flushScheduled = false;
  private chain: Promise<void> = Promise.resolve();
  /** Writes enqueued on `chain` and not yet done (the synchronous finish needs none). */
  private writesInFlight = 0;
  private writeError: unknown = null;
  private relativeSpace: SearchSpace | null = null;
  private relativeParams: Record<string, number> | null = null;
  private finished = false;

  /** @internal Created by `Study.ask`; not meant to be constructed directly. */
  constructor(study: Study, frozen: FrozenTrial, view: StudyView = study) {
    this.study = study;
    this.view = view;
    // The live snapshot: own copies of the mutable parts, changed in place while the trial
    // runs (as Optuna's cached frozen trial is), so a suggestion costs no copying.
    this.snapshot = {
      ...frozen,
      params: copyRecord(frozen.params),
      internalParams: copyRecord(frozen.internalParams),
      distributions: copyRecord(frozen.distributions),
      userAttrs: copyRecord(frozen.userAttrs),
      systemAttrs: copyRecord(frozen.systemAttrs),
      intermediateValues: new IntermediateValues(frozen.intermediateValues),
    };
    this.live = this.snapshot as unknown as LiveTrial;
    this.number = frozen.number;
    this.trialId = frozen.trialId;
  }

  /**
   * The trial as it stands locally (including values not yet written). While the trial runs,
   * this record's params, attrs and intermediate values change in place; it is final once
   * the trial is told.
   */
  get frozen(): FrozenTrial {
    return this.snapshot;
  }

  /** External parameter values suggested so far. */
  get params(): Readonly<Record<string, ParamValue>> {
    return this.snapshot.params;
  }

  /** Distributions of the parameters suggested so far. */
  get distributions(): Readonly<Record<string, Distribution>> {
    return this.snapshot.distributions;
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.snapshot.userAttrs;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.snapshot.systemAttrs;
  }

  get intermediateValues(): ReadonlyMap<number, number> {
    return this.snapshot.intermediateValues;
  }

  get datetimeStart(): Date | null {
    return this.snapshot.datetimeStart;
  }

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  /** @internal Fires the trial's signal (trial timeout, study stop, optimize signal). */
  abort(reason: unknown): void {
    this.controller ??= new AbortController();
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /**
   * Suggests a real value in [low, high].
   * @param options - `log` (low > 0) or `step` (grid), not both.
   * @throws RangeError for invalid bounds or options, or if `name` was already suggested
   * with another distribution.
   */
  suggestFloat(name: string, low: number, high: number, options: FloatOptions = {}): number {
    // The study's distribution of `name` when the call asks for the same one (the common case
    // from the second trial on): no validation, no new object, no message string (issue 18).
    // Continuous only: with a step, the stored high is the adjusted one.
    const known = this.study.knownDistribution(name);
    if (
      known !== undefined &&
      known.kind === "float" &&
      known.step === null &&
      known.low === low &&
      known.high === high &&
      options !== null &&
      typeof options === "object" &&
      (options.step ?? null) === null &&
      known.log === (options.log ?? false)
    ) {
      return this.suggestChecked(name, known, known) as number;
    }
    return this.suggestChecked(
      name,
      floatDistribution(low, high, options, `suggestFloat("${name}")`),
    ) as number;
  }

  /**
   * Suggests an integer in [low, high].
   * @param options - `step` (integer ≥ 1) or `log` (low ≥ 1, step 1).
   * @throws RangeError for invalid bounds or options, or if `name` was already suggested
   * with another distribution.
   */
  suggestInt(name: string, low: number, high: number, options: IntOptions = {}): number {
    // As in suggestFloat: the study's distribution when the same one is asked (step 1 only).
    const known = this.study.knownDistribution(name);
    if (
      known !== undefined &&
      known.kind === "int" &&
      known.step === 1 &&
      known.low === low &&
      known.high === high &&
      options !== null &&
      typeof options === "object" &&
      (options.step ?? 1) === 1 &&
      known.log === (options.log ?? false)
    ) {
      return this.suggestChecked(name, known, known) as number;
    }
    return this.suggestChecked(name, intDistribution(low, high, options, `suggestInt("${name}")`)) as number;
  }

  /**
   * Suggests one of `choices` (strings, numbers, booleans or null, which may be mixed).
   * @throws RangeError for empty or repeated choices, or if `name` was already suggested
   * with other choices.
   */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.suggestChecked(name, categoricalDistribution(choices, `suggestCategorical("${name}")`)) as T;
  }

  /**
   * Suggests a value for `name` from any distribution (the general form of the three above).
   * @returns the external value (a choice for categoricals).
   */
  suggest(name: string, distribution: Distribution): ParamValue {
    return this.suggestChecked(name, validateDistribution(distribution, `suggest("${name}")`));
  }

  /** `suggest` for a distribution already validated (by the suggestX builders or `validateDistribution`). */
  private suggestChecked(
    name: string,
    distribution: Distribution,
    // The study's distribution of `name` when the caller already looked it up (suggestFloat,
    // suggestInt), which spares two map lookups by name per suggestion (issue 18).
    known: Distribution | undefined = this.study.knownDistribution(name),
  ): ParamValue {
    this.assertRunning("suggest");
    checkName("suggest", "name", name);
    const existing = getKey(this.snapshot.distributions, name);
    if (existing !== undefined) {
      if (!distributionsEqual(existing, distribution)) {
        throw new RangeError(
          `suggest: parameter "${name}" was already suggested in trial ${this.number} as ${describeDistribution(existing)}; it cannot be asked again as ${describeDistribution(distribution)}`,
        );
      }
      return this.snapshot.params[name]!;
    }
    if (known !== undefined && known !== distribution) {
      const why = distributionIncompatibility(known, distribution);
      if (why !== null)
        throw new RangeError(`suggest: parameter "${name}" cannot change within a study: ${why}`);
    }
    const internal = this.chooseInternal(name, distribution);
    this.record(name, internal, distribution);
    if (known === undefined) this.study.noteDistribution(name, distribution);
    return toExternal(distribution, internal);
  }

  /**
   * Reports an intermediate objective value at `step` (an integer ≥ 0) for pruners, writes
   * pending changes, and refreshes the study snapshot so that `shouldPrune` sees other
   * workers' progress. A step reported twice keeps its first value (with a warning). In a
   * multi-objective study `value` is an array with one number per objective, stored as the
   * system attribute `intermediate_vector:<step>` (read it with `intermediateVectors`).
   * @throws TypeError if value is not a number (one objective) or not an array of one number
   * per objective (several); RangeError if step is not an integer ≥ 0.
   */
  report(value: number | readonly number[], step: number): Promise<void> {
    this.assertRunning("report");
    const nObjectives = this.study.directions.length;
    if (nObjectives > 1) {
      checkReportVector(value, step, nObjectives);
      const key = intermediateVectorKey(step);
      if (hasKey(this.snapshot.systemAttrs, key)) {
        log("warn", `trial ${this.number}: step ${step} was already reported; the new values are ignored`);
        return this.flush();
      }
      this.setSystemAttr(key, encodeIntermediateVector(value as readonly number[]));
      return this.flush().then(() => this.study.refresh());
    }
    checkReport(value, step);
    if (this.snapshot.intermediateValues.has(step)) {
      log(
        "warn",
        `trial ${this.number}: step ${step} was already reported; the new value ${value} is ignored`,
      );
      return this.flush();
    }
    this.live.intermediateValues.set(step, value);
    this.pending.intermediateValues ??= [];
    this.pending.intermediateValues.push([step, value]);
    return this.flush().then(() => this.study.refresh());
  }

  /**
   * Whether the study's pruner wants this trial stopped, judged on the current snapshot and
   * this trial's reported values. Throw `TrialPruned` when it returns true.
   */
  shouldPrune(): boolean {
    this.assertRunning("shouldPrune");
    return this.study.pruner.prune(this.view, this.snapshot);
  }

  /** Sets a user attribute (any JSON value); written with the next flush. */
  setUserAttr(key: string, value: JsonValue): void {
    this.assertRunning("setUserAttr");
    checkName("setUserAttr", "key", key);
    checkJsonValue(`setUserAttr("${key}")`, value);
    setKey(this.live.userAttrs, key, value);
    this.pending.userAttrs ??= emptyRecord();
    setKey(this.pending.userAttrs, key, value);
    this.scheduleFlush();
  }

  /**
   * Sets a constraint value: the trial is feasible when every constraint is ≤ 0.
   * Constraint-aware samplers (TPE, NSGA-II, GP) read them; best-trial queries prefer feasible trials.
   * @throws RangeError if value is NaN or not a number, TypeError if name is not a non-empty string.
   */
  setConstraint(name: string, value: number): void {
    this.assertRunning("setConstraint");
    checkConstraint(name, value);
    const current = getKey(this.snapshot.systemAttrs, CONSTRAINTS_KEY) as Record<string, number> | undefined;
    const next = copyRecord(current);
    setKey(next, name, value);
    this.setSystemAttr(CONSTRAINTS_KEY, next);
  }

  /** @internal Sets a system attribute (used by samplers through the study view). */
  setSystemAttr(key: string, value: JsonValue): void {
    this.assertRunning("setSystemAttr");
    setKey(this.live.systemAttrs, key, value);
    this.pending.systemAttrs ??= emptyRecord();
    setKey(this.pending.systemAttrs, key, value);
    this.scheduleFlush();
  }

  /** Writes pending changes to the storage. Rejects if an earlier background write failed. */
  flush(): Promise<void> {
    const update = this.takePending();
    if (update !== null) this.enqueueWrite(update);
    return this.chain.then(() => this.throwWriteError());
  }

  /**
   * @internal Ends the trial: merges pending writes with the final state into one write.
   * Called by `Study.tell`.
   */
  async finish(
    state: TrialState,
    values: readonly number[] | null,
    extraSystemAttrs: Record<string, JsonValue> | null,
  ): Promise<FrozenTrial> {
    this.assertRunning("tell");
    this.finished = true;
    const pending = this.takePending();
    const systemAttrs =
      pending?.systemAttrs || extraSystemAttrs ? { ...pending?.systemAttrs, ...extraSystemAttrs } : undefined;
    const update: TrialUpdate = {
      ...pending,
      ...(systemAttrs === undefined ? {} : { systemAttrs }),
      state,
      values,
    };
    await this.chain;
    this.throwWriteError();
    const stored = await this.study.writeTrial(this.trialId, update);
    this.snapshot = stored;
    return stored;
  }

  /**
   * @internal True when {@link StudyTrial.finishSync} may end the trial now: no write of it
   * is on its way to the storage (a `report` or `flush` not yet done) and none failed.
   */
  get canFinishSync(): boolean {
    return this.writesInFlight === 0 && this.writeError === null && !this.finished;
  }

  /**
   * @internal `finish` for a storage with synchronous writes (the study's fast path): the
   * same single write of pending changes with the final state, made through `sync` at once.
   * Only when {@link StudyTrial.canFinishSync} holds, so no earlier write is overtaken.
   */
  finishSync(
    state: TrialState,
    values: readonly number[] | null,
    extraSystemAttrs: Record<string, JsonValue> | null,
    sync: SyncTrialStorage,
  ): FrozenTrial {
    this.assertRunning("tell");
    this.finished = true;
    // The update `finish` writes, with its keys in the same order, built on the pending one
    // in place rather than by spreading it into a new object (9% of a Random trial's profile).
    const update = this.takePending() ?? {};
    if (extraSystemAttrs !== null) update.systemAttrs = { ...update.systemAttrs, ...extraSystemAttrs };
    update.state = state;
    update.values = values;
    const stored = this.study.writeTrialSync(sync, this.trialId, update);
    this.snapshot = stored;
    return stored;
  }

  /** @internal True once `tell` has started for this trial. */
  get isFinished(): boolean {
    return this.finished;
  }

  private chooseInternal(name: string, d: Distribution): number {
    if (isSingleValue(d)) return d.kind === "categorical" ? 0 : d.low;
    const fixed = getKey(this.snapshot.systemAttrs, FIXED_PARAMS_KEY) as Record<string, unknown> | undefined;
    if (fixed !== undefined && fixed !== null && hasKey(fixed, name)) {
      try {
        return toInternal(d, fixed[name]);
      } catch (e) {
        log("warn", `trial ${this.number}: enqueued value for "${name}" ignored: ${(e as Error).message}`);
      }
    }
    const sampler = this.study.sampler;
    if (this.relativeParams === null) {
      this.relativeSpace = sampler.inferRelativeSearchSpace(this.view, this.snapshot);
      this.relativeParams =
        Object.keys(this.relativeSpace).length === 0
          ? emptyRecord()
          : sampler.sampleRelative(this.view, this.snapshot, this.relativeSpace);
    }
    let x: number;
    const rel = getKey(this.relativeParams, name);
    const relDist = getKey(this.relativeSpace, name);
    if (rel !== undefined && relDist !== undefined && distributionsEqual(relDist, d)) {
      x = rel;
    } else {
      x = sampler.sampleIndependent(this.view, this.snapshot, name, d);
    }
    if (!containsInternal(d, x)) {
      const snapped = snapInternal(d, x);
      const range = d.kind === "categorical" ? 1 : Math.max(d.high - d.low, Number.MIN_VALUE);
      if (!(Math.abs(snapped - x) <= 1e-9 * range)) {
        throw new RangeError(
          `sampler ${sampler.constructor.name} returned ${x} for "${name}", outside ${describeDistribution(d)}`,
        );
      }
      x = snapped;
    }
    return x;
  }

  private record(name: string, internal: number, d: Distribution): void {
    const live = this.live;
    setKey(live.params, name, toExternal(d, internal));
    setKey(live.internalParams, name, internal);
    setKey(live.distributions, name, d);
    this.pending.params ??= emptyRecord();
    setKey(this.pending.params, name, { value: internal, distribution: d });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A reaction on a settled promise, not queueMicrotask: the same microtask queue and
    // position, but Node's queueMicrotask wraps each callback in an AsyncResource and a
    // bound function (about 10% of a 10-D Random trial's allocations, issue 18).
    RESOLVED.then(() => {
      this.flushScheduled = false;
      if (this.finished) return;
      const update = this.takePending();
      if (update !== null) this.enqueueWrite(update);
    });
  }

  private takePending(): MutableUpdate | null {
    const p = this.pending;
    if (
      p.params === null &&
      p.intermediateValues === null &&
      p.userAttrs === null &&
      p.systemAttrs === null
    ) {
      return null;
    }
    const update: MutableUpdate = {};
    if (p.params !== null) update.params = p.params;
    if (p.intermediateValues !== null) update.intermediateValues = p.intermediateValues;
    if (p.userAttrs !== null) update.userAttrs = p.userAttrs;
    if (p.systemAttrs !== null) update.systemAttrs = p.systemAttrs;
    // Emptied in place (its records now belong to the update), not replaced by a new object.
    p.params = null;
    p.intermediateValues = null;
    p.userAttrs = null;
    p.systemAttrs = null;
    return update;
  }

  private enqueueWrite(update: TrialUpdate): void {
    this.writesInFlight++;
    this.chain = this.chain.then(async () => {
      try {
        if (this.writeError !== null) return;
        await this.study.writeTrial(this.trialId, update);
      } catch (e) {
        this.writeError = e;
        log("error", `trial ${this.number}: writing to the storage failed: ${(e as Error).message}`);
      } finally {
        this.writesInFlight--;
      }
    });
  }

  private throwWriteError(): void {
    if (this.writeError !== null) throw this.writeError;
  }

  private assertRunning(what: string): void {
    if (this.finished) throw new Error(`${what}: trial ${this.number} is already finished`);
  }
}
