/**
 * `@tunelab/samplers/columns`: a study's finished trials as typed columns by trial number,
 * kept incrementally (`TrialColumns`), and the reading of model inputs out of them
 * (`ColumnReader`: columns of the trials that hold a set of parameters, pending trials
 * included, with sorting orders taken from the table; `GatherScratch`: its arrays reused
 * across calls). Shared by the samplers that model
 * the study's history (TPE today; the GP and NSGA adapters to come).
 * @packageDocumentation
 */
export {
  ColumnReader,
  type GatheredColumns,
  type PendingTrials,
  type SortedValues,
} from "./column-reader.js";
export { type ColumnField, fieldValue, ownValue } from "./field.js";
export { GatherScratch } from "./gather-scratch.js";
export { COMPLETE, IGNORED, PRUNED, TrialColumns, UNSEEN } from "./trial-columns.js";
