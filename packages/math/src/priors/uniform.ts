/** The flat prior on [low, high], continuous or on a step grid. */
import type { Rng } from "../random/rng.js";
import type { UniformPrior } from "./types.js";
import { checkBounds, checkStep, gridSize } from "./validate.js";

/** Options of {@link uniformPrior}. */
export interface UniformPriorOptions {
  /** Grid spacing; values are low + k·step ≤ high. @defaultValue null (continuous) */
  readonly step?: number | null;
}

/**
 * A flat prior on [low, high].
 * @throws RangeError if a bound is not finite, low > high, or step ≤ 0.
 * @example uniformPrior(0, 1, { step: 0.25 }) // 0, 0.25, 0.5, 0.75, 1
 */
export function uniformPrior(low: number, high: number, options: UniformPriorOptions = {}): UniformPrior {
  checkBounds("uniformPrior", low, high);
  const step = options.step ?? null;
  if (step !== null) {
    checkStep("uniformPrior", step);
    // The grid's last point is the effective upper bound (Optuna adjusts high the same way).
    high = low + (gridSize(low, high, step) - 1) * step;
  }
  return { kind: "uniform", low, high, step };
}

/** Number of grid points of a stepped uniform prior (Infinity when continuous). */
export function uniformSize(p: UniformPrior): number {
  return p.step === null ? Number.POSITIVE_INFINITY : gridSize(p.low, p.high, p.step);
}

/** Internal-space bounds: [low, high], widened by half a step on each side when stepped. */
export function uniformInternalBounds(p: UniformPrior): [number, number] {
  const h = p.step === null ? 0 : p.step / 2;
  return [p.low - h, p.high + h];
}

/** Maps an internal value back to the prior's support (clamped, snapped to the grid). */
export function uniformFromInternal(p: UniformPrior, u: number): number {
  if (p.step === null) return u < p.low ? p.low : u > p.high ? p.high : u;
  const n = uniformSize(p);
  let k = Math.round((u - p.low) / p.step);
  k = k < 0 ? 0 : k > n - 1 ? n - 1 : k;
  return snap(p.low + k * p.step, p);
}

/** Removes floating-point noise from a grid value (e.g. 0.30000000000000004 -> 0.3). */
function snap(x: number, p: UniformPrior): number {
  const r = Number.parseFloat(x.toPrecision(14));
  return r < p.low ? p.low : r > p.high ? p.high : r;
}

/** A draw from the prior. */
export function uniformSample(p: UniformPrior, rng: Rng): number {
  if (p.step === null) return p.low === p.high ? p.low : p.low + (p.high - p.low) * rng.random();
  return uniformFromInternal(p, p.low + rng.int(0, uniformSize(p) - 1) * p.step);
}

/** True when x is in the support (on the grid, within a relative 1e-9 of a step, when stepped). */
export function uniformContains(p: UniformPrior, x: number): boolean {
  if (!(x >= p.low && x <= p.high)) return false;
  if (p.step === null) return true;
  const k = (x - p.low) / p.step;
  return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
}

/** log density (continuous) or log mass (stepped); -Infinity outside the support. */
export function uniformLogPdf(p: UniformPrior, x: number): number {
  if (!uniformContains(p, x)) return Number.NEGATIVE_INFINITY;
  if (p.step !== null) return -Math.log(uniformSize(p));
  return p.high === p.low ? 0 : -Math.log(p.high - p.low);
}
