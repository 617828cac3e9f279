/**
 * A GP conditioned on data with fixed hyperparameters: standardized outputs, the Cholesky
 * factor of K and α = K⁻¹ y, ready for posteriors and acquisitions.
 *
 * Notation: X [n×D] inputs in the unit cube (categoricals as indices), y [n] raw outputs,
 * ȳ and s_y their mean and standard deviation (population, ddof 0, as scikit-learn's
 * normalize_y; s_y = 1 when every y is equal), ỹ = (y - ȳ)/s_y the standardized outputs
 * the GP models with a zero prior mean (so the prior mean is ȳ in raw units; with
 * `priorMean: "max"`, ȳ is replaced by max y, the worst observed value of a minimized loss:
 * De Ath, Fieldsend, Everson, "What do you Mean? The role of the mean function in Bayesian
 * optimisation", GECCO 2020 companion, arXiv:2004.08349); K = σ_f² M + σ_n² I (kernel.ts),
 * L Lᵀ = K + jitter·I, α = K⁻¹ ỹ.
 */
import { choleskyJitter, solveLower, solveUpper } from "./cholesky.js";
import {
  fillKernelMatrix,
  type GpHyperparameters,
  type GpKernel,
  type KernelParts,
  kernelParts,
} from "./kernel.js";
import { checkHyper } from "./likelihood.js";
import { checkMatrix, checkVector } from "./validate.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** A GP conditioned on data. Every field is read-only; build one with {@link gpModel} or `fitGp`. */
export interface GpModel {
  readonly kernel: GpKernel;
  /** D, the number of input dimensions. */
  readonly dimension: number;
  /** n, the number of observations. */
  readonly size: number;
  /** 1 for categorical dimensions. */
  readonly categorical: Uint8Array;
  /** X [n×D] row-major, in the unit cube. */
  readonly x: Float64Array;
  /** The constant prior mean in raw units: the outputs' mean ȳ, or their maximum with `priorMean: "max"`. */
  readonly yMean: number;
  /** Which constant the prior mean is. */
  readonly priorMean: GpPriorMean;
  /** The raw outputs' standard deviation s_y (1 when they are all equal). */
  readonly yStd: number;
  /** ỹ = (y - ȳ)/s_y. */
  readonly yStandardized: Float64Array;
  /** In standardized units. */
  readonly hyperparameters: GpHyperparameters;
  /** L [n×n] row-major lower triangular, L Lᵀ = K + jitter·I. */
  readonly factor: Float64Array;
  /** Lᵀ [n×n] row-major (upper triangular), so that back substitution reads contiguous rows. */
  readonly factorTransposed: Float64Array;
  /** α = K⁻¹ ỹ [n]. */
  readonly alpha: Float64Array;
  /** The jitter the factorization needed (0 almost always). */
  readonly jitter: number;
  /** log p(ỹ | X, θ) of the standardized outputs. */
  readonly logMarginalLikelihood: number;
  /** The hot-loop view of the kernel. */
  readonly parts: KernelParts;
}

/**
 * The GP's constant prior mean in raw units: `"mean"`, the outputs' mean (scikit-learn's
 * normalize_y, Optuna); `"max"`, their largest value, pessimistic for a minimized loss, so that
 * far from the data the posterior reverts to the worst value seen.
 */
export type GpPriorMean = "mean" | "max";

/** Options shared by {@link gpModel} and `fitGp`. */
export interface GpModelOptions {
  /** The constant prior mean. @defaultValue "mean" */
  readonly priorMean?: GpPriorMean;
  /** The kernel shape. @defaultValue `{ kind: "matern52" }` */
  readonly kernel?: GpKernel;
  /** Which of the D dimensions are categorical (1/true) — their coordinate is the choice index. @defaultValue none */
  readonly categorical?: ArrayLike<number | boolean>;
}

/**
 * The centre and scale of the standardized outputs: the prior mean (the mean of y, or its
 * maximum with `priorMean` "max") and the standard deviation about the mean (ddof 0), s_y = 1
 * when the spread is 0 or not finite.
 */
