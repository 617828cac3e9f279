/**
 * CMA-ES: the covariance matrix adaptation evolution strategy as standalone ask/tell
 * optimizers that know nothing of studies (full covariance with active weights and lazy
 * eigendecomposition, separable, with margin for discrete coordinates, with learning-rate
 * adaptation, warm-started, and IPOP/BIPOP restarts), all serializable with `toJSON` /
 * `fromJSON`.
 * @packageDocumentation
 */
export type { BoundsState, CmaBase, CmaBaseOptions, CmaBaseState, CmaSolution } from "./base.js";
export type { BoundHandling, CmaBounds } from "./bounds.js";
export { CmaEs, type CmaEsOptions, type CmaEsState } from "./cma.js";
export { type LraOptions, type LraState, resolveLraOptions } from "./lra.js";
export { checkMarginSettings, type MarginOptions, type MarginSettings } from "./margin.js";
export { type CmaParameters, cmaParameters, defaultPopulationSize, sepCmaParameters } from "./params.js";
export {
  type BipopRestart,
  type CmaRestart,
  type IpopRestart,
  type NoRestart,
  type ResolvedRestartStrategy,
  RestartCmaEs,
  type RestartCmaEsBaseOptions,
  type RestartCmaEsOptions,
  type RestartCmaEsState,
  type RestartFullCmaEsOptions,
  type RestartRun,
  type RestartSepCmaEsOptions,
  type RestartSettings,
  type RestartStrategy,
  resolveRestart,
} from "./restart.js";
export { SepCmaEs, type SepCmaEsOptions, type SepCmaEsState } from "./sep-cma.js";
export type {
  CmaTerminationOptions,
  FunctionHistoryState,
  TerminationKind,
  TerminationReason,
} from "./termination.js";
export {
  type CmaFullVariant,
  type CmaSeparableVariant,
  type CmaVariant,
  resolveVariant,
} from "./variant.js";
export {
  resolveWarmStartOptions,
  type WarmStartDistribution,
  type WarmStartOptions,
  warmStartDistribution,
} from "./warm-start.js";
