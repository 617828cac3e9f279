/**
 * Argument checks shared by the conjugate-prior toolkit; each error is one line naming the
 * function, the argument and the allowed range (the pattern of `pareto/validate.ts`).
 */
import type { SufficientStats } from "./types.js";

/** @throws RangeError unless `v` is a finite number > 0. */
export function checkPositive(where: string, name: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v))) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${v}`);
  }
}

/** @throws RangeError unless `v` is a finite number. */
export function checkFinite(where: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${where}: ${name} must be a finite number, got ${v}`);
}

/** @throws RangeError unless `v` is an integer ≥ `min` (a safe integer). */
export function checkInteger(where: string, name: string, v: number, min: number): void {
  if (!(Number.isSafeInteger(v) && v >= min)) {
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${v}`);
  }
}

/** @throws RangeError unless `level` is in (0, 1). */
export function checkLevel(where: string, level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`${where}: level must be in (0, 1), got ${level}`);
  }
}

/** @throws RangeError unless `p` is in [0, 1]. */
export function checkProbability(where: string, name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${where}: ${name} must be in [0, 1], got ${p}`);
}

/**
 * Checks a vector of concentration parameters (K ≥ 2 finite entries > 0) and returns a
 * Float64Array copy of it.
 * @throws RangeError naming `where` and `name`.
 */
export function checkConcentrations(where: string, name: string, alpha: ArrayLike<number>): Float64Array {
  if (alpha === null || typeof alpha !== "object" || typeof alpha.length !== "number") {
    throw new TypeError(`${where}: ${name} must be an array of numbers`);
  }
  if (alpha.length < 2) {
    throw new RangeError(`${where}: ${name} must have at least 2 categories, got ${alpha.length}`);
  }
  const out = new Float64Array(alpha.length);
  for (let k = 0; k < alpha.length; k++) {
    const v = alpha[k]!;
    if (!(v > 0 && Number.isFinite(v))) {
      throw new RangeError(`${where}: ${name}[${k}] must be a finite number > 0, got ${v}`);
    }
    out[k] = v;
  }
  return out;
}

/** @throws TypeError unless `data` is array-like (an array or a typed array of numbers). */
export function checkArrayLike(where: string, name: string, data: ArrayLike<number>): void {
  if (data === null || typeof data !== "object" || typeof data.length !== "number") {
    throw new TypeError(`${where}: ${name} must be an array of numbers or a sufficient-statistics record`);
  }
}

/**
 * True when `data` is a sufficient-statistics record (an object with a string `kind`), false
 * for an array of observations.
 */
export function isStats(data: ArrayLike<number> | SufficientStats): data is SufficientStats {
  return typeof (data as { kind?: unknown }).kind === "string";
}

/** @throws RangeError when `stats.kind` is not `expected`. */
export function checkStatsKind(
  where: string,
  stats: SufficientStats,
  expected: SufficientStats["kind"],
): void {
  if (stats.kind !== expected) {
    throw new RangeError(`${where}: data must be ${expected} for this prior, got ${stats.kind}`);
  }
}
