/**
 * The normal distribution truncated to an interval, in log space: log-probabilities of
 * intervals of the standard normal, and the log-pdf, log-CDF, log-survival function and
 * log interval mass of N(mean, sd²) truncated to [low, high].
 *
 * Notation: φ the standard normal density, Φ its CDF, Q(x) = 1 - Φ(x) = Φ(-x),
 * erfcx(z) = e^{z²}·erfc(z) (from @stdlib), and He_n the probabilists' Hermite polynomials.
 * For a truncated normal, α = (low - mean)/sd, β = (high - mean)/sd and
 * Z = Φ(β) - Φ(α) is the normalizing mass.
 *
 * Accuracy: {@link normalLogMass} keeps full relative accuracy (about 1e-15) for every
 * interval, including intervals far in either tail ([30, 31], [-40, -39]) and intervals so
 * narrow that Φ(b) - Φ(a) cancels in every representation (a Hermite series around the
 * midpoint handles those). It is checked against SciPy 1.10 and against 80-digit values
 * computed by `test/fixtures/parzen/truncnorm.py`.
 */
import erfcx from "@stdlib/math-base-special-erfcx";
import { LN_SQRT_2PI } from "./constants.js";
import { log1mexp } from "./log-space.js";
import { normalCdf, normalLogPdf } from "./normal.js";

const SQRT1_2 = Math.SQRT1_2;

/**
 * Half-width bound of the midpoint series: the series is used when h·max(1, |m|) ≤ 0.1, where
 * its first omitted term, He₁₂(m)·h¹²/13!, is below 2e-18 relative (internal to this folder).
 */
export const NARROW = 0.1;

/**
 * log ∫_{m-h}^{m+h} φ(t) dt for a narrow interval, by integrating the Taylor series of φ
 * around m term by term: φ^{(2j)}(m) = He_{2j}(m)·φ(m), so the mass is
 * 2h·φ(m)·Σ_j He_{2j}(m)·h^{2j}/(2j+1)!  (odd terms integrate to 0). Six terms. Internal to
 * this folder (`fastNormalLogMass` shares it); callers check h·max(1, |m|) ≤ {@link NARROW}.
 */
export function narrowLogMass(m: number, h: number): number {
  const m2 = m * m;
  const h2 = h * h;
  const he2 = m2 - 1;
  const he4 = m2 * (m2 - 6) + 3;
  const he6 = m2 * (m2 * (m2 - 15) + 45) - 15;
  const he8 = m2 * (m2 * (m2 * (m2 - 28) + 210) - 420) + 105;
  const he10 = m2 * (m2 * (m2 * (m2 * (m2 - 45) + 630) - 3150) + 4725) - 945;
  const s =
    h2 * (he2 / 6 + h2 * (he4 / 120 + h2 * (he6 / 5040 + h2 * (he8 / 362880 + (h2 * he10) / 39916800))));
  return Math.log(2 * h) - 0.5 * m2 - LN_SQRT_2PI + Math.log1p(s);
}

/**
 * log(Q(a) - Q(b)) for 0 ≤ a < b ≤ ∞ on an interval that is not narrow. With
 * log Q(x) = log(erfcx(x/√2)/2) - x²/2, the log-ratio log Q(b) - log Q(a) is the sum of two
 * negative terms, log(erfcx(b/√2)/erfcx(a/√2)) and -(b - a)(b + a)/2, so it is computed
 * without cancellation even where Q(a) and Q(b) underflow.
 */
function upperTailLogMass(a: number, b: number): number {
  const ea = erfcx(a * SQRT1_2);
  const la = Math.log(0.5 * ea) - 0.5 * a * a;
  if (b === Number.POSITIVE_INFINITY) return la;
  const eb = erfcx(b * SQRT1_2);
  const diff = Math.log(eb / ea) - 0.5 * (b - a) * (b + a);
  return la + log1mexp(diff < 0 ? diff : 0);
}

/**
 * log(Φ(b) - Φ(a)), the log-probability that a standard normal falls in [a, b], with full
 * relative accuracy everywhere: narrow intervals by a Hermite series around the midpoint,
 * intervals in one tail by a ratio of erfcx values, intervals around 0 by log1p.
 *
 * Returns -Infinity when a = b, 0 for (-∞, ∞), and NaN when a > b or either bound is NaN.
 * Same value as `normalLogProbBetween`, but also accurate for narrow intervals far in the
 * tails (e.g. [30, 30 + 1e-9]), where a difference of log-CDFs cancels.
 * @param a - lower bound (may be -Infinity).
 * @param b - upper bound (may be +Infinity).
 * @example normalLogMass(30, 31) // ≈ -454.3, where Φ(31) - Φ(30) underflows
 */
export function normalLogMass(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a > b) return Number.NaN;
  if (a === b) return Number.NEGATIVE_INFINITY;
  const h = 0.5 * b - 0.5 * a;
  if (Number.isFinite(h)) {
    const m = 0.5 * a + 0.5 * b;
    const am = Math.abs(m);
    if (h * (am > 1 ? am : 1) <= NARROW) return narrowLogMass(m, h);
  }
  if (a >= 0) return upperTailLogMass(a, b);
  if (b <= 0) return upperTailLogMass(-b, -a);
  // The interval contains 0 and is not narrow: the mass is at least ~0.04, and both tails
  // left out are at most 1/2, so log1p keeps full accuracy.
  return Math.log1p(-normalCdf(a) - normalCdf(-b));
}

