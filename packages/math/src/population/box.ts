/**
 * The box a population method searches: per-coordinate lower and upper bounds, given as
 * bounds or as a dimension (then the unit box [0, 1]^d). Shared by differential evolution
 * (`de.ts`) and particle swarm (`pso.ts`).
 */

/** Lower and upper bounds of a box, one entry per coordinate. */
export interface PopulationBounds {
  /** Lower bound of each coordinate (finite). */
  readonly lower: ArrayLike<number>;
  /** Upper bound of each coordinate (finite, > lower). */
  readonly upper: ArrayLike<number>;
}

/** A checked box: lower and upper as plain arrays (JSON-ready), d ≥ 1. */
export interface Box {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/**
 * Resolves `bounds` or `dim` to a checked box.
 * @param where - the caller's name, at the start of error messages.
 * @param dim - the dimension of the unit box, when `bounds` is not given.
 * @param bounds - explicit bounds (take precedence over `dim`).
 * @throws TypeError / RangeError when neither is given, when dim is not an integer ≥ 1, or when
 *   a bound is not finite, the lengths differ, or lower ≥ upper somewhere.
 */
export function resolveBox(
  where: string,
  dim: number | undefined,
  bounds: PopulationBounds | undefined,
): Box {
  if (bounds !== undefined) {
    if (bounds === null || typeof bounds !== "object") {
      throw new TypeError(`${where}: bounds must be { lower, upper }, got ${String(bounds)}`);
    }
    const lower = Array.from(bounds.lower ?? [], Number);
    const upper = Array.from(bounds.upper ?? [], Number);
    if (lower.length === 0 || lower.length !== upper.length) {
      throw new RangeError(
        `${where}: bounds.lower and bounds.upper must have the same length >= 1, got ${lower.length} and ${upper.length}`,
      );
    }
    if (dim !== undefined && dim !== lower.length) {
      throw new RangeError(`${where}: dim must equal the bounds' length ${lower.length}, got ${String(dim)}`);
    }
    for (let i = 0; i < lower.length; i++) {
      const lo = lower[i]!;
      const hi = upper[i]!;
      if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi) || !Number.isFinite(hi - lo)) {
        throw new RangeError(
          `${where}: bounds must be finite with lower < upper (and a finite width), got [${lo}, ${hi}] at coordinate ${i}`,
        );
      }
    }
    return { lower, upper };
  }
  if (dim === undefined) throw new TypeError(`${where}: give dim (the unit box [0, 1]^dim) or bounds`);
  if (!(Number.isSafeInteger(dim) && dim >= 1)) {
    throw new RangeError(`${where}: dim must be an integer >= 1, got ${String(dim)}`);
  }
  return { lower: new Array<number>(dim).fill(0), upper: new Array<number>(dim).fill(1) };
}

/** A uniform point of the box, drawn coordinate by coordinate with `random()` in [0, 1). */
export function uniformInBox(box: Box, random: () => number): Float64Array {
  const d = box.lower.length;
  const x = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const lo = box.lower[j]!;
    x[j] = lo + (box.upper[j]! - lo) * random();
  }
  return x;
}
