/** The reciprocal (log-uniform) prior: p(θ) = 1/(θ·log(high/low)) on [low, high]. */
import type { Rng } from "../random/rng.js";
import type { LogUniformPrior } from "./types.js";
import { checkBounds } from "./validate.js";

/**
 * A log-uniform prior on [low, high]; log θ is uniform on [log low, log high].
 * @throws RangeError if a bound is not finite, low ≤ 0, or low > high.
 * @example logUniformPrior(1e-5, 1e-1)
 */
export function logUniformPrior(low: number, high: number): LogUniformPrior {
  checkBounds("logUniformPrior", low, high);
  if (!(low > 0)) throw new RangeError(`logUniformPrior: low must be > 0 for a log scale, got ${low}`);
  return { kind: "log-uniform", low, high };
}

/** Internal-space bounds [log low, log high]. */
export function logUniformInternalBounds(p: LogUniformPrior): [number, number] {
  return [Math.log(p.low), Math.log(p.high)];
}

/** exp(u), clamped to [low, high]. */
export function logUniformFromInternal(p: LogUniformPrior, u: number): number {
  const x = Math.exp(u);
  return x < p.low ? p.low : x > p.high ? p.high : x;
}

/** A draw from the prior. */
export function logUniformSample(p: LogUniformPrior, rng: Rng): number {
  const [lo, hi] = logUniformInternalBounds(p);
  return logUniformFromInternal(p, lo + (hi - lo) * rng.random());
}

/** log p(x) = -log x - log log(high/low); -Infinity outside [low, high]. */
export function logUniformLogPdf(p: LogUniformPrior, x: number): number {
  if (!(x >= p.low && x <= p.high)) return Number.NEGATIVE_INFINITY;
  if (p.low === p.high) return 0;
  return -Math.log(x) - Math.log(Math.log(p.high) - Math.log(p.low));
}
