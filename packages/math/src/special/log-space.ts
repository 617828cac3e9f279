/**
 * Log-space helpers used wherever densities are combined (STYLE.md §6): log-sum-exp,
 * log(1 - e^x) and log(e^a + e^b). Each is tested against the naive formula where that is
 * finite. References: Mächler, "Accurately computing log(1 - exp(-|a|))" (CRAN Rmpfr
 * vignette, 2012) for `log1mexp`.
 */

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
