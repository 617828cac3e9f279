/**
 * The Mann-Whitney U test of two independent samples (Mann & Whitney 1947), computed as
 * SciPy 1.10.1's `scipy.stats.mannwhitneyu` (the version Debian 12's python3-scipy installs)
 * computes it, with the same options and defaults.
 *
 * Notation: samples x (n1) and y (n2), R1 the sum of x's ranks in the pooled sample (ties
 * averaged), U1 = R1 − n1(n1+1)/2, U2 = n1 n2 − U1. The p-value is f · P(U* ≥ U) under the
 * null, with U = U1, f = 1 for "greater"; U = U2, f = 1 for "less"; U = max(U1, U2), f = 2 for
 * "two-sided" (clipped to 1).
 *
 * SciPy 1.10.1's rules (`method="auto"` by default; `_mwu_choose_method`):
 * - path: asymptotic when both n1 > 8 and n2 > 8, or when the pooled sample has ties;
 *   otherwise exact, i.e. exact when min(n1, n2) ≤ 8 and there are no ties. (Its docstring says
 *   "less than 8"; its code, and so its results, use ≤ 8. We follow the results: 8 vs 3000
 *   without ties is exact, in SciPy as here.)
 * - exact: P(U* ≥ U) = P(U* ≤ n1 n2 − ⌊U⌋) by symmetry (SciPy truncates U to an integer, which
 *   matters only for `method: "exact"` with ties), from the number c(u) of arrangements with
 *   U* = u: the coefficient of q^u in the Gaussian binomial coefficient
 *     [n1+n2 choose m]_q = ∏_{i=1..m} (1 − q^{n+i}) / (1 − q^i),  m = min(n1, n2), n = max,
 *   whose coefficients sum to C(n1+n2, m) (Di Bucchianico 1999, J. Stat. Plann. Inference 79,
 *   the reference of SciPy's docstring; Andrews 1976, "The Theory of Partitions", Thm 3.1).
 *   The product is expanded factor by factor on integer coefficients (doubles while
 *   C(n1+n2, m) < 2^53, BigInts beyond), truncated after q^k,
 *   k = min(K, n1 n2 − 1 − K) for K = n1 n2 − ⌊U⌋ (the other tail by symmetry, exactly, as a
 *   difference of integers): O(m · k) ≤ O(m² n / 2) operations and O(k) memory. The counts are
 *   exact, so p = count / C(n1+n2, m) is correct to rounding however small it is. SciPy's own
 *   recursion costs O(n1 n2 k) and takes minutes for 8 vs 3000; the memoized recursion this
 *   file used before took seconds and over a gigabyte there (issue 9; the figures are in the
 *   benchmarks README, from benchmarks/micro/mann-whitney.ts).
 * - asymptotic: z = (U − n1 n2/2 − ½) / s with the continuity correction (default; without it,
 *   no ½), s² = n1 n2 / 12 · ((N+1) − Σ(t³ − t) / (N(N−1))), N = n1 + n2, t the sizes of the
 *   tie groups; P(U* ≥ U) = Q(z) = Φ(−z), the normal survival function (never 1 − Φ, which
 *   flushes p-values below 1e-16 to 0).
 *
 * Departure: when every value is tied (s = 0), SciPy gives 1 with the continuity correction and
 * NaN without; this returns 1 in both cases.
 */
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { averageRanks } from "./ranks.js";

/** Alternative hypothesis about the distributions F of x and G of y. */
export type MannWhitneyAlternative = "two-sided" | "less" | "greater";

/** Options of {@link mannWhitneyU}: SciPy 1.10.1's `mannwhitneyu` arguments. */
export interface MannWhitneyOptions {
  /**
   * "two-sided": F ≠ G; "less": x is stochastically less than y; "greater": stochastically
   * greater.
   * @defaultValue "two-sided"
   */
  readonly alternative?: MannWhitneyAlternative;
  /**
   * Continuity correction of ½ in the normal approximation (no effect on the exact path).
   * @defaultValue true
   */
  readonly useContinuity?: boolean;
  /**
   * "exact", "asymptotic", or "auto": exact when min(n1, n2) ≤ 8 and there are no ties.
   * @defaultValue "auto"
   */
  readonly method?: "auto" | "exact" | "asymptotic";
}

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U1 (the statistic of the first sample), as SciPy reports it. */
  readonly statistic: number;
  readonly pValue: number;
  readonly method: "exact" | "asymptotic";
}

/** Largest min(n1, n2) of the exact path under `method: "auto"` (SciPy 1.10.1). */
export const MANN_WHITNEY_EXACT_MAX_N = 8;

/** C(a, b) as a BigInt. */
function binomial(a: number, b: number): bigint {
  let out = 1n;
  for (let i = 1; i <= b; i++) out = (out * BigInt(a - b + i)) / BigInt(i);
  return out;
}

/**
 * #(U* ≤ k) for k ≤ ⌊(n1 n2 − 1)/2⌋ (the lower half), m = min(n1, n2), n = max: the first k + 1
 * coefficients of ∏_{i=1..m} (1 − q^{n+i}) / (1 − q^i), summed. On doubles when `exact` says
 * every intermediate value is a safe integer (each is at most C(n1+n2, m)), else on BigInts.
 */
