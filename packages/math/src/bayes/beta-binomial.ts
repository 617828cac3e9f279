/**
 * The Beta–Bernoulli / Beta–Binomial model: a success probability θ with a Beta prior,
 * observed through success/failure trials.
 *
 * Notation: θ ~ Beta(α, β); data are Bernoulli trials xᵢ ∈ {0, 1} or binomial counts kᵢ of nᵢ;
 * s = Σ kᵢ successes, f = Σ (nᵢ - kᵢ) failures. Gelman et al. (2013), §2.4 and Appendix A:
 *   posterior     θ | D ~ Beta(α + s, β + f)
 *   evidence      ln P(D) = Σ ln C(nᵢ, kᵢ) + ln B(α + s, β + f) - ln B(α, β)
 *                 (without the binomial coefficients for Bernoulli data: the probability
 *                 of the ordered sequence)
 *   predictive    m future trials: BetaBin(m, α + s, β + f); m = 1 gives
 *                 P(x = 1 | D) = (α + s)/(α + β + s + f), Laplace's rule of succession for α = β = 1.
 */
import betaln from "@stdlib/math-base-special-betaln";
import binomcoefln from "@stdlib/math-base-special-binomcoefln";
import type { BetaBinomialDistribution, BetaDistribution, BinomialStats } from "./types.js";
import { checkArrayLike, checkInteger, checkPositive } from "./validate.js";

/**
 * The Beta(α, β) prior of a success probability (also the Beta distribution in general).
 * α and β act as prior successes and failures: Beta(1, 1) is uniform, Beta(0.5, 0.5) is
 * Jeffreys' prior, and α + β is the prior's strength in observations.
 * @throws RangeError unless `alpha` and `beta` are finite numbers > 0.
 * @example update(betaPrior(1, 1), [1, 1, 0]) // Beta(3, 2)
 */
export function betaPrior(alpha: number, beta: number): BetaDistribution {
  checkPositive("betaPrior", "alpha", alpha);
  checkPositive("betaPrior", "beta", beta);
  return { kind: "beta", alpha, beta };
}

/**
 * Sufficient statistics of Bernoulli trials: the successes and failures of a sequence of 0s
 * and 1s (`logCoefficient` 0: the evidence is the probability of this exact sequence).
 * @throws RangeError when an entry is not 0 or 1.
 * @example bernoulliStats([1, 0, 1]) // { successes: 2, failures: 1, logCoefficient: 0 }
 */
export function bernoulliStats(trials: ArrayLike<number>): BinomialStats {
  return collectBernoulli("bernoulliStats", "trials", trials);
}

/** {@link bernoulliStats} with the caller's name and argument in its errors. */
export function collectBernoulli(where: string, name: string, trials: ArrayLike<number>): BinomialStats {
  checkArrayLike(where, name, trials);
  let s = 0;
  for (let i = 0; i < trials.length; i++) {
    const x = trials[i];
    if (x === 1) s++;
    else if (x !== 0) throw new RangeError(`${where}: ${name} must be 0 or 1, got ${name}[${i}]=${x}`);
  }
  return { kind: "binomial-stats", successes: s, failures: trials.length - s, logCoefficient: 0 };
}

/**
 * Sufficient statistics of binomial counts: `successes[i]` of `trials[i]` for each
 * experiment. `logCoefficient` = Σ ln C(nᵢ, kᵢ), so the evidence is the probability of the
 * counts (not of one ordering of the trials).
 * @throws RangeError unless both arrays have the same length, every `trials[i]` is an
 * integer ≥ 0 and every `successes[i]` an integer in [0, trials[i]].
 * @example binomialStats([7], [10]) // { successes: 7, failures: 3, logCoefficient: ln 120 }
 */
export function binomialStats(successes: ArrayLike<number>, trials: ArrayLike<number>): BinomialStats {
  checkArrayLike("binomialStats", "successes", successes);
  checkArrayLike("binomialStats", "trials", trials);
  if (successes.length !== trials.length) {
    throw new RangeError(
      `binomialStats: successes and trials must have the same length, got ${successes.length} and ${trials.length}`,
    );
  }
  let s = 0;
  let f = 0;
  let logC = 0;
  for (let i = 0; i < trials.length; i++) {
    const n = trials[i]!;
    const k = successes[i]!;
    checkInteger("binomialStats", `trials[${i}]`, n, 0);
    if (!(Number.isSafeInteger(k) && k >= 0 && k <= n)) {
      throw new RangeError(`binomialStats: successes[${i}] must be an integer in [0, ${n}], got ${k}`);
    }
    s += k;
    f += n - k;
    logC += binomcoefln(n, k);
  }
  return { kind: "binomial-stats", successes: s, failures: f, logCoefficient: logC };
}

/** Beta(α + s, β + f). */
export function betaUpdate(prior: BetaDistribution, stats: BinomialStats): BetaDistribution {
  return { kind: "beta", alpha: prior.alpha + stats.successes, beta: prior.beta + stats.failures };
}

/** ln P(D) = Σ ln C(nᵢ, kᵢ) + ln B(α + s, β + f) - ln B(α, β). */
export function betaLogEvidence(prior: BetaDistribution, stats: BinomialStats): number {
  return (
    stats.logCoefficient +
    betaln(prior.alpha + stats.successes, prior.beta + stats.failures) -
    betaln(prior.alpha, prior.beta)
  );
}

/** The beta-binomial distribution of the successes in `trials` future trials. */
export function betaPredictive(posterior: BetaDistribution, trials: number): BetaBinomialDistribution {
  return { kind: "beta-binomial", trials, alpha: posterior.alpha, beta: posterior.beta };
}

/** @throws RangeError unless the record's counts are integers ≥ 0 and its coefficient finite. */
export function checkBinomialStats(where: string, stats: BinomialStats): void {
  checkInteger(where, "data.successes", stats.successes, 0);
  checkInteger(where, "data.failures", stats.failures, 0);
  if (!Number.isFinite(stats.logCoefficient)) {
    throw new RangeError(`${where}: data.logCoefficient must be finite, got ${stats.logCoefficient}`);
  }
}
