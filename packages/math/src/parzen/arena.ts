/**
 * Reusable arrays for Parzen estimators that do not outlive their caller (internal to
 * `@tunelab/math`; issue 18). A TPE step builds g from the n above observations and throws it
 * away at the step's end, yet every array of g (the D centre, bandwidth and normalizer columns,
 * the weights, the log-weights, the evaluation plan's K×D scaled centres and precisions) was
 * new at every step: about 40 MB a trial at 100,000 trials in 10-D, outside V8's heap, which
 * drove a full mark-compact every one or two trials (`benchmarks/overhead/tpe-scale.ts`).
 * An arena keeps one buffer per role and hands out views of exactly the requested length,
 * grown geometrically like `scratch.ts`'s accumulators.
 *
 * Contract: an estimator built in an arena (see `estimator.ts`) is valid until the next
 * estimator is built in the same arena; so only code that finishes with the estimator before
 * building the next one may use it (`tpeStep`, which holds l and g in two arenas and returns
 * a new array). Public builders never take one: the estimators they return are the caller's.
 */

/** Roles of the Float64Array buffers of an arena: one buffer per role, and per dimension for the columns. */
export const CENTRES = 0;
export const SIGMAS = 1;
export const LOG_NORMALIZERS = 2;
/** Per estimator (dimension 0): */
export const WEIGHTS = 3;
export const LOG_BASE = 4;
export const SCALED = 5;
export const PRECISION = 6;
const SLOTS = 7;

/** Buffers reused by successive estimators (see the file's notes for the contract). */
export class EstimatorArena {
  private readonly f64s: Float64Array[][] = Array.from({ length: SLOTS }, () => []);
  private u8 = new Uint8Array(0);

  /**
   * A Float64Array view of length n for `slot` (dimension `d` of the per-dimension slots, 0
   * otherwise); its entries are whatever the previous estimator left: write before reading.
   */
  f64(slot: number, d: number, n: number): Float64Array {
    const list = this.f64s[slot]!;
    while (list.length <= d) list.push(new Float64Array(0));
    let a = list[d]!;
    if (a.length < n) {
      a = new Float64Array(Math.max(n, 2 * a.length, 16));
      list[d] = a;
    }
    return a.subarray(0, n);
  }

  /** A Uint8Array view of length n, filled with 0. */
  zeros8(n: number): Uint8Array {
    if (this.u8.length < n) this.u8 = new Uint8Array(Math.max(n, 2 * this.u8.length, 16));
    return this.u8.subarray(0, n).fill(0);
  }
}

/** The arena each arena-built estimator's evaluation plan takes its arrays from. */
export const estimatorArenas: WeakMap<object, EstimatorArena> = new WeakMap();
