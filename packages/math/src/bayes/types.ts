/**
 * The records of the conjugate-prior toolkit: distributions (priors, posteriors, marginals and
 * posterior predictives) and the sufficient statistics of data. Every record is readonly and
 * tagged by `kind` (style.md §7); the constructors in the model files validate the numbers,
 * so a record made by this module is always well formed. A record's `Float64Array` is the
 * module's own copy: treat it as read-only.
 *
 * Parametrizations (the ones Gelman et al., "Bayesian Data Analysis", 3rd ed. (2013),
 * Appendix A, uses):
 *   Beta(α, β)            p(θ) ∝ θ^{α-1} (1-θ)^{β-1} on [0, 1]
 *   Gamma(α, β)           shape α, rate β: p(λ) ∝ λ^{α-1} e^{-βλ}
 *   Inv-Gamma(α, β)       shape α, scale β: p(v) ∝ v^{-α-1} e^{-β/v}
 *   N(μ, v)               mean μ, variance v (not the standard deviation)
 *   t_ν(μ, s)             ν degrees of freedom, location μ, scale s: (x - μ)/s ~ t_ν
 *   NegBin(r, p)          failures before the r-th success, success probability p
 *   Dir(α₁, …, α_K)       p(θ) ∝ Π θ_k^{α_k - 1} on the simplex
 */

/** Beta(α, β) on [0, 1]: the prior and posterior of a success probability. */
export interface BetaDistribution {
  readonly kind: "beta";
  /** α > 0, prior successes ("pseudo-counts"). */
  readonly alpha: number;
  /** β > 0, prior failures. */
  readonly beta: number;
}

/** Gamma(α, β) with shape α and rate β: the prior and posterior of a Poisson rate. */
export interface GammaDistribution {
  readonly kind: "gamma";
  /** α > 0. */
  readonly shape: number;
  /** β > 0 (the scale is 1/β). */
  readonly rate: number;
}

/** N(μ, v), a normal distribution by its mean and variance. */
export interface NormalDistribution {
  readonly kind: "normal";
  readonly mean: number;
  /** v > 0 (the variance, not the standard deviation). */
  readonly variance: number;
}

/**
 * The prior (and posterior) N(μ₀, τ₀²) of the mean μ of normal data whose variance σ² is
 * known. As a distribution it is the normal on μ; `noiseVariance` is the fixed σ² of the
 * likelihood that {@link update} and {@link posteriorPredictive} use.
 */
export interface NormalKnownVariancePrior {
  readonly kind: "normal-known-variance";
  /** μ₀, the prior mean of μ. */
  readonly mean: number;
  /** τ₀² > 0, the prior variance of μ. */
  readonly variance: number;
  /** σ² > 0, the known variance of one observation. */
  readonly noiseVariance: number;
}

/**
 * NIG(μ₀, κ₀, α₀, β₀), the joint prior (and posterior) of the mean μ and variance σ² of
 * normal data: σ² ~ Inv-Gamma(α₀, β₀), μ | σ² ~ N(μ₀, σ²/κ₀) (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian distribution"; Gelman et al.
 * 2013, §3.3 write it with a scaled inverse χ²: ν₀ = 2α₀, σ₀² = β₀/α₀).
 */
export interface NormalInverseGammaDistribution {
  readonly kind: "normal-inverse-gamma";
  /** μ₀, the prior location of μ. */
  readonly mean: number;
  /** κ₀ > 0: how many observations the prior on μ is worth. */
  readonly kappa: number;
  /** α₀ > 0: the shape of σ² (2α₀ observations' worth of variance information). */
  readonly alpha: number;
  /** β₀ > 0: the scale of σ² (β₀/α₀ is a prior guess of σ²). */
  readonly beta: number;
}

/** Dir(α₁, …, α_K) on the K-simplex: the prior and posterior of category probabilities. */
export interface DirichletDistribution {
  readonly kind: "dirichlet";
  /** α_k > 0, K ≥ 2 entries (prior pseudo-counts per category). */
  readonly alpha: Float64Array;
}

/** Student's t_ν(μ, s): (x - μ)/s has the standard t distribution with ν degrees of freedom. */
export interface StudentTDistribution {
  readonly kind: "student-t";
  /** ν > 0. */
  readonly dof: number;
  readonly location: number;
  /** s > 0. */
  readonly scale: number;
}

/** Inv-Gamma(α, β) with shape α and scale β: the distribution of 1/X for X ~ Gamma(α, rate β). */
export interface InverseGammaDistribution {
  readonly kind: "inverse-gamma";
  /** α > 0. */
  readonly shape: number;
  /** β > 0. */
  readonly scale: number;
}

/**
 * The beta-binomial distribution: the number of successes in n trials whose success
 * probability is drawn once from Beta(α, β).
 */
