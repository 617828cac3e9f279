/**
 * The one-sided p-value of the Wilcoxon signed-rank test on paired differences d, with zero
 * differences split between R+ and R− ("zsplit"), chosen the way SciPy 1.17.1's
 * `scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")` chooses it under its default
 * `method="auto"` (what Optuna 5.0's `WilcoxonPruner` calls; read in
 * `scipy/stats/_wilcoxon.py`, `_wilcoxon_nd`). Notation as in `@tunelab/math/stats`'s
 * `wilcoxonSignedRank`: n = |d| (zeros included), r_i the average rank of |d_i|,
 * R+ = Σ_{d_i>0} r_i + ½ Σ_{d_i=0} r_i.
 *
 * - n > 50: normal approximation (no continuity correction) — `wilcoxonSignedRank`, "approx".
 * - n ≤ 50, no zero and no tie among |d|: the exact null distribution of R+ —
 *   `wilcoxonSignedRank`, "exact" (R+ is an integer there, so SciPy 1.10.1's and 1.17.1's
 *   exact paths agree).
 * - n ≤ 13 with zeros or ties: SciPy 1.17.1 runs an exact sign-flip permutation test (all 2^n
 *   sign vectors; `stats.permutation_test`, `permutation_type="samples"`): the null
 *   distribution of R+ given the observed ranks. This is {@link signFlipPValue}; SciPy 1.10.1
 *   (which `wilcoxonSignedRank` follows) used the normal approximation here instead, so the
 *   two SciPy versions, and so Optuna 5.0 on either, may decide differently in this case.
 * - 13 < n ≤ 50 with zeros or ties: normal approximation, as for n > 50.
 *
 * The sign-flip distribution is written here rather than in `@tunelab/math/stats` only
 * because that package is outside this change; it belongs beside `wilcoxonSignedRank`.
 */
import { averageRanks, wilcoxonSignedRank } from "@tunelab/math/stats";

/** Largest n for which SciPy 1.17.1 runs the exact permutation test when there are zeros or ties. */
export const SIGN_FLIP_MAX_N = 13;

/**
 * P(R+ ≥ observed) for "greater", P(R+ ≤ observed) for "less", under the test SciPy 1.17.1's
 * `method="auto"` picks (see the module header).
 * @param d - the paired differences x − y; none may be NaN.
 * @throws RangeError if `d` is empty or holds NaN.
 */
export function signedRankPValue(d: ArrayLike<number>, alternative: "less" | "greater"): number {
  const n = d.length;
  if (n === 0) throw new RangeError("signedRankPValue: d must have at least 1 element, got 0");
  const x = Array.from(d);
  const abs = x.map(Math.abs);
  if (abs.some(Number.isNaN)) throw new RangeError("signedRankPValue: d must not hold NaN");
  const zeros = x.map(() => 0);
  if (n > 50)
    return wilcoxonSignedRank(x, zeros, { alternative, zeroMethod: "zsplit", method: "approx" }).pValue;
  const sorted = Float64Array.from(abs).sort();
  let tiesOrZeros = sorted[0] === 0;
  for (let i = 1; i < n && !tiesOrZeros; i++) tiesOrZeros = sorted[i] === sorted[i - 1];
  if (!tiesOrZeros)
    return wilcoxonSignedRank(x, zeros, { alternative, zeroMethod: "zsplit", method: "exact" }).pValue;
  if (n <= SIGN_FLIP_MAX_N) return signFlipPValue(x, alternative);
  return wilcoxonSignedRank(x, zeros, { alternative, zeroMethod: "zsplit", method: "approx" }).pValue;
}

/**
 * The exact sign-flip (permutation) p-value of R+ given the average ranks of |d|: each
 * non-zero d_i keeps its rank r_i and takes either sign with probability ½; zeros add the
 * same ½ r_i to R+ under every flip, so they cancel from both sides. With w_i = 2 r_i
 * (integers, since average ranks are multiples of ½), the count of sign vectors with
 * Σ w_i b_i = s is the subset-sum count c(s), built by c ← c + c shifted by w_i (the same
 * recursion as the untied null distribution, with tied weights). p = Σ_{s ≥ W} c(s) / 2^m
 * ("greater") or Σ_{s ≤ W} c(s) / 2^m ("less"), W = Σ_{d_i>0} w_i, m the number of non-zero d.
 * Exact in doubles for m ≤ 50 (counts below 2^50). Used for m ≤ {@link SIGN_FLIP_MAX_N}.
 * @example signFlipPValue([1, 1, 2], "greater") // 0.125: only (+, +, +) reaches R+ = 6
 */
export function signFlipPValue(d: readonly number[], alternative: "less" | "greater"): number {
  const ranks = averageRanks(d.map(Math.abs));
  const weights: number[] = [];
  let observed = 0;
  let total = 0;
  for (let i = 0; i < d.length; i++) {
    if (d[i] === 0) continue;
    const w = Math.round(2 * ranks[i]!);
    weights.push(w);
    total += w;
    if (d[i]! > 0) observed += w;
  }
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  let reach = 0;
  for (const w of weights) {
    reach += w;
    for (let s = reach; s >= w; s--) counts[s]! += counts[s - w]!;
  }
  let tail = 0;
  if (alternative === "greater") for (let s = observed; s <= total; s++) tail += counts[s]!;
  else for (let s = 0; s <= observed; s++) tail += counts[s]!;
  return tail * 2 ** -weights.length;
}
