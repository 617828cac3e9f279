/**
 * The normal model with known variance: the mean μ of normal observations with a normal
 * prior, the observation variance σ² fixed.
 *
 * Notation: μ ~ N(μ₀, τ₀²); xᵢ | μ ~ N(μ, σ²), n observations with mean x̄ and
 * M₂ = Σ (xᵢ - x̄)². Gelman et al. (2013), §2.5 (precisions add):
 *   posterior     1/τₙ² = 1/τ₀² + n/σ²,   μₙ = τₙ² (μ₀/τ₀² + n x̄/σ²)
 *   evidence      x ~ N(μ₀·1, σ² I + τ₀² 11ᵀ), whose determinant is σ^{2(n-1)} (σ² + nτ₀²)
 *                 and whose quadratic form splits into M₂/σ² + n(x̄ - μ₀)²/(σ² + nτ₀²):
 *                 ln P(D) = -(n/2) ln(2πσ²) - ½ ln(1 + nτ₀²/σ²) - M₂/(2σ²)
 *                           - n(x̄ - μ₀)²/(2(σ² + nτ₀²))
 *   predictive    x_new | D ~ N(μₙ, τₙ² + σ²)
 */
import type { NormalDistribution, NormalKnownVariancePrior, NormalStats } from "./types.js";
import { checkFinite, checkPositive } from "./validate.js";

/** Parameters of {@link normalKnownVariancePrior}. */
export interface NormalKnownVarianceParameters {
  /** μ₀, the prior mean of μ. */
  readonly mean: number;
  /** τ₀² > 0, the prior variance of μ (the prior is worth σ²/τ₀² observations). */
  readonly variance: number;
  /** σ² > 0, the known variance of each observation. */
  readonly noiseVariance: number;
}

/**
 * The N(μ₀, τ₀²) prior of the mean of normal data with known variance σ². The prior is worth
 * σ²/τ₀² observations: the posterior mean is the average of μ₀ and the data weighted that way.
 * @throws RangeError unless `mean` is finite and `variance`, `noiseVariance` are finite and > 0.
 * @example update(normalKnownVariancePrior({ mean: 0, variance: 1, noiseVariance: 1 }), [2]) // N(1, 1/2)
 */
export function normalKnownVariancePrior(
  parameters: NormalKnownVarianceParameters,
): NormalKnownVariancePrior {
  const { mean, variance, noiseVariance } = parameters;
  checkFinite("normalKnownVariancePrior", "mean", mean);
  checkPositive("normalKnownVariancePrior", "variance", variance);
  checkPositive("normalKnownVariancePrior", "noiseVariance", noiseVariance);
  return { kind: "normal-known-variance", mean, variance, noiseVariance };
}

/** N(μₙ, τₙ²) with the same σ². */
export function normalKnownVarianceUpdate(
  prior: NormalKnownVariancePrior,
  stats: NormalStats,
): NormalKnownVariancePrior {
  if (stats.n === 0) return prior;
  const s2 = prior.noiseVariance;
  const precision = 1 / prior.variance + stats.n / s2;
  const variance = 1 / precision;
  const mean = variance * (prior.mean / prior.variance + (stats.n * stats.mean) / s2);
  return { kind: "normal-known-variance", mean, variance, noiseVariance: s2 };
}

/** ln P(D), the normal log density of the data vector with μ integrated out. */
export function normalKnownVarianceLogEvidence(prior: NormalKnownVariancePrior, stats: NormalStats): number {
  const n = stats.n;
  if (n === 0) return 0;
  const s2 = prior.noiseVariance;
  const t2 = prior.variance;
  const d = stats.mean - prior.mean;
  return (
    -0.5 * n * Math.log(2 * Math.PI * s2) -
    0.5 * Math.log1p((n * t2) / s2) -
    stats.sumSquares / (2 * s2) -
    (n * d * d) / (2 * (s2 + n * t2))
  );
}

/** N(μₙ, τₙ² + σ²), the distribution of the next observation. */
export function normalKnownVariancePredictive(posterior: NormalKnownVariancePrior): NormalDistribution {
  return { kind: "normal", mean: posterior.mean, variance: posterior.variance + posterior.noiseVariance };
}
