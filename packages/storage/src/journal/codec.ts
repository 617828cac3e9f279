/**
 * Journal records as text: one line of JSON in Python's dialect per record, as Optuna's file
 * backend writes a record (`json.dumps(log)`) and as its Redis backend stores one. A backend
 * that keeps text (the file, a Redis list) uses these two functions, so that Python's Optuna
 * reads what tunelab writes and the reverse.
 */
import type { JsonValue } from "@tunelab/study";
import type { JournalRecord } from "./backend.js";
import { JournalOperation } from "./op-codes.js";
import { parsePythonJson, pythonNumber, stringifyPythonJson } from "./python-json.js";
import { checkJournalRecord } from "./record-check.js";

/** A text that is not a journal record (not JSON, or JSON of another shape). */
export class JournalRecordError extends Error {
  override readonly name: string = "JournalRecordError";
}

/**
 * Where Optuna keeps floats, by operation: objective values, intermediate values, and the
 * internal value of a float or int parameter (`to_internal_repr` returns a float; a
 * categorical's internal value is the int index of its choice). Writing `2.0` there, not
 * `2`, makes Python read the float that Optuna itself would have written.
 */
const FLOAT_FIELDS: ReadonlyMap<number, ReadonlySet<string>> = new Map([
  [JournalOperation.CREATE_TRIAL, new Set(["value", "values", "intermediate_values"])],
  [JournalOperation.SET_TRIAL_STATE_VALUES, new Set(["values"])],
  [JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE, new Set(["intermediate_value"])],
]);

/**
 * The record as one line of text (without the newline): compact JSON in Python's dialect,
 * fields in the record's own order, floats where Optuna writes floats.
 * @throws TypeError if a field is not a JSON value.
 * @example encodeJournalRecord({ op_code: 7, worker_id: "w", trial_id: 0, step: 1, intermediate_value: 2 })
 * // '{"op_code":7,"worker_id":"w","trial_id":0,"step":1,"intermediate_value":2.0}'
 */
export function encodeJournalRecord(record: JournalRecord): string {
  const op = record.op_code;
  const floats = FLOAT_FIELDS.get(op);
  let s = "{";
  let first = true;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v === undefined) continue;
    if (!first) s += ",";
    first = false;
    s += `${JSON.stringify(key)}:`;
    if (op === JournalOperation.SET_TRIAL_PARAM && key === "param_value_internal" && typeof v === "number") {
      s += pythonNumber(v, !isCategorical(record.distribution));
    } else if (op === JournalOperation.CREATE_TRIAL && key === "params" && isRecord(v)) {
      s += templateParams(v, record.distributions);
    } else {
      s += stringifyPythonJson(v, floats?.has(key) === true);
    }
  }
  return `${s}}`;
}

/**
 * Parses one line (with or without its newline) into a checked record.
 * @throws JournalRecordError saying why the text is not a journal record.
 */
export function decodeJournalRecord(text: string): JournalRecord {
  let value: JsonValue;
  try {
    value = parsePythonJson(text);
  } catch (e) {
    throw new JournalRecordError(`not JSON (${(e as Error).message})`);
  }
  const why = checkJournalRecord(value);
  if (why !== null) throw new JournalRecordError(why);
  return value as JournalRecord;
}

const isRecord = (v: unknown): v is { readonly [key: string]: JsonValue } =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** True when a distribution's JSON (string or object) names a categorical distribution. */
function isCategorical(distribution: JsonValue | undefined): boolean {
  if (typeof distribution === "string") return distribution.includes('"CategoricalDistribution"');
  return isRecord(distribution) && distribution.name === "CategoricalDistribution";
}

function templateParams(
  params: { readonly [key: string]: JsonValue },
  distributions: JsonValue | undefined,
): string {
  const dists = isRecord(distributions) ? distributions : {};
  let s = "{";
  let first = true;
  for (const name of Object.keys(params)) {
    const v = params[name];
    if (v === undefined) continue;
    if (!first) s += ",";
    first = false;
    const float = !isCategorical(Object.hasOwn(dists, name) ? dists[name] : undefined);
    s += `${JSON.stringify(name)}:${typeof v === "number" ? pythonNumber(v, float) : stringifyPythonJson(v)}`;
  }
  return `${s}}`;
}
