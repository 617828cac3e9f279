/**
 * Bayes' rule for the conjugate pairs, in closed form: P(X | D) = P(D | X) P(X) / P(D).
 * `update` gives the posterior P(X | D), `logEvidence` the log marginal likelihood ln P(D),
 * `posteriorPredictive` the distribution of the next observation(s). Each dispatches on the
 * prior's `kind` to the model files:
 *
 *   prior                          data                                      predictive
 *   Beta(α, β)                     0/1 trials, or binomialStats              beta-binomial
 *   Gamma(α, β)                    counts ≥ 0, or poissonStats               negative binomial
 *   N(μ₀, τ₀²), σ² known           reals, or normalStats                     normal
 *   NIG(μ₀, κ₀, α₀, β₀)            reals, or normalStats                     Student's t
 *   Dir(α)                         category indices, or categorical/         Dirichlet-multinomial
 *                                  multinomialStats
 *
 * Data are either the observations (an array or typed array) or their sufficient statistics
 * (a record from `bernoulliStats`, `binomialStats`, `poissonStats`, `normalStats`,
 * `categoricalStats`, `multinomialStats`, or `combineStats` of several). Every function is
 * pure: the prior is never modified, and a posterior is again a prior for more data, so
 * update(update(p, D₁), D₂) = update(p, D₁ ∪ D₂) and
 * logEvidence(p, D₁ ∪ D₂) = logEvidence(p, D₁) + logEvidence(update(p, D₁), D₂).
 */
import {
  betaLogEvidence,
  betaPredictive,
  betaUpdate,
  checkBinomialStats,
  collectBernoulli,
} from "./beta-binomial.js";
import {
  checkMultinomialStats,
  collectCategorical,
  dirichletLogEvidence,
  dirichletPredictive,
  dirichletUpdate,
  mergeMultinomialStats,
} from "./dirichlet-multinomial.js";
import {
  checkPoissonStats,
  collectPoisson,
  gammaLogEvidence,
  gammaPredictive,
  gammaUpdate,
} from "./gamma-poisson.js";
import {
  normalInverseGammaLogEvidence,
  normalInverseGammaPredictive,
  normalInverseGammaUpdate,
} from "./normal-inverse-gamma.js";
import {
  normalKnownVarianceLogEvidence,
  normalKnownVariancePredictive,
  normalKnownVarianceUpdate,
} from "./normal-known-variance.js";
import { checkNormalStats, collectNormal, mergeNormalStats } from "./normal-stats.js";
import type {
  BetaBinomialDistribution,
  BetaDistribution,
  BinomialStats,
  ConjugatePrior,
  DirichletDistribution,
  DirichletMultinomialDistribution,
  GammaDistribution,
  MultinomialStats,
  NegativeBinomialDistribution,
  NormalDistribution,
  NormalInverseGammaDistribution,
  NormalKnownVariancePrior,
  NormalStats,
  PoissonStats,
  StudentTDistribution,
  SufficientStats,
  UnivariateDistribution,
} from "./types.js";
import { checkInteger, checkPositive, checkStatsKind, isStats } from "./validate.js";

/** Observations (an array or typed array), or their sufficient statistics S. */
export type ConjugateData<S extends SufficientStats> = ArrayLike<number> | S;

/** Options of {@link posteriorPredictive}. */
export interface PredictiveOptions {
  /**
   * The number of future trials (Beta) or draws (Dirichlet) whose outcome is predicted.
   * @defaultValue 1
   */
  readonly trials?: number;
  /**
   * The exposure of the future count (Gamma): the predictive is that of a count over this
   * much time or size, in the units of the data's exposures.
   * @defaultValue 1
   */
  readonly exposure?: number;
}

function checkPrior(where: string, prior: ConjugatePrior): void {
  const kind = (prior as { kind?: unknown } | null)?.kind;
  if (
    kind !== "beta" &&
    kind !== "gamma" &&
    kind !== "normal-known-variance" &&
    kind !== "normal-inverse-gamma" &&
    kind !== "dirichlet"
  ) {
    throw new TypeError(
      `${where}: prior must be a beta, gamma, normal-known-variance, normal-inverse-gamma or dirichlet record, got kind ${String(kind)}`,
    );
  }
}

