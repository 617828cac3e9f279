/**
 * The storage rules, shared by every storage: how a trial is created (empty, or from a
 * template), how a WAITING trial is taken, how an update changes a trial (which state
 * transitions are allowed, what a COMPLETE trial needs, one distribution per parameter name),
 * and how a study attribute is written. Each rule is a pure function: it reads the records it
 * is given and the time it is told, and returns new records (it never changes its arguments).
 *
 * `InMemoryStorage` applies them to its maps; a journal storage (file or Redis) applies the
 * same rules to each record it replays from its log, in log order, as Optuna's JournalStorage
 * replays its operations; SQL storages call them inside their transactions. So a study reads
 * the same in every storage.
 */
import { type Distribution, distributionIncompatibility } from "../distributions/distribution.js";
import { toExternal } from "../distributions/repr.js";
import { UpdateFinishedTrialError } from "../errors/index.js";
import { copyRecord, emptyRecord, getKey, setKey, withKey } from "../records/index.js";
import { durationOf, type FrozenTrial, type ParamValue } from "../trial/frozen.js";
import { IntermediateValues } from "../trial/intermediate-values.js";
import { isFinished, isTrialState, type JsonValue, type StudyDirection } from "../trial/state.js";
import type { TrialUpdate } from "./storage.js";

/** What the rules read of the study a trial belongs to. */
export interface StudyRuleContext {
  /** The study's directions (one value per direction). */
  readonly directions: readonly StudyDirection[];
  /** The distribution each parameter name has in the study so far (see {@link noteParamDistributions}). */
  readonly paramDistributions: ReadonlyMap<string, Distribution>;
}

/** Copies a JSON value so later mutation by the caller cannot reach stored data. */
export function copyJson(value: JsonValue): JsonValue {
  return value === null || typeof value !== "object" ? value : structuredClone(value);
}

/**
 * Checks a parameter's distribution against the one the study already uses for that name.
 * @throws RangeError when they are incompatible (different kind or choices).
 */
export function checkParamCompatibility(
  name: string,
  known: Distribution | undefined,
  d: Distribution,
): void {
  if (known === undefined) return;
  const why = distributionIncompatibility(known, d);
  if (why !== null) {
    throw new RangeError(`parameter "${name}" cannot change its distribution within a study: ${why}`);
  }
}

/**
 * A new trial numbered `number` with storage id `trialId`: without a template, RUNNING and
 * empty, started `now`; with one (from `createFrozenTrial`, `addTrial`, `enqueueTrial` or
 * `copyStudy`), a deep copy of its state, values, parameters, attributes, reports and times (a
 * WAITING template has no start time).
 * @throws RangeError if the template has the wrong number of values for the study, or a
 *   parameter whose distribution conflicts with the study's.
 */
export function createTrialRecord(
  template: FrozenTrial | undefined,
  ids: { readonly number: number; readonly trialId: number },
  study: StudyRuleContext,
  now: Date,
): FrozenTrial {
  const { number, trialId } = ids;
  if (template === undefined) {
    return {
      number,
      trialId,
      state: "RUNNING",
      values: null,
      value: null,
      params: emptyRecord(),
      internalParams: emptyRecord(),
      distributions: emptyRecord(),
      userAttrs: emptyRecord(),
      systemAttrs: emptyRecord(),
      intermediateValues: new IntermediateValues(),
      datetimeStart: now,
      datetimeComplete: null,
      duration: null,
    };
  }
  const n = study.directions.length;
  if (template.values !== null && template.values.length !== n) {
    throw new RangeError(
      `createTrial: values must have one entry per direction (${n}), got ${template.values.length}`,
    );
  }
  for (const name of Object.keys(template.distributions)) {
    checkParamCompatibility(name, study.paramDistributions.get(name), template.distributions[name]!);
  }
  const datetimeStart = template.state === "WAITING" ? null : template.datetimeStart;
  return {
    ...template,
    number,
    trialId,
    values: template.values === null ? null : template.values.slice(),
    params: copyRecord(template.params),
    internalParams: copyRecord(template.internalParams),
    distributions: copyRecord(template.distributions),
    userAttrs: copyAttrs(template.userAttrs),
    systemAttrs: copyAttrs(template.systemAttrs),
    intermediateValues: new IntermediateValues(template.intermediateValues),
    datetimeStart,
    duration: durationOf(datetimeStart, template.datetimeComplete),
  };
}

/**
 * A WAITING (enqueued) trial taken by a worker: RUNNING, started `now`. Null when the trial is
 * no longer WAITING (another worker took it first: a journal replaying two workers' claims
 * on one trial gives it to the first and null to the second).
 */
export function startWaitingTrial(
  trial: FrozenTrial,
  study: StudyRuleContext,
  now: Date,
): FrozenTrial | null {
  return trial.state === "WAITING" ? applyTrialUpdate(trial, { state: "RUNNING" }, study, now) : null;
}

/**
 * The study's map of parameter distributions once `trial` is stored: the same map when the
 * trial names no new parameter (the usual case), else a copy with the new names (a name keeps
 * the first distribution seen for it).
 */
export function noteParamDistributions(
  known: ReadonlyMap<string, Distribution>,
  trial: FrozenTrial,
): ReadonlyMap<string, Distribution> {
  let out: Map<string, Distribution> | null = null;
  for (const name of Object.keys(trial.distributions)) {
    if (known.has(name) || out?.has(name)) continue;
    out ??= new Map(known);
    out.set(name, trial.distributions[name]!);
  }
  return out ?? known;
}

