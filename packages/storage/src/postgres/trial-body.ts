/**
 * The `body` column of a trial row: the parts of a FrozenTrial that have no column of their
 * own (values, parameters, attributes, intermediate values), as one JSON text.
 *
 * Why one JSON text and not a table per part (as Optuna's RDBStorage has): every write of a
 * trial then touches one row, which keeps a heartbeat or a report to one small UPDATE; and a
 * `text` column keeps what `jsonb` cannot: `\u0000` inside strings (jsonb rejects it) and, with
 * the house's number form (`numberToJson`: "NaN", "Infinity", "-Infinity", "-0"), every
 * objective and intermediate value exactly. Attribute values are stored as JSON, so a NaN or
 * ±Infinity inside an attribute reads back as null (JSON has no such numbers), as in a journal.
 */
import {
  type Distribution,
  type DistributionJson,
  distributionFromJson,
  distributionToJson,
  durationOf,
  emptyRecord,
  type FrozenTrial,
  IntermediateValues,
  type JsonValue,
  numberFromJson,
  numberToJson,
  type ParamValue,
  setKey,
  type TrialState,
  toExternal,
} from "@tunelab/study";

/** The JSON form kept in the `body` column. */
interface TrialBodyJson {
  readonly values: readonly (number | string)[] | null;
  /** Internal value and distribution by parameter name. */
  readonly params: Readonly<Record<string, readonly [number | string, DistributionJson]>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** [step, value] pairs in step order. */
  readonly intermediateValues: ReadonlyArray<readonly [number, number | string]>;
}

/** A trial row as read from `tunelab_trials`. */
export interface TrialRow {
  readonly trial_id: string | number;
  readonly number: number;
  readonly state: TrialState;
  readonly datetime_start: Date | null;
  readonly datetime_complete: Date | null;
  readonly body: string;
}

/** The `body` text of a trial. */
export function encodeTrialBody(t: FrozenTrial): string {
  const params = emptyRecord<readonly [number | string, DistributionJson]>();
  for (const name of Object.keys(t.internalParams)) {
    setKey(params, name, [numberToJson(t.internalParams[name]!), distributionToJson(t.distributions[name]!)]);
  }
  const steps = [...t.intermediateValues.keys()].sort((a, b) => a - b);
  const body: TrialBodyJson = {
    values: t.values === null ? null : t.values.map(numberToJson),
    params,
    userAttrs: t.userAttrs,
    systemAttrs: t.systemAttrs,
    intermediateValues: steps.map((s) => [s, numberToJson(t.intermediateValues.get(s)!)] as const),
  };
  return JSON.stringify(body);
}

/**
 * The FrozenTrial of a row. External parameter values are rebuilt from the internal ones as
 * the storage rules build them (`toExternal`), so a trial reads back as the in-memory storage
 * holds it.
 * @throws Error naming the trial when its body is not one this module wrote.
 */
export function decodeTrialRow(row: TrialRow): FrozenTrial {
  const trialId = Number(row.trial_id);
  let body: TrialBodyJson;
  try {
    body = JSON.parse(row.body) as TrialBodyJson;
  } catch (e) {
    throw new Error(`PostgresStorage: trial ${trialId} has a body that is not JSON (${String(e)})`);
  }
  const where = `PostgresStorage: trial ${trialId}`;
  const params = emptyRecord<ParamValue>();
  const internalParams = emptyRecord<number>();
  const distributions = emptyRecord<Distribution>();
  for (const name of Object.keys(body.params)) {
    const [raw, dj] = body.params[name]!;
    const d = distributionFromJson(dj);
    const internal = numberFromJson(raw, `${where}: params[${JSON.stringify(name)}]`);
    setKey(distributions, name, d);
    setKey(internalParams, name, internal);
    setKey(params, name, toExternal(d, internal));
  }
  const intermediateValues = new IntermediateValues();
  for (const [step, v] of body.intermediateValues) {
    intermediateValues.set(step, numberFromJson(v, `${where}: intermediateValues[${step}]`));
  }
  const values =
    body.values === null ? null : body.values.map((v, i) => numberFromJson(v, `${where}: values[${i}]`));
  const start = row.datetime_start;
  const complete = row.datetime_complete;
  return {
    number: row.number,
    trialId,
    state: row.state,
    values,
    value: values === null ? null : (values[0] ?? null),
    params,
    internalParams,
    distributions,
    userAttrs: body.userAttrs,
    systemAttrs: body.systemAttrs,
    intermediateValues,
    datetimeStart: start,
    datetimeComplete: complete,
    duration: durationOf(start, complete),
  };
}
