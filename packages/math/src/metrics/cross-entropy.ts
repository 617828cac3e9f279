/**
 * Cross-entropy in nats, from probability vectors and from logits with integer labels.
 *
 * Notation: p is the data distribution and q the model's, H(p, q) = -Σ pᵢ ln qᵢ
 * = H(p) + D_KL(p‖q) (Cover and Thomas 2006, eq. (2.1) and §2.3). For a batch, `logits` is a
 * row-major Float64Array of shape [rows, nClasses] and `labels[r]` ∈ [0, nClasses) is the
 * class of row r; the loss of row r is -log softmax(z_r)[y_r] = logSumExp(z_r) - z_r[y_r], the
 * negative log-likelihood that language-model training minimizes.
 *
 * Non-finite logits: NaN anywhere in a row makes that row's loss NaN. A row is taken to its
 * limit when some logits are +Infinity: the m infinite classes share the mass, so the loss
 * is ln m for a label among them and +Infinity otherwise. -Infinity logits are classes of
 * probability 0 (loss +Infinity when labelled). A row of all -Infinity has no distribution:
 * NaN.
 */
import { logSumExp } from "../special/log-space.js";
import type { DistributionOptions } from "./entropy.js";
import {
  checkDistribution,
  checkSameLength,
  checkScoresAndLabels,
  checkTolerance,
  DEFAULT_SUM_TOLERANCE,
} from "./validate.js";

/**
 * The cross-entropy H(p, q) = -Σ pᵢ ln qᵢ in nats; terms with pᵢ = 0 contribute 0, and the
 * result is +Infinity when some qᵢ = 0 where pᵢ > 0.
 * @param p - the data distribution (for example a one-hot or smoothed label).
 * @param q - the model distribution; same length as p.
 * @throws RangeError if the lengths differ, or either vector is empty, has a NaN, infinite
 * or negative entry, or does not sum to 1 within `options.tolerance`.
 * @example crossEntropy([1, 0], [0.8, 0.2]) // -ln 0.8 ≈ 0.223
 */
export function crossEntropy(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: DistributionOptions = {},
): number {
  const tolerance = options.tolerance ?? DEFAULT_SUM_TOLERANCE;
  checkTolerance("crossEntropy", tolerance);
  checkSameLength("crossEntropy", p, "p", q, "q");
  checkDistribution("crossEntropy", "p", p, tolerance);
  checkDistribution("crossEntropy", "q", q, tolerance);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi === 0) continue;
    const qi = q[i]!;
    if (qi === 0) return Number.POSITIVE_INFINITY;
    h -= pi * Math.log(qi);
  }
  return h;
}

/**
 * -log softmax(row)[y] with the limits described in the module header, at full relative
 * precision even for tiny losses. When the label holds the row maximum the loss is
 * log1p(Σ_{j≠y} exp(z_j - z_y)) (so 4.2e-18 at logits (1e4, 1e4 - 40), where
 * logSumExp(row) - z_y would round to 0); otherwise it is logSumExp(row - z_y) ≥ max - z_y,
 * whose absolute rounding error is small against its size. `scratch` has the row's length.
 */
function rowLoss(row: Float64Array, y: number, scratch: Float64Array): number {
  const zy = row[y]!;
  let infinite = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < row.length; j++) {
    const z = row[j]!;
    if (Number.isNaN(z)) return Number.NaN;
    if (z === Number.POSITIVE_INFINITY) infinite++;
    if (z > max) max = z;
  }
  if (infinite > 0) return zy === Number.POSITIVE_INFINITY ? Math.log(infinite) : Number.POSITIVE_INFINITY;
  if (max === Number.NEGATIVE_INFINITY) return Number.NaN; // every class has probability 0
  if (zy === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (zy === max) {
    let others = 0;
    for (let j = 0; j < row.length; j++) if (j !== y) others += Math.exp(row[j]! - zy);
    return Math.log1p(others);
  }
  for (let j = 0; j < row.length; j++) scratch[j] = row[j]! - zy;
  return logSumExp(scratch);
}

/**
 * The row-wise log-softmax zᵢⱼ - logSumExp(zᵢ) of a row-major [rows, nClasses] matrix,
 * stable for logits of any magnitude (±1e4 and beyond). Rows with +Infinity logits take
 * their limit (-ln m on the m infinite entries, -Infinity elsewhere); rows with a NaN, or
 * entirely -Infinity, become NaN.
 * @param logits - row-major logits, length rows·nClasses.
 * @param nClasses - the row length.
 * @param out - optional output of the same length (may be `logits` itself).
 * @throws RangeError if `nClasses` is not an integer ≥ 1 dividing `logits.length`, or `out`
 * has the wrong length.
 * @example logSoftmax(new Float64Array([0, 0]), 2) // [-ln 2, -ln 2]
 */
