/**
 * The records tunelab writes for each storage operation, field for field as Optuna's
 * `JournalStorage` writes them (optuna/storages/_journal/storage.py at v3.1.0: `create_new_study`,
 * `create_new_trial`, `set_trial_param`, `set_trial_state_values`, ...), so that Python's
 * Optuna replays them as its own. One `Storage.updateTrial` becomes several records (one per
 * parameter, reported step and attribute, then the state), which the journal core appends in
 * one write.
 */
import {
  copyJson,
  type Distribution,
  type FrozenTrial,
  type JsonValue,
  type StudyDirection,
  setKey,
  type TrialUpdate,
} from "@tunelab/study";
import type { JournalRecord } from "./backend.js";
import { formatJournalDatetime } from "./datetime.js";
import { DIRECTION_CODES, JournalOperation, TRIAL_STATE_CODES } from "./op-codes.js";
import { pythonNumber } from "./python-json.js";

type Fields = Record<string, JsonValue>;

function record(op: number, workerId: string, fields: Fields): JournalRecord {
  return { op_code: op, worker_id: workerId, ...fields };
}

/** CREATE_STUDY: `{study_name, directions}` (directions as Optuna's codes, 1 minimize, 2 maximize). */
export function createStudyRecord(
  workerId: string,
  studyName: string,
  directions: readonly StudyDirection[],
): JournalRecord {
  return record(JournalOperation.CREATE_STUDY, workerId, {
    study_name: studyName,
    directions: directions.map((d) => DIRECTION_CODES[d]),
  });
}

/** DELETE_STUDY: `{study_id}`. */
export function deleteStudyRecord(workerId: string, studyId: number): JournalRecord {
  return record(JournalOperation.DELETE_STUDY, workerId, { study_id: studyId });
}

/** SET_STUDY_USER_ATTR `{study_id, user_attr: {key: value}}` or SET_STUDY_SYSTEM_ATTR `{study_id, system_attr: …}`. */
export function studyAttrRecord(
  workerId: string,
  studyId: number,
  kind: "user" | "system",
  key: string,
  value: JsonValue,
): JournalRecord {
  const attr: Fields = {};
  setKey<JsonValue>(attr, key, copyJson(value));
  return kind === "user"
    ? record(JournalOperation.SET_STUDY_USER_ATTR, workerId, { study_id: studyId, user_attr: attr })
    : record(JournalOperation.SET_STUDY_SYSTEM_ATTR, workerId, { study_id: studyId, system_attr: attr });
}

/**
 * CREATE_TRIAL: a new RUNNING trial started `now` (`{study_id, datetime_start}`), or a trial
 * copied from a template with Optuna's template fields (state, value or values, times,
 * distributions, internal params, attributes, intermediate values).
 */
export function createTrialJournalRecord(
  workerId: string,
  studyId: number,
  template: FrozenTrial | undefined,
  now: Date,
): JournalRecord {
  if (template === undefined) {
    return record(JournalOperation.CREATE_TRIAL, workerId, {
      study_id: studyId,
      datetime_start: formatJournalDatetime(now),
    });
  }
  const several = template.values !== null && template.values.length > 1;
  const fields: Fields = {
    study_id: studyId,
    datetime_start:
      template.datetimeStart === null || template.state === "WAITING"
        ? null
        : formatJournalDatetime(template.datetimeStart),
    state: TRIAL_STATE_CODES[template.state],
    value: several ? null : template.value,
    values: several ? (template.values as readonly number[]).slice() : null,
  };
  if (template.datetimeComplete !== null) {
    fields.datetime_complete = formatJournalDatetime(template.datetimeComplete);
  }
  const distributions: Fields = {};
  const params: Fields = {};
  for (const name of Object.keys(template.distributions)) {
    setKey<JsonValue>(distributions, name, distributionJson(template.distributions[name]!));
    setKey<JsonValue>(params, name, template.internalParams[name]!);
  }
  fields.distributions = distributions;
  fields.params = params;
  fields.user_attrs = template.userAttrs;
  fields.system_attrs = template.systemAttrs;
  const iv: Fields = {};
  for (const [step, v] of template.intermediateValues) iv[String(step)] = v;
  fields.intermediate_values = iv;
  return record(JournalOperation.CREATE_TRIAL, workerId, fields);
}

