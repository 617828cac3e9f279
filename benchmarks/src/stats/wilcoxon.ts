/**
 * The Wilcoxon signed-rank test for paired samples (two-sided), through
 * `@stdlib/stats-wilcoxon`, set up to match SciPy 1.10's `wilcoxon` defaults: zero
 * differences dropped ("wilcox"), no continuity correction, the exact null distribution for
 * n ≤ 50 non-zero differences without ties, the normal approximation with tie correction
 * otherwise. Wilcoxon (1945); Demšar (2006, §3.1.3) for its use over data sets.
 */
import wilcoxon from "@stdlib/stats-wilcoxon";

/** Result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /** min(R+, R-), as SciPy reports for the two-sided test. */
  readonly statistic: number;
  readonly pValue: number;
  /** Non-zero differences used. */
  readonly n: number;
}

/**
 * Two-sided Wilcoxon signed-rank test of x against y (paired). All differences zero gives
 * statistic 0 and p = 1.
 * @throws RangeError if lengths differ, are 0, or a value is NaN.
 * @example wilcoxonSignedRank([1, 2, 3, 4, 5], [2, 3, 4, 5, 7]).pValue // 0.0625
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): WilcoxonResult {
  if (x.length !== y.length || x.length === 0) {
    throw new RangeError(
      `wilcoxonSignedRank: x and y must have the same non-zero length, got ${x.length} and ${y.length}`,
    );
  }
  const d = x.map((v, i) => v - y[i]!);
  if (d.some((v) => Number.isNaN(v))) throw new RangeError("wilcoxonSignedRank: x or y holds NaN");
  const n = d.filter((v) => v !== 0).length;
  if (n === 0) return { statistic: 0, pValue: 1, n: 0 };
  // The zeros stay in: like SciPy, stdlib then switches to the normal approximation.
  const r = wilcoxon(d, { zeroMethod: "wilcox", correction: false });
  const rPlus = r.statistic;
  const rMinus = (n * (n + 1)) / 2 - rPlus;
  return { statistic: Math.min(rPlus, rMinus), pValue: Math.min(1, r.pValue), n };
}
