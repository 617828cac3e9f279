/** The categorical prior over the indices of n choices. */
import { categorical } from "../random/choice.js";
import type { Rng } from "../random/rng.js";
import type { CategoricalPrior } from "./types.js";

/** Options of {@link categoricalPrior}. */
export interface CategoricalPriorOptions {
  /** Non-negative weights of the choices (normalized here). @defaultValue uniform */
  readonly weights?: ArrayLike<number>;
}

/**
 * A categorical prior over indices 0..n-1.
 * @throws RangeError if n is not an integer ≥ 1, or the weights are not n finite
 * non-negative numbers with a positive sum.
 * @example categoricalPrior(3, { weights: [1, 1, 2] })
 */
export function categoricalPrior(n: number, options: CategoricalPriorOptions = {}): CategoricalPrior {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`categoricalPrior: n must be an integer >= 1, got ${n}`);
  }
  const probabilities = new Float64Array(n);
  const w = options.weights;
  if (w === undefined) {
    probabilities.fill(1 / n);
  } else {
    if (w.length !== n) {
      throw new RangeError(`categoricalPrior: weights must have length n=${n}, got ${w.length}`);
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (!(wi >= 0 && Number.isFinite(wi))) {
        throw new RangeError(`categoricalPrior: weights[${i}] must be finite and >= 0, got ${wi}`);
      }
      total += wi;
    }
    if (!(total > 0)) throw new RangeError("categoricalPrior: weights must have a positive sum");
    for (let i = 0; i < n; i++) probabilities[i] = w[i]! / total;
  }
  return { kind: "categorical", n, probabilities };
}

/** Internal bounds [-1/2, n - 1/2]: index i owns the cell [i - 1/2, i + 1/2). */
export function categoricalInternalBounds(p: CategoricalPrior): [number, number] {
  return [-0.5, p.n - 0.5];
}

/** The index whose cell holds u (clamped). */
export function categoricalFromInternal(p: CategoricalPrior, u: number): number {
  const i = Math.round(u);
  return i < 0 ? 0 : i > p.n - 1 ? p.n - 1 : i;
}

/** A draw (an index) from the prior. */
export function categoricalSample(p: CategoricalPrior, rng: Rng): number {
  return categorical(rng, p.probabilities);
}

/** log probability of index i; -Infinity for anything that is not an index. */
export function categoricalLogPmf(p: CategoricalPrior, i: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= p.n) return Number.NEGATIVE_INFINITY;
  return Math.log(p.probabilities[i]!);
}
