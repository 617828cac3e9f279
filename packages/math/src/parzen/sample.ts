/**
 * Sampling from a Parzen estimator with an explicit generator: choose a component k with
 * probability w_k, then draw each dimension from component k's kernel: a truncated normal
 * (continuous), a truncated normal snapped to the cell it falls in (stepped and log-int, which
 * gives exactly the cell masses the log-density uses), or a draw from row k of the
 * categorical table.
 */

import type { Rng } from "../random/rng.js";
import { truncatedNormal } from "../random/truncated-normal.js";
import { snapToGrid } from "./dimension.js";
import { Float64Scratch } from "./scratch.js";
import type { ParzenEstimator } from "./types.js";

/** The cumulative weights (scratch.ts: written before they are read, within one call). */
const cumulativeScratch = new Float64Scratch();

/**
 * Draws `count` points from the estimator.
 * @param estimator - a fitted estimator.
 * @param rng - the generator (advanced by the draws).
 * @param count - number of points, an integer ≥ 0.
 * @param out - optional output array of length count·D.
 * @returns `out` (or a new Float64Array): row-major count×D internal values, within the
 *   bounds, on the grid for stepped and log-int dimensions (low + k·step, log k), indices for
 *   categorical ones.
 * @throws RangeError if count is not a non-negative safe integer or `out` has the wrong length.
 * @example sampleParzen(est, Rng.fromSeed(0), 24) // 24 candidates
 */
export function sampleParzen(
  estimator: ParzenEstimator,
  rng: Rng,
  count: number,
  out?: Float64Array,
): Float64Array {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`sampleParzen: count must be an integer >= 0, got ${count}`);
  }
  const nDims = estimator.dimensions.length;
  const result = out ?? new Float64Array(count * nDims);
  if (result.length !== count * nDims) {
    throw new RangeError(`sampleParzen: out must have length ${count * nDims}, got ${result.length}`);
  }
  const k = estimator.nComponents;
  const cumulative = cumulativeScratch.take(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    total += estimator.weights[i]!;
    cumulative[i] = total;
  }
  for (let j = 0; j < count; j++) {
    const comp = pick(cumulative, k, rng.random() * total);
    for (let d = 0; d < nDims; d++) {
      const ker = estimator.kernels[d]!;
      let v: number;
      if (ker.kind === "categorical") {
        v = pickRow(ker.probabilities, comp * ker.n, ker.n, rng.random());
      } else {
        v = truncatedNormal(rng, ker.mus[comp]!, ker.sigmas[comp]!, ker.low, ker.high);
        if (ker.dimension.kind !== "continuous") v = snapToGrid(ker.dimension, v);
      }
      result[j * nDims + d] = v;
    }
  }
  return result;
}

/** The first index below k whose cumulative weight exceeds u, skipping zero-weight components. */
function pick(cumulative: Float64Array, k: number, u: number): number {
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A choice from the probabilities p[offset..offset+n) given a uniform u ∈ [0, 1). */
function pickRow(p: Float64Array, offset: number, n: number, u: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += p[offset + i]!;
  const target = u * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const w = p[offset + i]!;
    if (w === 0) continue;
    acc += w;
    last = i;
    if (target < acc) return i;
  }
  return last;
}
