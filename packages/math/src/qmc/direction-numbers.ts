/**
 * Sobol direction numbers from Joe & Kuo's table, as 32-bit integers.
 *
 * Notation (Joe & Kuo 2008, §2; Bratley & Fox 1988, §2): dimension j has a primitive
 * polynomial x^s + a_1 x^(s-1) + … + a_(s-1) x + 1 over GF(2) and initial odd integers
 * m_1 … m_s with m_k < 2^k. Further m_k follow the recurrence
 *   m_k = 2 a_1 m_(k-1) ⊕ 2² a_2 m_(k-2) ⊕ … ⊕ 2^(s-1) a_(s-1) m_(k-s+1) ⊕ 2^s m_(k-s) ⊕ m_(k-s),
 * and the direction number v_k = m_k / 2^k is kept as the integer m_k · 2^(32-k) (32 bits).
 * In those integers the recurrence reads
 *   v_k = a_1 v_(k-1) ⊕ … ⊕ a_(s-1) v_(k-s+1) ⊕ v_(k-s) ⊕ (v_(k-s) >> s).
 * The first dimension is van der Corput's sequence in base 2 (every m_k = 1).
 */
import { JOE_KUO_DIMENSIONS, JOE_KUO_ENCODED } from "./joe-kuo-data.js";

/** Bits per coordinate: points are integers in [0, 2^32) scaled by 2^-32. */
export const SOBOL_BITS: number = 32;

/** Largest Sobol dimension tunelab ships direction numbers for (Joe–Kuo new-joe-kuo-6.21201, first 1,024). */
export const SOBOL_MAX_DIMENSION: number = JOE_KUO_DIMENSIONS;

let decoded: { poly: number[]; m: number[][] } | undefined;

function decode(): { poly: number[]; m: number[][] } {
  if (decoded !== undefined) return decoded;
  const poly: number[] = [1];
  const m: number[][] = [[]];
  for (const entry of JOE_KUO_ENCODED.split(";")) {
    const values = entry.split(",").map((v) => Number.parseInt(v, 36));
    poly.push(values[0]!);
    m.push(values.slice(1));
  }
  decoded = { poly, m };
  return decoded;
}

/**
 * The direction numbers of the first `dimension` Sobol dimensions: entry `j * 32 + (k - 1)`
 * is v_k of dimension j (k = 1 … 32, the most significant first).
 * @throws RangeError if `dimension` is not an integer in [1, {@link SOBOL_MAX_DIMENSION}].
 * @example sobolDirectionNumbers(2)[32] // 2^31, v_1 of the second dimension
 */
export function sobolDirectionNumbers(dimension: number): Uint32Array {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
    throw new RangeError(
      `sobolDirectionNumbers: dimension must be an integer in [1, ${SOBOL_MAX_DIMENSION}], got ${dimension}`,
    );
  }
  const { poly, m } = decode();
  const v = new Uint32Array(dimension * SOBOL_BITS);
  for (let k = 1; k <= SOBOL_BITS; k++) v[k - 1] = 2 ** (SOBOL_BITS - k); // dimension 0
  for (let j = 1; j < dimension; j++) {
    const p = poly[j]!;
    const mj = m[j]!;
    const s = mj.length;
    const base = j * SOBOL_BITS;
    for (let k = 1; k <= s; k++) v[base + k - 1] = mj[k - 1]! * 2 ** (SOBOL_BITS - k);
    for (let k = s + 1; k <= SOBOL_BITS; k++) {
      const vks = v[base + k - s - 1]!;
      let x = vks ^ (vks >>> s);
      for (let i = 1; i < s; i++) {
        // a_i is bit (s - i) of the polynomial.
        if ((p >>> (s - i)) & 1) x ^= v[base + k - i - 1]!;
      }
      v[base + k - 1] = x >>> 0;
    }
  }
  return v;
}
