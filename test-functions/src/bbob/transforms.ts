/**
 * The BBOB building blocks, Hansen, Finck, Ros, Auger (2009), "Real-Parameter Black-Box
 * Optimization Benchmarking 2009: Noiseless Functions Definitions", INRIA RR-6829, section 0
 * ("General setup"): T_osz, T_asy^β, Λ^α and f_pen. Each `...Into` form writes into a caller's
 * buffer so that the function evaluations do not allocate.
 */

/**
 * T_osz(x) = sign(x) exp(x̂ + 0.049 (sin(c1 x̂) + sin(c2 x̂))) with x̂ = log|x| (0 for x = 0),
 * c1 = 10, c2 = 7.9 for x > 0 and c1 = 5.5, c2 = 3.1 otherwise (RR-6829, "Symbols and definitions").
 * T_osz(0) = 0 keeps the sign of zero.
 */
export function tOsz(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x; // T_osz(±∞) = ±∞ (the oscillation is bounded); NaN stays NaN

  if (x > 0) {
    const h = Math.log(x);
    return Math.exp(h + 0.049 * (Math.sin(10 * h) + Math.sin(7.9 * h)));
  }
  const h = Math.log(-x);
  return -Math.exp(h + 0.049 * (Math.sin(5.5 * h) + Math.sin(3.1 * h)));
}

/** Applies {@link tOsz} to every coordinate of `x`, writing into `out` (may be `x`). */
export function tOszInto(x: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) out[i] = tOsz(x[i]!);
  return out;
}

/**
 * T_asy^β(x)_i = x_i^(1 + β (i-1)/(D-1) √x_i) if x_i > 0, else x_i (RR-6829; i from 1, so the
 * first coordinate is unchanged). Writes into `out` (may be `x`).
 */
export function tAsyInto(x: Float64Array, beta: number, out: Float64Array): Float64Array {
  const d = x.length;
  for (let i = 0; i < d; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v ** (1 + ((beta * i) / (d - 1)) * Math.sqrt(v)) : v;
  }
  return out;
}

/** The diagonal of Λ^α: λ_i = α^(½ (i-1)/(D-1)) (RR-6829), as a vector of length d ≥ 2. */
export function lambdaDiagonal(alpha: number, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = alpha ** ((0.5 * i) / (d - 1));
  return out;
}

/** f_pen(x) = Σ max(0, |x_i| - 5)² (RR-6829): zero inside [-5, 5]^D. */
export function fPen(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = Math.abs(x[i]!) - 5;
    if (t > 0) s += t * t;
  }
  return s;
}

/** The row-major product A · diag(λ) · B of d × d matrices. */
export function scaledProduct(
  a: Float64Array,
  lambda: Float64Array,
  b: Float64Array,
  d: number,
): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += a[i * d + k]! * lambda[k]! * b[k * d + j]!;
      out[i * d + j] = s;
    }
  }
  return out;
}
