/**
 * The operators of differential evolution, as pure functions on vectors.
 *
 * Notation (Storn & Price 1997; Tanabe & Fukunaga 2013): population x_1..x_NP in a box
 * [l, u] ⊂ ℝ^d, target x_i, mutant v_i, trial u_i, scale factor F, crossover rate CR,
 * archive A of replaced parents.
 * - rand/1:              v = x_r1 + F (x_r2 − x_r3)                       (Storn & Price 1997, eq. (1))
 * - current-to-pbest/1:  v = x_i + F (x_pbest − x_i) + F (x_r1 − x̃_r2),   x̃_r2 ∈ P ∪ A
 *   (Zhang & Sanderson 2009, JADE, eq. (8) with the archive; SHADE's Tanabe & Fukunaga 2013, eq. (3))
 * - binomial crossover:  u_j = v_j if rand_j ≤ CR or j = j_rand, else x_j  (Storn & Price 1997, eq. (3))
 * - bounds: a coordinate of the mutant outside [l_j, u_j] becomes the midpoint of the target's
 *   coordinate and the violated bound, (l_j + x_j)/2 or (u_j + x_j)/2 (Zhang & Sanderson 2009,
 *   as SHADE uses it; Tanabe & Fukunaga 2013, §IV).
 */

/**
 * The rand/1 mutant x_r1 + F (x_r2 − x_r3).
 * @param xr1 - base vector; @param xr2 - @param xr3 - the difference pair (all of length d).
 * @param f - scale factor F.
 */
export function rand1Mutant(
  xr1: ArrayLike<number>,
  xr2: ArrayLike<number>,
  xr3: ArrayLike<number>,
  f: number,
): Float64Array {
  const d = xr1.length;
  const v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = xr1[j]! + f * (xr2[j]! - xr3[j]!);
  return v;
}

/**
 * The current-to-pbest/1 mutant x_i + F (x_pbest − x_i) + F (x_r1 − x̃_r2).
 * @param xi - the target; @param xpbest - one of the best ⌈p·NP⌉ members;
 * @param xr1 - a member other than the target; @param xr2 - a member of P ∪ A other than both.
 * @param f - scale factor F.
 */
export function currentToPBest1Mutant(
  xi: ArrayLike<number>,
  xpbest: ArrayLike<number>,
  xr1: ArrayLike<number>,
  xr2: ArrayLike<number>,
  f: number,
): Float64Array {
  const d = xi.length;
  const v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = xi[j]! + f * (xpbest[j]! - xi[j]!) + f * (xr1[j]! - xr2[j]!);
  return v;
}

/**
 * Binomial crossover of target and mutant: coordinate j comes from the mutant when
 * `random() ≤ cr` or j = jRand, else from the target, so at least one coordinate (jRand) is
 * the mutant's.
 * @param target - x_i; @param mutant - v_i (same length d).
 * @param cr - crossover rate CR in [0, 1].
 * @param jRand - the coordinate always taken from the mutant, in [0, d).
 * @param random - uniform draws in [0, 1), one per coordinate, in order.
 */
export function binomialCrossover(
  target: ArrayLike<number>,
  mutant: ArrayLike<number>,
  cr: number,
  jRand: number,
  random: () => number,
): Float64Array {
  const d = target.length;
  const u = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const r = random();
    u[j] = r <= cr || j === jRand ? mutant[j]! : target[j]!;
  }
  return u;
}

/**
 * Brings a mutant (or trial) back into the box, in place: a coordinate below l_j becomes
 * (l_j + x_j)/2 and one above u_j becomes (u_j + x_j)/2, x the target (inside the box), so the
 * result lies in the box (Zhang & Sanderson 2009; Tanabe & Fukunaga 2013).
 * @returns `v`.
 */
export function midpointRepair(
  v: Float64Array,
  target: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Float64Array {
  for (let j = 0; j < v.length; j++) {
    if (v[j]! < lower[j]!) v[j] = (lower[j]! + target[j]!) / 2;
    else if (v[j]! > upper[j]!) v[j] = (upper[j]! + target[j]!) / 2;
    // Rounding of the midpoint never leaves [l, x] or [x, u]; the clamp is for a target on the bound.
    if (v[j]! < lower[j]!) v[j] = lower[j]!;
    if (v[j]! > upper[j]!) v[j] = upper[j]!;
  }
  return v;
}
