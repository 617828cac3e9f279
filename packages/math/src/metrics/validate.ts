/**
 * Argument checks shared by the metrics; each error names the function, the argument and the
 * allowed range.
 */

/**
 * How far Σ pᵢ may be from 1 before a vector is rejected as a distribution. Loose enough for
 * probabilities exported in float32 (relative rounding 6e-8 per entry) and for softmax
 * outputs summed in any order; tight enough to catch unnormalized weights.
 */
export const DEFAULT_SUM_TOLERANCE: number = 1e-6;

/**
 * @throws RangeError unless `p` is a non-empty vector of finite entries ≥ 0 whose sum is
 * within `tolerance` of 1.
 */
export function checkDistribution(
  where: string,
  name: string,
  p: ArrayLike<number>,
  tolerance: number,
): void {
  const n = p.length;
  if (n === 0) throw new RangeError(`${where}: ${name} must not be empty`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v !== Number.POSITIVE_INFINITY)) {
      throw new RangeError(`${where}: ${name} must have finite entries >= 0, got ${name}[${i}]=${v}`);
    }
    sum += v;
  }
  if (!(Math.abs(sum - 1) <= tolerance)) {
    throw new RangeError(`${where}: ${name} must sum to 1 (tolerance ${tolerance}), got a sum of ${sum}`);
  }
}

/** @throws RangeError unless `tolerance` is a finite number ≥ 0. */
export function checkTolerance(where: string, tolerance: number): void {
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new RangeError(`${where}: tolerance must be a finite number >= 0, got ${tolerance}`);
  }
}

/** @throws RangeError unless `a` and `b` have the same length. */
export function checkSameLength(
  where: string,
  a: ArrayLike<number>,
  aName: string,
  b: ArrayLike<number>,
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${where}: ${aName} and ${bName} must have the same length, got ${a.length} and ${b.length}`,
    );
  }
}

/**
 * Checks a row-major score matrix against its labels and returns the number of rows.
 * @throws RangeError unless `nClasses` is an integer ≥ 1 dividing `scores.length`, there is
 * at least one row, `labels` has one entry per row, and every label is an integer in
 * [0, nClasses).
 */
export function checkScoresAndLabels(
  where: string,
  scores: ArrayLike<number>,
  nClasses: number,
  labels: ArrayLike<number>,
): number {
  if (!(Number.isSafeInteger(nClasses) && nClasses >= 1)) {
    throw new RangeError(`${where}: nClasses must be an integer >= 1, got ${nClasses}`);
  }
  if (scores.length % nClasses !== 0) {
    throw new RangeError(
      `${where}: the matrix length ${scores.length} is not a multiple of nClasses=${nClasses}`,
    );
  }
  const rows = scores.length / nClasses;
  if (rows === 0) throw new RangeError(`${where}: the matrix must have at least one row`);
  if (labels.length !== rows) {
    throw new RangeError(`${where}: labels must have one entry per row (${rows}), got ${labels.length}`);
  }
  for (let i = 0; i < rows; i++) {
    const y = labels[i]!;
    if (!(Number.isInteger(y) && y >= 0 && y < nClasses)) {
      throw new RangeError(`${where}: labels must be integers in [0, ${nClasses}), got labels[${i}]=${y}`);
    }
  }
  return rows;
}
