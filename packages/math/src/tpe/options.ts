/**
 * Options of TPE shared by the step ({@link tpeStep}), the standalone optimizer
 * (`TpeOptimizer`) and the study sampler (`TpeSampler` of `@tunelab/samplers/tpe` extends
 * {@link TpeOptions}): one definition of each option, with its default and source.
 *
 * References: Bergstra, Bardenet, Bengio, Kégl, "Algorithms for hyper-parameter
 * optimization" (NeurIPS 2011); Watanabe, "Tree-structured Parzen estimator: understanding
 * its algorithm components and their roles for better empirical performance"
 * (arXiv:2304.11127, 2023); Optuna 3.x `TPESampler`, whose names these follow.
 */
import type { ParzenEstimatorOptions } from "../parzen/estimator.js";
import type { BandwidthRule, CategoricalKernelRule } from "../parzen/types.js";
import { defaultWeights, type WeightsFunction } from "../parzen/weights.js";
import { defaultGamma, type GammaFunction } from "./gamma.js";

/**
 * How TPE fits its two Parzen estimators, l(x) to the below observations and g(x) to the
 * above ones: the options of `buildParzenEstimator` that stay fixed through a run.
 */
export interface TpeEstimatorOptions
  extends Pick<
    ParzenEstimatorOptions,
    "considerPrior" | "priorWeight" | "considerMagicClip" | "categoricalKernel"
  > {
  /**
   * Weights of each estimator's n observations, oldest first (MOTPE's below set uses
   * hypervolume contributions instead). @defaultValue `defaultWeights`: 1 for the newest 25,
   * a linear ramp from 1/n up to 1 before them (Bergstra et al. 2011; Optuna)
   */
  readonly weights?: WeightsFunction;
}

/** Options of one TPE step ({@link tpeStep}). */
export interface TpeStepOptions extends TpeEstimatorOptions {
  /**
   * Candidates drawn from l(x), of which the one maximizing log l(x) − log g(x) is kept
   * (Bergstra et al. 2011, eq. 4; Optuna's `n_ei_candidates`). @defaultValue 24
   */
  readonly nEiCandidates?: number;
  /**
   * Bandwidth rule of the numerical dimensions of l and g. @defaultValue `{ kind: "scott" }`
   * (Scott's rule with the spread of the observations, as in Watanabe 2023, §3; the
   * measured default of `TpeSampler`'s joint estimators)
   */
  readonly bandwidth?: BandwidthRule;
}

/** Options of a TPE run, shared by `TpeOptimizer` and `TpeSampler`. */
export interface TpeOptions extends Omit<TpeStepOptions, "bandwidth"> {
  /**
   * Observations drawn at random from the priors before TPE starts (Optuna's
   * `n_startup_trials`). @defaultValue 10
   */
  readonly nStartupTrials?: number;
  /**
   * Number of "below" observations given n, an integer in 0..n.
   * @defaultValue {@link defaultGamma}: min(⌈0.1·n⌉, 25)
   */
  readonly gamma?: GammaFunction;
}

/** {@link TpeOptions} with every default filled in and checked. */
export interface ResolvedTpeOptions {
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly gamma: GammaFunction;
  readonly weights: WeightsFunction;
  readonly priorWeight: number;
  readonly considerPrior: boolean;
  readonly considerMagicClip: boolean;
  readonly categoricalKernel: CategoricalKernelRule;
}

/**
 * The options with their defaults, checked.
 * @param where - the caller, named in errors (e.g. "TpeSampler").
 * @throws RangeError for a count or weight out of range, TypeError for a gamma or weights
 * that is not a function.
 * @example resolveTpeOptions("TpeOptimizer", { nStartupTrials: 5 }).nEiCandidates // 24
 */
export function resolveTpeOptions(where: string, options: TpeOptions): ResolvedTpeOptions {
  const nStartupTrials = checkCount(where, "nStartupTrials", options.nStartupTrials ?? 10, 0);
  const nEiCandidates = checkCount(where, "nEiCandidates", options.nEiCandidates ?? 24, 1);
  const gamma = checkFunction(where, "gamma", options.gamma ?? defaultGamma);
  const weights = checkFunction(where, "weights", options.weights ?? defaultWeights);
  const priorWeight = options.priorWeight ?? 1;
  if (!(priorWeight > 0 && Number.isFinite(priorWeight))) {
    throw new RangeError(`${where}: priorWeight must be positive and finite, got ${priorWeight}`);
  }
  return {
    nStartupTrials,
    nEiCandidates,
    gamma,
    weights,
    priorWeight,
    considerPrior: options.considerPrior ?? true,
    considerMagicClip: options.considerMagicClip ?? true,
    categoricalKernel: options.categoricalKernel ?? { kind: "smoothed-indicator" },
  };
}

function checkCount(where: string, name: string, v: number, min: number): number {
  if (!Number.isSafeInteger(v) || v < min) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${v}`);
  }
  return v;
}

function checkFunction<T>(where: string, name: string, f: T): T {
  if (typeof f !== "function") throw new TypeError(`${where}: ${name} must be a function, got ${typeof f}`);
  return f;
}

/**
 * The options of {@link tpeStep} for a run's resolved options and a bandwidth rule.
 * @example tpeStepOptions(resolveTpeOptions("x", {}), { kind: "scott" }).nEiCandidates // 24
 */
export function tpeStepOptions(options: ResolvedTpeOptions, bandwidth: BandwidthRule): TpeStepOptions {
  return {
    nEiCandidates: options.nEiCandidates,
    weights: options.weights,
    priorWeight: options.priorWeight,
    considerPrior: options.considerPrior,
    considerMagicClip: options.considerMagicClip,
    categoricalKernel: options.categoricalKernel,
    bandwidth,
  };
}
