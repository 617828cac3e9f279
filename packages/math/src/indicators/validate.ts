/**
 * Argument checks shared by the quality indicators. Sets are row-major Float64Arrays of shape
 * N×m (N points, m objectives, all minimized).
 */

/**
 * Checks m, the shape of a set, that it holds at least `minPoints` points and that every value
 * is finite. Returns N.
 * @throws TypeError or RangeError naming `where` and `name`.
 */
export function checkSet(
  where: string,
  name: string,
  points: Float64Array,
  nObjectives: number,
  minPoints = 1,
): number {
  if (!(points instanceof Float64Array)) {
    throw new TypeError(`${where}: ${name} must be a Float64Array (row-major N×m)`);
  }
  if (!Number.isSafeInteger(nObjectives) || nObjectives < 1) {
    throw new RangeError(`${where}: nObjectives must be an integer >= 1, got ${nObjectives}`);
  }
  if (points.length % nObjectives !== 0) {
    throw new RangeError(
      `${where}: ${name} length ${points.length} is not a multiple of nObjectives=${nObjectives} (dimension mismatch)`,
    );
  }
  const n = points.length / nObjectives;
  if (n < minPoints) {
    throw new RangeError(
      `${where}: ${name} must hold at least ${minPoints} point${minPoints > 1 ? "s" : ""}, got ${n}`,
    );
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) {
      throw new RangeError(
        `${where}: objective ${i % nObjectives} of ${name} point ${Math.floor(i / nObjectives)} must be finite, got ${points[i]}`,
      );
    }
  }
  return n;
}

/** Checks the exponent p of a power mean: finite and ≥ 1. */
export function checkPower(where: string, p: number): void {
  if (typeof p !== "number" || !Number.isFinite(p) || p < 1) {
    throw new RangeError(`${where}: p must be a finite number >= 1, got ${p}`);
  }
}
