/**
 * Parzen estimators for tree-structured Parzen estimator (TPE) samplers: weighted mixtures of
 * truncated normals (one component per observation plus a prior component) over the internal
 * space of the priors, with cell integration for integer and stepped parameters, categorical
 * kernels (Aitchison-Aitken style, optionally distance-based), bandwidth rules, injectable
 * weights, vectorized log-densities and seeded sampling. Pure functions over Float64Arrays.
 * @packageDocumentation
 */
export {
  type ClipOptions,
  clipBounds,
  type NeighbourOptions,
  neighbourBandwidths,
  scaledRangeBandwidth,
  scottBandwidth,
  stableOrder,
} from "./bandwidth.js";
export { categoricalKernelTable } from "./categorical.js";
export { numericalBounds, parzenDimension } from "./dimension.js";
export {
  buildParzenEstimator,
  buildParzenEstimatorFromColumns,
  type ParzenEstimatorOptions,
} from "./estimator.js";
export { parzenLogPdf } from "./log-pdf.js";
export { parzenMarginal } from "./marginal.js";
export { type BestLogRatio, parzenBestLogRatio } from "./ratio.js";
export { sampleParzen } from "./sample.js";
export type {
  BandwidthContext,
  BandwidthRule,
  CategoricalDimension,
  CategoricalKernelRule,
  CategoricalKernels,
  ContinuousDimension,
  DimensionKernels,
  LogIntDimension,
  NumericalDimension,
  NumericalKernels,
  ParzenDimension,
  ParzenEstimator,
  SteppedDimension,
} from "./types.js";
export { defaultWeights, uniformWeights, type WeightsFunction } from "./weights.js";
