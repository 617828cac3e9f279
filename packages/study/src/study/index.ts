/**
 * Study, Trial and the functions that open studies.
 * @packageDocumentation
 */
export {
  FAILED_TRIAL_KEY,
  MaxTrialsCallback,
  type MaxTrialsCallbackOptions,
  RETRY_HISTORY_KEY,
  RetryFailedTrialCallback,
  type RetryFailedTrialCallbackOptions,
} from "./callbacks.js";
export {
  type CopyStudyOptions,
  type CreateStudyOptions,
  copyStudy,
  createStudy,
  deleteStudy,
  getAllStudies,
  type LoadStudyOptions,
  loadStudy,
  resolveStorage,
  type StorageLike,
  type StorageResolver,
} from "./create.js";
export { FilteredStudyView } from "./filtered-view.js";
export {
  type FailedTrialCallback,
  failStaleTrials,
  HEARTBEAT_KEY,
  type HeartbeatOptions,
  type HeartbeatSettings,
  heartbeatSettings,
  lastHeartbeat,
} from "./heartbeat.js";
export { paretoFront } from "./pareto.js";
export {
  type EnqueueOptions,
  type ErrorClass,
  METRIC_NAMES_KEY,
  type Objective,
  type ObjectiveValue,
  type OptimizeCallback,
  type OptimizeOptions,
  Study,
  type TellOptions,
  type TrialCallback,
} from "./study.js";
export { StudyTrial } from "./study-trial.js";
