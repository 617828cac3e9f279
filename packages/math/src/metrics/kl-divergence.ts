/**
 * Kullback-Leibler divergence D_KL(p‖q) = Σ pᵢ ln(pᵢ/qᵢ) in nats (Kullback and Leibler,
 * "On information and sufficiency", Ann. Math. Stat. 22(1), 1951; Cover and Thomas 2006,
 * eq. (2.26)).
 *
 * Computed term by term as pᵢ·φ(qᵢ/pᵢ) with φ(r) = r - 1 - ln r ≥ 0, plus qᵢ where pᵢ = 0.
 * Summed over i this is Σ pᵢ ln(pᵢ/qᵢ) + (Σ qᵢ - Σ pᵢ), which equals D_KL for normalized p
 * and q; unlike the textbook sum, every term is ≥ 0 in floating point, so the result is never
 * negative through rounding, and it is 0 only when p = q element for element.
 */
import type { DistributionOptions } from "./entropy.js";
import { checkDistribution, checkSameLength, checkTolerance, DEFAULT_SUM_TOLERANCE } from "./validate.js";

/**
 * The term p·φ(q/p) = (q - p) - p·ln(q/p) for p > 0, q > 0. Near r = q/p = 1 (|t| < 1e-3,
 * t = (q - p)/p, exact there by Sterbenz's lemma) it uses the series
 * φ = t²/2 - t³/3 + t⁴/4 (truncation error < t⁵/5 ≈ 2e-16·t²), so the term is > 0 for every
 * q ≠ p down to t ≈ 1e-154; elsewhere φ ≥ 5e-7 and ln(q/p) = ln q - ln p keeps full relative
 * precision even when q/p is tiny or would overflow.
 */
function klTerm(p: number, q: number): number {
  const t = (q - p) / p;
  if (Math.abs(t) < 1e-3) {
    const t2 = t * t;
    return p * (t2 * (0.5 - t / 3 + t2 / 4));
  }
  return q - p - p * (Math.log(q) - Math.log(p));
}

/**
 * The Kullback-Leibler divergence D_KL(p‖q) in nats: ≥ 0, 0 exactly when p = q, and not
 * symmetric in p and q. It is +Infinity when some qᵢ = 0 where pᵢ > 0.
 * @param p - the reference distribution (the data).
 * @param q - the approximating distribution (the model); same length as p.
 * @throws RangeError if the lengths differ, or either vector is empty, has a NaN, infinite
 * or negative entry, or does not sum to 1 within `options.tolerance`.
 * @example klDivergence([0.5, 0.5], [0.9, 0.1]) // 0.5108...
 */
export function klDivergence(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: DistributionOptions = {},
): number {
  const tolerance = options.tolerance ?? DEFAULT_SUM_TOLERANCE;
  checkTolerance("klDivergence", tolerance);
  checkSameLength("klDivergence", p, "p", q, "q");
  checkDistribution("klDivergence", "p", p, tolerance);
  checkDistribution("klDivergence", "q", q, tolerance);
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) {
      d += qi; // lim_{p→0} p·φ(q/p) = q
    } else if (qi === 0) {
      return Number.POSITIVE_INFINITY;
    } else {
      d += klTerm(pi, qi);
    }
  }
  return d;
}
