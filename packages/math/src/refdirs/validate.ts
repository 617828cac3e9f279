/** Argument checks shared by the reference-direction generators. */

/** Largest number of directions a generator builds (8 MB of Float64 per objective). */
export const MAX_DIRECTIONS = 1_000_000;

/** Checks that `value` is an integer ≥ `min`. */
export function checkInteger(where: string, name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${value}`);
  }
}
