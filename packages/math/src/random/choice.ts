/**
 * Discrete draws: a categorical index from weights, a uniform index, and shuffling.
 */
import type { Rng } from "./rng.js";

/**
 * An index i with probability weights[i] / Σ weights (weights need not be normalized).
 * @throws RangeError if `weights` is empty, has a negative or non-finite entry, or sums to 0.
 * @example categorical(rng, [0.2, 0.8]) // 1 four times out of five
 */
export function categorical(rng: Rng, weights: ArrayLike<number>): number {
  const n = weights.length;
  if (n === 0) throw new RangeError("categorical: weights must not be empty");
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && Number.isFinite(w))) {
      throw new RangeError(`categorical: weights must be finite and >= 0, got weights[${i}]=${w}`);
    }
    total += w;
  }
  if (total <= 0) throw new RangeError("categorical: weights must not all be 0");
  const target = rng.random() * total;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    acc += w;
    last = i;
    if (target < acc) return i;
  }
  return last; // rounding left target ≥ acc: the last positive weight
}

/**
 * An index i with probability exp(logWeights[i]) / Σ exp(logWeights), stable for very
 * negative or very large log-weights.
 * @throws RangeError if empty, NaN or +Infinity appears, or every entry is -Infinity.
 */
export function categoricalLog(rng: Rng, logWeights: ArrayLike<number>): number {
  const n = logWeights.length;
  if (n === 0) throw new RangeError("categoricalLog: logWeights must not be empty");
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const w = logWeights[i]!;
    if (Number.isNaN(w) || w === Number.POSITIVE_INFINITY) {
      throw new RangeError(`categoricalLog: logWeights[${i}]=${w} is not allowed`);
    }
    if (w > max) max = w;
  }
  if (max === Number.NEGATIVE_INFINITY) throw new RangeError("categoricalLog: every log-weight is -Infinity");
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = Math.exp(logWeights[i]! - max);
  return categorical(rng, w);
}

/** Shuffles `array` in place (Fisher-Yates) and returns it. */
export function shuffle<T>(rng: Rng, array: T[]): T[] {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
  return array;
}

/**
 * `k` distinct indices from [0, n) in random order (partial Fisher-Yates).
 * @throws RangeError unless 0 ≤ k ≤ n are integers.
 */
export function sampleIndices(rng: Rng, n: number, k: number): Int32Array {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`sampleIndices: need integers 0 <= k <= n, got n=${n}, k=${k}`);
  }
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = rng.int(i, n - 1);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k);
}
