/**
 * Argument checks shared by the Pareto tools. Points are row-major Float64Arrays of shape N×m
 * (N points, m objectives, all minimized).
 */

/**
 * Checks m and the shape of `points`, and that no coordinate is NaN (and, unless
 * `allowInfinite`, that every coordinate is finite). Returns N.
 * @throws RangeError naming `where` and the offending argument.
 */
export function checkPoints(
  where: string,
  points: Float64Array,
  nObjectives: number,
  allowInfinite: boolean,
): number {
  if (!(points instanceof Float64Array)) {
    throw new TypeError(`${where}: points must be a Float64Array (row-major N×m)`);
  }
  if (!Number.isSafeInteger(nObjectives) || nObjectives < 1) {
    throw new RangeError(`${where}: nObjectives must be an integer >= 1, got ${nObjectives}`);
  }
  if (points.length % nObjectives !== 0) {
    throw new RangeError(
      `${where}: points length ${points.length} is not a multiple of nObjectives=${nObjectives}`,
    );
  }
  for (let i = 0; i < points.length; i++) {
    const v = points[i];
    if (Number.isNaN(v) || (!allowInfinite && !Number.isFinite(v))) {
      const p = Math.floor(i / nObjectives);
      throw new RangeError(
        `${where}: objective ${i % nObjectives} of point ${p} must be ${allowInfinite ? "a number" : "finite"}, got ${v}`,
      );
    }
  }
  return points.length / nObjectives;
}

/**
 * Checks a reference point for hypervolume computations: m finite numbers. Points must not
 * have a -Infinity coordinate (their volume would be infinite); +Infinity is allowed (such a
 * point lies beyond the reference and adds nothing).
 * @throws RangeError naming `where` and the offending argument.
 */
export function checkReference(
  where: string,
  points: Float64Array,
  nObjectives: number,
  reference: ArrayLike<number>,
): Float64Array {
  if (reference.length !== nObjectives) {
    throw new RangeError(
      `${where}: reference must have nObjectives=${nObjectives} entries, got ${reference.length}`,
    );
  }
  const ref = Float64Array.from(reference);
  for (let j = 0; j < nObjectives; j++) {
    if (!Number.isFinite(ref[j]))
      throw new RangeError(`${where}: reference[${j}] must be finite, got ${ref[j]}`);
  }
  for (let i = 0; i < points.length; i++) {
    if (points[i] === Number.NEGATIVE_INFINITY) {
      throw new RangeError(
        `${where}: objective ${i % nObjectives} of point ${Math.floor(i / nObjectives)} is -Infinity (infinite hypervolume)`,
      );
    }
  }
  return ref;
}

/** True when point a dominates point b (minimization): a ≤ b everywhere and a < b somewhere. */
export function dominatesAt(points: Float64Array, a: number, b: number, m: number): boolean {
  const oa = a * m;
  const ob = b * m;
  let strict = false;
  for (let j = 0; j < m; j++) {
    const x = points[oa + j]!;
    const y = points[ob + j]!;
    if (x > y) return false;
    if (x < y) strict = true;
  }
  return strict;
}
