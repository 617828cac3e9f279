/** Integer priors: uniform over a step grid, or log-uniform over integers (each k owns a log-space cell). */
import type { Rng } from "../random/rng.js";
import type { IntPrior } from "./types.js";
import { checkBounds, checkStep, gridSize } from "./validate.js";

/** Options of {@link intPrior}. */
export interface IntPriorOptions {
  /** Spacing of the integer grid. @defaultValue 1 */
  readonly step?: number;
  /** Uniform in log space (requires step 1 and low ≥ 1). @defaultValue false */
  readonly log?: boolean;
}

/**
 * An integer prior on low, low + step, ..., ≤ high.
 * @throws RangeError if low/high/step are not integers, low > high, step < 1, or log with
 * low < 1 or step ≠ 1.
 * @example intPrior(1, 1024, { log: true })
 */
export function intPrior(low: number, high: number, options: IntPriorOptions = {}): IntPrior {
  const step = options.step ?? 1;
  const log = options.log ?? false;
  checkBounds("intPrior", low, high);
  if (!Number.isSafeInteger(low)) throw new RangeError(`intPrior: low must be an integer, got ${low}`);
  if (!Number.isSafeInteger(high)) throw new RangeError(`intPrior: high must be an integer, got ${high}`);
  checkStep("intPrior", step);
  if (!Number.isSafeInteger(step))
    throw new RangeError(`intPrior: step must be an integer >= 1, got ${step}`);
  if (log && step !== 1) throw new RangeError(`intPrior: step must be 1 when log is true, got step=${step}`);
  if (log && low < 1) throw new RangeError(`intPrior: low must be >= 1 when log is true, got ${low}`);
  high = low + (gridSize(low, high, step) - 1) * step;
  return { kind: "int", low, high, step, log };
}

/** Number of values of the prior. */
export function intSize(p: IntPrior): number {
  return (p.high - p.low) / p.step + 1;
}

/** Internal-space bounds: the cells of the first and last values, in log space when `log`. */
export function intInternalBounds(p: IntPrior): [number, number] {
  if (p.log) return [Math.log(p.low - 0.5), Math.log(p.high + 0.5)];
  return [p.low - p.step / 2, p.high + p.step / 2];
}

/** The grid value whose cell holds internal value u (clamped). */
export function intFromInternal(p: IntPrior, u: number): number {
  let x: number;
  if (p.log) {
    // Cell of k is [log(k - 1/2), log(k + 1/2)): k = floor(exp(u) + 1/2).
    x = Math.floor(Math.exp(u) + 0.5);
  } else {
    x = p.low + Math.round((u - p.low) / p.step) * p.step;
  }
  return x < p.low ? p.low : x > p.high ? p.high : x;
}

/** The centre of value x's cell in internal space (log x when `log`). */
export function intToInternal(p: IntPrior, x: number): number {
  return p.log ? Math.log(x) : x;
}

/** A draw from the prior. */
export function intSample(p: IntPrior, rng: Rng): number {
  if (!p.log) return p.low + rng.int(0, intSize(p) - 1) * p.step;
  const [lo, hi] = intInternalBounds(p);
  return intFromInternal(p, lo + (hi - lo) * rng.random());
}

/** True when x is one of the prior's values. */
export function intContains(p: IntPrior, x: number): boolean {
  return Number.isInteger(x) && x >= p.low && x <= p.high && (x - p.low) % p.step === 0;
}

/** log mass of x; -Infinity off the support. */
export function intLogPmf(p: IntPrior, x: number): number {
  if (!intContains(p, x)) return Number.NEGATIVE_INFINITY;
  if (!p.log) return -Math.log(intSize(p));
  const [lo, hi] = intInternalBounds(p);
  const a = Math.log(x - 0.5);
  const b = Math.log(x + 0.5);
  return Math.log(b - a) - Math.log(hi - lo);
}
