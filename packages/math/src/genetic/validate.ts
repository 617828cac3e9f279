/** Argument checks shared by the genetic operators; each error names the argument and its range. */
import type { Box } from "./types.js";

/** @throws RangeError unless `value` is a finite number in [lo, hi] (bounds inclusive). */
export function checkClosed(where: string, name: string, value: number, lo: number, hi: number): void {
  if (!(typeof value === "number" && value >= lo && value <= hi)) {
    throw new RangeError(`${where}: ${name} must be a number in [${lo}, ${hi}], got ${String(value)}`);
  }
}

/** @throws RangeError unless `value` is a finite number ≥ 0. */
export function checkNonNegative(where: string, name: string, value: number): void {
  if (!(typeof value === "number" && value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`${where}: ${name} must be a finite number >= 0, got ${String(value)}`);
  }
}

/** @throws RangeError unless `value` is a finite number > 0. */
export function checkPositive(where: string, name: string, value: number): void {
  if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${String(value)}`);
  }
}

/** @throws RangeError unless `value` is an integer ≥ min. */
export function checkInteger(where: string, name: string, value: number, min: number): void {
  if (!(Number.isSafeInteger(value) && value >= min)) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

/** The unit cube [0, 1]ⁿ. */
export function unitBox(n: number): Box {
  return { lower: new Float64Array(n), upper: new Float64Array(n).fill(1) };
}

/**
 * Checks the parents (k Float64Arrays of one length n, finite values) and the box (n finite
 * bounds, lower ≤ upper); returns n.
 * @throws RangeError / TypeError naming `where` and the argument.
 */
export function checkParents(where: string, parents: readonly Float64Array[], k: number, box: Box): number {
  if (!Array.isArray(parents as unknown) || parents.length !== k) {
    throw new RangeError(
      `${where}: parents must be an array of ${k} Float64Arrays, got ${describe(parents)}`,
    );
  }
  const n = parents[0]!.length;
  for (let p = 0; p < k; p++) {
    const x = parents[p];
    if (!(x instanceof Float64Array)) throw new TypeError(`${where}: parents[${p}] must be a Float64Array`);
    if (x.length !== n) {
      throw new RangeError(`${where}: parents[${p}] has length ${x.length}, parents[0] has ${n}`);
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i]))
        throw new RangeError(`${where}: parents[${p}][${i}] must be finite, got ${x[i]}`);
    }
  }
  checkBox(where, box, n);
  return n;
}

/** @throws RangeError unless box has n finite bounds with lower ≤ upper. */
export function checkBox(where: string, box: Box, n: number): void {
  if (
    box === null ||
    typeof box !== "object" ||
    !(box.lower instanceof Float64Array) ||
    !(box.upper instanceof Float64Array)
  ) {
    throw new TypeError(`${where}: box must be { lower: Float64Array, upper: Float64Array }`);
  }
  if (box.lower.length !== n || box.upper.length !== n) {
    throw new RangeError(
      `${where}: box bounds must have length ${n} (the number of genes), got ${box.lower.length} and ${box.upper.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const lo = box.lower[i]!;
    const hi = box.upper[i]!;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new RangeError(`${where}: box gene ${i} must have finite lower <= upper, got [${lo}, ${hi}]`);
    }
  }
}

function describe(v: unknown): string {
  return Array.isArray(v) ? `${v.length} entries` : typeof v;
}