export function standardization(
  y: Float64Array,
  priorMean: GpPriorMean = "mean",
): { mean: number; std: number } {
  const n = y.length;
  let mean = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    mean += y[i]!;
    if (y[i]! > max) max = y[i]!;
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - mean;
    ss += e * e;
  }
  const std = Math.sqrt(ss / n);
  return { mean: priorMean === "max" ? max : mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/** Checks a `priorMean` option. */
export function checkPriorMean(where: string, priorMean: unknown): GpPriorMean {
  if (priorMean === undefined) return "mean";
  if (priorMean !== "mean" && priorMean !== "max") {
    throw new TypeError(`${where}: priorMean must be "mean" or "max", got ${String(priorMean)}`);
  }
  return priorMean;
}

/** Validates x, y and the categorical mask; returns n, D and the mask. */
export function checkData(
  where: string,
  x: Float64Array,
  y: Float64Array,
  categorical: ArrayLike<number | boolean> | undefined,
): { n: number; d: number; mask: Uint8Array } {
  if (!(y instanceof Float64Array)) throw new TypeError(`${where}: y must be a Float64Array`);
  if (!(x instanceof Float64Array)) throw new TypeError(`${where}: x must be a Float64Array (row-major N×D)`);
  const n = y.length;
  if (n < 1) throw new RangeError(`${where}: y must hold at least one observation`);
  if (x.length === 0 || x.length % n !== 0) {
    throw new RangeError(`${where}: x length ${x.length} must be N·D with N = y.length = ${n} and D >= 1`);
  }
  const d = x.length / n;
  checkMatrix(where, "x", x, d);
  checkVector(where, "y", y, n);
  const mask = new Uint8Array(d);
  if (categorical !== undefined) {
    if (categorical.length !== d) {
      throw new RangeError(`${where}: categorical must have D=${d} entries, got ${categorical.length}`);
    }
    for (let j = 0; j < d; j++) mask[j] = categorical[j] ? 1 : 0;
  }
  return { n, d, mask };
}

/**
 * Conditions a GP with the given hyperparameters (in standardized units) on data.
 * @param x - row-major N×D inputs in the unit cube (D = x.length / y.length).
 * @param y - N raw outputs; the model standardizes them.
 * @param hyper - length scales (D), signal and noise variances.
 * @param options - kernel, categorical mask and prior mean.
 * @throws RangeError on mismatched shapes, non-finite data, non-positive hyperparameters, or a
 *   kernel matrix that no jitter makes positive definite.
 * @example const model = gpModel(x, y, { lengthScales: Float64Array.of(0.3), signalVariance: 1, noiseVariance: 1e-4 });
 */
export function gpModel(
  x: Float64Array,
  y: Float64Array,
  hyper: GpHyperparameters,
  options: GpModelOptions = {},
): GpModel {
  const where = "gpModel";
  const { n, d, mask } = checkData(where, x, y, options.categorical);
  checkHyper(where, hyper, d);
  const priorMean = checkPriorMean(where, options.priorMean);
  return buildModel(options.kernel ?? { kind: "matern52" }, x, y, n, d, mask, hyper, priorMean);
}

/** {@link gpModel} without the checks. */
export function buildModel(
  kernel: GpKernel,
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  mask: Uint8Array,
  hyper: GpHyperparameters,
  priorMean: GpPriorMean = "mean",
): GpModel {
  const { mean, std } = standardization(y, priorMean);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = (y[i]! - mean) / std;
  const parts = kernelParts(kernel, hyper, mask);
  const k = fillKernelMatrix(parts, x, n, hyper.noiseVariance, new Float64Array(n * n));
  const { factor, jitter } = choleskyJitter(k, n);
  // K is no longer needed: its buffer takes Lᵀ.
  const factorTransposed = k;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) factorTransposed[j * n + i] = factor[i * n + j]!;
  const alpha = Float64Array.from(ys);
  solveLower(factor, n, alpha);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += alpha[i]! * alpha[i]!;
  solveUpper(factorTransposed, n, alpha);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(factor[i * n + i]!);
  return {
    kernel,
    dimension: d,
    size: n,
    categorical: mask,
    x: Float64Array.from(x),
    yMean: mean,
    priorMean,
    yStd: std,
    yStandardized: ys,
    hyperparameters: {
      lengthScales: Float64Array.from(hyper.lengthScales),
      signalVariance: hyper.signalVariance,
      noiseVariance: hyper.noiseVariance,
    },
    factor,
    factorTransposed,
    alpha,
    jitter,
    logMarginalLikelihood: -0.5 * quad - logDet - n * HALF_LOG_2PI,
    parts,
  };
}
