/**
 * A lossless JSON form of a FrozenTrial: `frozenTrialToJson` / `frozenTrialFromJson` round-trip
 * every field (dates as ISO 8601 strings, intermediate values as a step → value object,
 * distributions in Optuna's JSON form, non-finite numbers as strings), so a trial can be
 * written to a file or sent to another process and read back equal.
 */

import type { Distribution } from "../distributions/distribution.js";
import { type DistributionJson, distributionFromJson, distributionToJson } from "../distributions/json.js";
import { emptyRecord, setKey } from "../records/index.js";
import { createFrozenTrial, type FrozenTrial, type ParamValue } from "../trial/frozen.js";
import { isTrialState, type JsonValue, type TrialState } from "../trial/state.js";
import { numberFromJson, numberToJson } from "./number-json.js";

/** Version of {@link FrozenTrialJson}; bumped when the form changes. */
export const FROZEN_TRIAL_JSON_VERSION = 1;

/** The JSON form of a FrozenTrial (see {@link frozenTrialToJson}). */
export interface FrozenTrialJson {
  readonly version: number;
  readonly number: number;
  readonly trialId: number;
  readonly state: TrialState;
  readonly values: readonly (number | string)[] | null;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, DistributionJson>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues: Readonly<Record<string, number | string>>;
  readonly datetimeStart: string | null;
  readonly datetimeComplete: string | null;
}

/**
 * The JSON form of a trial: `JSON.stringify(frozenTrialToJson(t))` keeps everything.
 * @example JSON.stringify(frozenTrialToJson(study.bestTrial))
 */
export function frozenTrialToJson(t: FrozenTrial): FrozenTrialJson {
  const distributions = emptyRecord<DistributionJson>();
  for (const name of Object.keys(t.distributions))
    setKey(distributions, name, distributionToJson(t.distributions[name]!));
  const intermediateValues = emptyRecord<number | string>();
  for (const step of [...t.intermediateValues.keys()].sort((a, b) => a - b)) {
    intermediateValues[String(step)] = numberToJson(t.intermediateValues.get(step)!);
  }
  return {
    version: FROZEN_TRIAL_JSON_VERSION,
    number: t.number,
    trialId: t.trialId,
    state: t.state,
    values: t.values === null ? null : t.values.map(numberToJson),
    params: t.params,
    distributions,
    userAttrs: t.userAttrs,
    systemAttrs: t.systemAttrs,
    intermediateValues,
    datetimeStart: t.datetimeStart === null ? null : t.datetimeStart.toISOString(),
    datetimeComplete: t.datetimeComplete === null ? null : t.datetimeComplete.toISOString(),
  };
}

/**
 * Reads a trial back from {@link frozenTrialToJson}'s form (an object or its JSON text).
 * @throws TypeError / RangeError naming the field at fault for a malformed record.
 */
export function frozenTrialFromJson(json: FrozenTrialJson | string): FrozenTrial {
  const where = "frozenTrialFromJson";
  const r = (typeof json === "string" ? JSON.parse(json) : json) as Partial<
    Record<keyof FrozenTrialJson, unknown>
  >;
  if (r === null || typeof r !== "object") throw new TypeError(`${where}: expected an object`);
  if (r.version !== FROZEN_TRIAL_JSON_VERSION) {
    throw new RangeError(
      `${where}: version must be ${FROZEN_TRIAL_JSON_VERSION}, got ${JSON.stringify(r.version)}`,
    );
  }
  for (const key of ["number", "trialId"] as const) {
    if (typeof r[key] !== "number" || !Number.isSafeInteger(r[key]) || (r[key] as number) < -1) {
      throw new TypeError(`${where}: ${key} must be an integer, got ${JSON.stringify(r[key])}`);
    }
  }
  if (!isTrialState(r.state)) throw new RangeError(`${where}: unknown state ${JSON.stringify(r.state)}`);
  const obj = (key: keyof FrozenTrialJson): Record<string, unknown> => {
    const v = r[key];
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
      throw new TypeError(`${where}: ${key} must be an object, got ${JSON.stringify(v)}`);
    }
    return v as Record<string, unknown>;
  };
  const date = (key: "datetimeStart" | "datetimeComplete"): Date | null => {
    const v = r[key];
    if (v === null || v === undefined) return null;
    const d = typeof v === "string" ? new Date(v) : new Date(Number.NaN);
    if (Number.isNaN(d.getTime()))
      throw new TypeError(`${where}: ${key} must be an ISO date or null, got ${JSON.stringify(v)}`);
    return d;
  };
  const distributionsJson = obj("distributions");
  const distributions = emptyRecord<Distribution>();
  for (const name of Object.keys(distributionsJson)) {
    setKey(distributions, name, distributionFromJson(distributionsJson[name] as DistributionJson));
  }
  let values: number[] | null = null;
  if (r.values !== null && r.values !== undefined) {
    if (!Array.isArray(r.values)) throw new TypeError(`${where}: values must be an array or null`);
    values = r.values.map((v, i) => numberFromJson(v, `${where}: values[${i}]`));
  }
  const ivJson = obj("intermediateValues");
  const intermediateValues = new Map<number, number>();
  for (const step of Object.keys(ivJson)) {
    intermediateValues.set(
      Number(step),
      numberFromJson(ivJson[step], `${where}: intermediateValues[${step}]`),
    );
  }
  const t = createFrozenTrial({
    state: r.state,
    values,
    params: obj("params") as Record<string, ParamValue>,
    distributions,
    userAttrs: obj("userAttrs") as Record<string, JsonValue>,
    systemAttrs: obj("systemAttrs") as Record<string, JsonValue>,
    intermediateValues,
    datetimeStart: date("datetimeStart"),
    datetimeComplete: date("datetimeComplete"),
  });
  return { ...t, number: r.number as number, trialId: r.trialId as number };
}
