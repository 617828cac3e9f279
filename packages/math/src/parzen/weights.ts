/**
 * Observation weights of a Parzen estimator, as injectable functions of the number of
 * observations n (observations ordered oldest first), and the normalization that appends the
 * prior component.
 */

/** A weight function: n ↦ n non-negative weights, oldest observation first. */
export type WeightsFunction = (n: number) => ArrayLike<number>;

/** Number of most recent observations that keep full weight in {@link defaultWeights}. */
const FLAT_RECENT = 25;

/**
 * Bergstra et al. (2011, §4.1; Hyperopt's `linear_forgetting_weights`) and Optuna's
 * `default_weights`: weight 1 for every observation when n < 25; otherwise the most recent 25
 * keep weight 1 and the n - 25 older ones ramp linearly from 1/n (oldest) to 1.
 * @param n - number of observations, an integer ≥ 0.
 * @returns a Float64Array of length n.
 * @throws RangeError if n is not a non-negative safe integer.
 * @example defaultWeights(27) // [1/27, 1, 1, ..., 1]
 */
export function defaultWeights(n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`defaultWeights: n must be an integer >= 0, got ${n}`);
  }
  const w = new Float64Array(n).fill(1);
  if (n < FLAT_RECENT) return w;
  const ramp = n - FLAT_RECENT;
  // numpy.linspace(1/n, 1, ramp): equally spaced, both ends included (one point: 1/n).
  const first = 1 / n;
  const stepSize = ramp > 1 ? (1 - first) / (ramp - 1) : 0;
  for (let i = 0; i < ramp; i++) w[i] = i === ramp - 1 && ramp > 1 ? 1 : first + i * stepSize;
  return w;
}

/**
 * Equal weights for every observation (the weighting of Watanabe, arXiv:2304.11127, which
 * found it competitive with the ramp).
 * @throws RangeError if n is not a non-negative safe integer.
 * @example uniformWeights(3) // [1, 1, 1]
 */
export function uniformWeights(n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`uniformWeights: n must be an integer >= 0, got ${n}`);
  }
  return new Float64Array(n).fill(1);
}

/**
 * The normalized mixture weights: the observation weights, followed by `priorWeight` when
 * the prior component is present, divided by their sum (Optuna's `_calculate_weights`).
 * @param out - optional: the array to write them into, of length n + (hasPrior ? 1 : 0).
 *   @defaultValue a new Float64Array
 * @throws RangeError if the observation weights do not have length n, contain a negative or
 * non-finite value, or sum to 0 (with n > 0), or if priorWeight is not positive and finite.
 */
export function mixtureWeights(
  observationWeights: ArrayLike<number>,
  n: number,
  hasPrior: boolean,
  priorWeight: number,
  out?: Float64Array,
): Float64Array {
  if (observationWeights.length !== n) {
    throw new RangeError(
      `buildParzenEstimator: weights must have one entry per observation (${n}), got ${observationWeights.length}`,
    );
  }
  const k = n + (hasPrior ? 1 : 0);
  if (out !== undefined && out.length !== k) {
    throw new RangeError(`mixtureWeights: out must have length ${k}, got ${out.length}`);
  }
  const w = out ?? new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = observationWeights[i]!;
    if (!(v >= 0 && Number.isFinite(v))) {
      throw new RangeError(`buildParzenEstimator: weights must be finite and >= 0, got weights[${i}]=${v}`);
    }
    w[i] = v;
    total += v;
  }
  if (n > 0 && !(total > 0)) throw new RangeError("buildParzenEstimator: weights must not all be 0");
  if (hasPrior) {
    if (!(priorWeight > 0 && Number.isFinite(priorWeight))) {
      throw new RangeError(
        `buildParzenEstimator: priorWeight must be positive and finite, got ${priorWeight}`,
      );
    }
    w[n] = priorWeight;
    total += priorWeight;
  }
  for (let i = 0; i < k; i++) w[i] = w[i]! / total;
  return w;
}
