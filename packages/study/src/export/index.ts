/**
 * Exports of a study: the trials table with Optuna's trials-dataframe columns (rows, CSV,
 * JSON) and a lossless JSON form of a FrozenTrial.
 * @packageDocumentation
 */
export {
  FROZEN_TRIAL_JSON_VERSION,
  type FrozenTrialJson,
  frozenTrialFromJson,
  frozenTrialToJson,
} from "./frozen-json.js";
export { numberFromJson, numberToJson } from "./number-json.js";
export {
  DEFAULT_TRIALS_TABLE_ATTRS,
  formatDuration,
  type TrialsTable,
  type TrialsTableAttr,
  type TrialsTableCell,
  type TrialsTableOptions,
  type TrialsTableSource,
  trialsTable,
  trialsTableToCsv,
  trialsTableToJson,
} from "./trials-table.js";