/** Checks the parameters of a truncated normal; `where` names the calling function. */
function checkTruncatedNormal(where: string, mean: number, sd: number, low: number, high: number): void {
  if (!Number.isFinite(mean)) throw new RangeError(`${where}: mean must be finite, got ${mean}`);
  if (!(sd > 0 && Number.isFinite(sd))) {
    throw new RangeError(`${where}: sd must be positive and finite, got ${sd}`);
  }
  if (Number.isNaN(low) || Number.isNaN(high) || !(low < high)) {
    throw new RangeError(`${where}: need low < high (infinite bounds allowed), got low=${low}, high=${high}`);
  }
}

/**
 * log of the density of N(mean, sd²) truncated to [low, high], at x:
 * log φ((x - mean)/sd) - log sd - log Z. -Infinity outside [low, high]; NaN for NaN x.
 * @param x - the point.
 * @param mean - mean of the untruncated normal, finite.
 * @param sd - standard deviation of the untruncated normal, > 0 and finite.
 * @param low - lower truncation bound (may be -Infinity).
 * @param high - upper truncation bound (may be +Infinity), > low.
 * @throws RangeError if mean is not finite, sd is not positive and finite, or low ≥ high.
 * @example truncatedNormalLogPdf(0.5, 0, 1, 0, Infinity) // log(2·φ(0.5))
 */
export function truncatedNormalLogPdf(
  x: number,
  mean: number,
  sd: number,
  low: number,
  high: number,
): number {
  checkTruncatedNormal("truncatedNormalLogPdf", mean, sd, low, high);
  if (Number.isNaN(x)) return Number.NaN;
  if (x < low || x > high) return Number.NEGATIVE_INFINITY;
  const logZ = normalLogMass((low - mean) / sd, (high - mean) / sd);
  return normalLogPdf((x - mean) / sd) - Math.log(sd) - logZ;
}

/**
 * log P(X ≤ x) for X ~ N(mean, sd²) truncated to [low, high]. -Infinity at or below low, 0 at
 * or above high, NaN for NaN x. Where the CDF exceeds 1/2 it is computed as log(1 - SF) from
 * the survival side, so values near 0 keep their relative accuracy.
 * @throws RangeError if mean is not finite, sd is not positive and finite, or low ≥ high.
 * @example truncatedNormalLogCdf(0, 0, 1, -1, 1) // log(1/2)
 */
export function truncatedNormalLogCdf(
  x: number,
  mean: number,
  sd: number,
  low: number,
  high: number,
): number {
  checkTruncatedNormal("truncatedNormalLogCdf", mean, sd, low, high);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= low) return Number.NEGATIVE_INFINITY;
  if (x >= high) return 0;
  return logSideMass(x, mean, sd, low, high, true);
}

/**
 * log P(X > x) for X ~ N(mean, sd²) truncated to [low, high]. 0 at or below low, -Infinity
 * at or above high, NaN for NaN x. Where the survival function exceeds 1/2 it is computed as
 * log(1 - CDF).
 * @throws RangeError if mean is not finite, sd is not positive and finite, or low ≥ high.
 * @example truncatedNormalLogSf(0, 0, 1, -1, 1) // log(1/2)
 */
export function truncatedNormalLogSf(x: number, mean: number, sd: number, low: number, high: number): number {
  checkTruncatedNormal("truncatedNormalLogSf", mean, sd, low, high);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= low) return 0;
  if (x >= high) return Number.NEGATIVE_INFINITY;
  return logSideMass(x, mean, sd, low, high, false);
}

/** log CDF (lower = true) or log SF at an interior x, switching sides above 1/2. */
function logSideMass(x: number, mean: number, sd: number, low: number, high: number, lower: boolean): number {
  const a = (low - mean) / sd;
  const b = (high - mean) / sd;
  const z = (x - mean) / sd;
  const logZ = normalLogMass(a, b);
  const near = (lower ? normalLogMass(a, z) : normalLogMass(z, b)) - logZ;
  if (near <= -Math.LN2) return near;
  const far = (lower ? normalLogMass(z, b) : normalLogMass(a, z)) - logZ;
  return log1mexp(far < 0 ? far : 0);
}

/**
 * log P(lo ≤ X ≤ hi) for X ~ N(mean, sd²) truncated to [low, high]: the mass of a cell, as used
 * for integer and stepped parameters. The cell is clipped to [low, high]; -Infinity when the
 * clipped cell is empty or a single point.
 * @param lo - lower end of the cell.
 * @param hi - upper end of the cell, ≥ lo.
 * @throws RangeError if lo or hi is NaN or lo > hi, or on bad distribution parameters (as
 * {@link truncatedNormalLogPdf}).
 * @example truncatedNormalLogMass(-0.5, 0.5, 0, 1, -2.5, 2.5) // log P(X rounds to 0)
 */
export function truncatedNormalLogMass(
  lo: number,
  hi: number,
  mean: number,
  sd: number,
  low: number,
  high: number,
): number {
  checkTruncatedNormal("truncatedNormalLogMass", mean, sd, low, high);
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new RangeError(`truncatedNormalLogMass: need lo <= hi, got lo=${lo}, hi=${hi}`);
  }
  const l = lo > low ? lo : low;
  const h = hi < high ? hi : high;
  if (!(l < h)) return Number.NEGATIVE_INFINITY;
  const logZ = normalLogMass((low - mean) / sd, (high - mean) / sd);
  const v = normalLogMass((l - mean) / sd, (h - mean) / sd) - logZ;
  return v < 0 ? v : 0;
}
