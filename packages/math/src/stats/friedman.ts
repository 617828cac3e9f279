/**
 * The Friedman test over blocks (functions) and treatments (methods), and the Conover
 * post-hoc test for all pairs.
 *
 * Notation: b blocks, k treatments, R_ij the rank of treatment j in block i (ties averaged),
 * R_j = Σ_i R_ij.
 *
 * Friedman (1937); with the tie correction of SciPy's `friedmanchisquare`:
 *   χ²_F = [12 / (b k (k+1)) Σ_j R_j² - 3 b (k+1)] / [1 - Σ_ties (t³ - t) / (b k (k² - 1))],
 * compared with χ² on k - 1 degrees of freedom (Demšar 2006, JMLR 7, §3.2.2, recommends it
 * for comparing several algorithms over several data sets). As SciPy 1.10.1, p is the χ²
 * survival function, here the regularized upper incomplete gamma Q((k-1)/2, χ²_F/2) computed
 * directly (never 1 - CDF, which flushes p-values below 1e-16 to 0).
 *
 * Conover post-hoc: Conover (1999), "Practical Nonparametric Statistics", 3rd ed., §5.8,
 * p. 371 (also Conover & Iman 1979): with A = Σ_ij R_ij²,
 *   t_jl = |R_j - R_l| / sqrt( 2 (b A - Σ_j R_j²) / ((b-1)(k-1)) ),
 * Student's t with (b-1)(k-1) degrees of freedom, two-sided: p = 2 P(T > |t|) = 2 F(-|t|), the
 * lower tail read directly (never 1 - F); p-values adjusted for all k(k-1)/2 pairs with Holm's
 * (1979) step-down method.
 */
import gammainc from "@stdlib/math-base-special-gammainc";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import { blockRanks } from "./ranks.js";

/** Result of {@link friedmanTest}. */
export interface FriedmanResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Mean rank of each treatment (1 = best). */
  readonly meanRanks: number[];
  /** Blocks and treatments used. */
  readonly blocks: number;
  readonly treatments: number;
}

/** P(χ²_df > x): the regularized upper incomplete gamma function Q(df/2, x/2). */
function chiSquareSf(x: number, df: number): number {
  return x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true);
}

function checkMatrix(where: string, matrix: readonly (readonly number[])[]): void {
  if (matrix.length < 2) throw new RangeError(`${where}: need at least 2 blocks, got ${matrix.length}`);
  const k = matrix[0]!.length;
  if (k < 2) throw new RangeError(`${where}: need at least 2 treatments, got ${k}`);
}

/**
 * The Friedman test on a blocks × treatments matrix (lower value = better, ranked per row).
 * @throws RangeError with fewer than 2 blocks or 2 treatments, ragged rows or NaN.
 * @example friedmanTest([[1, 2, 3], [1, 3, 2], [1, 2, 3]]).pValue
 */
export function friedmanTest(matrix: readonly (readonly number[])[]): FriedmanResult {
  checkMatrix("friedmanTest", matrix);
  const b = matrix.length;
  const k = matrix[0]!.length;
  const { ranks, meanRanks } = blockRanks(matrix);
  let sumR2 = 0;
  for (let j = 0; j < k; j++) {
    const rj = meanRanks[j]! * b;
    sumR2 += rj * rj;
  }
  let ties = 0;
  for (const row of ranks) {
    const counts = new Map<number, number>();
    for (const r of row) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const t of counts.values()) ties += t * t * t - t;
  }
  const c = 1 - ties / (b * k * (k * k - 1));
  const raw = (12 / (b * k * (k + 1))) * sumR2 - 3 * b * (k + 1);
  // Every block entirely tied: no evidence at all.
  const statistic = c <= 0 ? 0 : raw / c;
  const df = k - 1;
  return {
    statistic,
    df,
    pValue: c <= 0 ? 1 : chiSquareSf(statistic, df),
    meanRanks,
    blocks: b,
    treatments: k,
  };
}

/**
 * Holm's step-down adjustment of p-values (in the given order).
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 0;
  for (let r = 0; r < m; r++) {
    const [p, i] = order[r]!;
    running = Math.max(running, Math.min(1, (m - r) * p));
    out[i] = running;
  }
  return out;
}

/** Result of {@link conoverFriedman}: k × k matrices (diagonal 1). */
export interface ConoverResult {
  /** Unadjusted two-sided p-values. */
  readonly pValues: number[][];
  /** Holm-adjusted p-values. */
  readonly adjusted: number[][];
  readonly df: number;
}

/**
 * Conover's all-pairs post-hoc test after a Friedman test (see the module header).
 * @throws RangeError like {@link friedmanTest}.
 */
export function conoverFriedman(matrix: readonly (readonly number[])[]): ConoverResult {
  checkMatrix("conoverFriedman", matrix);
  const b = matrix.length;
  const k = matrix[0]!.length;
  const { ranks } = blockRanks(matrix);
  const R = new Array<number>(k).fill(0);
  let A = 0;
  for (const row of ranks) {
    for (let j = 0; j < k; j++) {
      R[j]! += row[j]!;
      A += row[j]! * row[j]!;
    }
  }
  let sumR2 = 0;
  for (const r of R) sumR2 += r * r;
  const df = (b - 1) * (k - 1);
  const denom = Math.sqrt((2 * (b * A - sumR2)) / df);
  const p: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(1));
  const flat: number[] = [];
  const where: [number, number][] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const diff = Math.abs(R[i]! - R[j]!);
      let pv: number;
      if (denom === 0) pv = diff === 0 ? 1 : 0;
      else pv = 2 * tCdf(-diff / denom, df);
      pv = Math.min(1, Math.max(0, pv));
      p[i]![j] = pv;
      p[j]![i] = pv;
      flat.push(pv);
      where.push([i, j]);
    }
  }
  const adj = holm(flat);
  const adjusted: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(1));
  where.forEach(([i, j], n) => {
    adjusted[i]![j] = adj[n]!;
    adjusted[j]![i] = adj[n]!;
  });
  return { pValues: p, adjusted, df };
}
