/**
 * MAP fitting of a GP's hyperparameters: maximize log p(ỹ | X, θ) + log p(θ) over
 * θ = (log ℓ_1..log ℓ_D, log σ_f², log(σ_n² - σ²_min)) with L-BFGS-B
 * (`@tunelab/math/optim`) from several starts, keeping the best.
 *
 * Notation as in likelihood.ts and prior.ts. σ²_min is the minimum noise (1e-6, Optuna's
 * DEFAULT_MINIMUM_NOISE_VAR) that keeps K well conditioned; with `noise: { kind: "fixed" }`
 * (a deterministic objective, Optuna's `deterministic_objective`) σ_n² is held at the given
 * value and θ has D + 1 entries. The bounds on θ (ℓ ∈ [1e-3, 1e3], σ_f² ∈ [1e-2, 1e2],
 * σ_n² - σ²_min ∈ [1e-10, 10], standardized units) only keep the search away from
 * numerically empty regions; the priors do the regularizing.
 *
 * Starts: the previous fit's hyperparameters when given (`warmStart`, as Optuna's GPSampler
 * warm-starts from the last trial's kernel parameters), otherwise a default point (ℓ at its
 * prior's median, σ_f² = 1, σ_n² = 1e-3); then `restarts` random points drawn from the
 * seeded `rng` (log-uniform over ℓ ∈ [0.05, 2√D], σ_f² ∈ [0.2, 5], σ_n² ∈ [1e-6, 0.1]).
 * The gradient tolerance 1e-2 on the negative log posterior is Optuna's (`gtol=1e-2`).
 */
import { minimizeLbfgsb } from "../optim/index.js";
import { Rng } from "../random/index.js";
import type { GpHyperparameters } from "./kernel.js";
import { kernelParts } from "./kernel.js";
import { evaluateLogMarginal, likelihoodWorkspace } from "./likelihood.js";
import {
  buildModel,
  checkData,
  checkPriorMean,
  type GpModel,
  type GpModelOptions,
  standardization,
} from "./model.js";
import { checkPrior, defaultPriors, type GpPriors, type HyperPrior, priorLogDensity } from "./prior.js";
import { checkNonNegativeInteger, checkPositive, checkPositiveInteger } from "./validate.js";

/** How the observation noise is treated. */
export type GpNoise =
  /** Fitted, above a floor. */
  | {
      readonly kind: "fitted";
      /** σ²_min in standardized units. @defaultValue 1e-6 (Optuna's DEFAULT_MINIMUM_NOISE_VAR) */
      readonly minimum?: number;
    }
  /** Held at `variance` (standardized units): 1e-6 for a deterministic objective. */
  | { readonly kind: "fixed"; readonly variance: number };

/** Options of {@link fitGp}. */
export interface FitGpOptions extends GpModelOptions {
  /** Priors on the hyperparameters; missing entries take the defaults. @defaultValue `defaultPriors(D)` */
  readonly priors?: Partial<GpPriors>;
  /** The noise model. @defaultValue `{ kind: "fitted", minimum: 1e-6 }` */
  readonly noise?: GpNoise;
  /** A previous fit's hyperparameters (same D) to start from. @defaultValue none (the default start) */
  readonly warmStart?: GpHyperparameters;
  /** Random starts in addition to the warm or default start. @defaultValue 2 */
  readonly restarts?: number;
  /** The generator for the random starts. @defaultValue `Rng.fromSeed(0)` */
  readonly rng?: Rng;
  /** L-BFGS-B iterations per start. @defaultValue 100 */
  readonly maxIterations?: number;
  /** Projected-gradient tolerance on the negative log posterior. @defaultValue 1e-2 (Optuna) */
  readonly pgtol?: number;
}

