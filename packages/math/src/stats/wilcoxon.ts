/**
 * The Wilcoxon signed-rank test for paired samples, computed as SciPy 1.10.1's
 * `scipy.stats.wilcoxon` (the version Debian 12's python3-scipy installs) computes it, with the
 * same options and defaults. Wilcoxon (1945); Demšar (2006, §3.1.3) for its use over data sets.
 *
 * Notation: d_i = x_i − y_i (n pairs, n₀ of them zero); r_i the rank of |d_i| among the ranked
 * differences (ties averaged); R+ = Σ_{d_i>0} r_i, R− = Σ_{d_i<0} r_i; m the number of ranked
 * differences. The statistic T is min(R+, R−) for the two-sided test, R+ otherwise.
 *
 * SciPy 1.10.1's rules (its docstring, Notes; `method="auto"` by default):
 * - path: exact when n ≤ 50 (zeros included in n) and no difference is zero; otherwise the
 *   normal approximation. `method: "exact"` with zeros also falls back to the approximation.
 * - zero differences (`zeroMethod`): "wilcox" drops them before ranking; "pratt" ranks them and
 *   drops their ranks, with Cureton's (1967) adjustment of the mean and variance; "zsplit"
 *   ranks them and splits their ranks equally between R+ and R−.
 * - exact: the null distribution of R+ for m untied ranks, P(R+ = r) = c_m(r) / 2^m, with
 *   c_m(r) the number of subsets of {1..m} that sum to r (the coefficients of
 *   ∏_{i=1..m} (1 + q^i)). Tied differences keep the exact path, as in SciPy: the untied
 *   distribution is read at ⌊R+⌋ (SciPy truncates R+ to an integer), so a half-integer R+
 *   makes "greater" read P(R+ ≥ ⌊R+⌋) — conservative by one step.
 *   two-sided: p = 1 at the centre ⌊m(m+1)/4⌋, else 2 min(P(R+ ≤ r), P(R+ ≥ r));
 *   "greater": P(R+ ≥ r); "less": P(R+ ≤ r). Both tails are summed directly (never 1 − CDF)
 *   from exact integer counts (c_m(r) < 2^50 for m ≤ 50), so p-values down to 2^−50 are exact.
 * - approximation: μ = m(m+1)/4, σ² = [m(m+1)(2m+1) − ½ Σ_ties t(t² − 1)] / 24 (ties among the
 *   ranked |d|; "pratt" subtracts n₀(n₀+1)/4 from μ and n₀(n₀+1)(2n₀+1)/24 from σ², and its
 *   tie term skips the zeros' ranks), z = (T − μ − c) / σ with the continuity correction c = 0
 *   by default, else ½ sign(T − μ) (two-sided), +½ ("greater"), −½ ("less"). p = 2 Q(|z|),
 *   Q(z) or Φ(z), with Q(z) = Φ(−z) the normal survival function (never 1 − Φ).
 *
 * Departure: with every difference zero under "wilcox" or "pratt", SciPy raises; this returns
 * T = 0 and p = 1 (no evidence of a difference), which is what a benchmark table needs when two
 * methods score the same everywhere.
 */
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { averageRanks } from "./ranks.js";

/** Alternative hypothesis about the differences d = x − y. */
export type WilcoxonAlternative = "two-sided" | "less" | "greater";

/** Options of {@link wilcoxonSignedRank}: SciPy 1.10.1's `wilcoxon` arguments. */
export interface WilcoxonOptions {
  /**
   * "two-sided": d is not symmetric about 0; "greater": d is stochastically greater than a
   * distribution symmetric about 0; "less": stochastically less.
   * @defaultValue "two-sided"
   */
  readonly alternative?: WilcoxonAlternative;
  /**
   * Treatment of zero differences: "wilcox" drops them, "pratt" ranks them and drops their
   * ranks, "zsplit" splits their ranks between R+ and R−.
   * @defaultValue "wilcox"
   */
  readonly zeroMethod?: "wilcox" | "pratt" | "zsplit";
  /**
   * Continuity correction of ½ in the normal approximation (no effect on the exact path).
   * @defaultValue false
   */
  readonly correction?: boolean;
  /**
   * "exact", "approx", or "auto": exact when n ≤ 50 and no difference is zero.
   * @defaultValue "auto"
   */
  readonly method?: "auto" | "exact" | "approx";
}

/** Result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /** min(R+, R−) for the two-sided test (as SciPy reports it), R+ for one-sided tests. */
  readonly statistic: number;
  readonly pValue: number;
  /** Non-zero differences. */
  readonly n: number;
  /** The path taken: the exact null distribution or the normal approximation. */
  readonly method: "exact" | "approx";
}

/** Largest n of the exact path under `method: "auto"` (SciPy 1.10.1). */
export const WILCOXON_EXACT_MAX_N = 50;

/** Number of subsets of {1..m} with each sum r = 0..m(m+1)/2: the coefficients of ∏(1 + q^i). */
function signedRankCounts(m: number): Float64Array {
  const top = (m * (m + 1)) / 2;
  const c = new Float64Array(top + 1);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    // c_i(r) = c_{i−1}(r) + c_{i−1}(r − i), in place from the top down
    for (let r = (i * (i + 1)) / 2; r >= i; r--) c[r]! += c[r - i]!;
  }
  return c;
}

