/**
 * The Halton sequence (Halton 1960): coordinate j of point i is the radical inverse of i in
 * the j-th prime base b_j, optionally scrambled by random digit permutations.
 *
 * Notation: i = Σ_k d_k(i) b^k with digits d_k ∈ {0, …, b-1}; the radical inverse is
 *   φ_b(i) = Σ_k d_k(i) b^-(k+1).
 * Scrambled (random digit permutations, Owen 2017, "A randomized Halton algorithm in R",
 * arXiv:1706.02808, the scrambling SciPy's `qmc.Halton(scramble=True)` follows): each
 * dimension j and digit position k gets an independent uniform random permutation π_(j,k) of
 * {0, …, b-1}, and the coordinate is Σ_(k<K) π_(j,k)(d_k(i)) b^-(k+1), with K digits,
 * b^K ≥ 2^52, so that the permuted leading zeros fill the point to double precision and no
 * coordinate is stuck at 0.
 */
import { shuffle } from "../random/index.js";
import { checkCount, type QmcEngine, type QmcEngineOptions, scrambleRng } from "./engine.js";
import { firstPrimes } from "./primes.js";

/** Largest Halton dimension accepted (the bases are the first primes). */
export const HALTON_MAX_DIMENSION: number = 10000;
/** Halton points are indexed by safe integers. */
const MAX_INDEX = Number.MAX_SAFE_INTEGER;
const ONE_MINUS_ULP = 1 - 2 ** -53;

/** Options of {@link Halton}. */
export interface HaltonOptions extends QmcEngineOptions {
  /** Number of coordinates d, in [1, {@link HALTON_MAX_DIMENSION}]. */
  readonly dimension: number;
}

/**
 * The radical inverse φ_b(i) of a non-negative integer i in base b.
 * @throws RangeError if i is not a safe non-negative integer or b is not an integer ≥ 2.
 * @example radicalInverse(6, 2) // 0.375 (6 = 110₂ → 0.011₂)
 */
export function radicalInverse(i: number, base: number): number {
  checkCount("radicalInverse", "i", i, MAX_INDEX);
  if (!Number.isInteger(base) || base < 2 || base > 2 ** 31) {
    throw new RangeError(`radicalInverse: base must be an integer in [2, 2^31], got ${base}`);
  }
  let result = 0;
  let factor = 1 / base;
  for (let q = i; q > 0; q = Math.floor(q / base)) {
    result += (q % base) * factor;
    factor /= base;
  }
  return result;
}

/**
 * The Halton sequence in [0, 1)^d with the first d primes as bases.
 * @throws RangeError if the dimension is out of range; TypeError if `scramble` is true and
 * neither `seed` nor `rng` is given.
 * @example
 * new Halton({ dimension: 2, scramble: false }).random(3); // [0,0, 0.5,1/3, 0.25,2/3]
 */
export class Halton implements QmcEngine {
  readonly dimension: number;
  /** Whether the sequence is scrambled. */
  readonly scrambled: boolean;
  /** The base of each dimension (the first d primes). */
  readonly bases: readonly number[];
  /** Per dimension, K_j permutations of {0, …, b_j - 1}, concatenated; empty when not scrambled. */
  private readonly permutations: Uint32Array[];
  private nextIndex = 0;

  constructor(options: HaltonOptions) {
    const dimension = options?.dimension;
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > HALTON_MAX_DIMENSION) {
      throw new RangeError(
        `Halton: dimension must be an integer in [1, ${HALTON_MAX_DIMENSION}], got ${dimension}`,
      );
    }
    this.dimension = dimension;
    this.bases = firstPrimes(dimension);
    const rng = scrambleRng("Halton", options);
    this.scrambled = rng !== undefined;
    this.permutations = [];
    if (rng !== undefined) {
      for (const b of this.bases) {
        const digits = Math.ceil(52 / Math.log2(b));
        const perms = new Uint32Array(digits * b);
        const perm: number[] = [];
        for (let k = 0; k < digits; k++) {
          perm.length = 0;
          for (let t = 0; t < b; t++) perm.push(t);
          shuffle(rng, perm);
          perms.set(perm, k * b);
        }
        this.permutations.push(perms);
      }
    }
  }

  get index(): number {
    return this.nextIndex;
  }

  /**
   * Point i of the sequence.
   * @throws RangeError if i is not a safe non-negative integer.
   */
  point(i: number, out?: Float64Array): Float64Array {
    checkCount("Halton.point", "i", i, MAX_INDEX);
    const d = this.dimension;
    let x: Float64Array;
    if (out === undefined) x = new Float64Array(d);
    else if (out.length !== d) {
      throw new RangeError(`Halton: out must have length ${d} (the dimension), got ${out.length}`);
    } else x = out;
    for (let j = 0; j < d; j++) {
      const b = this.bases[j]!;
      if (!this.scrambled) {
        x[j] = radicalInverse(i, b);
        continue;
      }
      const perms = this.permutations[j]!;
      const digits = perms.length / b;
      // Horner from the least significant kept digit: acc = (π_k(d_k) + acc) / b.
      const ds: number[] = [];
      for (let q = i, k = 0; k < digits; k++, q = Math.floor(q / b)) ds.push(q % b);
      let acc = 0;
      for (let k = digits - 1; k >= 0; k--) acc = (perms[k * b + ds[k]!]! + acc) / b;
      x[j] = acc < 1 ? acc : ONE_MINUS_ULP;
    }
    return x;
  }

  next(out?: Float64Array): Float64Array {
    const x = this.point(this.nextIndex, out);
    this.nextIndex++;
    return x;
  }

  /** @throws RangeError if n is not a non-negative integer. */
  random(n: number): Float64Array {
    checkCount("Halton.random", "n", n, MAX_INDEX - this.nextIndex);
    const d = this.dimension;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) this.next(out.subarray(i * d, (i + 1) * d));
    return out;
  }

  /** @throws RangeError if n is not a non-negative integer. */
  fastForward(n: number): this {
    checkCount("Halton.fastForward", "n", n, MAX_INDEX - this.nextIndex);
    this.nextIndex += n;
    return this;
  }

  reset(): this {
    this.nextIndex = 0;
    return this;
  }
}
