/**
 * Shannon entropy and perplexity of a discrete distribution, in nats.
 *
 * Notation: p is a probability vector (pᵢ ≥ 0, Σ pᵢ = 1); 0·ln 0 = 0 by continuity.
 * Reference: Cover and Thomas, "Elements of Information Theory" (2nd ed., 2006), eq. (2.1).
 */
import { checkDistribution, checkTolerance, DEFAULT_SUM_TOLERANCE } from "./validate.js";

/** Options of the metrics that take probability vectors. */
export interface DistributionOptions {
  /**
   * How far Σ pᵢ may be from 1 before the vector is rejected. Vectors are used as given, not
   * renormalized.
   * @defaultValue 1e-6
   */
  readonly tolerance?: number;
}

/**
 * The entropy H(p) = -Σ pᵢ ln pᵢ in nats (Cover and Thomas 2006, eq. (2.1)); terms with
 * pᵢ = 0 contribute 0.
 * @param p - a probability vector.
 * @throws RangeError if `p` is empty, has a NaN, infinite or negative entry, or does not sum
 * to 1 within `options.tolerance`.
 * @example entropy([0.5, 0.5]) // ln 2 ≈ 0.693
 */
export function entropy(p: ArrayLike<number>, options: DistributionOptions = {}): number {
  const tolerance = options.tolerance ?? DEFAULT_SUM_TOLERANCE;
  checkTolerance("entropy", tolerance);
  checkDistribution("entropy", "p", p, tolerance);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

/**
 * The perplexity exp(H(p)) of a distribution: the number of equally likely outcomes with the
 * same entropy (2 for a fair coin, 6 for a fair die). For a model q judged on data drawn from
 * p, use {@link crossEntropy} and take exp, or {@link perplexityFromLogits}.
 * @throws RangeError as {@link entropy}.
 * @example perplexity([1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6]) // 6
 */
export function perplexity(p: ArrayLike<number>, options: DistributionOptions = {}): number {
  const tolerance = options.tolerance ?? DEFAULT_SUM_TOLERANCE;
  checkTolerance("perplexity", tolerance);
  checkDistribution("perplexity", "p", p, tolerance);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return Math.exp(h);
}
