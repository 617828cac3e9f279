/**
 * Study, Trial and the functions that open studies.
 * @packageDocumentation
 */
export {
  type CreateStudyOptions,
  createStudy,
  deleteStudy,
  getAllStudies,
  type LoadStudyOptions,
  loadStudy,
  resolveStorage,
  type StorageLike,
  type StorageResolver,
} from "./create.js";
export { paretoFront } from "./pareto.js";
export {
  type EnqueueOptions,
  type ErrorClass,
  type Objective,
  type ObjectiveValue,
  type OptimizeCallback,
  type OptimizeOptions,
  Study,
  type TellOptions,
} from "./study.js";
export { Trial } from "./trial.js";
