/** Option checks shared by the pruners (errors name the class, the option and the range). */

/** @throws RangeError unless `value` is a safe integer ≥ `min`. */
export function checkInteger(where: string, name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/** @throws RangeError if `value` is not a number or is NaN (±Infinity allowed). */
export function checkNotNaN(where: string, name: string, value: number): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new RangeError(
      `${where}: ${name} must be a number in [-Infinity, Infinity] (not NaN), got ${String(value)}`,
    );
  }
  return value;
}

/** @throws RangeError if `value` is not a number ≥ `min` (NaN and +Infinity refused). */
export function checkFiniteAtLeast(where: string, name: string, value: number, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new RangeError(`${where}: ${name} must be a finite number >= ${min}, got ${String(value)}`);
  }
  return value;
}
