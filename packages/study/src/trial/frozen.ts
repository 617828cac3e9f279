/**
 * FrozenTrial: an immutable record of one trial as stored, the unit that samplers, pruners,
 * storages and users read.
 */
import type { CategoricalChoice, Distribution } from "../distributions/distribution.js";
import { validateDistribution } from "../distributions/distribution.js";
import { toExternal, toInternal } from "../distributions/repr.js";
import { copyRecord, emptyRecord, getKey, hasKey, setKey } from "../records/index.js";
import { IntermediateValues } from "./intermediate-values.js";
import { isFinished, type JsonValue, TrialState } from "./state.js";

/** A parameter's external value: a number, or a categorical choice. */
export type ParamValue = number | CategoricalChoice;

/** An immutable snapshot of a trial. */
export interface FrozenTrial {
  /** 0-based index of the trial within its study (allocated atomically by the storage). */
  readonly number: number;
  /** Storage-wide identifier. */
  readonly trialId: number;
  readonly state: TrialState;
  /**
   * Objective values, one per direction, of a COMPLETE trial; a PRUNED trial keeps its last
   * intermediate value here (as Optuna does); null otherwise.
   */
  readonly values: readonly number[] | null;
  /** `values[0]`, or null. */
  readonly value: number | null;
  /** External parameter values by name (categoricals as their choices). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Internal parameter values by name (categoricals as choice indices). */
  readonly internalParams: Readonly<Record<string, number>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Reported intermediate values by step. */
  readonly intermediateValues: ReadonlyMap<number, number>;
  readonly datetimeStart: Date | null;
  readonly datetimeComplete: Date | null;
  /** `datetimeComplete − datetimeStart` in milliseconds, or null while either is unknown. */
  readonly duration: number | null;
}

/** `datetimeComplete − datetimeStart` in milliseconds, or null when either is null. */
export function durationOf(datetimeStart: Date | null, datetimeComplete: Date | null): number | null {
  return datetimeStart === null || datetimeComplete === null
    ? null
    : datetimeComplete.getTime() - datetimeStart.getTime();
}

/** System attribute key under which `Trial.setConstraint` values are stored (a name → value record). */
export const CONSTRAINTS_KEY = "constraints";
/** System attribute key holding the reason a trial failed. */
export const FAIL_REASON_KEY = "fail_reason";
/** System attribute key holding the parameters fixed by `enqueueTrial`. */
export const FIXED_PARAMS_KEY = "fixed_params";

/**
 * The constraint values of a trial by name (feasible when every value is ≤ 0), or null when
 * the trial set none.
 */
export function trialConstraints(trial: FrozenTrial): Readonly<Record<string, number>> | null {
  const c = getKey(trial.systemAttrs, CONSTRAINTS_KEY);
  return c === undefined || c === null ? null : (c as Readonly<Record<string, number>>);
}

/**
 * Total constraint violation Σ max(0, cᵢ): 0 for a feasible trial or one without
 * constraints; Infinity if a constraint value is NaN.
 */
export function constraintViolation(trial: FrozenTrial): number {
  const c = trialConstraints(trial);
  if (c === null) return 0;
  let v = 0;
  for (const key of Object.keys(c)) {
    const x = c[key]!;
    if (Number.isNaN(x)) return Number.POSITIVE_INFINITY;
    if (x > 0) v += x;
  }
  return v;
}

/** True when the trial set no constraint or satisfies them all. */
export function isFeasible(trial: FrozenTrial): boolean {
  return constraintViolation(trial) === 0;
}