/** The data's sufficient statistics for this prior, validated. */
function statsFor(
  where: string,
  prior: ConjugatePrior,
  data: ArrayLike<number> | SufficientStats,
): SufficientStats {
  if (data === null || typeof data !== "object") {
    throw new TypeError(`${where}: data must be an array of numbers or a sufficient-statistics record`);
  }
  const given = isStats(data);
  switch (prior.kind) {
    case "beta":
      if (!given) return collectBernoulli(where, "data", data);
      checkStatsKind(where, data, "binomial-stats");
      checkBinomialStats(where, data as BinomialStats);
      return data;
    case "gamma":
      if (!given) return collectPoisson(where, "data", data);
      checkStatsKind(where, data, "poisson-stats");
      checkPoissonStats(where, data as PoissonStats);
      return data;
    case "normal-known-variance":
    case "normal-inverse-gamma":
      if (!given) return collectNormal(where, "data", data);
      checkStatsKind(where, data, "normal-stats");
      checkNormalStats(where, data as NormalStats);
      return data;
    case "dirichlet":
      if (!given) return collectCategorical(where, "data", data, prior.alpha.length);
      checkStatsKind(where, data, "multinomial-stats");
      checkMultinomialStats(where, data as MultinomialStats, prior.alpha.length);
      return data;
  }
}

/**
 * The posterior P(X | D) ∝ P(D | X) P(X), of the same family as the prior. The prior is not
 * modified; the posterior is a prior for further data.
 * @param prior - a record from `betaPrior`, `gammaPrior`, `normalKnownVariancePrior`,
 * `normalInverseGammaPrior` or `dirichletPrior` (or an earlier posterior).
 * @param data - the observations (0/1 trials, counts, reals or category indices, by prior)
 * or their sufficient statistics.
 * @throws RangeError naming the offending observation or statistic when the data do not fit
 * the prior; TypeError when `prior` or `data` is not a record or array.
 * @example update(betaPrior(1, 1), binomialStats([7], [10])) // Beta(8, 4)
 */
export function update(prior: BetaDistribution, data: ConjugateData<BinomialStats>): BetaDistribution;
export function update(prior: GammaDistribution, data: ConjugateData<PoissonStats>): GammaDistribution;
export function update(
  prior: NormalKnownVariancePrior,
  data: ConjugateData<NormalStats>,
): NormalKnownVariancePrior;
export function update(
  prior: NormalInverseGammaDistribution,
  data: ConjugateData<NormalStats>,
): NormalInverseGammaDistribution;
export function update(
  prior: DirichletDistribution,
  data: ConjugateData<MultinomialStats>,
): DirichletDistribution;
export function update(prior: ConjugatePrior, data: ConjugateData<SufficientStats>): ConjugatePrior;
export function update(prior: ConjugatePrior, data: ConjugateData<SufficientStats>): ConjugatePrior {
  checkPrior("update", prior);
  const stats = statsFor("update", prior, data);
  switch (prior.kind) {
    case "beta":
      return betaUpdate(prior, stats as BinomialStats);
    case "gamma":
      return gammaUpdate(prior, stats as PoissonStats);
    case "normal-known-variance":
      return normalKnownVarianceUpdate(prior, stats as NormalStats);
    case "normal-inverse-gamma":
      return normalInverseGammaUpdate(prior, stats as NormalStats);
    case "dirichlet":
      return dirichletUpdate(prior, stats as MultinomialStats);
  }
}

/**
 * The log marginal likelihood (log evidence) ln P(D) = ln ∫ P(D | X) P(X) dX of the data under
 * the prior: the probability (density) of the observations with the parameters integrated
 * out. It compares priors or models on the same data (a Bayes factor is a difference of two).
 * Bernoulli trials and category indices give the probability of that exact sequence;
 * `binomialStats` and `multinomialStats` the probability of the counts. 0 for no data.
 * @throws as {@link update}.
 * @example Math.exp(logEvidence(betaPrior(1, 1), [1, 1, 1, 1, 1, 1, 1, 0, 0, 0])) // 7!·3!/11! = 1/1320
 */
export function logEvidence(prior: BetaDistribution, data: ConjugateData<BinomialStats>): number;
export function logEvidence(prior: GammaDistribution, data: ConjugateData<PoissonStats>): number;
export function logEvidence(
  prior: NormalKnownVariancePrior | NormalInverseGammaDistribution,
  data: ConjugateData<NormalStats>,
): number;
export function logEvidence(prior: DirichletDistribution, data: ConjugateData<MultinomialStats>): number;
export function logEvidence(prior: ConjugatePrior, data: ConjugateData<SufficientStats>): number;
export function logEvidence(prior: ConjugatePrior, data: ConjugateData<SufficientStats>): number {
  checkPrior("logEvidence", prior);
  const stats = statsFor("logEvidence", prior, data);
  switch (prior.kind) {
    case "beta":
      return betaLogEvidence(prior, stats as BinomialStats);
    case "gamma":
      return gammaLogEvidence(prior, stats as PoissonStats);
    case "normal-known-variance":
      return normalKnownVarianceLogEvidence(prior, stats as NormalStats);
    case "normal-inverse-gamma":
      return normalInverseGammaLogEvidence(prior, stats as NormalStats);
    case "dirichlet":
      return dirichletLogEvidence(prior, stats as MultinomialStats);
  }
}

