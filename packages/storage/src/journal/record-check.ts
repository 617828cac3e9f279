/**
 * The shape of each journal record, checked when it is read: which fields each operation
 * has and their JSON types, as Optuna's replay reads them (`JournalStorageReplayResult` in
 * optuna/storages/_journal/storage.py at v3.1.0 and optuna/storages/journal/_storage.py at
 * v5.0.0-rc1). A record that passes can be replayed without type errors; whether it applies
 * (the study exists, the trial is not finished, ...) is the replay's business.
 */
import type { JsonValue } from "@tunelab/study";
import { JournalOperation, OPERATION_NAMES } from "./op-codes.js";

type Rec = { readonly [key: string]: JsonValue | undefined };

const isObject = (v: unknown): v is Rec => v !== null && typeof v === "object" && !Array.isArray(v);
const isId = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isNumber = (v: unknown): boolean => typeof v === "number";
const isState = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 4;
const isNumbers = (v: unknown): boolean => Array.isArray(v) && v.every(isNumber);

/**
 * Why `value` is not a journal record, or null when it is one.
 * @example checkJournalRecord({ op_code: 1, worker_id: "w", study_id: 0 }) // null
 */
export function checkJournalRecord(value: unknown): string | null {
  if (!isObject(value)) return "a journal record is a JSON object";
  const op = value.op_code;
  if (typeof op !== "number" || !Number.isInteger(op) || op < 0 || op >= OPERATION_NAMES.length) {
    return `op_code must be an integer from 0 to ${OPERATION_NAMES.length - 1}, got ${JSON.stringify(op) ?? "nothing"}`;
  }
  if (typeof value.worker_id !== "string") return `${OPERATION_NAMES[op]}: worker_id must be a string`;
  const why = checkFields(op, value);
  return why === null ? null : `${OPERATION_NAMES[op]}: ${why}`;
}

function checkFields(op: number, r: Rec): string | null {
  switch (op) {
    case JournalOperation.CREATE_STUDY: {
      if (typeof r.study_name !== "string") return "study_name must be a string";
      const d = r.directions;
      if (!Array.isArray(d) || d.length === 0 || !d.every((x) => x === 1 || x === 2)) {
        return "directions must be a non-empty array of 1 (minimize) and 2 (maximize)";
      }
      return null;
    }
    case JournalOperation.DELETE_STUDY:
      return isId(r.study_id) ? null : "study_id must be an integer >= 0";
    case JournalOperation.SET_STUDY_USER_ATTR:
      return isId(r.study_id) ? oneKey(r, "user_attr") : "study_id must be an integer >= 0";
    case JournalOperation.SET_STUDY_SYSTEM_ATTR:
      return isId(r.study_id) ? oneKey(r, "system_attr") : "study_id must be an integer >= 0";
    case JournalOperation.CREATE_TRIAL:
      return checkCreateTrial(r);
    case JournalOperation.SET_TRIAL_PARAM:
      if (!isId(r.trial_id)) return "trial_id must be an integer >= 0";
      if (typeof r.param_name !== "string") return "param_name must be a string";
      if (!isNumber(r.param_value_internal)) return "param_value_internal must be a number";
      return isDistribution(r.distribution) ? null : "distribution must be a distribution's JSON";
    case JournalOperation.SET_TRIAL_STATE_VALUES:
      if (!isId(r.trial_id)) return "trial_id must be an integer >= 0";
      if (!isState(r.state)) return "state must be an integer from 0 to 4";
      if (r.values !== undefined && r.values !== null && !isNumbers(r.values)) {
        return "values must be null or an array of numbers";
      }
      if (r.state === 0 && typeof r.datetime_start !== "string") {
        return "a RUNNING state needs datetime_start";
      }
      if (r.state !== 0 && r.state !== 4 && typeof r.datetime_complete !== "string") {
        return "a finished state needs datetime_complete";
      }
      return null;
    case JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE:
      if (!isId(r.trial_id)) return "trial_id must be an integer >= 0";
      if (!isId(r.step)) return "step must be an integer >= 0";
      return isNumber(r.intermediate_value) ? null : "intermediate_value must be a number";
    case JournalOperation.SET_TRIAL_USER_ATTR:
      return isId(r.trial_id) ? oneKey(r, "user_attr") : "trial_id must be an integer >= 0";
    default:
      return isId(r.trial_id) ? oneKey(r, "system_attr") : "trial_id must be an integer >= 0";
  }
}

function oneKey(r: Rec, field: string): string | null {
  const v = r[field];
  return isObject(v) && Object.keys(v).length === 1 ? null : `${field} must be an object with one key`;
}

function isDistribution(v: unknown): boolean {
  // Optuna writes distribution_to_json's string; an object of the same form is read too.
  return typeof v === "string" || (isObject(v) && typeof v.name === "string" && isObject(v.attributes));
}

function checkCreateTrial(r: Rec): string | null {
  if (!isId(r.study_id)) return "study_id must be an integer >= 0";
  if (r.datetime_start !== null && typeof r.datetime_start !== "string") {
    return "datetime_start must be a string or null";
  }
  if (r.state === undefined) return null; // a new RUNNING trial without a template
  if (!isState(r.state)) return "state must be an integer from 0 to 4";
  if (r.value !== undefined && r.value !== null && !isNumber(r.value))
    return "value must be a number or null";
  if (r.values !== undefined && r.values !== null && !isNumbers(r.values)) {
    return "values must be null or an array of numbers";
  }
  if (r.datetime_complete !== undefined && typeof r.datetime_complete !== "string") {
    return "datetime_complete must be a string";
  }
  const dists = r.distributions ?? {};
  if (!isObject(dists) || !Object.values(dists).every(isDistribution)) {
    return "distributions must map names to distributions' JSON";
  }
  const params = r.params ?? {};
  if (!isObject(params)) return "params must be an object";
  for (const name of Object.keys(params)) {
    if (!isNumber(params[name])) return `params.${name} must be a number`;
    if (!Object.hasOwn(dists, name)) return `params.${name} has no distribution`;
  }
  for (const field of ["user_attrs", "system_attrs"]) {
    if (r[field] !== undefined && !isObject(r[field])) return `${field} must be an object`;
  }
  const iv = r.intermediate_values ?? {};
  if (!isObject(iv)) return "intermediate_values must be an object";
  for (const step of Object.keys(iv)) {
    if (!/^(0|[1-9][0-9]*)$/.test(step) || !isNumber(iv[step])) {
      return "intermediate_values must map steps (integers >= 0) to numbers";
    }
  }
  return null;
}