export function logSoftmax(logits: Float64Array, nClasses: number, out?: Float64Array): Float64Array {
  if (!(Number.isSafeInteger(nClasses) && nClasses >= 1)) {
    throw new RangeError(`logSoftmax: nClasses must be an integer >= 1, got ${nClasses}`);
  }
  if (logits.length % nClasses !== 0) {
    throw new RangeError(
      `logSoftmax: logits length ${logits.length} is not a multiple of nClasses=${nClasses}`,
    );
  }
  const result = out ?? new Float64Array(logits.length);
  if (result.length !== logits.length) {
    throw new RangeError(`logSoftmax: out must have length ${logits.length}, got ${result.length}`);
  }
  const rows = logits.length / nClasses;
  for (let r = 0; r < rows; r++) {
    const start = r * nClasses;
    const row = logits.subarray(start, start + nClasses);
    const lse = logSumExp(row);
    if (Number.isNaN(lse) || lse === Number.NEGATIVE_INFINITY) {
      result.fill(Number.NaN, start, start + nClasses);
    } else if (lse === Number.POSITIVE_INFINITY) {
      let m = 0;
      for (let j = 0; j < nClasses; j++) if (row[j] === Number.POSITIVE_INFINITY) m++;
      const share = -Math.log(m);
      for (let j = 0; j < nClasses; j++) {
        result[start + j] = row[j] === Number.POSITIVE_INFINITY ? share : Number.NEGATIVE_INFINITY;
      }
    } else {
      for (let j = 0; j < nClasses; j++) result[start + j] = row[j]! - lse;
    }
  }
  return result;
}

/**
 * The per-row negative log-likelihood -log softmax(zᵣ)[yᵣ] of a batch of logits.
 * @param logits - row-major logits of shape [rows, nClasses].
 * @param nClasses - the number of classes (row length).
 * @param labels - one integer class in [0, nClasses) per row.
 * @returns a Float64Array with one loss per row (nats).
 * @throws RangeError if `nClasses` is not an integer ≥ 1 dividing `logits.length`, there are
 * no rows, `labels` does not have one entry per row, or a label is not an integer in
 * [0, nClasses).
 * @example crossEntropyPerRow(new Float64Array([1e4, 0, 0, 1e4]), 2, [0, 0]) // [0, 1e4]
 */
export function crossEntropyPerRow(
  logits: Float64Array,
  nClasses: number,
  labels: ArrayLike<number>,
): Float64Array {
  const rows = checkScoresAndLabels("crossEntropyPerRow", logits, nClasses, labels);
  const out = new Float64Array(rows);
  const scratch = new Float64Array(nClasses);
  for (let r = 0; r < rows; r++) {
    out[r] = rowLoss(logits.subarray(r * nClasses, (r + 1) * nClasses), labels[r]!, scratch);
  }
  return out;
}

/**
 * The mean cross-entropy (negative log-likelihood, nats per row) of a batch of logits
 * against integer labels, via a stable log-softmax.
 * @returns the mean of {@link crossEntropyPerRow}; NaN if any row is NaN.
 * @throws RangeError as {@link crossEntropyPerRow}.
 * @example crossEntropyFromLogits(new Float64Array([0, 0, 0, 0]), 2, [0, 1]) // ln 2
 */
export function crossEntropyFromLogits(
  logits: Float64Array,
  nClasses: number,
  labels: ArrayLike<number>,
): number {
  const rows = checkScoresAndLabels("crossEntropyFromLogits", logits, nClasses, labels);
  const scratch = new Float64Array(nClasses);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    sum += rowLoss(logits.subarray(r * nClasses, (r + 1) * nClasses), labels[r]!, scratch);
  }
  return sum / rows;
}

/**
 * The perplexity exp(mean cross-entropy) of a batch of logits against integer labels: the
 * quantity reported for language models (Jelinek et al., "Perplexity: a measure of the
 * difficulty of speech recognition tasks", JASA 62(S1), 1977).
 * @throws RangeError as {@link crossEntropyPerRow}.
 * @example perplexityFromLogits(new Float64Array([0, 0, 0, 0, 0, 0]), 6, [3]) // 6
 */
export function perplexityFromLogits(
  logits: Float64Array,
  nClasses: number,
  labels: ArrayLike<number>,
): number {
  const rows = checkScoresAndLabels("perplexityFromLogits", logits, nClasses, labels);
  const scratch = new Float64Array(nClasses);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    sum += rowLoss(logits.subarray(r * nClasses, (r + 1) * nClasses), labels[r]!, scratch);
  }
  return Math.exp(sum / rows);
}
