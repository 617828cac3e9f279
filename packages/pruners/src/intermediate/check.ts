/** Option checks shared by the pruners (errors name the class, the option and the range). */

/** @throws RangeError unless `value` is a safe integer ≥ `min`. */
export function checkInteger(where: string, name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}
