/**
 * The Sobol sequence (Sobol' 1967) with Joe & Kuo's direction numbers, generated in Gray-code
 * order (Antonov & Saleev 1979), optionally scrambled.
 *
 * Notation: d dimensions; v_(j,k) the 32-bit direction numbers (see direction-numbers.ts);
 * g(i) = i ⊕ ⌊i/2⌋ the Gray code of index i. Point i has coordinates
 *   x_(i,j) = 2^-32 · (e_j ⊕ ⨁_{k : bit k-1 of g(i) is 1} v'_(j,k)),
 * where, unscrambled, v' = v and e = 0 (so point 0 is the origin). Consecutive Gray codes differ
 * in one bit, the lowest zero bit of i, so point i+1 is point i XOR one direction number.
 *
 * Scrambling (as SciPy's `qmc.Sobol(scramble=True)`): a linear matrix scramble, v'_(j,·) = L_j
 * v_(j,·) with L_j a random 32×32 lower-triangular binary matrix with unit diagonal (Matoušek
 * 1998, "On the L2-discrepancy for anchored boxes", J. Complexity 14), followed by a random
 * digital shift e_j. It keeps every (t, m, s)-net property of the unscrambled sequence and makes
 * each point uniform on [0, 1)^d; Owen (1998, "Scrambling Sobol' and Niederreiter–Xing points",
 * J. Complexity 14) is the nested uniform scramble it stands in for at lower cost.
 */
import type { Rng } from "../random/index.js";
import { SOBOL_BITS, SOBOL_MAX_DIMENSION, sobolDirectionNumbers } from "./direction-numbers.js";
import { checkCount, type QmcEngine, type QmcEngineOptions, scrambleRng } from "./engine.js";

const SCALE = 2 ** -SOBOL_BITS;
/** Sobol points are indexed by 32-bit integers. */
const MAX_POINTS = 2 ** SOBOL_BITS;

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * Applies Matoušek's linear matrix scramble to one dimension's direction numbers in place:
 * output bit r (counting from the most significant, r = 0 … 31) is input bit r XOR a random
 * combination of the more significant input bits.
 */
function linearMatrixScramble(rng: Rng, v: Uint32Array, offset: number): void {
  const rows = new Uint32Array(SOBOL_BITS);
  for (let r = 0; r < SOBOL_BITS; r++) {
    const bit = 2 ** (SOBOL_BITS - 1 - r);
    // Random bits strictly above bit r, and bit r itself (unit diagonal).
    const above = r === 0 ? 0 : (rng.nextUint32() & ~(bit * 2 - 1)) >>> 0;
    rows[r] = (above | bit) >>> 0;
  }
  for (let k = 0; k < SOBOL_BITS; k++) {
    const x = v[offset + k]!;
    let y = 0;
    for (let r = 0; r < SOBOL_BITS; r++) {
      if (parity(x & rows[r]!)) y |= 2 ** (SOBOL_BITS - 1 - r);
    }
    v[offset + k] = y >>> 0;
  }
}

/** Options of {@link Sobol}. */
export interface SobolOptions extends QmcEngineOptions {
  /** Number of coordinates d, in [1, {@link SOBOL_MAX_DIMENSION}]. */
  readonly dimension: number;
}

/**
 * The Sobol sequence in [0, 1)^d (d ≤ {@link SOBOL_MAX_DIMENSION}), up to 2^32 points.
 * Every prefix of 2^m points of the unscrambled or scrambled sequence is a (t, m, d)-net in
 * base 2; in dimensions 1 and 2, t = 0. Prefer sample sizes that are powers of 2.
 * @throws RangeError if the dimension is out of range; TypeError if `scramble` is true and
 * neither `seed` nor `rng` is given.
 * @example
 * const sobol = new Sobol({ dimension: 3, scramble: false });
 * sobol.random(4); // [0,0,0, 0.5,0.5,0.5, 0.75,0.25,0.25, 0.25,0.75,0.75]
 */
export class Sobol implements QmcEngine {
  readonly dimension: number;
  /** Whether the sequence is scrambled. */
  readonly scrambled: boolean;
  private readonly v: Uint32Array;
  private readonly shift: Uint32Array;
  /** Current point (before scaling) for sequential generation; valid for index `cursor`. */
  private readonly state: Uint32Array;
  private cursor = 0;
  private nextIndex = 0;

