/**
 * Box helpers for L-BFGS-B on the feasible set Ω = {x : l ≤ x ≤ u}, where any l_i may be
 * −Infinity and any u_i +Infinity. The arithmetic needs no special case for infinite bounds:
 * x_i − (+∞) = −∞ and (x_i − (−∞))/g_i = +∞ for g_i > 0 come out right on their own.
 */

/** Writes P_Ω(x) into x (in place): each coordinate clamped into [l_i, u_i]. */
export function projectInPlace(x: Float64Array, lower: Float64Array, upper: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < lower[i]!) x[i] = lower[i]!;
    else if (v > upper[i]!) x[i] = upper[i]!;
  }
}

/**
 * The infinity norm of the projected gradient, ‖P_Ω(x − g) − x‖∞: the first-order optimality
 * measure of Byrd, Lu, Nocedal and Zhu (1995), §6, and the quantity SciPy's `pgtol` bounds.
 * It is 0 exactly at a KKT point of min f over the box: each g_i is 0, or x_i sits on the
 * bound that g_i pushes against.
 *
 * @param x - a point inside the box (n)
 * @param gradient - ∇f(x) (n)
 * @param lower - lower bounds (n), −Infinity for none
 * @param upper - upper bounds (n), +Infinity for none
 * @returns max_i |P_Ω(x − g)_i − x_i|
 * @example
 * ```ts
 * // x = 0 on its lower bound, the gradient pushes outward: optimal.
 * projectedGradientNorm(Float64Array.of(0), Float64Array.of(2), Float64Array.of(0), Float64Array.of(1)); // 0
 * ```
 */
export function projectedGradientNorm(
  x: Float64Array,
  gradient: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    let gi = gradient[i]!;
    const xi = x[i]!;
    // P_Ω(x − g)_i − x_i = −clamp(g_i, x_i − u_i, x_i − l_i); the sign does not matter here.
    if (gi < 0) {
      const room = xi - upper[i]!; // ≤ 0: how far x_i may still rise, negated
      if (room > gi) gi = room;
    } else {
      const room = xi - lower[i]!; // ≥ 0: how far x_i may still fall
      if (room < gi) gi = room;
    }
    const a = Math.abs(gi);
    if (a > norm) norm = a;
  }
  return norm;
}

/**
 * The largest α ≥ 0 with l ≤ x + α·d ≤ u, for x inside the box; +Infinity when no
 * coordinate of d points toward a finite bound.
 */
export function maxFeasibleStep(
  x: Float64Array,
  d: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const di = d[i]!;
    if (di > 0) {
      const s = (upper[i]! - x[i]!) / di;
      if (s < step) step = s;
    } else if (di < 0) {
      const s = (lower[i]! - x[i]!) / di;
      if (s < step) step = s;
    }
  }
  return step > 0 ? step : 0;
}
