/**
 * The standard normal distribution in linear and log space.
 *
 * Notation: φ(x) the standard normal density, Φ(x) its CDF, Q(x) = 1 - Φ(x) = Φ(-x).
 * Φ is computed from erfc, and log Φ(x) for x < 0 from the scaled complementary error
 * function erfcx(z) = e^{z²}·erfc(z) (both from @stdlib), which keeps full relative accuracy
 * in the far lower tail where Φ itself underflows (x < -38).
 */
import { LN_SQRT_2PI } from "./constants.js";
import { log1mexp } from "./log-space.js";
import { erfc, erfcinv, erfcx } from "./stdlib-erf.js";

const SQRT1_2 = Math.SQRT1_2;

/** φ(x) = exp(-x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI);
}

/** log φ(x) = -x²/2 - log √(2π). */
export function normalLogPdf(x: number): number {
  return -0.5 * x * x - LN_SQRT_2PI;
}

/** Φ(x), the standard normal CDF, as 0.5·erfc(-x/√2). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/**
 * log Φ(x), accurate in both tails: for x < 0 it is log(erfcx(-x/√2)/2) - x²/2, finite for
 * every finite x; for x ≥ 0 it is log1p(-Q(x)).
 */
export function normalLogCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (x < 0) return Math.log(0.5 * erfcx(-x * SQRT1_2)) - 0.5 * x * x;
  return Math.log1p(-0.5 * erfc(x * SQRT1_2));
}

/**
 * Φ⁻¹(p), the standard normal quantile, as -√2·erfcinv(2p). Returns ∓Infinity at p = 0 and
 * 1, NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  return -Math.SQRT2 * erfcinv(2 * p);
}

/**
 * log(Φ(b) - Φ(a)) for a ≤ b, the log-probability of the interval [a, b], accurate when the
 * interval lies far in either tail (where the plain difference cancels or underflows).
 * Returns -Infinity when a = b and NaN when a > b or either bound is NaN.
 */
export function normalLogProbBetween(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a > b) return Number.NaN;
  if (a === b) return Number.NEGATIVE_INFINITY;
  if (a >= 0) {
    // Upper tail: log(Q(a) - Q(b)) with Q(x) = Φ(-x).
    const la = normalLogCdf(-a);
    const lb = normalLogCdf(-b);
    return la + log1mexp(lb - la);
  }
  if (b <= 0) {
    const la = normalLogCdf(a);
    const lb = normalLogCdf(b);
    return lb + log1mexp(la - lb);
  }
  // The interval contains 0: 1 - Φ(a) - Q(b), both terms at most 1/2.
  return Math.log1p(-normalCdf(a) - normalCdf(-b));
}