  constructor(options: SobolOptions) {
    const dimension = options?.dimension;
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
      throw new RangeError(
        `Sobol: dimension must be an integer in [1, ${SOBOL_MAX_DIMENSION}], got ${dimension}`,
      );
    }
    this.dimension = dimension;
    this.v = sobolDirectionNumbers(dimension);
    this.shift = new Uint32Array(dimension);
    const rng = scrambleRng("Sobol", options);
    this.scrambled = rng !== undefined;
    if (rng !== undefined) {
      for (let j = 0; j < dimension; j++) linearMatrixScramble(rng, this.v, j * SOBOL_BITS);
      for (let j = 0; j < dimension; j++) this.shift[j] = rng.nextUint32();
    }
    this.state = this.shift.slice();
  }

  get index(): number {
    return this.nextIndex;
  }

  /**
   * Point i of the sequence, computed directly from the Gray code of i.
   * @throws RangeError if i is not an integer in [0, 2^32 - 1].
   */
  point(i: number, out?: Float64Array): Float64Array {
    checkCount("Sobol.point", "i", i, MAX_POINTS - 1);
    const d = this.dimension;
    const x = this.output(out);
    const gray = (i ^ Math.floor(i / 2)) >>> 0;
    for (let j = 0; j < d; j++) {
      let acc = this.shift[j]!;
      const base = j * SOBOL_BITS;
      for (let g = gray, k = 0; g !== 0; g >>>= 1, k++) {
        if (g & 1) acc ^= this.v[base + k]!;
      }
      x[j] = (acc >>> 0) * SCALE;
    }
    return x;
  }

  next(out?: Float64Array): Float64Array {
    const x = this.output(out);
    this.advanceStateTo(this.nextIndex);
    for (let j = 0; j < this.dimension; j++) x[j] = this.state[j]! * SCALE;
    this.nextIndex++;
    return x;
  }

  /** @throws RangeError if n is not an integer or the sequence would pass 2^32 points. */
  random(n: number): Float64Array {
    checkCount("Sobol.random", "n", n, MAX_POINTS - this.nextIndex);
    const d = this.dimension;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) this.next(out.subarray(i * d, (i + 1) * d));
    return out;
  }

  /** @throws RangeError if n is not an integer or the index would pass 2^32. */
  fastForward(n: number): this {
    checkCount("Sobol.fastForward", "n", n, MAX_POINTS - this.nextIndex);
    this.nextIndex += n;
    return this;
  }

  reset(): this {
    this.nextIndex = 0;
    return this;
  }

  private output(out: Float64Array | undefined): Float64Array {
    if (out === undefined) return new Float64Array(this.dimension);
    if (out.length !== this.dimension) {
      throw new RangeError(
        `Sobol: out must have length ${this.dimension} (the dimension), got ${out.length}`,
      );
    }
    return out;
  }

  /** Brings `state` to point `target`: one XOR per step when walking forward, else directly. */
  private advanceStateTo(target: number): void {
    if (target >= MAX_POINTS) throw new RangeError(`Sobol.next: the sequence has only 2^32 points`);
    if (target === this.cursor) return;
    const d = this.dimension;
    if (target === this.cursor + 1) {
      // g(i+1) = g(i) ⊕ 2^c, c = number of trailing ones of i = trailing zeros of i + 1.
      const c = 31 - Math.clz32(target & -target);
      for (let j = 0; j < d; j++) this.state[j] = (this.state[j]! ^ this.v[j * SOBOL_BITS + c]!) >>> 0;
    } else {
      const gray = (target ^ Math.floor(target / 2)) >>> 0;
      for (let j = 0; j < d; j++) {
        let acc = this.shift[j]!;
        const base = j * SOBOL_BITS;
        for (let g = gray, k = 0; g !== 0; g >>>= 1, k++) {
          if (g & 1) acc ^= this.v[base + k]!;
        }
        this.state[j] = acc >>> 0;
      }
    }
    this.cursor = target;
  }
}
