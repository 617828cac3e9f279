/**
 * Univariate discrete distributions of the toolkit, the posterior predictives of the
 * Beta–Binomial and Gamma–Poisson models.
 *
 * Beta-binomial (Gelman et al. 2013, Appendix A):
 *   P(k) = C(n, k) B(k + α, n - k + β) / B(α, β),   k = 0, …, n
 *   E = nα/(α+β),   Var = nαβ(α+β+n) / ((α+β)²(α+β+1)).
 * Negative binomial (failures before the r-th success; real r > 0 allowed):
 *   P(k) = Γ(k + r)/(k! Γ(r)) p^r (1-p)^k,   E = r(1-p)/p,   Var = r(1-p)/p².
 * The beta-binomial pmf is composed from @stdlib's ln C(n, k) and ln B(a, b) (@stdlib has no
 * beta-binomial distribution); the negative binomial pmf is @stdlib's.
 */
import betaln from "@stdlib/math-base-special-betaln";
import binomcoefln from "@stdlib/math-base-special-binomcoefln";
import nbinomLogpmf from "@stdlib/stats-base-dists-negative-binomial-logpmf";
import type {
  BetaBinomialDistribution,
  DiscreteDistribution,
  NegativeBinomialDistribution,
} from "./types.js";
import { checkInteger, checkPositive } from "./validate.js";

/**
 * The beta-binomial distribution of the successes in `trials` trials whose success
 * probability is Beta(α, β).
 * @throws RangeError unless `trials` is an integer ≥ 1 and `alpha`, `beta` are finite and > 0.
 * @example betaBinomialDistribution(10, 1, 1) // every k in 0..10 has probability 1/11
 */
export function betaBinomialDistribution(
  trials: number,
  alpha: number,
  beta: number,
): BetaBinomialDistribution {
  checkInteger("betaBinomialDistribution", "trials", trials, 1);
  checkPositive("betaBinomialDistribution", "alpha", alpha);
  checkPositive("betaBinomialDistribution", "beta", beta);
  return { kind: "beta-binomial", trials, alpha, beta };
}

/**
 * The negative binomial distribution of the failures before the r-th success.
 * @throws RangeError unless `r` is finite and > 0 and `p` is in (0, 1) (@stdlib's pmf gives
 * P(0) = 0 at p = 1, where the distribution is the point mass at 0, so p = 1 is refused).
 * @example negativeBinomialDistribution(2, 0.5) // mean 2
 */
export function negativeBinomialDistribution(r: number, p: number): NegativeBinomialDistribution {
  checkPositive("negativeBinomialDistribution", "r", r);
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`negativeBinomialDistribution: p must be in (0, 1), got ${p}`);
  }
  return { kind: "negative-binomial", r, p };
}

/** log P(k); -Infinity for k outside the support (not an integer in range), NaN for NaN. */
export function discreteLogPmf(d: DiscreteDistribution, k: number): number {
  if (Number.isNaN(k)) return Number.NaN;
  switch (d.kind) {
    case "beta-binomial": {
      const n = d.trials;
      if (!(Number.isInteger(k) && k >= 0 && k <= n)) return Number.NEGATIVE_INFINITY;
      return binomcoefln(n, k) + betaln(k + d.alpha, n - k + d.beta) - betaln(d.alpha, d.beta);
    }
    case "negative-binomial":
      return nbinomLogpmf(k, d.r, d.p);
  }
}

/** E[k]. */
export function discreteMean(d: DiscreteDistribution): number {
  switch (d.kind) {
    case "beta-binomial":
      return (d.trials * d.alpha) / (d.alpha + d.beta);
    case "negative-binomial":
      return (d.r * (1 - d.p)) / d.p;
  }
}

/** Var[k]. */
export function discreteVariance(d: DiscreteDistribution): number {
  switch (d.kind) {
    case "beta-binomial": {
      const s = d.alpha + d.beta;
      return (d.trials * d.alpha * d.beta * (s + d.trials)) / (s * s * (s + 1));
    }
    case "negative-binomial":
      return (d.r * (1 - d.p)) / (d.p * d.p);
  }
}
