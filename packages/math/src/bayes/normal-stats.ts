/**
 * Sufficient statistics of real observations, kept as (n, x̄, M₂ = Σ (xᵢ - x̄)²) rather than
 * (n, Σx, Σx²): the sum of squares about the mean does not cancel catastrophically when the
 * data sit far from 0 (1e9 + small noise), which Σx² - n x̄² does.
 *
 * One pass: Welford (1962), "Note on a method for calculating corrected sums of squares and
 * products", Technometrics 4(3). Merging two sets: Chan, Golub and LeVeque (1979), "Updating
 * formulae and a pairwise algorithm for computing sample variances":
 *   n = n_a + n_b,  δ = x̄_b - x̄_a,  x̄ = x̄_a + δ n_b/n,  M₂ = M₂_a + M₂_b + δ² n_a n_b/n.
 */
import type { NormalStats } from "./types.js";
import { checkArrayLike, checkFinite, checkInteger } from "./validate.js";

/**
 * Sufficient statistics of real observations: their number, mean and sum of squared
 * deviations from the mean.
 * @throws RangeError when an observation is NaN or infinite.
 * @example normalStats([1, 2, 3]) // { n: 3, mean: 2, sumSquares: 2 }
 */
export function normalStats(observations: ArrayLike<number>): NormalStats {
  return collectNormal("normalStats", "observations", observations);
}

/** {@link normalStats} with the caller's name and argument in its errors. */
export function collectNormal(where: string, name: string, observations: ArrayLike<number>): NormalStats {
  checkArrayLike(where, name, observations);
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < observations.length; i++) {
    const x = observations[i]!;
    if (!Number.isFinite(x)) {
      throw new RangeError(`${where}: ${name} must be finite numbers, got ${name}[${i}]=${x}`);
    }
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  return { kind: "normal-stats", n: observations.length, mean, sumSquares: m2 };
}

/** The statistics of the union of two data sets (Chan, Golub and LeVeque 1979). */
export function mergeNormalStats(a: NormalStats, b: NormalStats): NormalStats {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  return {
    kind: "normal-stats",
    n,
    mean: a.mean + (d * b.n) / n,
    sumSquares: a.sumSquares + b.sumSquares + ((d * d * a.n) / n) * b.n,
  };
}

/** @throws RangeError unless n is an integer ≥ 0, the mean finite and M₂ finite and ≥ 0. */
export function checkNormalStats(where: string, stats: NormalStats): void {
  checkInteger(where, "data.n", stats.n, 0);
  checkFinite(where, "data.mean", stats.mean);
  if (!(stats.sumSquares >= 0 && Number.isFinite(stats.sumSquares))) {
    throw new RangeError(`${where}: data.sumSquares must be a finite number >= 0, got ${stats.sumSquares}`);
  }
}
