/**
 * Box constraints of CMA-ES and the ways to keep a candidate inside them.
 *
 * The default is resampling (draw again from N(m, σ²C) until the candidate is inside, up to
 * `maxResamples` times, then project the last draw), as in CyberAgentAILab's `cmaes`, so the
 * distribution of accepted candidates is the Gaussian truncated to the box and the update
 * stays unbiased as long as the box holds a fair share of the mass. Projection (clip to
 * the box) and reflection (mirror at the violated bound, periodically for far-off points)
 * cost one draw each; with them the repaired candidate is both evaluated and told
 * (Lamarckian repair), which biases C toward the bound when many candidates are repaired
 * (Hansen 2016, Appendix B, "boundaries and constraints").
 */

/** Lower and upper bound per coordinate; ±Infinity for an unbounded side. */
export interface CmaBounds {
  /** Lower bounds, length n; −Infinity allowed. */
  readonly lower: ArrayLike<number>;
  /** Upper bounds, length n; +Infinity allowed; upper[i] > lower[i]. */
  readonly upper: ArrayLike<number>;
}

/** How `ask()` keeps candidates inside the bounds. */
export type BoundHandling =
  | {
      /** Redraw until inside; after `maxResamples` failed draws, project the last one. */
      readonly kind: "resample";
      /** @defaultValue 100 */
      readonly maxResamples?: number;
    }
  | {
      /** Clip each coordinate to [lower, upper] (one draw). */
      readonly kind: "project";
    }
  | {
      /** Mirror at the violated bound, repeatedly (period 2·(upper − lower)) (one draw). */
      readonly kind: "reflect";
    };

/** Validated bounds as typed arrays. */
export interface BoxBounds {
  /** Lower bounds (may hold −Infinity). */
  readonly lower: Float64Array;
  /** Upper bounds (may hold +Infinity). */
  readonly upper: Float64Array;
}

/**
 * Checks and copies bounds for an n-dimensional problem.
 * @throws RangeError naming `where` unless lengths are n, no entry is NaN, lower < upper,
 *   lower < +Infinity and upper > −Infinity.
 */
export function checkBounds(where: string, bounds: CmaBounds, n: number): BoxBounds {
  if (bounds === null || typeof bounds !== "object" || bounds.lower == null || bounds.upper == null) {
    throw new RangeError(`${where}: bounds must be { lower, upper } arrays of length ${n}`);
  }
  if (bounds.lower.length !== n || bounds.upper.length !== n) {
    throw new RangeError(
      `${where}: bounds.lower and bounds.upper must have length ${n}, got ${bounds.lower.length} and ${bounds.upper.length}`,
    );
  }
  const lower = Float64Array.from(bounds.lower);
  const upper = Float64Array.from(bounds.upper);
  for (let i = 0; i < n; i++) {
    const lo = lower[i]!;
    const hi = upper[i]!;
    if (Number.isNaN(lo) || Number.isNaN(hi) || !(lo < hi) || lo === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `${where}: bounds must satisfy lower[i] < upper[i] with no NaN, got [${lo}, ${hi}] at i = ${i}`,
      );
    }
  }
  return { lower, upper };
}

/** True when every coordinate is within [lower, upper] (coordinates where `skip[i]` are ignored). */
export function isInside(x: Float64Array, b: BoxBounds, skip: Uint8Array | null): boolean {
  for (let i = 0; i < x.length; i++) {
    if (skip !== null && skip[i] === 1) continue;
    const v = x[i]!;
    if (v < b.lower[i]! || v > b.upper[i]!) return false;
  }
  return true;
}

/** Clips x into the box in place (coordinates where `skip[i]` are left alone). */
export function project(x: Float64Array, b: BoxBounds, skip: Uint8Array | null): void {
  for (let i = 0; i < x.length; i++) {
    if (skip !== null && skip[i] === 1) continue;
    const v = x[i]!;
    if (v < b.lower[i]!) x[i] = b.lower[i]!;
    else if (v > b.upper[i]!) x[i] = b.upper[i]!;
  }
}

/**
 * Mirrors x into the box in place: a finite box reflects with period 2·(upper − lower);
 * a half-bounded coordinate is mirrored once at its finite bound.
 */
export function reflect(x: Float64Array, b: BoxBounds, skip: Uint8Array | null): void {
  for (let i = 0; i < x.length; i++) {
    if (skip !== null && skip[i] === 1) continue;
    const lo = b.lower[i]!;
    const hi = b.upper[i]!;
    let v = x[i]!;
    if (v >= lo && v <= hi) continue;
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      const w = hi - lo;
      let t = (v - lo) % (2 * w);
      if (t < 0) t += 2 * w;
      v = t <= w ? lo + t : hi - (t - w);
    } else if (v < lo) {
      v = 2 * lo - v;
    } else {
      v = 2 * hi - v;
    }
    // Guard against rounding just outside the box.
    x[i] = v < lo ? lo : v > hi ? hi : v;
  }
}
