/**
 * `tunelab`: the everyday API in one import.
 *
 * ```ts
 * import { createStudy, RandomSampler, TrialPruned } from "tunelab";
 * ```
 * @packageDocumentation
 */
export { HyperbandPruner, MedianPruner, PercentilePruner, SuccessiveHalvingPruner } from "@tunelab/pruners";
export { CmaEsSampler, type CmaEsSamplerOptions } from "@tunelab/samplers/cmaes";
export { GridSampler, type GridSamplerOptions, type GridSearchSpace } from "@tunelab/samplers/grid";
export { RandomSampler, type RandomSamplerOptions } from "@tunelab/samplers/random";
export { TpeSampler, type TpeSamplerOptions } from "@tunelab/samplers/tpe";
export {
  type CategoricalChoice,
  type CategoricalDistribution,
  categoricalDistribution,
  createFrozenTrial,
  type Distribution,
  DuplicatedStudyError,
  type FloatDistribution,
  type FrozenTrial,
  floatDistribution,
  InMemoryStorage,
  type IntDistribution,
  intDistribution,
  type JsonValue,
  NopPruner,
  type Objective,
  type OptimizeOptions,
  type Pruner,
  type Sampler,
  SearchSpaceExhaustedError,
  type Storage,
  Study,
  type StudyDirection,
  StudyNotFoundError,
  type StudySummary,
  setLogLevel,
  Trial,
  TrialPruned,
  TrialState,
  UpdateFinishedTrialError,
} from "@tunelab/study";
export { defaultSampler } from "./defaults.js";
export {
  type CreateStudyOptions,
  createStudy,
  deleteStudy,
  getAllStudies,
  type LoadStudyOptions,
  loadStudy,
} from "./study.js";
