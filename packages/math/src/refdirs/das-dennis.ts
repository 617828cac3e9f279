/**
 * Das–Dennis reference directions (the simplex lattice): every point of the unit simplex
 * {w ∈ ℝ^M : w_k ≥ 0, Σ w_k = 1} whose coordinates are multiples of 1/H. There are
 * C(H + M − 1, M − 1) of them (stars and bars): 91 for M = 3, H = 12; 210 for M = 5, H = 6.
 * Das & Dennis, "Normal-boundary intersection: a new method for generating the Pareto surface
 * in nonlinear multicriteria optimization problems", SIAM J. Optim. 8(3), 1998; NSGA-III's
 * structured reference points (Deb & Jain, IEEE TEVC 18(4), 2014, §IV-B).
 *
 * Order: lexicographically descending in the integer counts (H, 0, ..., 0) first and
 * (0, ..., 0, H) last, so the M vertices are the first, the last, and the ones in between
 * in that order.
 */
import { checkInteger, MAX_DIRECTIONS } from "./validate.js";

/**
 * The number of Das–Dennis directions, C(H + M − 1, M − 1).
 * @param nObjectives - M ≥ 1.
 * @param divisions - H ≥ 0 (H = 0 gives one direction only when M = 1).
 * @throws RangeError when an argument is not an integer in range.
 * @example dasDennisCount(3, 12) // 91
 */
export function dasDennisCount(nObjectives: number, divisions: number): number {
  checkInteger("dasDennisCount", "nObjectives", nObjectives, 1);
  checkInteger("dasDennisCount", "divisions", divisions, 0);
  // C(H + M − 1, M − 1) as a running product; exact while it stays below 2^53.
  let c = 1;
  for (let k = 1; k < nObjectives; k++) c = (c * (divisions + k)) / k;
  return Math.round(c);
}

/**
 * Das–Dennis directions on the unit simplex.
 * @param nObjectives - M ≥ 1.
 * @param divisions - H ≥ 1 (the lattice spacing is 1/H); for M = 1 any H ≥ 0 gives [1].
 * @returns row-major Float64Array of C(H + M − 1, M − 1) × M directions, each summing to 1.
 * @throws RangeError when M or H is not an integer in range, or the set would exceed
 * 1,000,000 directions.
 * @example dasDennis(2, 2) // [1, 0, 0.5, 0.5, 0, 1]
 */
export function dasDennis(nObjectives: number, divisions: number): Float64Array {
  checkInteger("dasDennis", "nObjectives", nObjectives, 1);
  checkInteger("dasDennis", "divisions", divisions, nObjectives === 1 ? 0 : 1);
  const m = nObjectives;
  const h = divisions;
  const count = dasDennisCount(m, h);
  if (count > MAX_DIRECTIONS) {
    throw new RangeError(
      `dasDennis: C(H + M - 1, M - 1) = ${count} directions for M=${m}, H=${h} exceeds ${MAX_DIRECTIONS}; lower divisions or use twoLayerDirections / rieszEnergyDirections`,
    );
  }
  const out = new Float64Array(count * m);
  if (m === 1) {
    out[0] = 1;
    return out;
  }
  // Enumerate compositions of H into M parts: counts[0..M-2] chosen, the last takes the rest.
  const counts = new Int32Array(m);
  let row = 0;
  const visit = (k: number, left: number): void => {
    if (k === m - 1) {
      counts[k] = left;
      for (let j = 0; j < m; j++) out[row * m + j] = counts[j]! / h;
      row++;
      return;
    }
    for (let c = left; c >= 0; c--) {
      counts[k] = c;
      visit(k + 1, left - c);
    }
  };
  visit(0, h);
  return out;
}
