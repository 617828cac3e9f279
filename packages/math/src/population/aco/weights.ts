/**
 * The rank weights of ACO_R's solution archive (Socha & Dorigo, "Ant colony optimization for
 * continuous domains", EJOR 185(3), 2008, the weight ω_l of the l-th solution).
 *
 * Notation: the archive holds k solutions s_1..s_k sorted by quality (s_1 the best); q > 0 is
 * the locality of the search. The weight of rank l is the value at l of a Gaussian with mean 1
 * and standard deviation q·k:
 *   ω_l = 1 / (q k √(2π)) · exp(−(l − 1)² / (2 q² k²)),
 * and an ant takes s_l as its guiding solution with probability p_l = ω_l / Σ_r ω_r. A small q
 * makes the best solution guide nearly every ant; a large q makes the choice nearly uniform.
 */

/**
 * The weights ω_1..ω_k of an archive of k solutions (rank 1 the best).
 * @param k - archive size (a positive integer).
 * @param q - locality (positive, finite).
 * @returns ω as a new array of length k.
 * @throws RangeError if k is not a positive integer or q is not positive and finite.
 * @example
 * ```ts
 * acoWeights(3, 1); // ω_1 = 1/(3√(2π)), ω_2 = ω_1·e^(−1/18), ω_3 = ω_1·e^(−4/18)
 * ```
 */
export function acoWeights(k: number, q: number): Float64Array {
  checkArgs("acoWeights", k, q);
  const w = new Float64Array(k);
  const s = q * k;
  const c = 1 / (s * Math.sqrt(2 * Math.PI));
  for (let l = 0; l < k; l++) w[l] = c * Math.exp(-(l * l) / (2 * s * s));
  return w;
}

/**
 * The probabilities p_l = ω_l / Σ_r ω_r with which an ant picks rank l as its guide.
 * Computed from exp(−(l − 1)²/(2q²k²)) directly (the constant factor cancels), so they stay
 * finite however small q is: ω_1's exponential is 1, so the sum is at least 1.
 * @param k - archive size (a positive integer).
 * @param q - locality (positive, finite).
 * @returns p as a new array of length k summing to 1.
 * @throws RangeError as {@link acoWeights}.
 */
export function acoProbabilities(k: number, q: number): Float64Array {
  checkArgs("acoProbabilities", k, q);
  const p = new Float64Array(k);
  const s = q * k;
  let total = 0;
  for (let l = 0; l < k; l++) {
    p[l] = Math.exp(-(l * l) / (2 * s * s));
    total += p[l]!;
  }
  for (let l = 0; l < k; l++) p[l] = p[l]! / total;
  return p;
}

function checkArgs(where: string, k: number, q: number): void {
  if (!(Number.isSafeInteger(k) && k >= 1)) {
    throw new RangeError(`${where}: k must be a positive integer, got ${String(k)}`);
  }
  if (!(typeof q === "number" && q > 0 && Number.isFinite(q))) {
    throw new RangeError(`${where}: q must be positive and finite, got ${String(q)}`);
  }
}
