/**
 * A trial row of `tunelab_trials` and the FrozenTrial it holds. The number, state and times
 * are columns; the rest (values, parameters, attributes, reports) is the `body` column, one
 * JSON text:
 *
 * ```json
 * {"values": [0.5], "params": {"x": [0.25, 0], "y": [3, 0]},
 *  "distributions": [{"name": "FloatDistribution", "attributes": {...}}],
 *  "userAttrs": {...}, "systemAttrs": {...}, "intermediateValues": [[0, 1.5], [3, "NaN"]]}
 * ```
 *
 * Parameters keep their internal value (a categorical's index) and the index of their
 * distribution in `distributions`, where each distinct distribution of the trial is written
 * once in Optuna's JSON form (schema version 2, see `schema.ts`: the parameters of a search
 * space often share one, and reading a study is mostly parsing these bodies; a trial of ten
 * float parameters on one range takes 489 characters instead of 1,243). Bodies written at
 * schema version 1 (each parameter with its own copy of its distribution) are still read.
 * The external value is rebuilt with `toExternal`, as the storage rules build it. Objective
 * values, internal parameter values and reports use the house's number form (`numberToJson`:
 * "NaN", "Infinity", "-Infinity", "-0" as strings), so each is read back exactly. Attribute
 * values are stored as JSON: a NaN or ±Infinity inside an attribute reads back as null (JSON
 * has no such numbers), as in a journal file or the PostgreSQL storage.
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
  isTrialState,
  type JsonValue,
  numberFromJson,
  numberToJson,
  type ParamValue,
  setKey,
  type TrialState,
  toExternal,
} from "@tunelab/study";
import { SqliteStorageError } from "./errors.js";

/** The JSON form kept in the `body` column. */
interface TrialBodyJson {
  readonly values: readonly (number | string)[] | null;
  /**
   * Internal value and index in `distributions` by parameter name (bodies written at schema
   * version 1 have the distribution itself in place of the index, and no `distributions`).
   */
  readonly params: Readonly<Record<string, readonly [number | string, number | DistributionJson]>>;
  /** The trial's distinct distributions (absent in bodies written at schema version 1). */
  readonly distributions?: readonly DistributionJson[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** [step, value] pairs in step order. */
  readonly intermediateValues: ReadonlyArray<readonly [number, number | string]>;
}

/** A row of `tunelab_trials` as the storage reads it. */
export interface TrialRow {
  readonly trial_id: number;
  readonly number: number;
  readonly state: string;
  readonly datetime_start: number | null;
  readonly datetime_complete: number | null;
  readonly body: string;
}

/** The `body` text of a trial. */
export function encodeTrialBody(t: FrozenTrial): string {
  const params = emptyRecord<readonly [number | string, number]>();
  const distributions: DistributionJson[] = [];
  const index = new Map<string, number>();
  for (const name of Object.keys(t.internalParams)) {
    const dj = distributionToJson(t.distributions[name]!);
    const key = JSON.stringify(dj);
    let k = index.get(key);
    if (k === undefined) {
      k = distributions.length;
      distributions.push(dj);
      index.set(key, k);
    }
    setKey(params, name, [numberToJson(t.internalParams[name]!), k]);
  }
  const steps = [...t.intermediateValues.keys()].sort((a, b) => a - b);
  const body: TrialBodyJson = {
    values: t.values === null ? null : t.values.map(numberToJson),
    params,
    distributions,
    userAttrs: t.userAttrs,
    systemAttrs: t.systemAttrs,
    intermediateValues: steps.map((s) => [s, numberToJson(t.intermediateValues.get(s)!)] as const),
  };
  return JSON.stringify(body);
}

/** A Date's time in ms, or null: the time columns. */
export function timeOf(d: Date | null): number | null {
  return d === null ? null : d.getTime();
}

/**
 * The FrozenTrial of a row.
 * @param path - the database file, for the message of a row this module did not write.
 * @throws SqliteStorageError (kind "sqlite") naming the file and the trial when the row is not one this module wrote.
 */
export function decodeTrialRow(row: TrialRow, path: string): FrozenTrial {
  try {
    const body = JSON.parse(row.body) as TrialBodyJson;
    const state = row.state;
    if (!isTrialState(state)) throw new Error(`unknown state ${JSON.stringify(state)}`);
    const params = emptyRecord<ParamValue>();
    const internalParams = emptyRecord<number>();
    const distributions = emptyRecord<Distribution>();
    const distinct = (body.distributions ?? []).map((dj) => distributionFromJson(dj));
    for (const name of Object.keys(body.params)) {
      const [v, ref] = body.params[name]!;
      // Schema version 1 kept each parameter's distribution beside its value.
      const d = typeof ref === "number" ? distinct[ref] : distributionFromJson(ref);
      if (d === undefined) {
        throw new Error(`param ${JSON.stringify(name)} names distribution ${ref} of ${distinct.length}`);
      }
      const x = numberFromJson(v, `param ${JSON.stringify(name)}`);
      setKey(internalParams, name, x);
      setKey(distributions, name, d);
      setKey(params, name, toExternal(d, x));
    }
    const values = body.values === null ? null : body.values.map((v, i) => numberFromJson(v, `values[${i}]`));
    const intermediateValues = new IntermediateValues();
    for (const [step, v] of body.intermediateValues) {
      intermediateValues.set(step, numberFromJson(v, `intermediate value at step ${step}`));
    }
    const datetimeStart = row.datetime_start === null ? null : new Date(row.datetime_start);
    const datetimeComplete = row.datetime_complete === null ? null : new Date(row.datetime_complete);
    return {
      number: row.number,
      trialId: row.trial_id,
      state: state as TrialState,
      values,
      value: values === null ? null : values[0]!,
      params,
      internalParams,
      distributions,
      userAttrs: body.userAttrs,
      systemAttrs: body.systemAttrs,
      intermediateValues,
      datetimeStart,
      datetimeComplete,
      duration: durationOf(datetimeStart, datetimeComplete),
    };
  } catch (e) {
    throw new SqliteStorageError(
      "sqlite",
      path,
      `SqliteStorage: ${path}: trial ${row.number} (id ${row.trial_id}) holds a row this storage did not write (${(e as Error).message})`,
      e,
    );
  }
}
