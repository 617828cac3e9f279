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

/**
 * The check of the rows a state record restores (ACO_R's archive, the GA's population): at
 * most `max` rows of `dim` finite numbers, one value each, and a non-negative integer counter.
 * @param where - the method named in messages, e.g. `"AntColony.fromJSON"`.
 * @param what - the rows' name and unit in the message, e.g. `["archive", "rows"]`.
 * @param counter - the counter's name and value, e.g. `["iteration", state.iteration]`.
 * @throws RangeError naming what is wrong.
 */
export function checkStoredRows(
  where: string,
  rows: unknown,
  values: unknown,
  max: number,
  dim: number,
  what: readonly [name: string, unit: string],
  counter: readonly [name: string, value: unknown],
): void {
  if (
    !Array.isArray(rows) ||
    !Array.isArray(values) ||
    rows.length !== values.length ||
    rows.length > max ||
    rows.some((x: unknown) => !Array.isArray(x) || x.length !== dim || !x.every(Number.isFinite))
  ) {
    throw new RangeError(
      `${where}: ${what[0]} must be at most ${max} ${what[1]} of ${dim} finite numbers, one value each`,
    );
  }
  const [name, value] = counter;
  if (!(typeof value === "number" && Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${where}: ${name} must be a non-negative integer, got ${String(value)}`);
  }
}
