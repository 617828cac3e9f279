/**
 * Argument checks shared by the GP functions. Each throws a one-line error naming the
 * function, the argument and the allowed range.
 */

/** @throws RangeError unless v is an integer ≥ 1. */
export function checkPositiveInteger(where: string, name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 1)
    throw new RangeError(`${where}: ${name} must be an integer >= 1, got ${v}`);
}

/** @throws RangeError unless v is an integer ≥ 0. */
export function checkNonNegativeInteger(where: string, name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${where}: ${name} must be an integer >= 0, got ${v}`);
}

/** @throws RangeError unless v is finite and > 0. */
export function checkPositive(where: string, name: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v)))
    throw new RangeError(`${where}: ${name} must be positive and finite, got ${v}`);
}

/** @throws RangeError unless v is finite and ≥ 0. */
export function checkNonNegative(where: string, name: string, v: number): void {
  if (!(v >= 0 && Number.isFinite(v)))
    throw new RangeError(`${where}: ${name} must be finite and >= 0, got ${v}`);
}

/**
 * Checks a row-major N×D matrix of finite numbers and returns N.
 * @throws TypeError if it is not a Float64Array; RangeError on a bad length or a non-finite entry.
 */
export function checkMatrix(where: string, name: string, a: Float64Array, d: number): number {
  if (!(a instanceof Float64Array))
    throw new TypeError(`${where}: ${name} must be a Float64Array (row-major N×D)`);
  if (a.length % d !== 0) {
    throw new RangeError(`${where}: ${name} length ${a.length} is not a multiple of the dimension D=${d}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      throw new RangeError(`${where}: ${name}[${Math.floor(i / d)}][${i % d}] must be finite, got ${a[i]}`);
    }
  }
  return a.length / d;
}

/**
 * Checks a vector of finite numbers of the given length.
 * @throws TypeError if it is not a Float64Array; RangeError on a bad length or a non-finite entry.
 */
export function checkVector(where: string, name: string, v: Float64Array, length: number): void {
  if (!(v instanceof Float64Array)) throw new TypeError(`${where}: ${name} must be a Float64Array`);
  if (v.length !== length)
    throw new RangeError(`${where}: ${name} must have length ${length}, got ${v.length}`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`${where}: ${name}[${i}] must be finite, got ${v[i]}`);
  }
}
