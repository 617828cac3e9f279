/**
 * Schott's spacing (J. R. Schott, "Fault tolerant design using single and multicriteria
 * genetic algorithm optimization", MSc thesis, MIT, 1995): how evenly a set is spread,
 * independent of any reference front.
 *
 *   d_i = min_{j ≠ i} Σ_k |f_k(i) − f_k(j)|          (nearest neighbour in the L1 norm)
 *   S   = sqrt( (1/(N − 1)) Σ_i (d̄ − d_i)² )         (d̄ the mean of the d_i)
 *
 * S = 0 when every point has its nearest neighbour at the same distance (e.g. equally
 * spaced points on a line). pymoo's and jMetal's spacing use the same formula.
 */
import { checkSet } from "./validate.js";

/**
 * Schott's spacing of a set (see the module header).
 * @param points - row-major N×m, finite, N ≥ 2.
 * @param nObjectives - m ≥ 1.
 * @throws RangeError with fewer than 2 points, a bad shape, or a non-finite value.
 * @example spacing(Float64Array.of(0, 2, 1, 1, 2, 0), 2) // 0
 */
export function spacing(points: Float64Array, nObjectives: number): number {
  const n = checkSet("spacing", "points", points, nObjectives, 2);
  const m = nObjectives;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let k = 0; k < m; k++) s += Math.abs(points[i * m + k]! - points[j * m + k]!);
      if (s < best) best = s;
    }
    d[i] = best;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (mean - d[i]!) ** 2;
  return Math.sqrt(ss / (n - 1));
}