/** SET_TRIAL_STATE_VALUES to RUNNING: a worker takes a WAITING trial (`popWaitingTrial`). */
export function startTrialRecord(workerId: string, trialId: number, now: Date): JournalRecord {
  return record(JournalOperation.SET_TRIAL_STATE_VALUES, workerId, {
    trial_id: trialId,
    state: TRIAL_STATE_CODES.RUNNING,
    values: null,
    datetime_start: formatJournalDatetime(now),
  });
}

/**
 * The records of one trial update, in the order Optuna's `tell` writes them: parameters
 * (SET_TRIAL_PARAM), reported values (SET_TRIAL_INTERMEDIATE_VALUE), user and system
 * attributes (one record per key), and last the state with its values
 * (SET_TRIAL_STATE_VALUES), stamped `now`.
 */
export function trialUpdateRecords(
  workerId: string,
  trialId: number,
  update: TrialUpdate,
  now: Date,
): JournalRecord[] {
  const out: JournalRecord[] = [];
  if (update.params !== undefined) {
    for (const name of Object.keys(update.params)) {
      const { value, distribution } = update.params[name]!;
      out.push(
        record(JournalOperation.SET_TRIAL_PARAM, workerId, {
          trial_id: trialId,
          param_name: name,
          param_value_internal: value,
          distribution: distributionJson(distribution),
        }),
      );
    }
  }
  for (const [step, value] of update.intermediateValues ?? []) {
    out.push(
      record(JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE, workerId, {
        trial_id: trialId,
        step,
        intermediate_value: value,
      }),
    );
  }
  for (const [kind, attrs] of [
    ["user", update.userAttrs],
    ["system", update.systemAttrs],
  ] as const) {
    if (attrs === undefined) continue;
    for (const key of Object.keys(attrs)) {
      const attr: Fields = {};
      setKey<JsonValue>(attr, key, copyJson(attrs[key]!));
      out.push(
        kind === "user"
          ? record(JournalOperation.SET_TRIAL_USER_ATTR, workerId, { trial_id: trialId, user_attr: attr })
          : record(JournalOperation.SET_TRIAL_SYSTEM_ATTR, workerId, {
              trial_id: trialId,
              system_attr: attr,
            }),
      );
    }
  }
  if (update.state !== undefined) {
    const fields: Fields = {
      trial_id: trialId,
      state: TRIAL_STATE_CODES[update.state],
      values: update.values === undefined || update.values === null ? null : update.values.slice(),
    };
    if (update.state === "RUNNING") fields.datetime_start = formatJournalDatetime(now);
    else if (update.state !== "WAITING") fields.datetime_complete = formatJournalDatetime(now);
    out.push(record(JournalOperation.SET_TRIAL_STATE_VALUES, workerId, fields));
  }
  return out;
}

/**
 * A distribution as Optuna's `distribution_to_json` writes it: a JSON string in Python's
 * default style (`", "` and `": "`), attributes in Optuna's order, float bounds as floats
 * (optuna/distributions.py, v3.1.0).
 * @example distributionJson(floatDistribution(-1, 1))
 * // '{"name": "FloatDistribution", "attributes": {"step": null, "low": -1.0, "high": 1.0, "log": false}}'
 */
export function distributionJson(d: Distribution): string {
  switch (d.kind) {
    case "float":
      return `{"name": "FloatDistribution", "attributes": {"step": ${
        d.step === null ? "null" : pythonNumber(d.step, true)
      }, "low": ${pythonNumber(d.low, true)}, "high": ${pythonNumber(d.high, true)}, "log": ${d.log}}}`;
    case "int":
      return `{"name": "IntDistribution", "attributes": {"log": ${d.log}, "step": ${pythonNumber(
        d.step,
        false,
      )}, "low": ${pythonNumber(d.low, false)}, "high": ${pythonNumber(d.high, false)}}}`;
    case "categorical":
      return `{"name": "CategoricalDistribution", "attributes": {"choices": [${d.choices
        .map((c) => (typeof c === "number" ? pythonNumber(c, false) : JSON.stringify(c)))
        .join(", ")}]}}`;
  }
}
