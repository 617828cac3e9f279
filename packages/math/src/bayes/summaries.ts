/**
 * Summaries of any distribution record of the module, dispatched on its `kind`: log
 * density (or mass), mean, variance, mode, quantile, equal-tailed credible interval, and the
 * one-dimensional marginals of the multivariate ones. A posterior's summaries answer the
 * usual questions: "what is θ?" (mean, mode), "how sure?" (variance, credible interval),
 * "what next?" (the same summaries of {@link posteriorPredictive}'s distribution).
 */
import {
  continuousLogDensity,
  continuousMean,
  continuousMode,
  continuousQuantile,
  continuousVariance,
} from "./continuous.js";
import { discreteLogPmf, discreteMean, discreteVariance } from "./discrete.js";
import {
  dirichletMarginal,
  dirichletMultinomialMarginal,
  multivariateLogDensity,
  multivariateMean,
  multivariateMode,
  multivariateVariance,
  normalInverseGammaMarginal,
} from "./multivariate.js";
import type {
  BayesDistribution,
  BetaBinomialDistribution,
  BetaDistribution,
  ContinuousDistribution,
  CredibleInterval,
  DirichletDistribution,
  DirichletMultinomialDistribution,
  DiscreteDistribution,
  InverseGammaDistribution,
  MultivariateDistribution,
  NormalInverseGammaDistribution,
  StudentTDistribution,
  UnivariateDistribution,
} from "./types.js";
import { checkLevel, checkProbability } from "./validate.js";

const KINDS: ReadonlySet<string> = new Set([
  "beta",
  "gamma",
  "normal",
  "normal-known-variance",
  "student-t",
  "inverse-gamma",
  "beta-binomial",
  "negative-binomial",
  "dirichlet",
  "normal-inverse-gamma",
  "dirichlet-multinomial",
]);
const CONTINUOUS: ReadonlySet<string> = new Set([
  "beta",
  "gamma",
  "normal",
  "normal-known-variance",
  "student-t",
  "inverse-gamma",
]);

function checkDistribution(where: string, d: BayesDistribution): void {
  const kind = (d as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !KINDS.has(kind)) {
    throw new TypeError(
      `${where}: dist must be a distribution record of @tunelab/math/bayes, got kind ${String(kind)}`,
    );
  }
}

function checkContinuous(where: string, d: ContinuousDistribution): void {
  checkDistribution(where, d);
  if (!CONTINUOUS.has(d.kind)) {
    throw new TypeError(
      `${where}: dist must be a univariate continuous distribution (beta, gamma, normal, normal-known-variance, student-t, inverse-gamma), got ${d.kind}`,
    );
  }
}

function isMultivariate(d: BayesDistribution): d is MultivariateDistribution {
  return d.kind === "dirichlet" || d.kind === "normal-inverse-gamma" || d.kind === "dirichlet-multinomial";
}

function isDiscrete(d: UnivariateDistribution): d is DiscreteDistribution {
  return d.kind === "beta-binomial" || d.kind === "negative-binomial";
}

/**
 * The log density at x (the log probability mass for the discrete distributions); -Infinity
 * outside the support, NaN for NaN. For a Dirichlet x is a point of the simplex (Σ x = 1
 * within 1e-9), for the NIG the pair [μ, σ²], for the Dirichlet-multinomial a vector of
 * integer counts summing to the number of trials.
 * @throws RangeError when a vector x has the wrong length; TypeError for an unknown record.
 * @example logDensity(betaPrior(2, 2), 0.5) // ln 1.5
 */
export function logDensity(dist: UnivariateDistribution, x: number): number;
export function logDensity(dist: MultivariateDistribution, x: ArrayLike<number>): number;
export function logDensity(dist: BayesDistribution, x: number | ArrayLike<number>): number;
export function logDensity(dist: BayesDistribution, x: number | ArrayLike<number>): number {
  checkDistribution("logDensity", dist);
  if (isMultivariate(dist)) {
    if (typeof x === "number") {
      throw new TypeError(`logDensity: x must be an array for a ${dist.kind} distribution, got a number`);
    }
    return multivariateLogDensity(dist, x, "logDensity");
  }
  if (typeof x !== "number") {
    throw new TypeError(`logDensity: x must be a number for a ${dist.kind} distribution`);
  }
  return isDiscrete(dist) ? discreteLogPmf(dist, x) : continuousLogDensity(dist as ContinuousDistribution, x);
}

/**
 * The mean: a number for a univariate distribution, a Float64Array per coordinate for a
 * multivariate one ([E μ, E σ²] for the NIG). Student's t has no mean for ν ≤ 1 (NaN); an
 * inverse gamma's (and the NIG's E σ²) is +Infinity for α ≤ 1.
 * @throws TypeError for an unknown record.
 * @example meanOf(update(betaPrior(1, 1), binomialStats([7], [10]))) // 8/12
 */
export function meanOf(dist: UnivariateDistribution): number;
export function meanOf(dist: MultivariateDistribution): Float64Array;
export function meanOf(dist: BayesDistribution): number | Float64Array;
export function meanOf(dist: BayesDistribution): number | Float64Array {
  checkDistribution("meanOf", dist);
  if (isMultivariate(dist)) return multivariateMean(dist);
  return isDiscrete(dist) ? discreteMean(dist) : continuousMean(dist as ContinuousDistribution);
}

