/**
 * Descriptive statistics of a sample: its quartiles (Hyndman & Fan (1996) definition 7, NumPy's
 * default `linear` method; see `quantile.ts`), ignoring NaN.
 */
import { quantileSorted } from "./quantile.js";

/** Ascending copy without NaN (infinities are kept). */
export function sortedFinite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out.push(values[i]!);
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
