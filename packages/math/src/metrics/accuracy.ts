/**
 * Classification accuracy and top-k accuracy from scores (logits or probabilities), and
 * accuracy from predicted labels.
 *
 * Notation: `scores` is a row-major Float64Array of shape [rows, nClasses]; row r is
 * correct at k when its true class yᵣ is among the k highest scores.
 *
 * Ties. Among classes with equal scores the order is undefined, so a row whose true class
 * is tied at the k-th place is neither plainly right nor plainly wrong. With m classes
 * scoring strictly above the true class and g classes (the true one included) scoring
 * exactly the same, the `ties` option chooses:
 * - `"expected"` (default): the probability of being in the top k when ties are broken
 *   uniformly at random, clamp((k - m)/g, 0, 1). Unbiased, and independent of class order.
 * - `"pessimistic"`: correct only if m + g ≤ k (every tied class fits).
 * - `"optimistic"`: correct if m < k (the true class wins every tie).
 * Without ties the three agree. A row containing NaN makes the result NaN; ±Infinity are
 * ordinary scores (two +Infinity scores tie).
 */
import { checkScoresAndLabels } from "./validate.js";

/** How rows whose true class is tied at the k-th place are counted. */
export type TieRule = "expected" | "pessimistic" | "optimistic";

/** Options of {@link topKAccuracy} and {@link accuracy}. */
export interface AccuracyOptions {
  /**
   * How to count a row whose true class ties with other classes at the boundary.
   * @defaultValue "expected"
   */
  readonly ties?: TieRule;
}

const TIE_RULES: readonly TieRule[] = ["expected", "pessimistic", "optimistic"];

function topK(
  where: string,
  scores: Float64Array,
  nClasses: number,
  labels: ArrayLike<number>,
  k: number,
  options: AccuracyOptions,
): number {
  const rows = checkScoresAndLabels(where, scores, nClasses, labels);
  if (!(Number.isInteger(k) && k >= 1 && k <= nClasses)) {
    throw new RangeError(`${where}: k must be an integer in [1, nClasses=${nClasses}], got ${k}`);
  }
  const ties = options.ties ?? "expected";
  if (!TIE_RULES.includes(ties)) {
    throw new RangeError(`${where}: ties must be one of ${TIE_RULES.join(", ")}, got ${String(ties)}`);
  }
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const start = r * nClasses;
    const target = scores[start + labels[r]!]!;
    let above = 0;
    let tied = 0;
    for (let j = 0; j < nClasses; j++) {
      const s = scores[start + j]!;
      if (Number.isNaN(s)) return Number.NaN;
      if (s > target) above++;
      else if (s === target) tied++; // includes the true class itself
    }
    if (ties === "expected") {
      const credit = (k - above) / tied;
      correct += credit <= 0 ? 0 : credit >= 1 ? 1 : credit;
    } else if (ties === "pessimistic") {
      if (above + tied <= k) correct++;
    } else if (above < k) {
      correct++;
    }
  }
  return correct / rows;
}

/**
 * The fraction of rows whose true class is among the k highest scores.
 * @param scores - row-major scores of shape [rows, nClasses] (logits or probabilities).
 * @param nClasses - the number of classes (row length).
 * @param labels - one integer class in [0, nClasses) per row.
 * @param k - how many top classes count as a hit, an integer in [1, nClasses].
 * @param options - tie handling, see the module header.
 * @returns a value in [0, 1], or NaN if a score is NaN.
 * @throws RangeError if `nClasses` is not an integer ≥ 1 dividing `scores.length`, there are
 * no rows, `labels` does not have one entry per row, a label is not an integer in
 * [0, nClasses), `k` is out of range, or `ties` is unknown.
 * @example topKAccuracy(new Float64Array([0.1, 0.5, 0.4]), 3, [2], 2) // 1
 */
export function topKAccuracy(
  scores: Float64Array,
  nClasses: number,
  labels: ArrayLike<number>,
  k: number,
  options: AccuracyOptions = {},
): number {
  return topK("topKAccuracy", scores, nClasses, labels, k, options);
}

/**
 * The fraction of rows whose highest score is at the true class (top-1 accuracy).
 * @throws RangeError as {@link topKAccuracy}.
 * @example accuracy(new Float64Array([2, 1, 0, 3]), 2, [0, 0]) // 0.5
 */
export function accuracy(
  scores: Float64Array,
  nClasses: number,
  labels: ArrayLike<number>,
  options: AccuracyOptions = {},
): number {
  return topK("accuracy", scores, nClasses, labels, 1, options);
}

/**
 * The fraction of positions where a predicted label equals the true label.
 * @param predicted - predicted class labels (integers).
 * @param labels - true class labels (integers), same length.
 * @throws RangeError if the lengths differ, the arrays are empty, or an entry is not an
 * integer.
 * @example labelAccuracy([0, 1, 1], [0, 1, 0]) // 2/3
 */
export function labelAccuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  if (predicted.length !== n) {
    throw new RangeError(
      `labelAccuracy: predicted and labels must have the same length, got ${predicted.length} and ${n}`,
    );
  }
  if (n === 0) throw new RangeError("labelAccuracy: labels must not be empty");
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const a = predicted[i];
    const b = labels[i];
    if (!Number.isInteger(a))
      throw new RangeError(`labelAccuracy: predicted must be integers, got predicted[${i}]=${a}`);
    if (!Number.isInteger(b))
      throw new RangeError(`labelAccuracy: labels must be integers, got labels[${i}]=${b}`);
    if (a === b) correct++;
  }
  return correct / n;
}