/**
 * The posterior predictive distribution P(x_new | D) = ∫ P(x_new | X) P(X | D) dX of the
 * next observation(s), given a posterior (or, before any data, the prior predictive given a
 * prior): beta-binomial over `trials` trials for a Beta, negative binomial of a count over
 * `exposure` for a Gamma, normal for the known-variance normal, Student's t for the NIG,
 * Dirichlet-multinomial over `trials` draws for a Dirichlet.
 * @throws RangeError unless `trials` is an integer ≥ 1 and `exposure` a finite number > 0.
 * @example posteriorPredictive(update(betaPrior(1, 1), [1, 1, 0])) // BetaBin(1, 3, 2): P(1) = 3/5
 */
export function posteriorPredictive(
  posterior: BetaDistribution,
  options?: PredictiveOptions,
): BetaBinomialDistribution;
export function posteriorPredictive(
  posterior: GammaDistribution,
  options?: PredictiveOptions,
): NegativeBinomialDistribution;
export function posteriorPredictive(posterior: NormalKnownVariancePrior): NormalDistribution;
export function posteriorPredictive(posterior: NormalInverseGammaDistribution): StudentTDistribution;
export function posteriorPredictive(
  posterior: DirichletDistribution,
  options?: PredictiveOptions,
): DirichletMultinomialDistribution;
export function posteriorPredictive(
  posterior: ConjugatePrior,
  options?: PredictiveOptions,
): UnivariateDistribution | DirichletMultinomialDistribution;
export function posteriorPredictive(
  posterior: ConjugatePrior,
  options: PredictiveOptions = {},
): UnivariateDistribution | DirichletMultinomialDistribution {
  checkPrior("posteriorPredictive", posterior);
  const trials = options.trials ?? 1;
  const exposure = options.exposure ?? 1;
  checkInteger("posteriorPredictive", "trials", trials, 1);
  checkPositive("posteriorPredictive", "exposure", exposure);
  switch (posterior.kind) {
    case "beta":
      return betaPredictive(posterior, trials);
    case "gamma":
      return gammaPredictive(posterior, exposure);
    case "normal-known-variance":
      return normalKnownVariancePredictive(posterior);
    case "normal-inverse-gamma":
      return normalInverseGammaPredictive(posterior);
    case "dirichlet":
      return dirichletPredictive(posterior, trials);
  }
}

/**
 * The sufficient statistics of the union of two data sets (of the same kind): counts and
 * coefficients add; normal statistics merge by Chan, Golub and LeVeque (1979). Lets data be
 * summarized where they arise (per worker, per batch) and combined later.
 * @throws RangeError when the records are of different kinds (or categories).
 * @example combineStats(normalStats([1, 2]), normalStats([3])) // normalStats([1, 2, 3])
 */
export function combineStats(a: BinomialStats, b: BinomialStats): BinomialStats;
export function combineStats(a: PoissonStats, b: PoissonStats): PoissonStats;
export function combineStats(a: NormalStats, b: NormalStats): NormalStats;
export function combineStats(a: MultinomialStats, b: MultinomialStats): MultinomialStats;
export function combineStats(a: SufficientStats, b: SufficientStats): SufficientStats;
export function combineStats(a: SufficientStats, b: SufficientStats): SufficientStats {
  if (a.kind !== b.kind) {
    throw new RangeError(`combineStats: a and b must be of the same kind, got ${a.kind} and ${b.kind}`);
  }
  switch (a.kind) {
    case "binomial-stats": {
      const o = b as BinomialStats;
      return {
        kind: "binomial-stats",
        successes: a.successes + o.successes,
        failures: a.failures + o.failures,
        logCoefficient: a.logCoefficient + o.logCoefficient,
      };
    }
    case "poisson-stats": {
      const o = b as PoissonStats;
      return {
        kind: "poisson-stats",
        n: a.n + o.n,
        total: a.total + o.total,
        exposure: a.exposure + o.exposure,
        logCoefficient: a.logCoefficient + o.logCoefficient,
      };
    }
    case "normal-stats":
      return mergeNormalStats(a, b as NormalStats);
    case "multinomial-stats": {
      const o = b as MultinomialStats;
      if (o.counts.length !== a.counts.length) {
        throw new RangeError(
          `combineStats: a and b must have the same number of categories, got ${a.counts.length} and ${o.counts.length}`,
        );
      }
      return mergeMultinomialStats(a, o);
    }
  }
}
