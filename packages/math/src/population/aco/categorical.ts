/**
 * The pheromone of a categorical variable in ACO_MV (Liao, Socha, Montes de Oca, Stützle &
 * Dorigo, "Ant colony optimization for mixed-variable optimization problems", IEEE TEVC 18(4),
 * 2014; also Liao's 2011 report "Improved ant colony optimization algorithms for continuous and
 * mixed discrete-continuous optimization problems", eqs. (4.1) and (4.2)), computed from the
 * solution archive rather than kept as a separate table:
 *   w_v = ω_{j_v} / u_v + q / η,     o_v = w_v / Σ_r w_r,
 * for each of the c values v of the variable, where j_v is the rank of the best archive
 * solution holding v (ω as in `weights.ts`), u_v the number of archive solutions holding v
 * (the first term is 0 when u_v = 0), η the number of values no archive solution holds, and q
 * the locality of the rank weights. The second term is a fixed amount, the same for every value
 * (read literally from eq. (4.2): "a fixed value ... it does not depend on the value v_l
 * chosen"), so the unused values share exactly q/η each on top of nothing; it is left out when
 * η = 0. Dividing by u_v keeps a value popular in the archive from crowding out the others.
 */
import { acoWeights } from "./weights.js";

/**
 * The probabilities o_v of each value of one categorical variable.
 * @param values - the variable's value (an index in [0, c)) in each archive solution, best first.
 * @param c - the number of values (a positive integer).
 * @param q - the locality of the rank weights (positive, finite).
 * @param omega - the rank weights ω_1..ω_k (default `acoWeights(values.length, q)`).
 * @returns o as a new array of length c summing to 1.
 * @throws RangeError on an empty archive, a bad c or q, a value outside [0, c), or a weight
 *   array of the wrong length.
 * @example
 * ```ts
 * // Archive (best first) holding values 2, 0, 2 of 4; q = 1:
 * acoCategoricalProbabilities([2, 0, 2], 4, 1); // value 2 most likely, 1 and 3 share 2·(1/2)
 * ```
 */
export function acoCategoricalProbabilities(
  values: ArrayLike<number>,
  c: number,
  q: number,
  omega?: ArrayLike<number>,
): Float64Array {
  const k = values.length;
  if (k === 0) throw new RangeError("acoCategoricalProbabilities: values must not be empty");
  if (!(Number.isSafeInteger(c) && c >= 1)) {
    throw new RangeError(`acoCategoricalProbabilities: c must be a positive integer, got ${String(c)}`);
  }
  const w = omega ?? acoWeights(k, q);
  if (!(typeof q === "number" && q > 0 && Number.isFinite(q))) {
    throw new RangeError(`acoCategoricalProbabilities: q must be positive and finite, got ${String(q)}`);
  }
  if (w.length !== k) {
    throw new RangeError(`acoCategoricalProbabilities: omega must have ${k} weights, got ${w.length}`);
  }
  for (let e = 0; e < k; e++) {
    const v = values[e]!;
    if (!(Number.isInteger(v) && v >= 0 && v < c)) {
      throw new RangeError(
        `acoCategoricalProbabilities: values[${e}] must be an integer in [0, ${c - 1}], got ${v}`,
      );
    }
  }
  return categoricalUnchecked(values, c, q, w);
}

/** {@link acoCategoricalProbabilities} without argument checks. */
export function categoricalUnchecked(
  values: ArrayLike<number>,
  c: number,
  q: number,
  omega: ArrayLike<number>,
): Float64Array {
  const k = values.length;
  const count = new Float64Array(c);
  const best = new Float64Array(c); // ω of the best rank holding each value (0 when none)
  const seen = new Uint8Array(c);
  for (let e = 0; e < k; e++) {
    const v = values[e]!;
    count[v] = count[v]! + 1;
    if (seen[v] === 0) {
      seen[v] = 1;
      best[v] = omega[e]!;
    }
  }
  let unused = 0;
  for (let v = 0; v < c; v++) if (count[v] === 0) unused++;
  const extra = unused > 0 ? q / unused : 0;
  const o = new Float64Array(c);
  let total = 0;
  for (let v = 0; v < c; v++) {
    o[v] = (count[v]! > 0 ? best[v]! / count[v]! : 0) + extra;
    total += o[v]!;
  }
  if (!(total > 0)) {
    // Every weight underflowed (ranks far beyond q·k) and all values are used: uniform.
    o.fill(1 / c);
    return o;
  }
  for (let v = 0; v < c; v++) o[v] = o[v]! / total;
  return o;
}
