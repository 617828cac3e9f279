/**
 * The update of particle swarm optimization, as pure functions.
 *
 * Notation: particle i has position x_i, velocity v_i, personal best p_i (the best position it
 * has evaluated) and neighbourhood best l_i (the best p_j among its neighbours, itself
 * included); r_1, r_2 are vectors of independent U[0, 1) draws, ∘ the coordinate-wise product.
 * - inertia weight (Shi & Eberhart 1998, "A modified particle swarm optimizer", eq. (1a)):
 *     v ← w v + c_1 r_1 ∘ (p − x) + c_2 r_2 ∘ (l − x),
 *   w decreasing linearly from w_start to w_end over T iterations, then constant
 *   (Shi & Eberhart 1999, "Empirical study of particle swarm optimization": 0.9 → 0.4, c = 2);
 * - constriction (Clerc & Kennedy 2002, "The particle swarm — explosion, stability, and
 *   convergence in a multidimensional complex space", eq. (4.15) with κ = 1):
 *     v ← χ (v + c_1 r_1 ∘ (p − x) + c_2 r_2 ∘ (l − x)),  χ = 2 / |2 − φ − √(φ² − 4φ)|,
 *   φ = c_1 + c_2 > 4 (φ = 4.1, c_1 = c_2 = 2.05: χ ≈ 0.72984);
 * - velocity clamping: |v_j| ≤ v_max,j = fraction · (u_j − l_j) (Eberhart & Shi 2000,
 *   "Comparing inertia weights and constriction factors in particle swarm optimization");
 * - x ← x + v, then a coordinate outside [l_j, u_j] is set to the bound and its velocity to 0
 *   (the "absorbing" wall; Robinson & Rahmat-Samii 2004 call it so).
 * Topologies: global best (every particle is every particle's neighbour) and the ring
 * (lbest with k = 2: particles i − 1 and i + 1, cyclically; Kennedy & Mendes 2002).
 */

/**
 * Clerc and Kennedy's constriction factor χ = 2 / |2 − φ − √(φ² − 4φ)| (κ = 1).
 * @param phi - φ = c_1 + c_2, must be > 4.
 * @throws RangeError when φ is not a finite number > 4.
 */
export function constrictionFactor(phi: number): number {
  if (!(typeof phi === "number" && Number.isFinite(phi) && phi > 4)) {
    throw new RangeError(`constrictionFactor: phi must be a finite number > 4, got ${String(phi)}`);
  }
  return 2 / Math.abs(2 - phi - Math.sqrt(phi * phi - 4 * phi));
}

/**
 * The linearly decreasing inertia weight at iteration t (0-based):
 * w_start − (w_start − w_end) · min(t, T)/T.
 */
export function inertiaWeight(wStart: number, wEnd: number, iterations: number, t: number): number {
  return wStart - (wStart - wEnd) * (Math.min(t, iterations) / iterations);
}

/** The neighbourhood topology of a swarm. */
export type PsoTopology = { readonly kind: "global" } | { readonly kind: "ring" };

/**
 * The index of particle i's neighbourhood best: the neighbour (itself included) with the lowest
 * personal best value (null entries: not evaluated yet, skipped; ties: the lowest index), or −1
 * when no neighbour has been evaluated.
 */
export function neighbourhoodBest(
  values: readonly (number | null)[],
  topology: PsoTopology,
  i: number,
): number {
  const n = values.length;
  let best = -1;
  const consider = (j: number): void => {
    const v = values[j];
    if (v === null || v === undefined) return;
    if (best < 0 || v < values[best]! || (v === values[best]! && j < best)) best = j;
  };
  if (topology.kind === "global") {
    for (let j = 0; j < n; j++) consider(j);
  } else {
    consider((i - 1 + n) % n);
    consider(i);
    consider((i + 1) % n);
  }
  return best;
}

/** The velocity rule, resolved. */
export type PsoRule =
  | { readonly kind: "inertia"; readonly w: number; readonly c1: number; readonly c2: number }
  | { readonly kind: "constriction"; readonly chi: number; readonly c1: number; readonly c2: number };

/**
 * One particle's move, in place: the new velocity by `rule` (p, l default to x when null: no
 * pull), clamped to ±vMax, then the new position, absorbed at the bounds.
 * @param random - U[0, 1) draws: r_1,j then r_2,j for each coordinate j in order.
 */
export function moveParticle(
  x: Float64Array,
  v: Float64Array,
  p: ArrayLike<number> | null,
  l: ArrayLike<number> | null,
  rule: PsoRule,
  vMax: ArrayLike<number> | null,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  random: () => number,
): void {
  for (let j = 0; j < x.length; j++) {
    const r1 = random();
    const r2 = random();
    const xj = x[j]!;
    const pull =
      rule.c1 * r1 * ((p === null ? xj : p[j]!) - xj) + rule.c2 * r2 * ((l === null ? xj : l[j]!) - xj);
    let vj = rule.kind === "inertia" ? rule.w * v[j]! + pull : rule.chi * (v[j]! + pull);
    if (vMax !== null) {
      const m = vMax[j]!;
      if (vj > m) vj = m;
      else if (vj < -m) vj = -m;
    }
    let xn = xj + vj;
    if (xn < lower[j]!) {
      xn = lower[j]!;
      vj = 0;
    } else if (xn > upper[j]!) {
      xn = upper[j]!;
      vj = 0;
    }
    x[j] = xn;
    v[j] = vj;
  }
}
