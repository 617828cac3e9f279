/**
 * The argument check of a generational optimizer's `tell` (ACO_R and the GA): exactly one
 * solution per member of the generation, each an object with a value that is a number other
 * than NaN and an x of `dim` finite coordinates, plus whatever a coordinate's variable needs.
 */

/** A solution as `tell` receives it. */
export interface BatchSolution {
  readonly x: ArrayLike<number>;
  readonly value: number;
}

/**
 * Throws (before anything changes) unless `solutions` is a valid batch.
 * @param where - the method named in messages, e.g. `"AntColony.tell"`.
 * @param size - the number of solutions expected (the optimizer's `populationSize`).
 * @param dim - the number of coordinates of each x.
 * @param coordinate - an extra check of coordinate i of solution j (already finite): a message
 *   completing "solutions[j].x[i] must be ...", or null when it is fine.
 * @throws TypeError when `solutions` or one of them is not an object / array; RangeError
 *   naming the solution and coordinate otherwise.
 */
export function checkSolutionBatch(
  where: string,
  solutions: readonly BatchSolution[],
  size: number,
  dim: number,
  coordinate?: (xi: number, i: number) => string | null,
): void {
  if (!Array.isArray(solutions as unknown)) throw new TypeError(`${where}: solutions must be an array`);
  if (solutions.length !== size) {
    throw new RangeError(`${where}: expected ${size} solutions (populationSize), got ${solutions.length}`);
  }
  solutions.forEach((s, j) => {
    if (s === null || typeof s !== "object")
      throw new TypeError(`${where}: solutions[${j}] must be an object`);
    if (typeof s.value !== "number" || Number.isNaN(s.value)) {
      throw new RangeError(
        `${where}: solutions[${j}].value must be a number (not NaN), got ${String(s.value)}`,
      );
    }
    const x = s.x;
    if (x === null || x === undefined || typeof x !== "object" || x.length !== dim) {
      throw new RangeError(`${where}: solutions[${j}].x must have ${dim} coordinates`);
    }
    for (let i = 0; i < dim; i++) {
      const xi = x[i]!;
      if (typeof xi !== "number" || !Number.isFinite(xi)) {
        throw new RangeError(`${where}: solutions[${j}].x[${i}] must be finite, got ${String(xi)}`);
      }
      const problem = coordinate?.(xi, i) ?? null;
      if (problem !== null)
        throw new RangeError(`${where}: solutions[${j}].x[${i}] must be ${problem}, got ${xi}`);
    }
  });
}