/** Normal survival function Q(z) = Φ(−z), accurate far in the upper tail. */
function normalSf(z: number): number {
  return normalCdf(-z, 0, 1);
}

const ALTERNATIVES: readonly string[] = ["two-sided", "less", "greater"];
const ZERO_METHODS: readonly string[] = ["wilcox", "pratt", "zsplit"];
const METHODS: readonly string[] = ["auto", "exact", "approx"];

function checkOption(name: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) {
    throw new RangeError(
      `wilcoxonSignedRank: ${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${String(value)}`,
    );
  }
}

/**
 * Wilcoxon signed-rank test of x against y (paired), as SciPy 1.10.1's `wilcoxon(x, y, ...)`
 * (see the module header for the rules).
 * @param x - first measurements.
 * @param y - second measurements, paired with x.
 * @param options - alternative, zero method, continuity correction, method (SciPy's defaults).
 * @throws RangeError if the lengths differ or are 0, a difference is NaN, or an option is not
 * one of its allowed values.
 * @example wilcoxonSignedRank([1, 2, 3, 4, 5], [2, 3, 4, 5, 7]).pValue // 0.0625
 */
export function wilcoxonSignedRank(
  x: readonly number[],
  y: readonly number[],
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const alternative = options.alternative ?? "two-sided";
  const zeroMethod = options.zeroMethod ?? "wilcox";
  const correction = options.correction ?? false;
  const method = options.method ?? "auto";
  checkOption("alternative", alternative, ALTERNATIVES);
  checkOption("zeroMethod", zeroMethod, ZERO_METHODS);
  checkOption("method", method, METHODS);
  if (x.length !== y.length || x.length === 0) {
    throw new RangeError(
      `wilcoxonSignedRank: x and y must have the same non-zero length, got ${x.length} and ${y.length}`,
    );
  }
  const all = x.map((v, i) => v - y[i]!);
  const bad = all.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) throw new RangeError(`wilcoxonSignedRank: x[${bad}] − y[${bad}] is NaN`);
  const nZero = all.filter((v) => v === 0).length;
  const nonZero = all.length - nZero;
  let path: "exact" | "approx" =
    method === "approx" || (method === "auto" && all.length > WILCOXON_EXACT_MAX_N) ? "approx" : "exact";
  if (nZero > 0) path = "approx";
  if (nonZero === 0 && zeroMethod !== "zsplit") return { statistic: 0, pValue: 1, n: 0, method: path };

  // "wilcox" drops the zeros before ranking (in the exact path there are none).
  const d = zeroMethod === "wilcox" ? all.filter((v) => v !== 0) : all;
  const m = d.length;
  const r = averageRanks(d.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  let rZero = 0;
  for (let i = 0; i < m; i++) {
    if (d[i]! > 0) rPlus += r[i]!;
    else if (d[i]! < 0) rMinus += r[i]!;
    else rZero += r[i]!;
  }
  if (zeroMethod === "zsplit") {
    rPlus += rZero / 2;
    rMinus += rZero / 2;
  }
  const statistic = alternative === "two-sided" ? Math.min(rPlus, rMinus) : rPlus;

  let p: number;
  if (path === "exact") {
    const c = signedRankCounts(m);
    const k = Math.floor(rPlus); // SciPy: int(r_plus)
    // The counts are integers below 2^50 and so are their partial sums: both tails are exact.
    let lower = 0;
    for (let s = 0; s <= k; s++) lower += c[s]!;
    let upper = 0;
    for (let s = k; s < c.length; s++) upper += c[s]!;
    const scale = 2 ** -m;
    if (alternative === "two-sided") {
      p = k === Math.floor((c.length - 1) / 2) ? 1 : 2 * Math.min(lower, upper) * scale;
    } else p = (alternative === "greater" ? upper : lower) * scale;
  } else {
    let mean = (m * (m + 1)) / 4;
    let v = m * (m + 1) * (2 * m + 1);
    let tied = r;
    if (zeroMethod === "pratt") {
      tied = r.filter((_, i) => d[i] !== 0);
      mean -= (nZero * (nZero + 1)) / 4;
      v -= nZero * (nZero + 1) * (2 * nZero + 1);
    }
    const counts = new Map<number, number>();
    for (const q of tied) counts.set(q, (counts.get(q) ?? 0) + 1);
    for (const t of counts.values()) if (t > 1) v -= 0.5 * t * (t * t - 1);
    const sd = Math.sqrt(v / 24);
    let cc = 0;
    if (correction) {
      if (alternative === "two-sided") cc = 0.5 * Math.sign(statistic - mean);
      else cc = alternative === "less" ? -0.5 : 0.5;
    }
    const z = (statistic - mean - cc) / sd;
    if (alternative === "two-sided") p = 2 * normalSf(Math.abs(z));
    else p = alternative === "greater" ? normalSf(z) : normalCdf(z, 0, 1);
  }
  return { statistic, pValue: Math.min(1, Math.max(0, p)), n: nonZero, method: path };
}