/** A study's user or system attributes after writing `key` (a copy; `value` is deep-copied). */
export function withStudyAttr(
  attrs: Readonly<Record<string, JsonValue>>,
  key: string,
  value: JsonValue,
): Record<string, JsonValue> {
  return withKey(attrs, key, copyJson(value));
}

/**
 * The trial after `update`, following the storage rules (see `Storage`).
 * @param trial - the stored trial.
 * @param study - the study's directions (for the values count) and parameter distributions.
 * @param now - the time of the update: the start of a trial moved to RUNNING, the completion
 *   of a finished one.
 * @throws UpdateFinishedTrialError if `trial` is finished.
 * @throws RangeError on an invalid transition or values, or a parameter whose distribution
 *   conflicts with the study's or the trial's.
 */
export function applyTrialUpdate(
  trial: FrozenTrial,
  update: TrialUpdate,
  study: StudyRuleContext,
  now: Date,
): FrozenTrial {
  const directions = study.directions;
  if (isFinished(trial.state)) {
    throw new UpdateFinishedTrialError(
      `trial ${trial.number} (id ${trial.trialId}) is already finished with state ${trial.state} and cannot be updated`,
    );
  }
  let state = trial.state;
  let values = trial.values;
  let datetimeComplete = trial.datetimeComplete;
  if (update.state !== undefined) {
    const s = update.state;
    if (!isTrialState(s)) {
      throw new RangeError(
        `trial ${trial.number}: state must be one of RUNNING, COMPLETE, PRUNED, FAIL, got ${JSON.stringify(s)}`,
      );
    }
    if (s === "WAITING") throw new RangeError(`trial ${trial.number}: cannot move a trial back to WAITING`);
    if (s === "RUNNING") {
      if (trial.state === "RUNNING") throw new RangeError(`trial ${trial.number} is already RUNNING`);
    } else {
      datetimeComplete = now;
    }
    const v = update.values;
    if (s === "COMPLETE" && (v === undefined || v === null)) {
      throw new RangeError(`trial ${trial.number}: COMPLETE needs values`);
    }
    if (v !== undefined && v !== null) {
      if (s !== "COMPLETE" && s !== "PRUNED") {
        throw new RangeError(
          `trial ${trial.number}: values are only stored with state COMPLETE or PRUNED (got ${s})`,
        );
      }
      values = checkValues(trial.number, v, directions.length);
    }
    state = s;
  } else if (update.values !== undefined && update.values !== null) {
    throw new RangeError(
      `trial ${trial.number}: values can only be set together with state COMPLETE or PRUNED`,
    );
  }

  let params = trial.params;
  let internalParams = trial.internalParams;
  let distributions = trial.distributions;
  if (update.params !== undefined) {
    const p: Record<string, ParamValue> = copyRecord(params);
    const ip: Record<string, number> = copyRecord(internalParams);
    const ds: Record<string, Distribution> = copyRecord(distributions);
    for (const name of Object.keys(update.params)) {
      const { value, distribution } = update.params[name]!;
      checkParamCompatibility(name, study.paramDistributions.get(name), distribution);
      checkParamCompatibility(name, getKey(ds, name), distribution);
      setKey(p, name, toExternal(distribution, value));
      setKey(ip, name, value);
      setKey(ds, name, distribution);
    }
    params = p;
    internalParams = ip;
    distributions = ds;
  }

  let intermediateValues = trial.intermediateValues;
  if (update.intermediateValues !== undefined && update.intermediateValues.length > 0) {
    const m = new IntermediateValues(intermediateValues);
    for (const [step, v] of update.intermediateValues) {
      if (!Number.isSafeInteger(step) || step < 0) {
        throw new RangeError(`trial ${trial.number}: step must be an integer >= 0, got ${step}`);
      }
      m.set(step, v);
    }
    intermediateValues = m;
  }

  let userAttrs = trial.userAttrs;
  if (update.userAttrs !== undefined) {
    const u: Record<string, JsonValue> = copyRecord(userAttrs);
    for (const k of Object.keys(update.userAttrs)) setKey(u, k, copyJson(update.userAttrs[k]!));
    userAttrs = u;
  }
  let systemAttrs = trial.systemAttrs;
  if (update.systemAttrs !== undefined) {
    const s: Record<string, JsonValue> = copyRecord(systemAttrs);
    for (const k of Object.keys(update.systemAttrs)) setKey(s, k, copyJson(update.systemAttrs[k]!));
    systemAttrs = s;
  }

  const datetimeStart = update.state === "RUNNING" ? now : trial.datetimeStart;
  return {
    number: trial.number,
    trialId: trial.trialId,
    state,
    values,
    value: values === null ? null : values[0]!,
    params,
    internalParams,
    distributions,
    userAttrs,
    systemAttrs,
    intermediateValues,
    datetimeStart,
    datetimeComplete,
    duration: durationOf(datetimeStart, datetimeComplete),
  };
}

/** The values of a COMPLETE or PRUNED trial, checked: one number (not NaN) per direction. */
function checkValues(number: number, v: readonly number[], n: number): number[] {
  if (!Array.isArray(v)) throw new RangeError(`trial ${number}: values must be an array of numbers`);
  if (v.length !== n) {
    throw new RangeError(`trial ${number}: values must have one entry per direction (${n}), got ${v.length}`);
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "number" || Number.isNaN(v[i])) {
      throw new RangeError(`trial ${number}: values[${i}] must be a number (not NaN), got ${String(v[i])}`);
    }
  }
  return v.slice();
}

/** A deep copy of an attribute record. */
function copyAttrs(attrs: Readonly<Record<string, JsonValue>>): Record<string, JsonValue> {
  const out = emptyRecord<JsonValue>();
  for (const key of Object.keys(attrs)) setKey(out, key, copyJson(attrs[key]!));
  return out;
}
