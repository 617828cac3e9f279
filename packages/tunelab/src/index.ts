/**
 * `tunelab`: the everyday API in one import.
 *
 * ```ts
 * import { createStudy, RandomSampler, TrialPruned } from "tunelab";
 * ```
 * @packageDocumentation
 */
export {
  DominancePruner,
  type DominancePrunerOptions,
  HyperbandPruner,
  MedianPruner,
  MoHyperbandPruner,
  type MoHyperbandPrunerOptions,
  MoSuccessiveHalvingPruner,
  type MoSuccessiveHalvingPrunerOptions,
  PatientPruner,
  type PatientPrunerOptions,
  PercentilePruner,
  paramStratum,
  StratifiedPruner,
  type StratifiedPrunerOptions,
  SuccessiveHalvingPruner,
  ThresholdPruner,
  type ThresholdPrunerOptions,
  WilcoxonPruner,
  type WilcoxonPrunerOptions,
} from "@tunelab/pruners";
export { AntColonySampler, type AntColonySamplerOptions } from "@tunelab/samplers/aco";
export {
  AUTO_SAMPLER_ATTR,
  type AutoChoice,
  AutoSampler,
  type AutoSamplerOptions,
} from "@tunelab/samplers/auto";
export { BruteForceSampler, type BruteForceSamplerOptions } from "@tunelab/samplers/brute-force";
export { CmaEsSampler, type CmaEsSamplerOptions } from "@tunelab/samplers/cmaes";
export {
  DifferentialEvolutionSampler,
  type DifferentialEvolutionSamplerOptions,
} from "@tunelab/samplers/de";
export { GeneticSampler, type GeneticSamplerOptions } from "@tunelab/samplers/ga";
export { GpSampler, type GpSamplerOptions } from "@tunelab/samplers/gp";
export { GridSampler, type GridSamplerOptions, type GridSearchSpace } from "@tunelab/samplers/grid";
export { NsgaIISampler, type NsgaIISamplerOptions } from "@tunelab/samplers/nsga2";
export { NsgaIIISampler, type NsgaIIISamplerOptions } from "@tunelab/samplers/nsga3";
export { type FixedParams, PartialFixedSampler } from "@tunelab/samplers/partial-fixed";
export { ParticleSwarmSampler, type ParticleSwarmSamplerOptions } from "@tunelab/samplers/pso";
export { QmcSampler, type QmcSamplerOptions } from "@tunelab/samplers/qmc";
export { RandomSampler, type RandomSamplerOptions } from "@tunelab/samplers/random";
export { TpeSampler, type TpeSamplerOptions } from "@tunelab/samplers/tpe";
export {
  type CategoricalChoice,
  type CategoricalDistribution,
  type Clock,
  type CopyStudyOptions,
  categoricalDistribution,
  createFrozenTrial,
  type Distribution,
  DuplicatedStudyError,
  FixedTrial,
  type FloatDistribution,
  type FrozenTrial,
  type FrozenTrialJson,
  floatDistribution,
  frozenTrialFromJson,
  frozenTrialToJson,
  getLogLevel,
  InMemoryStorage,
  type IntDistribution,
  intDistribution,
  intermediateVectors,
  type JsonValue,
  ManualClock,
  MaxTrialsCallback,
  NopPruner,
  type Objective,
  type OptimizeOptions,
  type Pruner,
  parseStorageUrl,
  RetryFailedTrialCallback,
  type Sampler,
  SearchSpaceExhaustedError,
  type Storage,
  type StorageUrl,
  Study,
  type StudyDirection,
  StudyNotFoundError,
  StudyStoppedError,
  type StudySummary,
  setLogHandler,
  setLogLevel,
  sleep,
  systemClock,
  type Trial,
  type TrialCallback,
  TrialPruned,
  TrialState,
  type TrialsTable,
  type TrialsTableOptions,
  TrialTimeoutError,
  trialsTable,
  trialsTableToCsv,
  trialsTableToJson,
  UpdateFinishedTrialError,
} from "@tunelab/study";
export { defaultSampler } from "./defaults.js";
export {
  type CreateStudyOptions,
  copyStudy,
  createStudy,
  deleteStudy,
  getAllStudies,
  type LoadStudyOptions,
  loadStudy,
} from "./study.js";