function lowerTailCount(k: number, m: number, n: number, safe: boolean): bigint {
  if (safe) {
    const c = new Float64Array(k + 1);
    c[0] = 1;
    for (let i = 1; i <= m; i++) {
      // × (1 − q^{n+i}), from the top down; then ÷ (1 − q^i), i.e. c(u) += c(u − i), upwards.
      for (let u = k; u >= n + i; u--) c[u]! -= c[u - n - i]!;
      for (let u = i; u <= k; u++) c[u]! += c[u - i]!;
    }
    let sum = 0;
    for (let u = 0; u <= k; u++) sum += c[u]!;
    return BigInt(sum);
  }
  const c = new Array<bigint>(k + 1).fill(0n);
  c[0] = 1n;
  for (let i = 1; i <= m; i++) {
    for (let u = k; u >= n + i; u--) c[u] = c[u]! - c[u - n - i]!;
    for (let u = i; u <= k; u++) c[u] = c[u]! + c[u - i]!;
  }
  let sum = 0n;
  for (const v of c) sum += v;
  return sum;
}

/**
 * The number of arrangements of samples of sizes n1 and n2 whose statistic U* is at most k,
 * exactly (the null distribution of the Mann-Whitney U; see the module header).
 * @param k - any integer (below 0: none; n1 n2 or more: all C(n1+n2, n1)).
 * @param n1 - size of the first sample, a positive integer.
 * @param n2 - size of the second sample, a positive integer.
 * @throws RangeError if a size is not a positive safe integer or k is not an integer.
 * @example mannWhitneyCountAtMost(1, 3, 3) // 2n (U* = 0 and U* = 1, of C(6, 3) = 20)
 */
export function mannWhitneyCountAtMost(k: number, n1: number, n2: number): bigint {
  for (const [name, v] of [
    ["n1", n1],
    ["n2", n2],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1)
      throw new RangeError(`mannWhitneyCountAtMost: ${name} must be an integer >= 1, got ${v}`);
  }
  if (!Number.isSafeInteger(k))
    throw new RangeError(`mannWhitneyCountAtMost: k must be an integer, got ${k}`);
  const total = binomial(n1 + n2, Math.min(n1, n2));
  const top = n1 * n2;
  if (k < 0) return 0n;
  if (k >= top) return total;
  // Sum the shorter tail: c(u) = c(top − u), so #(U* ≤ k) = total − #(U* ≤ top − 1 − k).
  if (k > top - 1 - k) return total - mannWhitneyCountAtMost(top - 1 - k, n1, n2);
  const safe = total <= BigInt(Number.MAX_SAFE_INTEGER);
  return lowerTailCount(k, Math.min(n1, n2), Math.max(n1, n2), safe);
}

/** a / b for non-negative BigInts, correctly rounded up to one final rounding of each. */
function ratio(a: bigint, b: bigint): number {
  // Number(bigint) rounds to nearest; scale both down first if b would overflow a double.
  const shift = BigInt(Math.max(0, b.toString(2).length - 1000));
  return Number(a >> shift) / Number(b >> shift);
}

const ALTERNATIVES: readonly string[] = ["two-sided", "less", "greater"];
const METHODS: readonly string[] = ["auto", "exact", "asymptotic"];

function checkOption(name: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) {
    throw new RangeError(
      `mannWhitneyU: ${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${String(value)}`,
    );
  }
}

/**
 * Mann-Whitney U test of x against y, as SciPy 1.10.1's `mannwhitneyu(x, y, ...)` (see the
 * module header for the rules).
 * @param x - first sample.
 * @param y - second sample.
 * @param options - alternative, continuity correction, method (SciPy's defaults).
 * @throws RangeError if a sample is empty or holds NaN, or an option is not one of its allowed
 * values.
 * @example mannWhitneyU([1, 2, 3], [4, 5, 6]).pValue // 0.1
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const alternative = options.alternative ?? "two-sided";
  const useContinuity = options.useContinuity ?? true;
  const method = options.method ?? "auto";
  checkOption("alternative", alternative, ALTERNATIVES);
  checkOption("method", method, METHODS);
  if (typeof useContinuity !== "boolean")
    throw new RangeError(`mannWhitneyU: useContinuity must be a boolean, got ${String(useContinuity)}`);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0)
    throw new RangeError(`mannWhitneyU: both samples must be non-empty, got ${n1} and ${n2}`);
  const pooled = [...x, ...y];
  pooled.forEach((v, i) => {
    if (Number.isNaN(v)) throw new RangeError(`mannWhitneyU: ${i < n1 ? `x[${i}]` : `y[${i - n1}]`} is NaN`);
  });
  const ranks = averageRanks(pooled);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t * t * t - t;
  const path: "exact" | "asymptotic" =
    method !== "auto"
      ? method
      : Math.min(n1, n2) <= MANN_WHITNEY_EXACT_MAX_N && tieTerm === 0
        ? "exact"
        : "asymptotic";
  const [u, f] =
    alternative === "greater" ? [u1, 1] : alternative === "less" ? [u2, 1] : [Math.max(u1, u2), 2];
  let p: number;
  if (path === "exact") {
    const k = n1 * n2 - Math.floor(u);
    p = f * ratio(mannWhitneyCountAtMost(k, n1, n2), binomial(n1 + n2, Math.min(n1, n2)));
  } else {
    const n = n1 + n2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - (useContinuity ? 0.5 : 0)) / s;
    p = s === 0 ? 1 : f * normalCdf(-z, 0, 1);
  }
  return { statistic: u1, pValue: Math.min(1, Math.max(0, p)), method: path };
}