/**
 * The variance: a number for a univariate distribution, the per-coordinate variances (the
 * covariance's diagonal) for a multivariate one. Student's t: +Infinity for 1 < ν ≤ 2, NaN for
 * ν ≤ 1; inverse gamma: +Infinity for α ≤ 2.
 * @throws TypeError for an unknown record.
 * @example varianceOf(gammaPrior(2, 4)) // 2/16
 */
export function varianceOf(dist: UnivariateDistribution): number;
export function varianceOf(dist: MultivariateDistribution): Float64Array;
export function varianceOf(dist: BayesDistribution): number | Float64Array;
export function varianceOf(dist: BayesDistribution): number | Float64Array {
  checkDistribution("varianceOf", dist);
  if (isMultivariate(dist)) return multivariateVariance(dist);
  return isDiscrete(dist) ? discreteVariance(dist) : continuousVariance(dist as ContinuousDistribution);
}

/**
 * The mode (the maximum a posteriori point of a posterior). Beta: (α-1)/(α+β-2) for α, β > 1,
 * the boundary 0 or 1 where the density is monotone, NaN for Beta(1, 1) and U-shaped Betas;
 * Gamma: (α-1)/β, 0 for α ≤ 1; inverse gamma: β/(α+1); Dirichlet: (α_k-1)/(A-K) when every
 * α_k > 1, else NaN entries; NIG: the joint mode [μ₀, β/(α + 3/2)].
 * @throws TypeError for a discrete or unknown record.
 * @example modeOf(betaPrior(8, 4)) // 0.7
 */
export function modeOf(dist: ContinuousDistribution): number;
export function modeOf(dist: DirichletDistribution | NormalInverseGammaDistribution): Float64Array;
export function modeOf(
  dist: ContinuousDistribution | DirichletDistribution | NormalInverseGammaDistribution,
): number | Float64Array;
export function modeOf(
  dist: ContinuousDistribution | DirichletDistribution | NormalInverseGammaDistribution,
): number | Float64Array {
  checkDistribution("modeOf", dist);
  if (dist.kind === "dirichlet" || dist.kind === "normal-inverse-gamma") return multivariateMode(dist);
  checkContinuous("modeOf", dist);
  return continuousMode(dist);
}

/**
 * The quantile F⁻¹(p) of a univariate continuous distribution.
 * @throws RangeError unless p is in [0, 1]; TypeError for a discrete or multivariate record.
 * @example quantileOf(normalDistribution(0, 1), 0.975) // 1.959964
 */
export function quantileOf(dist: ContinuousDistribution, p: number): number {
  checkContinuous("quantileOf", dist);
  checkProbability("quantileOf", "p", p);
  return continuousQuantile(dist, p);
}

/**
 * The equal-tailed credible interval of a univariate continuous distribution: the central
 * `level` of its mass, P(x < lower) = P(x > upper) = (1 - level)/2. For a multivariate
 * posterior, take the interval of a {@link marginal}.
 * @param level - the mass inside the interval, in (0, 1). @defaultValue 0.95
 * @throws RangeError unless level is in (0, 1); TypeError for a discrete or multivariate record.
 * @example credibleInterval(update(betaPrior(1, 1), binomialStats([7], [10])), 0.9)
 */
export function credibleInterval(dist: ContinuousDistribution, level = 0.95): CredibleInterval {
  checkContinuous("credibleInterval", dist);
  checkLevel("credibleInterval", level);
  const tail = (1 - level) / 2;
  return { lower: continuousQuantile(dist, tail), upper: continuousQuantile(dist, 1 - tail) };
}

/**
 * The marginal distribution of one coordinate of a multivariate distribution: θ_k of a
 * Dirichlet is Beta(α_k, A - α_k); of a NIG, index 0 (μ) is Student's t_{2α}(μ₀, √(β/(ακ)))
 * and index 1 (σ²) is Inv-Gamma(α, β); c_k of a Dirichlet-multinomial is
 * BetaBin(n, α_k, A - α_k).
 * @throws RangeError unless index is an integer in [0, dimension).
 * @example credibleInterval(marginal(nigPosterior, 0)) // a 95% interval for the mean μ
 */
export function marginal(dist: DirichletDistribution, index: number): BetaDistribution;
export function marginal(dist: NormalInverseGammaDistribution, index: 0): StudentTDistribution;
export function marginal(dist: NormalInverseGammaDistribution, index: 1): InverseGammaDistribution;
export function marginal(
  dist: NormalInverseGammaDistribution,
  index: number,
): StudentTDistribution | InverseGammaDistribution;
export function marginal(dist: DirichletMultinomialDistribution, index: number): BetaBinomialDistribution;
export function marginal(dist: MultivariateDistribution, index: number): UnivariateDistribution;
export function marginal(dist: MultivariateDistribution, index: number): UnivariateDistribution {
  checkDistribution("marginal", dist);
  switch (dist.kind) {
    case "dirichlet":
      return dirichletMarginal(dist, index, "marginal");
    case "normal-inverse-gamma":
      return normalInverseGammaMarginal(dist, index, "marginal");
    case "dirichlet-multinomial":
      return dirichletMultinomialMarginal(dist, index, "marginal");
    default:
      throw new TypeError(
        `marginal: dist must be a multivariate distribution, got ${(dist as { kind: string }).kind}`,
      );
  }
}
