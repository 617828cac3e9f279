/**
 * Sample quantiles: the q-quantile of n values (q ∈ [0, 1]) read at position h = q·(n − 1)
 * of the ascending order statistics x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ (0-based), between x₍⌊h⌋₎ and
 * x₍⌊h⌋₊₁₎ (Hyndman & Fan 1996, "Sample quantiles in statistical packages", The American
 * Statistician 50(4), definition 7; NumPy's default `linear` method, R's type 7):
 *
 * - `linear`: x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎);
 * - `midpoint`: (x₍⌊h⌋₎ + x₍⌊h⌋₊₁₎) / 2 whenever h is not an integer (NumPy's `midpoint`). At
 *   q = ½ both give the textbook median (the middle value, or the mean of the two middle
 *   values), but not always the same double: this form is the one CMA-ES's termination
 *   criteria and the benchmark's normalized regret were written with.
 *
 * Both return x₍h₎ itself when h is an integer or the two neighbours are equal (so a run of
 * equal infinities has that infinity as its quantile), and stay finite when the neighbours are
 * finite but their difference or sum overflows (the terms are then halved or weighted before
 * they are added). With one infinite neighbour the arithmetic is left as IEEE 754 makes it:
 * `linear` gives +∞ when the upper neighbour is +∞ and NaN when the lower one is −∞
 * (−∞ + ∞·frac); `midpoint` gives the infinity, or NaN between −∞ and +∞.
 */
import { quickselect } from "./quickselect.js";

/** How a quantile falling between two order statistics is read (see the module header). */
export type QuantileMethod = "linear" | "midpoint";

/** Options of {@link quantileSorted}, {@link quantile} and {@link median}. */
export interface QuantileOptions {
  /**
   * `linear` (Hyndman & Fan's definition 7) or `midpoint` (the mean of the two neighbours).
   * @defaultValue "linear"
   */
  readonly method?: QuantileMethod;
}

function resolveMethod(where: string, options: QuantileOptions | undefined): QuantileMethod {
  const method = options?.method ?? "linear";
  if (method !== "linear" && method !== "midpoint") {
    throw new RangeError(`${where}: method must be "linear" or "midpoint", got ${String(method)}`);
  }
  return method;
}

function checkQ(where: string, q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`${where}: q must be in [0, 1], got ${q}`);
}

/** The value at fraction `frac` ∈ [0, 1) of the way from a to b ≥ a (module header). */
function between(a: number, b: number, frac: number, method: QuantileMethod): number {
  if (frac === 0 || a === b) return a;
  const v = method === "linear" ? a + (b - a) * frac : (a + b) / 2;
  if (Number.isFinite(v) || !Number.isFinite(a) || !Number.isFinite(b)) return v;
  // b − a or a + b overflowed although a and b are finite: scale the terms first.
  return method === "linear" ? a * (1 - frac) + b * frac : a / 2 + b / 2;
}

/**
 * The q-quantile of values already sorted ascending. NaN when `sorted` is empty; a NaN inside
 * `sorted` makes the result unspecified (sort without it first).
 * @param sorted - ascending values.
 * @param q - the probability, in [0, 1].
 * @param options - the interpolation {@link QuantileOptions.method}.
 * @throws RangeError if q is outside [0, 1] or NaN, or the method is unknown.
 * @example quantileSorted([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number, options?: QuantileOptions): number {
  checkQ("quantileSorted", q);
  const method = resolveMethod("quantileSorted", options);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = q * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return between(sorted[lo]!, sorted[hi]!, h - lo, method);
}

/**
 * The q-quantile of the non-NaN entries of `values`, in any order, by selection rather than a
 * sort (expected O(n); `values` is copied, not reordered). Equal to {@link quantileSorted} of
 * the sorted non-NaN entries (up to the sign of a zero result). NaN when no entry is a number.
 * @param values - the sample; NaN entries are ignored.
 * @param q - the probability, in [0, 1].
 * @param options - the interpolation {@link QuantileOptions.method}.
 * @throws RangeError if q is outside [0, 1] or NaN, or the method is unknown.
 * @example quantile([4, 1, Number.NaN, 3, 2], 0.25) // 1.75
 */
export function quantile(values: ArrayLike<number>, q: number, options?: QuantileOptions): number {
  checkQ("quantile", q);
  const method = resolveMethod("quantile", options);
  const work = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) work[n++] = v;
  }
  if (n === 0) return Number.NaN;
  const h = q * (n - 1);
  const lo = Math.floor(h);
  const a = quickselect(work, lo, 0, n - 1);
  if (lo + 1 >= n || h === lo) return a;
  // After the selection every entry right of lo is ≥ a: the next order statistic is their minimum.
  let b = work[lo + 1]!;
  for (let i = lo + 2; i < n; i++) if (work[i]! < b) b = work[i]!;
  return between(a, b, h - lo, method);
}

/**
 * The median of the non-NaN entries of `values` ({@link quantile} at q = ½). NaN when no entry
 * is a number.
 * @param values - the sample; NaN entries are ignored.
 * @param options - `midpoint` for the mean of the two middle values computed as (a + b) / 2.
 * @example median([3, 1, Number.NaN, 2, 10]) // 2.5
 */
export function median(values: ArrayLike<number>, options?: QuantileOptions): number {
  return quantile(values, 0.5, options);
}
