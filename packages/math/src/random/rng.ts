/**
 * Seeded pseudo-random number generator: xoshiro128** by Blackman and Vigna,
 * "Scrambled linear pseudorandom number generators" (ACM TOMS 47(4), 2021; prng.di.unimi.it).
 *
 * Why written here rather than taken from a library: the stream must be identical on every
 * platform and process (32-bit integer arithmetic only, no floating-point state), splittable
 * (`split()` with the published jump polynomial, `fork(key)` for keyed child streams), and
 * serializable, and it sits on the hot path of every sampler. @stdlib's MT19937 offers
 * neither jump-ahead nor a compact (4-word) state.
 *
 * Notation: the state is four 32-bit words s0..s3 (never all zero). A double in [0, 1) is
 * built from 53 random bits taken from two outputs.
 */

/** Serializable state of an {@link Rng}. Version 1. */
export interface RngState {
  /** Format version of this record. */
  readonly version: 1;
  /** The four 32-bit state words, as unsigned integers. */
  readonly s: readonly [number, number, number, number];
  /** A cached second normal deviate of the last Box-Muller pair, or null. */
  readonly spareNormal: number | null;
}

/** One step of SplitMix32 (a 32-bit variant of Steele et al.'s SplitMix), used for seeding. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Hashes an integer or string seed to 32 bits, keeping every bit of integers up to 2^53. */
function seedWords(seed: number | string): [lo: number, hi: number] {
  if (typeof seed === "string") {
    // FNV-1a over UTF-16 code units, then two differently-salted passes.
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    }
    return [h >>> 0, 0x5eed5eed];
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer or a string, got ${seed}`);
  }
  // Two's-complement low and high words (as BigInt.asUintN would give), without BigInt.
  const hi = Math.floor(seed / 4294967296);
  const lo = seed - hi * 4294967296;
  return [lo >>> 0, hi >>> 0];
}

/** The xoshiro128 jump polynomial: advances the state by 2^64 steps. */
const JUMP: readonly number[] = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

const TWO_POW_M53 = 1 / 9007199254740992; // 2^-53

/**
 * A seeded, splittable generator of uniform, normal and integer draws.
 *
 * The same seed gives the same stream on every platform. `split()` returns a child whose
 * stream does not overlap the parent's for 2^64 draws; `fork(key)` derives a child stream
 * from the current state and a key without advancing the parent, so `rng.fork(trialNumber)`
 * gives each trial the same draws in whichever process runs it.
 *
 * @example
 * ```ts
 * const rng = Rng.fromSeed(42);
 * const u = rng.random();        // uniform in [0, 1)
 * const z = rng.normal();        // standard normal
 * const child = rng.fork(7);     // independent stream keyed by 7
 * ```
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9 | 0;
  }

  /**
   * Creates a generator from a seed.
   * @param seed - a safe integer (negative allowed) or a string.
   * @throws RangeError if `seed` is a number that is not a safe integer (NaN, fractional, too large).
   */
  static fromSeed(seed: number | string): Rng {
    const [lo, hi] = seedWords(seed);
    let x = splitmix32(lo ^ 0x6a09e667);
    const a = x;
    x = splitmix32(x ^ hi);
    const b = x;
    x = splitmix32(x ^ 0xbb67ae85);
    const c = x;
    x = splitmix32(x ^ hi ^ 0x3c6ef372);
    const d = x;
    const rng = new Rng(a, b, c, d);
    // Discard a few outputs so that nearby seeds decorrelate fully.
    for (let i = 0; i < 8; i++) rng.nextUint32();
    return rng;
  }

  /** Restores a generator from {@link Rng.getState} output. @throws Error on a malformed state. */
  static fromState(state: RngState): Rng {
    if (state === null || typeof state !== "object" || state.version !== 1 || !Array.isArray(state.s)) {
      throw new Error("Rng.fromState: expected a version-1 RngState record");
    }
    const [a, b, c, d] = state.s;
    for (const w of state.s) {
      if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) {
        throw new RangeError(`Rng.fromState: state words must be integers in [0, 2^32), got ${w}`);
      }
    }
    const rng = new Rng(a, b, c, d);
    rng.spare = state.spareNormal;
    return rng;
  }

  /** A copy of the current state, for serialization. */
  getState(): RngState {
    return {
      version: 1,
      s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spareNormal: this.spare,
    };
  }

  /** An independent copy with the same state (draws the same stream). */
  clone(): Rng {
    return Rng.fromState(this.getState());
  }

  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    // result = rotl(s1 * 5, 7) * 9
    const t5 = Math.imul(s1, 5);
    const result = Math.imul((t5 << 7) | (t5 >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A uniform double in the open interval (0, 1): never 0, so `Math.log(u)` is finite. */
  randomOpen(): number {
    let u = this.random();
    while (u === 0) u = this.random();
    return u;
  }

  /**
   * A uniform double in [low, high).
   * @throws RangeError if either bound is not finite or `low > high`.
   */
  uniform(low: number, high: number): number {
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      throw new RangeError(`uniform: need finite low <= high, got low=${low}, high=${high}`);
    }
    const x = low + (high - low) * this.random();
    return x < high || low === high ? x : low; // guard rounding up to high
  }

  /**
   * A uniform integer in [low, high] (both inclusive), without modulo bias.
   * @throws RangeError if the bounds are not safe integers, `low > high`, or the range exceeds 2^53.
   */
  int(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low > high) {
      throw new RangeError(`int: need safe integers low <= high, got low=${low}, high=${high}`);
    }
    const span = high - low + 1;
    if (!Number.isSafeInteger(span)) throw new RangeError(`int: range high - low + 1 must be below 2^53`);
    if (span <= 0x100000000) {
      // Lemire-style rejection on 32 bits.
      const limit = 0x100000000 - (0x100000000 % span);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return low + (x % span);
    }
    const limit = 9007199254740992 - (9007199254740992 % span);
    let x = this.random() * 9007199254740992;
    while (x >= limit) x = this.random() * 9007199254740992;
    return low + (x % span);
  }

  /**
   * A normal deviate (Box-Muller; the second value of each pair is kept for the next call).
   * @param mean - @defaultValue 0
   * @param sd - standard deviation, must be >= 0. @defaultValue 1
   */
  normal(mean = 0, sd = 1): number {
    let z: number;
    if (this.spare !== null) {
      z = this.spare;
      this.spare = null;
    } else {
      const u = this.randomOpen();
      const v = this.random();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * v;
      z = r * Math.cos(theta);
      this.spare = r * Math.sin(theta);
    }
    return mean + sd * z;
  }

  /** Fills `out` with uniform doubles in [0, 1) and returns it. */
  fillRandom(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.random();
    return out;
  }

  /** Fills `out` with standard normal deviates and returns it. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /**
   * A child generator whose stream does not overlap this one's for 2^64 draws: the child
   * takes the current state, and this generator jumps ahead by 2^64 steps.
   */
  split(): Rng {
    const child = new Rng(this.s0, this.s1, this.s2, this.s3);
    this.jump();
    return child;
  }

  /**
   * A child generator derived from the current state and `key`, without advancing this one.
   * The same state and key always give the same child; different keys give unrelated streams.
   * @param key - a safe integer or a string.
   */
  fork(key: number | string): Rng {
    const [lo, hi] = seedWords(key);
    let x = splitmix32(this.s0 ^ lo);
    const a = x;
    x = splitmix32(x ^ this.s1 ^ hi);
    const b = x;
    x = splitmix32(x ^ this.s2 ^ 0x510e527f);
    const c = x;
    x = splitmix32(x ^ this.s3 ^ lo ^ 0x9b05688c);
    const d = x;
    const child = new Rng(a, b, c, d);
    for (let i = 0; i < 4; i++) child.nextUint32();
    return child;
  }

  /** Advances the state by 2^64 steps (Blackman and Vigna's jump function). */
  private jump(): void {
    let j0 = 0;
    let j1 = 0;
    let j2 = 0;
    let j3 = 0;
    for (let i = 0; i < 4; i++) {
      const word = JUMP[i]!;
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          j0 ^= this.s0;
          j1 ^= this.s1;
          j2 ^= this.s2;
          j3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = j0;
    this.s1 = j1;
    this.s2 = j2;
    this.s3 = j3;
    this.spare = null;
  }
}
