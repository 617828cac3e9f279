/**
 * The Gamma–Poisson model: an event rate λ with a Gamma prior, observed through counts.
 *
 * Notation: λ ~ Gamma(α, β) (shape α, rate β); counts yᵢ ~ Poisson(tᵢ λ) with exposures tᵢ
 * (1 unless given: the length of time or the size of the unit each count covers);
 * Y = Σ yᵢ, T = Σ tᵢ. Gelman et al. (2013), §2.6:
 *   posterior     λ | D ~ Gamma(α + Y, β + T)
 *   evidence      ln P(D) = Σ (yᵢ ln tᵢ - ln yᵢ!) + α ln β - ln Γ(α)
 *                           + ln Γ(α + Y) - (α + Y) ln(β + T)
 *   predictive    a future count with exposure t: NegBin(r = α + Y, p = (β + T)/(β + T + t)),
 *                 mean t(α + Y)/(β + T) (Gelman et al. 2013, §2.6, the negative binomial
 *                 as the Gamma mixture of Poissons).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import type { GammaDistribution, NegativeBinomialDistribution, PoissonStats } from "./types.js";
import { checkArrayLike, checkInteger, checkPositive } from "./validate.js";

/**
 * The Gamma(α, β) prior of a Poisson rate, with shape α and rate β (also the Gamma
 * distribution in general). α acts as a prior count of events and β as the prior exposure
 * they were seen in, so α/β is the prior mean rate.
 * @throws RangeError unless `shape` and `rate` are finite numbers > 0.
 * @example update(gammaPrior(2, 1), [3, 1, 4]) // Gamma(10, 4)
 */
export function gammaPrior(shape: number, rate: number): GammaDistribution {
  checkPositive("gammaPrior", "shape", shape);
  checkPositive("gammaPrior", "rate", rate);
  return { kind: "gamma", shape, rate };
}

/**
 * Sufficient statistics of Poisson counts, optionally with one exposure per count (each 1
 * when omitted).
 * @throws RangeError unless every count is an integer ≥ 0, `exposures` (when given) has one
 * finite entry > 0 per count.
 * @example poissonStats([3, 1, 4]) // { n: 3, total: 8, exposure: 3, logCoefficient: -ln(3!·1!·4!) }
 */
export function poissonStats(counts: ArrayLike<number>, exposures?: ArrayLike<number>): PoissonStats {
  return collectPoisson("poissonStats", "counts", counts, exposures);
}

/** {@link poissonStats} with the caller's name and argument in its errors. */
export function collectPoisson(
  where: string,
  name: string,
  counts: ArrayLike<number>,
  exposures?: ArrayLike<number>,
): PoissonStats {
  checkArrayLike(where, name, counts);
  if (exposures !== undefined) {
    checkArrayLike(where, "exposures", exposures);
    if (exposures.length !== counts.length) {
      throw new RangeError(
        `${where}: exposures must have one entry per count (${counts.length}), got ${exposures.length}`,
      );
    }
  }
  let total = 0;
  let exposure = 0;
  let logC = 0;
  for (let i = 0; i < counts.length; i++) {
    const y = counts[i]!;
    checkInteger(where, `${name}[${i}]`, y, 0);
    total += y;
    logC -= gammaln(y + 1);
    if (exposures === undefined) {
      exposure += 1;
    } else {
      const t = exposures[i]!;
      checkPositive(where, `exposures[${i}]`, t);
      exposure += t;
      if (y > 0) logC += y * Math.log(t);
    }
  }
  return { kind: "poisson-stats", n: counts.length, total, exposure, logCoefficient: logC };
}

/** Gamma(α + Y, β + T). */
export function gammaUpdate(prior: GammaDistribution, stats: PoissonStats): GammaDistribution {
  return { kind: "gamma", shape: prior.shape + stats.total, rate: prior.rate + stats.exposure };
}

/** ln P(D) = Σ (yᵢ ln tᵢ - ln yᵢ!) + α ln β - ln Γ(α) + ln Γ(α + Y) - (α + Y) ln(β + T). */
export function gammaLogEvidence(prior: GammaDistribution, stats: PoissonStats): number {
  if (stats.n === 0) return 0;
  const a = prior.shape;
  const b = prior.rate;
  const a1 = a + stats.total;
  return (
    stats.logCoefficient + a * Math.log(b) - gammaln(a) + gammaln(a1) - a1 * Math.log(b + stats.exposure)
  );
}

/** NegBin(α, β/(β + t)): the next count over exposure t. */
export function gammaPredictive(
  posterior: GammaDistribution,
  exposure: number,
): NegativeBinomialDistribution {
  return { kind: "negative-binomial", r: posterior.shape, p: posterior.rate / (posterior.rate + exposure) };
}

/** @throws RangeError unless the record's fields are in range. */
export function checkPoissonStats(where: string, stats: PoissonStats): void {
  checkInteger(where, "data.n", stats.n, 0);
  checkInteger(where, "data.total", stats.total, 0);
  if (!(stats.exposure >= 0 && Number.isFinite(stats.exposure))) {
    throw new RangeError(`${where}: data.exposure must be a finite number >= 0, got ${stats.exposure}`);
  }
  if (!Number.isFinite(stats.logCoefficient)) {
    throw new RangeError(`${where}: data.logCoefficient must be finite, got ${stats.logCoefficient}`);
  }
}
