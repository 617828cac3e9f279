/**
 * Sampling from a normal distribution truncated to [low, high].
 *
 * Method: inversion of the CDF on the side of 0 where the interval lies, using the survival
 * function for the upper tail so that intervals far from the mean keep full precision
 * (a = 30 still inverts exactly), and Robert's rejection samplers beyond a = 37, where erfc
 * underflows (C. P. Robert, "Simulation of truncated normal variables", Statistics and
 * Computing 5, 1995: the exponential proposal of §2.1 for wide intervals, the uniform one of
 * §2.2 for intervals narrower than 1/a; both accept with probability > 1/3 on every interval).
 * Exactly one uniform is consumed per draw except in those far-tail branches.
 */
import { normalCdf, normalQuantile } from "../special/normal.js";
import { erfc, erfcinv } from "../special/stdlib-erf.js";
import type { Rng } from "./rng.js";

const SQRT1_2 = Math.SQRT1_2;
const ROBERT_THRESHOLD = 37;

/** A standard normal truncated to [a, b] with 0 ≤ a < b, by survival-function inversion. */
function upperTail(rng: Rng, a: number, b: number): number {
  if (a > ROBERT_THRESHOLD) {
    if ((b - a) * a < 1) {
      // Narrow interval: uniform proposal on [a, b], accepted with prob. exp((a² - z²)/2)
      // ≥ exp(-(b - a)(a + b)/2) > e^-1.1 (Robert 1995, §2.2).
      for (;;) {
        const z = a + (b - a) * rng.random();
        if (Math.log(rng.randomOpen()) <= 0.5 * (a - z) * (a + z)) return z;
      }
    }
    // Robert (1995), §2.1: exponential proposal with the optimal rate λ = (a + √(a² + 4))/2;
    // here b - a ≥ 1/a, so a proposal lands below b with probability ≥ 1 - e^-1.
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
