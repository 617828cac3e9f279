/**
 * Argument checks of the optimizers. Each throws a one-line error naming the function, the
 * argument and the allowed range.
 */

/** @throws TypeError unless f is a function. */
export function checkFunction(where: string, name: string, f: unknown): void {
  if (typeof f !== "function") throw new TypeError(`${where}: ${name} must be a function, got ${typeof f}`);
}

/** @throws TypeError / RangeError unless x is a non-empty Float64Array without NaN. */
export function checkStart(where: string, name: string, x: unknown): Float64Array {
  if (!(x instanceof Float64Array)) throw new TypeError(`${where}: ${name} must be a Float64Array`);
  if (x.length === 0) throw new RangeError(`${where}: ${name} must have at least one coordinate`);
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) throw new RangeError(`${where}: ${name}[${i}] must be a number, got NaN`);
  }
  return x;
}

/** Which bounds a problem has: none finite, some, or both finite on every variable. */
export type BoundsKind = "none" | "some" | "box";

/**
 * Checks optional bounds of length n (lower[i] ≤ upper[i], lower[i] < +∞, upper[i] > −∞,
 * no NaN) and writes them into `lower` / `upper` (±Infinity where absent).
 * @returns which bounds are finite, see {@link BoundsKind}.
 */
export function fillBounds(
  where: string,
  n: number,
  lowerIn: Float64Array | undefined,
  upperIn: Float64Array | undefined,
  lower: Float64Array,
  upper: Float64Array,
): BoundsKind {
  for (const [name, b] of [
    ["lower", lowerIn],
    ["upper", upperIn],
  ] as const) {
    if (b === undefined) continue;
    if (!(b instanceof Float64Array)) throw new TypeError(`${where}: ${name} must be a Float64Array`);
    if (b.length !== n)
      throw new RangeError(`${where}: ${name} must have length ${n} (the dimension), got ${b.length}`);
  }
  let someFinite = false;
  let allBoxed = true;
  for (let i = 0; i < n; i++) {
    const l = lowerIn === undefined ? Number.NEGATIVE_INFINITY : lowerIn[i]!;
    const u = upperIn === undefined ? Number.POSITIVE_INFINITY : upperIn[i]!;
    if (Number.isNaN(l) || l === Number.POSITIVE_INFINITY) {
      throw new RangeError(`${where}: lower[${i}] must be a number below +Infinity, got ${l}`);
    }
    if (Number.isNaN(u) || u === Number.NEGATIVE_INFINITY) {
      throw new RangeError(`${where}: upper[${i}] must be a number above -Infinity, got ${u}`);
    }
    if (!(l <= u)) throw new RangeError(`${where}: lower[${i}] = ${l} must be <= upper[${i}] = ${u}`);
    lower[i] = l;
    upper[i] = u;
    const lowFinite = l > Number.NEGATIVE_INFINITY;
    const highFinite = u < Number.POSITIVE_INFINITY;
    if (lowFinite || highFinite) someFinite = true;
    if (!(lowFinite && highFinite)) allBoxed = false;
  }
  return allBoxed ? "box" : someFinite ? "some" : "none";
}

/** @throws RangeError unless v is undefined or an integer ≥ min; returns v or the default. */
export function integerOption(
  where: string,
  name: string,
  v: number | undefined,
  min: number,
  fallback: number,
): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < min)
    throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/** @throws RangeError unless v is undefined or finite and ≥ 0; returns v or the default. */
export function toleranceOption(
  where: string,
  name: string,
  v: number | undefined,
  fallback: number,
): number {
  if (v === undefined) return fallback;
  if (!(v >= 0 && Number.isFinite(v)))
    throw new RangeError(`${where}: ${name} must be finite and >= 0, got ${v}`);
  return v;
}
