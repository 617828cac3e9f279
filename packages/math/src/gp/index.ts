/**
 * Gaussian processes for Bayesian optimization: ARD Matérn 5/2 and RBF kernels with a
 * Hamming form for categorical dimensions, Cholesky with jitter escalation, batched
 * posteriors, the log marginal likelihood with its analytic gradient, hyperparameter priors
 * and MAP fitting, and acquisitions in log space (log EI after Ament et al. 2023, UCB, log
 * probability of feasibility, log EHVI) with their optimizer over mixed spaces. Every
 * objective is minimized. Inputs live in the unit cube (`normalize`), outputs are
 * standardized by the model.
 * @packageDocumentation
 */
export { type Acquisition, type AcquisitionSpec, createAcquisition } from "./acquisition.js";
export { type BoxDecomposition, nonDominatedBoxes } from "./box-decomposition.js";
export {
  type CholeskyResult,
  choleskyInverse,
  choleskyJitter,
  solveLower,
  solveLowerMany,
  solveLowerRows,
  solveLowerTransposed,
  solveUpper,
} from "./cholesky.js";
export { type FitGpOptions, type FitGpResult, fitGp, type GpNoise } from "./fit.js";
export {
  type GpHyperparameters,
  type GpKernel,
  kernelMatrix,
  kernelShape,
  kernelShapeDerivative,
} from "./kernel.js";
export { type LogMarginalLikelihood, logMarginalLikelihood } from "./likelihood.js";
export { dLogH, dLogNormalCdf, logEi, logH, logProbabilityOfFeasibility, phiOverH, ucb } from "./log-ei.js";
export { checkPriorMean, type GpModel, type GpModelOptions, type GpPriorMean, gpModel } from "./model.js";
export {
  type AcquisitionOptimum,
  type OptimizeAcquisitionOptions,
  optimizeAcquisition,
} from "./optimize-acquisition.js";
export { type GpPosterior, posterior } from "./posterior.js";
export { checkPrior, defaultPriors, type GpPriors, type HyperPrior } from "./prior.js";
export {
  type CubeDimension,
  cubeDimensions,
  type GpCategoricalDimension,
  type GpDimension,
  type GpFloatDimension,
  type GpIntDimension,
  normalize,
  unnormalize,
} from "./space.js";
