/**
 * The rules of a trial update, shared by every storage: which state transitions are
 * allowed, what a COMPLETE trial needs, and how the new FrozenTrial is built. Storages call
 * {@link applyTrialUpdate} inside their own atomic section (a lock, a transaction, a replayed
 * journal), so the rules are the same everywhere.
 */
import { type Distribution, distributionIncompatibility } from "../distributions/distribution.js";
import { toExternal } from "../distributions/repr.js";
import { UpdateFinishedTrialError } from "../errors/index.js";
import { copyRecord, getKey, setKey } from "../records/index.js";
import { durationOf, type FrozenTrial, type ParamValue } from "../trial/frozen.js";
import { IntermediateValues } from "../trial/intermediate-values.js";
import { isFinished, isTrialState, type JsonValue, type StudyDirection } from "../trial/state.js";
import type { TrialUpdate } from "./storage.js";

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
 * The trial after `update`, following the storage rules (see `Storage`).
 * @param trial - the stored trial.
 * @param directions - the study's directions (for the values count).
 * @param now - timestamp for datetimeComplete. @defaultValue new Date()
 * @throws UpdateFinishedTrialError if `trial` is finished.
 * @throws RangeError on an invalid transition or values.
 */
export function applyTrialUpdate(
  trial: FrozenTrial,
  update: TrialUpdate,
  directions: readonly StudyDirection[],
  now: Date = new Date(),
): FrozenTrial {
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
