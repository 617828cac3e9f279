/**
 * Log-space helpers used wherever densities are combined (STYLE.md §6): log-sum-exp (over an
 * array, or accumulated term by term), log(1 - e^x) and log(e^a + e^b). Each is tested
 * against the naive formula where that is finite. References: Mächler, "Accurately
 * computing log(1 - exp(-|a|))" (CRAN Rmpfr vignette, 2012) for `log1mexp`; for the running
 * accumulator, the streaming log-sum-exp of Milakov and Gimelshein, "Online normalizer
 * calculation for softmax" (arXiv:1805.02867, 2018), §3.
 */
import { expNonPositive } from "./fast-exp.js";

/**
 * log(Σ exp(xᵢ)) computed without overflow or underflow.
 *
 * Returns -Infinity for an empty input or when every term is -Infinity; +Infinity if any
 * term is +Infinity; NaN if any term is NaN.
 * @param values - the terms xᵢ.
 * @example logSumExp([1000, 1000]) // 1000 + ln 2
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) return Number.NaN;
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}

/**
 * log(e^a + e^b) without overflow.
 * @example logAddExp(0, 0) // ln 2
 */
export function logAddExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  const max = a > b ? a : b;
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  return max + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * log(1 - e^x) for x ≤ 0, accurate for x near 0 and for large negative x (Mächler 2012):
 * log(-expm1(x)) when x > -ln 2, else log1p(-exp(x)).
 *
 * Returns -Infinity at x = 0 and NaN for x > 0 or NaN.
 */
export function log1mexp(x: number): number {
  if (!(x <= 0)) return Number.NaN;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/**
 * log(e^a - e^b) for a ≥ b. Returns -Infinity when a = b and NaN when a < b.
 */
export function logSubExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a < b) return Number.NaN;
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === b) return Number.NEGATIVE_INFINITY;
  return a + log1mexp(b - a);
}

/**
 * A running log-sum-exp: log Σᵢ exp(vᵢ) over terms added one at a time, kept as the running
 * maximum M and S = Σᵢ exp(vᵢ − M), so no term overflows and the state is two numbers.
 * When a term exceeds M, S is rescaled by exp(M − v) and the term counts 1 (Milakov and
 * Gimelshein 2018, §3).
 *
 * Terms at or below M − `drop` when they arrive are dropped (with `drop` = 50, each is below
 * e⁻⁵⁰ ≈ 2e-22 of the sum, so even 10⁶ of them change it by less than 2e-16 relative); the
 * Parzen log-densities use this to skip the exponentials of far components. Exponentials
 * come from `expNonPositive` (relative error < 3e-15 each).
 *
 * Edge cases follow {@link logSumExp}: -Infinity when nothing (or only -Infinity) was added,
 * +Infinity once +Infinity is added, NaN once NaN is added.
 *
 * The loops of `parzen/ratio.ts` that evaluate four candidates at a time keep this update
 * inlined on local variables; the comment there gives the measured reason.
 * @example
 * ```ts
 * const acc = new LogSumExpAccumulator();
 * for (const v of [1000, 1000]) acc.add(v);
 * acc.value(); // 1000 + ln 2
 * ```
 */
export class LogSumExpAccumulator {
  /** The running maximum M (-Infinity before the first term). */
  max: number = Number.NEGATIVE_INFINITY;
  /** S = Σ exp(vᵢ − M) over the terms kept. */
  sum = 0;
  /** Terms at or below M − drop on arrival are dropped. */
  readonly drop: number;

  /**
   * @param drop - how far below the running maximum a term may be and still count, > 0.
   *   @defaultValue Infinity (every term counts)
   * @throws RangeError if drop is not positive (NaN included).
   */
  constructor(drop: number = Number.POSITIVE_INFINITY) {
    if (!(drop > 0)) throw new RangeError(`LogSumExpAccumulator: drop must be > 0, got ${drop}`);
    this.drop = drop;
  }

  /** Adds the term exp(v). */
  add(v: number): void {
    const max = this.max;
    if (v > max) {
      // exp(-Infinity) = 0 rescales the empty sum when this is the first term.
      this.sum = this.sum * expNonPositive(max - v) + 1;
      this.max = v;
    } else if (v > max - this.drop) {
      this.sum += expNonPositive(v - max);
    } else if (Number.isNaN(v)) {
      this.sum = Number.NaN; // a NaN term makes the result NaN, as in logSumExp
    }
  }

  /** log Σ exp(vᵢ) of the terms added so far. */
  value(): number {
    return this.sum === 0 ? this.max : this.max + Math.log(this.sum);
  }

  /** Forgets every term. */
  reset(): void {
    this.max = Number.NEGATIVE_INFINITY;
    this.sum = 0;
  }
}
