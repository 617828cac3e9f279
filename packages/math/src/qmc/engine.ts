/**
 * What every quasi-Monte Carlo engine (Sobol, Halton) offers, and the shared option checks.
 */
import { Rng } from "../random/index.js";

/**
 * A low-discrepancy sequence in [0, 1)^d. Point i is a pure function of i and the engine's
 * scrambling (drawn once, at construction), so `point(i)` can be called in any order and in
 * any process; `next`/`random` walk the sequence from an internal index.
 */
export interface QmcEngine {
  /** Number of coordinates d of every point. */
  readonly dimension: number;
  /** Index of the point `next()` returns. */
  readonly index: number;
  /** Point i directly (fast-forward), written into `out` (length d) when given. */
  point(i: number, out?: Float64Array): Float64Array;
  /** The point at `index`, then advances `index` by one. */
  next(out?: Float64Array): Float64Array;
  /** The next `n` points, row-major (n × d), advancing `index` by n. */
  random(n: number): Float64Array;
  /** Advances `index` by `n` without generating points. */
  fastForward(n: number): this;
  /** Sets `index` back to 0. */
  reset(): this;
}

/** Options shared by the engines. */
export interface QmcEngineOptions {
  /**
   * Whether to randomize the sequence (each engine names its scrambling). Scrambled points
   * are still a low-discrepancy set; unscrambled ones start at the origin.
   * @defaultValue true (as SciPy's `scipy.stats.qmc` engines)
   */
  readonly scramble?: boolean;
  /** Seed of the scrambling draws (used only when `scramble` is true). One of `seed` or `rng` is required then. */
  readonly seed?: number | string;
  /** Generator of the scrambling draws, instead of `seed`; it is advanced. */
  readonly rng?: Rng;
}

/** @internal The scrambling generator of the options, or undefined when not scrambling. */
export function scrambleRng(name: string, options: QmcEngineOptions): Rng | undefined {
  const scramble = options.scramble ?? true;
  if (typeof scramble !== "boolean") {
    throw new TypeError(`${name}: scramble must be a boolean, got ${String(scramble)}`);
  }
  if (!scramble) return undefined;
  if (options.rng !== undefined) return options.rng;
  if (options.seed !== undefined) {
    if (typeof options.seed === "number" && !Number.isFinite(options.seed)) {
      throw new RangeError(`${name}: seed must be a finite number or a string, got ${options.seed}`);
    }
    return Rng.fromSeed(options.seed);
  }
  throw new TypeError(`${name}: scramble is true, so a seed or an rng is required (or set scramble: false)`);
}

/** @internal Checks a point index or a count. */
export function checkCount(name: string, argument: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name}: ${argument} must be an integer in [0, ${max}], got ${value}`);
  }
}