/** The fields accepted by {@link createFrozenTrial}. */
export interface FrozenTrialInit {
  readonly state: TrialState;
  /** One value (single objective) or one per direction (COMPLETE; optional for PRUNED). */
  readonly value?: number | null;
  readonly values?: readonly number[] | null;
  /** External values by name; each must belong to its distribution. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly distributions?: Readonly<Record<string, Distribution>>;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  readonly datetimeStart?: Date | null;
  readonly datetimeComplete?: Date | null;
}

/**
 * Builds and validates a FrozenTrial, e.g. for `study.addTrial`. Its `number` and `trialId`
 * are -1 until a storage assigns them.
 * @throws RangeError if params and distributions do not match, a param is outside its
 * distribution, both `value` and `values` are given, a COMPLETE trial lacks values, values
 * are NaN, or a trial that is neither COMPLETE nor PRUNED has values.
 * @example createFrozenTrial({ state: "COMPLETE", value: 0.5, params: { x: 1 }, distributions: { x: floatDistribution(0, 2) } })
 */
export function createFrozenTrial(init: FrozenTrialInit): FrozenTrial {
  const where = "createFrozenTrial";
  if (init === null || typeof init !== "object") {
    throw new TypeError(`${where}: init must be an object with at least a state`);
  }
  if (!Object.values(TrialState).includes(init.state)) {
    throw new RangeError(
      `${where}: state must be one of ${Object.values(TrialState).join(", ")}, got ${String(init.state)}`,
    );
  }
  if (init.value !== undefined && init.value !== null && init.values !== undefined && init.values !== null) {
    throw new RangeError(`${where}: give either value or values, not both`);
  }
  // `as unknown`: Array.isArray would narrow the readonly array to any[] (no element checks below).
  if (init.values !== undefined && init.values !== null && !Array.isArray(init.values as unknown)) {
    throw new TypeError(`${where}: values must be an array of numbers, got ${typeof init.values}`);
  }
  const values =
    init.values !== undefined && init.values !== null
      ? init.values.slice()
      : init.value !== undefined && init.value !== null
        ? [init.value]
        : null;
  if (init.state === "COMPLETE" && values === null) {
    throw new RangeError(`${where}: a COMPLETE trial needs value or values`);
  }
  if (init.state !== "COMPLETE" && init.state !== "PRUNED" && values !== null) {
    throw new RangeError(`${where}: only a COMPLETE or PRUNED trial has values (state is ${init.state})`);
  }
  if (values !== null) {
    values.forEach((v, i) => {
      if (typeof v !== "number" || Number.isNaN(v)) {
        throw new RangeError(`${where}: values[${i}] must be a number (not NaN), got ${String(v)}`);
      }
    });
  }
  const params = init.params ?? {};
  const distributions = init.distributions ?? {};
  const internalParams = emptyRecord<number>();
  const checkedDistributions = emptyRecord<Distribution>();
  for (const name of Object.keys(distributions)) {
    setKey(
      checkedDistributions,
      name,
      validateDistribution(distributions[name], `${where}: distribution "${name}"`),
    );
  }
  for (const name of Object.keys(params)) {
    const d = getKey(checkedDistributions, name);
    if (d === undefined) throw new RangeError(`${where}: param "${name}" has no distribution`);
    try {
      setKey(internalParams, name, toInternal(d, params[name]));
    } catch (e) {
      throw new RangeError(`${where}: param "${name}": ${(e as Error).message}`);
    }
  }
  for (const name of Object.keys(checkedDistributions)) {
    if (!hasKey(params, name)) throw new RangeError(`${where}: distribution "${name}" has no param value`);
  }
  const iv = init.intermediateValues;
  const intermediateValues = new IntermediateValues();
  if (iv !== undefined) {
    const entries: Iterable<[number | string, number]> =
      iv instanceof Map ? iv.entries() : Object.entries(iv as Record<string, number>);
    for (const [k, v] of entries) {
      const step = Number(k);
      if (!Number.isSafeInteger(step) || step < 0) {
        throw new RangeError(`${where}: intermediate value steps must be integers >= 0, got ${String(k)}`);
      }
      if (typeof v !== "number") {
        throw new RangeError(
          `${where}: intermediate value at step ${step} must be a number, got ${typeof v}`,
        );
      }
      intermediateValues.set(step, v);
    }
  }
  const now = new Date();
  const datetimeStart = init.datetimeStart === undefined ? now : init.datetimeStart;
  const datetimeComplete =
    init.datetimeComplete === undefined ? (isFinished(init.state) ? now : null) : init.datetimeComplete;
  return {
    number: -1,
    trialId: -1,
    state: init.state,
    values,
    value: values === null ? null : values[0]!,
    params: copyRecord(params),
    internalParams,
    distributions: checkedDistributions,
    userAttrs: copyRecord(init.userAttrs),
    systemAttrs: copyRecord(init.systemAttrs),
    intermediateValues,
    datetimeStart,
    datetimeComplete,
    duration: durationOf(datetimeStart, datetimeComplete),
  };
}

/**
 * Rebuilds the external `params` of a trial from internal values and distributions (used by
 * storages that persist only internal values).
 */
export function externalParams(
  internalParams: Readonly<Record<string, number>>,
  distributions: Readonly<Record<string, Distribution>>,
): Record<string, ParamValue> {
  const out = emptyRecord<ParamValue>();
  for (const name of Object.keys(internalParams)) {
    setKey(out, name, toExternal(distributions[name]!, internalParams[name]!));
  }
  return out;
}

/** The last reported intermediate value (at the largest step), or null. */
export function lastIntermediateValue(trial: FrozenTrial): number | null {
  let best = Number.NEGATIVE_INFINITY;
  let value: number | null = null;
  for (const [step, v] of trial.intermediateValues) {
    if (step > best) {
      best = step;
      value = v;
    }
  }
  return value;
}
