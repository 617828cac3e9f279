/** Argument checks shared by the prior constructors; each error names the argument and range. */

/** @throws RangeError unless low and high are finite and low ≤ high. */
export function checkBounds(where: string, low: number, high: number): void {
  if (!Number.isFinite(low)) throw new RangeError(`${where}: low must be a finite number, got ${low}`);
  if (!Number.isFinite(high)) throw new RangeError(`${where}: high must be a finite number, got ${high}`);
  if (low > high) throw new RangeError(`${where}: low must be <= high, got low=${low}, high=${high}`);
}

/** @throws RangeError unless step is finite and > 0. */
export function checkStep(where: string, step: number): void {
  if (!(step > 0 && Number.isFinite(step))) {
    throw new RangeError(`${where}: step must be a finite number > 0, got ${step}`);
  }
}

/**
 * The number of grid points low, low + step, ... ≤ high, tolerating floating-point error
 * in (high - low)/step (e.g. 0.1 steps).
 */
export function gridSize(low: number, high: number, step: number): number {
  const r = (high - low) / step;
  const n = Math.round(r);
  return (Math.abs(r - n) <= 1e-8 * Math.max(1, Math.abs(r)) ? n : Math.floor(r)) + 1;
}