export interface BetaBinomialDistribution {
  readonly kind: "beta-binomial";
  /** n ≥ 1, an integer. */
  readonly trials: number;
  readonly alpha: number;
  readonly beta: number;
}

/**
 * The negative binomial distribution: the number of failures before the r-th success with
 * success probability p; r may be any positive real (then it is the Gamma–Poisson mixture).
 */
export interface NegativeBinomialDistribution {
  readonly kind: "negative-binomial";
  /** r > 0. */
  readonly r: number;
  /** p in (0, 1). */
  readonly p: number;
}

/**
 * The Dirichlet-multinomial distribution: the category counts of n draws whose category
 * probabilities are drawn once from Dir(α).
 */
export interface DirichletMultinomialDistribution {
  readonly kind: "dirichlet-multinomial";
  /** n ≥ 1, an integer. */
  readonly trials: number;
  readonly alpha: Float64Array;
}

/** The conjugate priors (and posteriors) that {@link update} and {@link logEvidence} accept. */
export type ConjugatePrior =
  | BetaDistribution
  | GammaDistribution
  | NormalKnownVariancePrior
  | NormalInverseGammaDistribution
  | DirichletDistribution;

/** Univariate distributions with a density on the real line (or an interval of it). */
export type ContinuousDistribution =
  | BetaDistribution
  | GammaDistribution
  | NormalDistribution
  | NormalKnownVariancePrior
  | StudentTDistribution
  | InverseGammaDistribution;

/** Univariate distributions on the integers 0, 1, 2, … (a probability mass function). */
export type DiscreteDistribution = BetaBinomialDistribution | NegativeBinomialDistribution;

/** Every univariate distribution of the module. */
export type UnivariateDistribution = ContinuousDistribution | DiscreteDistribution;

/** Distributions of a vector: θ on the simplex, (μ, σ²), or a vector of counts. */
export type MultivariateDistribution =
  | DirichletDistribution
  | NormalInverseGammaDistribution
  | DirichletMultinomialDistribution;

/** Every distribution record of the module. */
export type BayesDistribution = UnivariateDistribution | MultivariateDistribution;

/**
 * Sufficient statistics of success/failure data: Bernoulli trials (from
 * {@link bernoulliStats}) or binomial counts (from {@link binomialStats}).
 */
export interface BinomialStats {
  readonly kind: "binomial-stats";
  /** Σ kᵢ, an integer ≥ 0. */
  readonly successes: number;
  /** Σ (nᵢ - kᵢ), an integer ≥ 0. */
  readonly failures: number;
  /**
   * Σ ln C(nᵢ, kᵢ): what turns the probability of one ordered sequence into the probability
   * of the counts. 0 for Bernoulli data (the evidence is then the probability of the sequence).
   */
  readonly logCoefficient: number;
}

/** Sufficient statistics of Poisson counts yᵢ with exposures tᵢ (from {@link poissonStats}). */
export interface PoissonStats {
  readonly kind: "poisson-stats";
  /** The number of observations. */
  readonly n: number;
  /** Σ yᵢ, an integer ≥ 0. */
  readonly total: number;
  /** Σ tᵢ ≥ 0 (n when every exposure is 1). */
  readonly exposure: number;
  /** Σ (yᵢ ln tᵢ - ln yᵢ!), the part of the log likelihood free of λ. */
  readonly logCoefficient: number;
}

/** Sufficient statistics of real observations (from {@link normalStats}). */
export interface NormalStats {
  readonly kind: "normal-stats";
  /** The number of observations. */
  readonly n: number;
  /** x̄, the sample mean (0 when n = 0). */
  readonly mean: number;
  /** Σ (xᵢ - x̄)² ≥ 0, the sum of squared deviations (Welford's M₂). */
  readonly sumSquares: number;
}

/**
 * Sufficient statistics of categorical data: counts per category, from category indices
 * ({@link categoricalStats}) or from rows of multinomial counts ({@link multinomialStats}).
 */
export interface MultinomialStats {
  readonly kind: "multinomial-stats";
  /** c_k ≥ 0, integer counts, one per category (K ≥ 2). */
  readonly counts: Float64Array;
  /**
   * Σ over rows of ln(Nᵢ! / Π_k cᵢₖ!), the multinomial coefficients; 0 for a sequence of
   * category indices.
   */
  readonly logCoefficient: number;
}

/** Every sufficient-statistics record. */
export type SufficientStats = BinomialStats | PoissonStats | NormalStats | MultinomialStats;

/** An equal-tailed credible interval: P(θ < lower) = P(θ > upper) = (1 - level)/2. */
export interface CredibleInterval {
  readonly lower: number;
  readonly upper: number;
}
