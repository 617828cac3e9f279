/**
 * The Mann-Whitney U test (two independent samples, two-sided), as SciPy 1.10's
 * `mannwhitneyu` computes it by default: Mann & Whitney (1947).
 *
 * Notation: samples x (n1) and y (n2), R1 the sum of x's ranks in the pooled sample (ties
 * averaged), U1 = R1 - n1(n1+1)/2, U2 = n1 n2 - U1, U = max(U1, U2).
 * - exact (when min(n1, n2) ≤ 8 and there are no ties): p = 2 P(U* ≥ U) under the null, from
 *   the permutation distribution of U counted by the recurrence
 *   c(u; m, n) = c(u - n; m - 1, n) + c(u; m, n - 1) (Mann & Whitney 1947, eq. (1));
 * - otherwise the normal approximation with tie correction and continuity correction:
 *   z = (U - n1 n2/2 - 1/2) / s, s² = n1 n2 / 12 · ((n+1) - Σ(t³ - t) / (n(n-1))), p = 2 (1 - Φ(z)).
 * p is clipped to [0, 1].
 */
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { averageRanks } from "./ranks.js";

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U1 (the statistic of the first sample), as SciPy reports it. */
  readonly statistic: number;
  readonly pValue: number;
  readonly method: "exact" | "asymptotic";
}

/** Number of arrangements with U = u for sample sizes m, n: counts[u], u = 0..m·n. */
function uCounts(m: number, n: number): Float64Array {
  // Build tables for (i, j) with i ≤ m, j ≤ n by the recurrence; memory O(m n · m n) is small
  // for the sizes the exact method is used for (min(m, n) ≤ 8).
  const memo = new Map<string, Float64Array>();
  const rec = (i: number, j: number): Float64Array => {
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const out = new Float64Array(i * j + 1);
    if (i === 0 || j === 0) out[0] = 1;
    else {
      const a = rec(i - 1, j); // the largest value is in y... shifted by j
      const b = rec(i, j - 1);
      for (let u = 0; u <= i * j; u++)
        out[u] = (u - j >= 0 && u - j < a.length ? a[u - j]! : 0) + (u < b.length ? b[u]! : 0);
    }
    memo.set(key, out);
    return out;
  };
  return rec(m, n);
}

/**
 * Two-sided Mann-Whitney U test of x against y.
 * @throws RangeError if a sample is empty or holds NaN.
 * @example mannWhitneyU([1, 2, 3], [4, 5, 6]).pValue // 0.1
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0)
    throw new RangeError(`mannWhitneyU: both samples must be non-empty, got ${n1} and ${n2}`);
  const pooled = [...x, ...y];
  pooled.forEach((v, i) => {
    if (Number.isNaN(v)) throw new RangeError(`mannWhitneyU: ${i < n1 ? "x" : "y"} holds NaN`);
  });
  const ranks = averageRanks(pooled);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.max(u1, u2);
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t * t * t - t;
  const exact = (n1 <= 8 || n2 <= 8) && tieTerm === 0;
  let p: number;
  if (exact) {
    const c = uCounts(n1, n2);
    let total = 0;
    let tail = 0;
    for (let k = 0; k < c.length; k++) {
      total += c[k]!;
      if (k >= u) tail += c[k]!;
    }
    p = (2 * tail) / total;
  } else {
    const n = n1 + n2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - 0.5) / s;
    p = s === 0 ? 1 : 2 * (1 - normalCdf(z, 0, 1));
  }
  return { statistic: u1, pValue: Math.min(1, Math.max(0, p)), method: exact ? "exact" : "asymptotic" };
}
