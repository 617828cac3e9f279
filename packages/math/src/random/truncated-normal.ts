/**
 * Sampling from a normal distribution truncated to [low, high].
 *
 * Method: inversion of the CDF on the side of 0 where the interval lies, using the survival
 * function for the upper tail so that intervals far from the mean keep full precision
 * (a = 30 still inverts exactly), and Robert's exponential rejection sampler
 * (C. P. Robert, "Simulation of truncated normal variables", Statistics and Computing 5,
 * 1995, §2.1) beyond a = 37, where erfc underflows. Exactly one uniform is consumed per draw
 * except in that far-tail branch.
 */
import erfc from "@stdlib/math-base-special-erfc";
import erfcinv from "@stdlib/math-base-special-erfcinv";
import { normalCdf, normalQuantile } from "../special/normal.js";
import type { Rng } from "./rng.js";

const SQRT1_2 = Math.SQRT1_2;
const ROBERT_THRESHOLD = 37;

/** A standard normal truncated to [a, b] with 0 ≤ a < b, by survival-function inversion. */
function upperTail(rng: Rng, a: number, b: number): number {
  if (a > ROBERT_THRESHOLD) {
    // Robert (1995): exponential proposal with the optimal rate λ = (a + √(a² + 4))/2.
    const lambda = 0.5 * (a + Math.sqrt(a * a + 4));
    for (;;) {
      const z = a - Math.log(rng.randomOpen()) / lambda;
      if (z > b) continue;
      const d = z - lambda;
      if (Math.log(rng.randomOpen()) <= -0.5 * d * d) return z;
    }
  }
  const qa = 0.5 * erfc(a * SQRT1_2);
  const qb = 0.5 * erfc(b * SQRT1_2);
  const q = qa - rng.random() * (qa - qb);
  const z = Math.SQRT2 * erfcinv(2 * q);
  return z < a ? a : z > b ? b : z;
}

/** A standard normal truncated to [a, b], a < b. */
function standardTruncated(rng: Rng, a: number, b: number): number {
  if (a >= 0) return upperTail(rng, a, b);
  if (b <= 0) return -upperTail(rng, -b, -a);
  const pa = normalCdf(a);
  const pb = normalCdf(b);
  const z = normalQuantile(pa + rng.random() * (pb - pa));
  return z < a ? a : z > b ? b : z;
}

/**
 * One draw from N(mean, sd²) truncated to [low, high].
 *
 * @param rng - the generator to draw from.
 * @param mean - mean of the untruncated normal.
 * @param sd - standard deviation of the untruncated normal, > 0.
 * @param low - lower bound (may be -Infinity).
 * @param high - upper bound (may be +Infinity), ≥ low.
 * @returns a value in [low, high]; `low` when low = high.
 * @throws RangeError if `sd` is not positive and finite, `mean` is not finite, or `low > high`.
 * @example truncatedNormal(Rng.fromSeed(1), 0, 1, 2, Infinity) // a draw ≥ 2
 */
export function truncatedNormal(rng: Rng, mean: number, sd: number, low: number, high: number): number {
  if (!(sd > 0 && Number.isFinite(sd))) {
    throw new RangeError(`truncatedNormal: sd must be positive and finite, got ${sd}`);
  }
  if (!Number.isFinite(mean)) throw new RangeError(`truncatedNormal: mean must be finite, got ${mean}`);
  if (!(low <= high)) throw new RangeError(`truncatedNormal: need low <= high, got low=${low}, high=${high}`);
  if (low === high) return low;
  const z = standardTruncated(rng, (low - mean) / sd, (high - mean) / sd);
  const x = mean + sd * z;
  return x < low ? low : x > high ? high : x;
}
