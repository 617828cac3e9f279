/**
 * The normal model with unknown mean and variance under its conjugate normal-inverse-gamma
 * prior.
 *
 * Notation: σ² ~ Inv-Gamma(α₀, β₀), μ | σ² ~ N(μ₀, σ²/κ₀); xᵢ ~ N(μ, σ²), n observations with
 * mean x̄ and M₂ = Σ (xᵢ - x̄)². Murphy (2007), "Conjugate Bayesian analysis of the Gaussian
 * distribution", the NIG section; Gelman et al. (2013), §3.3 (with ν = 2α, σ₀² = β/α):
 *   posterior     κₙ = κ₀ + n,   μₙ = μ₀ + n(x̄ - μ₀)/κₙ,   αₙ = α₀ + n/2,
 *                 βₙ = β₀ + M₂/2 + κ₀ n (x̄ - μ₀)² / (2κₙ)
 *   evidence      ln P(D) = ln Γ(αₙ) - ln Γ(α₀) + α₀ ln β₀ - αₙ ln βₙ
 *                           + ½ (ln κ₀ - ln κₙ) - (n/2) ln(2π)
 *   predictive    x_new | D ~ t_{2αₙ}(μₙ, √(βₙ (κₙ + 1)/(αₙ κₙ)))
 * (μₙ is written as a correction of μ₀ rather than (κ₀μ₀ + n x̄)/κₙ: the same number, and
 * exact when x̄ = μ₀.)
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import type { NormalInverseGammaDistribution, NormalStats, StudentTDistribution } from "./types.js";
import { checkFinite, checkPositive } from "./validate.js";

/** Parameters of {@link normalInverseGammaPrior}. */
export interface NormalInverseGammaParameters {
  /** μ₀, the prior location of the mean. */
  readonly mean: number;
  /** κ₀ > 0, how many observations the prior location μ₀ is worth. */
  readonly kappa: number;
  /** α₀ > 0, the shape of the variance's prior (worth 2α₀ observations). */
  readonly alpha: number;
  /** β₀ > 0, its scale (β₀/α₀ is the prior guess of σ²). */
  readonly beta: number;
}

/**
 * The normal-inverse-gamma prior NIG(μ₀, κ₀, α₀, β₀) of the mean and variance of normal data.
 * @throws RangeError unless `mean` is finite and `kappa`, `alpha`, `beta` are finite and > 0.
 * @example normalInverseGammaPrior({ mean: 0, kappa: 1, alpha: 1, beta: 1 })
 */
export function normalInverseGammaPrior(
  parameters: NormalInverseGammaParameters,
): NormalInverseGammaDistribution {
  const { mean, kappa, alpha, beta } = parameters;
  checkFinite("normalInverseGammaPrior", "mean", mean);
  checkPositive("normalInverseGammaPrior", "kappa", kappa);
  checkPositive("normalInverseGammaPrior", "alpha", alpha);
  checkPositive("normalInverseGammaPrior", "beta", beta);
  return { kind: "normal-inverse-gamma", mean, kappa, alpha, beta };
}

/** NIG(μₙ, κₙ, αₙ, βₙ). */
export function normalInverseGammaUpdate(
  prior: NormalInverseGammaDistribution,
  stats: NormalStats,
): NormalInverseGammaDistribution {
  const n = stats.n;
  if (n === 0) return prior;
  const kn = prior.kappa + n;
  const d = stats.mean - prior.mean;
  return {
    kind: "normal-inverse-gamma",
    mean: prior.mean + (n * d) / kn,
    kappa: kn,
    alpha: prior.alpha + n / 2,
    beta: prior.beta + stats.sumSquares / 2 + (((prior.kappa * n) / kn) * d * d) / 2,
  };
}

/** ln P(D) with μ and σ² integrated out. */
export function normalInverseGammaLogEvidence(
  prior: NormalInverseGammaDistribution,
  stats: NormalStats,
): number {
  const n = stats.n;
  if (n === 0) return 0;
  const post = normalInverseGammaUpdate(prior, stats);
  return (
    gammaln(post.alpha) -
    gammaln(prior.alpha) +
    prior.alpha * Math.log(prior.beta) -
    post.alpha * Math.log(post.beta) +
    0.5 * (Math.log(prior.kappa) - Math.log(post.kappa)) -
    0.5 * n * Math.log(2 * Math.PI)
  );
}

/** t_{2α}(μ, √(β(κ + 1)/(ακ))), the distribution of the next observation. */
export function normalInverseGammaPredictive(
  posterior: NormalInverseGammaDistribution,
): StudentTDistribution {
  const { mean, kappa, alpha, beta } = posterior;
  return {
    kind: "student-t",
    dof: 2 * alpha,
    location: mean,
    scale: Math.sqrt((beta * (kappa + 1)) / (alpha * kappa)),
  };
}