/** What {@link fitGp} returns. */
export interface FitGpResult {
  /** The GP conditioned on the data with the MAP hyperparameters. */
  readonly model: GpModel;
  /** log p(ỹ | X, θ) + log p(θ) (priors up to their constants) at the optimum. */
  readonly logPosterior: number;
  /** Likelihood evaluations over all starts. */
  readonly evaluations: number;
  /** How many starts ran. */
  readonly starts: number;
}

const LOG_L = [Math.log(1e-3), Math.log(1e3)] as const;
const LOG_SIGNAL = [Math.log(1e-2), Math.log(1e2)] as const;
const LOG_NOISE = [Math.log(1e-10), Math.log(10)] as const;

function median(p: HyperPrior, fallback: number): number {
  if (p.kind === "logNormal") return Math.exp(p.loc);
  if (p.kind === "gamma" && p.rate > 0) return p.concentration / p.rate;
  // The precision prior's mode (−(a·v² + b/v²) peaks at v⁴ = b/a).
  if (p.kind === "precision" && p.a > 0 && p.b > 0) return (p.b / p.a) ** 0.25;
  return fallback;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * Fits a GP by MAP and conditions it on the data.
 * @param x - row-major N×D inputs in the unit cube (D = x.length / y.length; categoricals as indices).
 * @param y - N raw outputs (standardized inside).
 * @param options - kernel, categorical mask, priors, noise model, warm start, restarts and rng.
 * @returns the model, its log posterior, and the work done.
 * @throws RangeError or TypeError on malformed data or options (the argument is named).
 * @example const { model } = fitGp(x, y, { rng: Rng.fromSeed(1) });
 */
export function fitGp(x: Float64Array, y: Float64Array, options: FitGpOptions = {}): FitGpResult {
  const where = "fitGp";
  const { n, d, mask } = checkData(where, x, y, options.categorical);
  const kernel = options.kernel ?? { kind: "matern52" };
  if (kernel.kind !== "matern52" && kernel.kind !== "rbf")
    throw new TypeError(`${where}: kernel.kind must be "matern52" or "rbf"`);
  const priors: GpPriors = { ...defaultPriors(d), ...options.priors };
  checkPrior(where, "priors.lengthScale", priors.lengthScale);
  checkPrior(where, "priors.signalVariance", priors.signalVariance);
  checkPrior(where, "priors.noiseVariance", priors.noiseVariance);
  const noise = options.noise ?? { kind: "fitted" };
  let minimum = 0;
  let fixedNoise = 0;
  if (noise.kind === "fitted") {
    minimum = noise.minimum ?? 1e-6;
    checkPositive(where, "noise.minimum", minimum);
  } else if (noise.kind === "fixed") {
    fixedNoise = noise.variance;
    checkPositive(where, "noise.variance", fixedNoise);
  } else {
    throw new TypeError(`${where}: noise.kind must be "fitted" or "fixed"`);
  }
  const fitted = noise.kind === "fitted";
  const restarts = options.restarts ?? 2;
  checkNonNegativeInteger(where, "restarts", restarts);
  const maxIterations = options.maxIterations ?? 100;
  checkPositiveInteger(where, "maxIterations", maxIterations);
  const pgtol = options.pgtol ?? 1e-2;
  checkPositive(where, "pgtol", pgtol);
  if (options.warmStart !== undefined && options.warmStart.lengthScales?.length !== d) {
    throw new RangeError(`${where}: warmStart.lengthScales must have D=${d} entries`);
  }
  const rng = options.rng ?? Rng.fromSeed(0);

  const priorMean = checkPriorMean(where, options.priorMean);
  const { mean, std } = standardization(y, priorMean);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = (y[i]! - mean) / std;
  const p = d + (fitted ? 2 : 1);
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  for (let t = 0; t < d; t++) {
    lower[t] = LOG_L[0];
    upper[t] = LOG_L[1];
  }
  lower[d] = LOG_SIGNAL[0];
  upper[d] = LOG_SIGNAL[1];
  if (fitted) {
    lower[d + 1] = LOG_NOISE[0];
    upper[d + 1] = LOG_NOISE[1];
  }

  const ws = likelihoodWorkspace(n, d);
  const lengthScales = new Float64Array(d);
  const lmlGrad = new Float64Array(p === d + 2 ? d + 2 : d + 1);
  const pg = new Float64Array(1);
  let evaluations = 0;

  function hyperOf(theta: Float64Array): GpHyperparameters {
    const ls = new Float64Array(d);
    for (let t = 0; t < d; t++) ls[t] = Math.exp(theta[t]!);
    return {
      lengthScales: ls,
      signalVariance: Math.exp(theta[d]!),
      noiseVariance: fitted ? Math.exp(theta[d + 1]!) + minimum : fixedNoise,
    };
  }

  // The negative log posterior and its gradient in θ.
  function objective(theta: Float64Array, grad: Float64Array): number {
    evaluations++;
    for (let t = 0; t < d; t++) lengthScales[t] = Math.exp(theta[t]!);
    const signal = Math.exp(theta[d]!);
    const rawNoise = fitted ? Math.exp(theta[d + 1]!) : 0;
    const noiseVar = fitted ? rawNoise + minimum : fixedNoise;
    const parts = kernelParts(
      kernel,
      { lengthScales, signalVariance: signal, noiseVariance: noiseVar },
      mask,
    );
    let value: number;
    try {
      value = evaluateLogMarginal(parts, noiseVar, x, ys, ws, lmlGrad, rawNoise);
    } catch {
      // No jitter made K positive definite: a wall the line search backs off from.
      grad.fill(0);
      return 1e300;
    }
    for (let t = 0; t < d; t++) {
      value += priorLogDensity(priors.lengthScale, lengthScales[t]!, pg);
      grad[t] = -(lmlGrad[t]! + pg[0]! * lengthScales[t]!);
    }
    value += priorLogDensity(priors.signalVariance, signal, pg);
    grad[d] = -(lmlGrad[d]! + pg[0]! * signal);
    if (fitted) {
      value += priorLogDensity(priors.noiseVariance, noiseVar, pg);
      grad[d + 1] = -(lmlGrad[d + 1]! + pg[0]! * rawNoise);
    }
    return -value;
  }

  const starts: Float64Array[] = [];
  const first = new Float64Array(p);
  if (options.warmStart !== undefined) {
    const w = options.warmStart;
    for (let t = 0; t < d; t++) first[t] = Math.log(w.lengthScales[t]!);
    first[d] = Math.log(w.signalVariance);
    if (fitted) first[d + 1] = Math.log(Math.max(w.noiseVariance - minimum, 1e-10));
  } else {
    const l0 = median(priors.lengthScale, 0.5);
    for (let t = 0; t < d; t++) first[t] = Math.log(l0);
    first[d] = 0;
    if (fitted) first[d + 1] = Math.log(1e-3);
  }
  starts.push(first);
  for (let r = 0; r < restarts; r++) {
    const s = new Float64Array(p);
    for (let t = 0; t < d; t++) s[t] = rng.uniform(Math.log(0.05), Math.log(2 * Math.sqrt(d)));
    s[d] = rng.uniform(Math.log(0.2), Math.log(5));
    if (fitted) s[d + 1] = rng.uniform(Math.log(1e-6), Math.log(0.1));
    starts.push(s);
  }

  let bestTheta = first;
  let bestF = Number.POSITIVE_INFINITY;
  for (const s of starts) {
    for (let t = 0; t < p; t++) s[t] = clamp(Number.isFinite(s[t]!) ? s[t]! : 0, lower[t]!, upper[t]!);
    const res = minimizeLbfgsb(objective, s, { lower, upper, maxIterations, pgtol });
    if (res.f < bestF) {
      bestF = res.f;
      bestTheta = Float64Array.from(res.x);
    }
  }
  const model = buildModel(kernel, x, y, n, d, mask, hyperOf(bestTheta), priorMean);
  return { model, logPosterior: -bestF, evaluations, starts: starts.length };
}
