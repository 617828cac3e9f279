/**
 * Descriptive statistics: quantiles with linear interpolation (NumPy's default `linear`
 * method, Hyndman & Fan (1996) definition 7), median and interquartile range.
 */

/**
 * The q-quantile (q ∈ [0, 1]) of ascending-sorted values, interpolating linearly at position
 * q·(n-1). NaN for an empty array.
 * @throws RangeError if q is outside [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const frac = pos - lo;
  return frac === 0 || a === b ? a : a + (b - a) * frac;
}

/** Ascending copy without NaN. */
export function sortedFinite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out.push(values[i]!);
  return out.sort((a, b) => a - b);
}

/** Median and quartiles of the non-NaN values (all NaN when there is none). */
export interface Summary {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly n: number;
}

/**
 * The quartiles of `values`, ignoring NaN.
 * @example summarize([1, 2, 3, 4]) // { q1: 1.75, median: 2.5, q3: 3.25, n: 4 }
 */
export function summarize(values: ArrayLike<number>): Summary {
  const s = sortedFinite(values);
  return {
    q1: quantileSorted(s, 0.25),
    median: quantileSorted(s, 0.5),
    q3: quantileSorted(s, 0.75),
    n: s.length,
  };
}

/** The median of the non-NaN values (NaN when none). */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedFinite(values), 0.5);
}
