/**
 * The 24 noiseless BBOB functions, Hansen, Finck, Ros, Auger (2009), "Real-Parameter Black-Box
 * Optimization Benchmarking 2009: Noiseless Functions Definitions", INRIA RR-6829 (below
 * "RR-6829 fN"), with the instance conventions of the COCO platform (numbbo/coco, `f_*.c`):
 *
 * - rseed = f + 10⁴·instance (f4 uses 3 + 10⁴·instance, f18 uses 17 + 10⁴·instance);
 * - x_opt = legacyXopt(rseed), f_opt = legacyFopt(f, instance);
 * - R = legacyRotation(rseed + 10⁶) and Q = legacyRotation(rseed), combined as COCO does
 *   (`rot1` and `rot2` in COCO; which of the two the document calls R or Q varies per function,
 *   each comment below gives the document's formula and COCO's seeds).
 *
 * Notation: D the dimension, x the input, z the transformed input, Λ^α = diag(α^(½(i-1)/(D-1))),
 * T_osz / T_asy / f_pen as in transforms.ts. Each builder precomputes its matrices once and
 * reuses scratch buffers, so an evaluation allocates nothing.
 */
import { matVec } from "@tunelab/math/linalg";
import { legacyGauss, legacyRotation, legacyUniform, legacyXopt } from "./legacy-random.js";
import { fPen, lambdaDiagonal, scaledProduct, tAsyInto, tOsz, tOszInto } from "./transforms.js";

/** One built BBOB instance: the raw function (including f_opt) and its minimizer. */
export interface BbobInstance {
  /** f(x), f_opt included. */
  readonly evaluate: (x: Float64Array) => number;
  /** The global minimizer. */
  readonly xopt: Float64Array;
}

type Builder = (d: number, rseed: number, fopt: number) => BbobInstance;

const TWO_PI = 2 * Math.PI;

function shiftInto(x: Float64Array, xopt: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) out[i] = x[i]! - xopt[i]!;
  return out;
}

function rastriginCore(z: Float64Array): number {
  let c = 0;
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    c += Math.cos(TWO_PI * z[i]!);
    s += z[i]! * z[i]!;
  }
  return 10 * (z.length - c) + s;
}

/** The rotated-and-conditioned matrix rot1 · Λ^α · rot2 used by f6, f13, f15, f16, f23, f24. */
function conditionedRotation(rseed: number, alpha: number, d: number): Float64Array {
  return scaledProduct(
    legacyRotation(rseed + 1000000, d),
    lambdaDiagonal(alpha, d),
    legacyRotation(rseed, d),
    d,
  );
}

/** RR-6829 f1, sphere: z = x - x_opt, f = ‖z‖² + f_opt. */
const f1: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  return {
    xopt,
    evaluate: (x) => {
      let s = 0;
      for (let i = 0; i < d; i++) {
        const t = x[i]! - xopt[i]!;
        s += t * t;
      }
      return s + fopt;
    },
  };
};

/** RR-6829 f2, separable ellipsoid: z = T_osz(x - x_opt), f = Σ 10^(6(i-1)/(D-1)) z_i² + f_opt. */
const f2: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) w[i] = 1e6 ** (i / (d - 1));
  return {
    xopt,
    evaluate: (x) => {
      let s = 0;
      for (let i = 0; i < d; i++) {
        const z = tOsz(x[i]! - xopt[i]!);
        s += w[i]! * z * z;
      }
      return s + fopt;
    },
  };
};

/** RR-6829 f3, Rastrigin: z = Λ^10 T_asy^0.2(T_osz(x - x_opt)), f = 10(D - Σcos 2πz_i) + ‖z‖² + f_opt. */
const f3: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const lam = lambdaDiagonal(10, d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      tAsyInto(tOszInto(shiftInto(x, xopt, z), z), 0.2, z);
      for (let i = 0; i < d; i++) z[i]! *= lam[i]!;
      return rastriginCore(z) + fopt;
    },
  };
};

/**
 * RR-6829 f4, Büche-Rastrigin: z_i = s_i T_osz(x_i - x_opt_i) with s_i = 10^(½(i-1)/(D-1)),
 * times 10 when z_i > 0 and i odd (1-based); f = 10(D - Σcos 2πz_i) + ‖z‖² + 100 f_pen(x) + f_opt.
 * As in COCO's legacy code (not in the document), the odd-indexed (1-based) coordinates of x_opt
 * are made positive.
 */
const f4: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  for (let i = 0; i < d; i += 2) xopt[i] = Math.abs(xopt[i]!);
  const lam = lambdaDiagonal(10, d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      for (let i = 0; i < d; i++) {
        const t = tOsz(x[i]! - xopt[i]!);
        z[i] = t > 0 && i % 2 === 0 ? 10 * lam[i]! * t : lam[i]! * t;
      }
      return rastriginCore(z) + 100 * fPen(x) + fopt;
    },
  };
};

/**
 * RR-6829 f5, linear slope: x_opt = 5·sign(u) on the boundary, s_i = sign(x_opt_i)·10^((i-1)/(D-1)),
 * z_i = x_i if x_opt_i x_i < 5² else x_opt_i, f = Σ 5|s_i| - s_i z_i + f_opt. The minimum is at the
 * corner x_opt (and on the whole orthant beyond it, where z is clamped); inside [-5, 5]^D, f ≥ f_opt.
 */
const f5: Builder = (d, rseed, fopt) => {
  const signs = legacyXopt(rseed, d);
  const xopt = new Float64Array(d);
  const s = new Float64Array(d);
  let c = 0;
  for (let i = 0; i < d; i++) {
    const sg = signs[i]! > 0 ? 1 : -1; // COCO: best_parameter = +5 unless x_opt < 0
    xopt[i] = 5 * sg;
    s[i] = sg * 10 ** (i / (d - 1));
    c += 5 * Math.abs(s[i]!);
  }
  return {
    xopt,
    evaluate: (x) => {
      let f = c;
      for (let i = 0; i < d; i++) {
        const zi = xopt[i]! * x[i]! < 25 ? x[i]! : xopt[i]!;
        f -= s[i]! * zi;
      }
      return f + fopt;
    },
  };
};

/**
 * RR-6829 f6, attractive sector: z = Q Λ^10 R (x - x_opt) (COCO: rot1(rseed+10⁶)·Λ·rot2(rseed)),
 * s_i = 10² if z_i x_opt_i > 0 else 1, f = T_osz(Σ (s_i z_i)²)^0.9 + f_opt.
 */
const f6: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const m = conditionedRotation(rseed, 10, d);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(m, shiftInto(x, xopt, y), d, z);
      let s = 0;
      for (let i = 0; i < d; i++) s += z[i]! * xopt[i]! > 0 ? 1e4 * z[i]! * z[i]! : z[i]! * z[i]!;
      return tOsz(s) ** 0.9 + fopt;
    },
  };
};

/**
 * RR-6829 f7, step ellipsoid: ẑ = Λ^10 R (x - x_opt) (R = rot(rseed)), z̃_i = ⌊0.5 + ẑ_i⌋ if
 * |ẑ_i| > 0.5 else ⌊0.5 + 10ẑ_i⌋/10, z = Q z̃ (Q = rot(rseed+10⁶)),
 * f = 0.1 max(|ẑ_1|/10⁴, Σ 10^(2(i-1)/(D-1)) z_i²) + f_pen(x) + f_opt.
 */
const f7: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const q = legacyRotation(rseed + 1000000, d);
  const r = legacyRotation(rseed, d);
  const lam = lambdaDiagonal(10, d);
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) w[i] = 100 ** (i / (d - 1));
  const y = new Float64Array(d);
  const zh = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, zh);
      for (let i = 0; i < d; i++) zh[i]! *= lam[i]!;
      const z1 = zh[0]!;
      for (let i = 0; i < d; i++) {
        const v = zh[i]!;
        zh[i] = Math.abs(v) > 0.5 ? Math.floor(0.5 + v) : Math.floor(0.5 + 10 * v) / 10;
      }
      matVec(q, zh, d, z);
      let s = 0;
      for (let i = 0; i < d; i++) s += w[i]! * z[i]! * z[i]!;
      return 0.1 * Math.max(Math.abs(z1) * 1e-4, s) + fPen(x) + fopt;
    },
  };
};

function rosenbrockCore(z: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < z.length; i++) {
    const a = z[i]! * z[i]! - z[i + 1]!;
    const b = z[i]! - 1;
    s += 100 * a * a + b * b;
  }
  return s;
}

/**
 * RR-6829 f8, Rosenbrock: x_opt = 0.75·legacyXopt ∈ [-3, 3]^D, z = max(1, √D/8)(x - x_opt) + 1,
 * f = Σ 100(z_i² - z_{i+1})² + (z_i - 1)² + f_opt. The minimum (z = 1) is at x_opt.
 */
const f8: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  for (let i = 0; i < d; i++) xopt[i]! *= 0.75;
  const c = Math.max(1, Math.sqrt(d) / 8);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      for (let i = 0; i < d; i++) z[i] = c * (x[i]! - xopt[i]!) + 1;
      return rosenbrockCore(z) + fopt;
    },
  };
};

/**
 * The frame of the rotated Rosenbrock functions f9 and f19: z = c·R x + 1/2 with
 * c = max(1, √D/8), so the minimum z = 1 lies at x = Rᵀ 1 / (2c).
 */
function rotatedRosenbrockFrame(
  rseed: number,
  d: number,
): { r: Float64Array; c: number; xopt: Float64Array } {
  const r = legacyRotation(rseed, d);
  const c = Math.max(1, Math.sqrt(d) / 8);
  const xopt = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += r[i * d + j]!;
    xopt[j] = s / (2 * c);
  }
  return { r, c, xopt };
}

/**
 * RR-6829 f9, rotated Rosenbrock: z = max(1, √D/8) R x + 1/2 (R = rot(rseed)). There is no x_opt
 * shift: the minimum z = 1 is at x = Rᵀ 1 / (2 max(1, √D/8)) (as COCO sets it).
 */
const f9: Builder = (d, rseed, fopt) => {
  const { r, c, xopt } = rotatedRosenbrockFrame(rseed, d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, x, d, z);
      for (let i = 0; i < d; i++) z[i] = c * z[i]! + 0.5;
      return rosenbrockCore(z) + fopt;
    },
  };
};

/** RR-6829 f10, rotated ellipsoid: z = T_osz(R(x - x_opt)) (R = rot(rseed+10⁶)), f = Σ 10^(6(i-1)/(D-1)) z_i² + f_opt. */
const f10: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const r = legacyRotation(rseed + 1000000, d);
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) w[i] = 1e6 ** (i / (d - 1));
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, z);
      let s = 0;
      for (let i = 0; i < d; i++) {
        const t = tOsz(z[i]!);
        s += w[i]! * t * t;
      }
      return s + fopt;
    },
  };
};

/** RR-6829 f11, discus: z = T_osz(R(x - x_opt)) (R = rot(rseed+10⁶)), f = 10⁶ z_1² + Σ_{i≥2} z_i² + f_opt. */
const f11: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const r = legacyRotation(rseed + 1000000, d);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, z);
      const t0 = tOsz(z[0]!);
      let s = 1e6 * t0 * t0;
      for (let i = 1; i < d; i++) {
        const t = tOsz(z[i]!);
        s += t * t;
      }
      return s + fopt;
    },
  };
};

/**
 * RR-6829 f12, bent cigar: z = R T_asy^0.5(R(x - x_opt)), f = z_1² + 10⁶ Σ_{i≥2} z_i² + f_opt.
 * COCO draws both x_opt and R from rseed + 10⁶.
 */
const f12: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed + 1000000, d);
  const r = legacyRotation(rseed + 1000000, d);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, z);
      tAsyInto(z, 0.5, z);
      matVec(r, z, d, y);
      let s = 0;
      for (let i = 1; i < d; i++) s += y[i]! * y[i]!;
      return y[0]! * y[0]! + 1e6 * s + fopt;
    },
  };
};

/** RR-6829 f13, sharp ridge: z = Q Λ^10 R (x - x_opt), f = z_1² + 100 √(Σ_{i≥2} z_i²) + f_opt. */
const f13: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const m = conditionedRotation(rseed, 10, d);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(m, shiftInto(x, xopt, y), d, z);
      let s = 0;
      for (let i = 1; i < d; i++) s += z[i]! * z[i]!;
      return z[0]! * z[0]! + 100 * Math.sqrt(s) + fopt;
    },
  };
};

/** RR-6829 f14, different powers: z = R(x - x_opt) (R = rot(rseed+10⁶)), f = √(Σ |z_i|^(2 + 4(i-1)/(D-1))) + f_opt. */
const f14: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const r = legacyRotation(rseed + 1000000, d);
  const e = new Float64Array(d);
  for (let i = 0; i < d; i++) e[i] = 2 + (4 * i) / (d - 1);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, z);
      let s = 0;
      for (let i = 0; i < d; i++) s += Math.abs(z[i]!) ** e[i]!;
      return Math.sqrt(s) + fopt;
    },
  };
};

/**
 * RR-6829 f15, rotated Rastrigin: z = R Λ^10 Q T_asy^0.2(T_osz(R(x - x_opt))) with
 * R = rot(rseed+10⁶), Q = rot(rseed); f = 10(D - Σcos 2πz_i) + ‖z‖² + f_opt.
 */
const f15: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const r = legacyRotation(rseed + 1000000, d);
  const m = conditionedRotation(rseed, 10, d);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, z);
      tAsyInto(tOszInto(z, z), 0.2, z);
      matVec(m, z, d, y);
      return rastriginCore(y) + fopt;
    },
  };
};

/**
 * RR-6829 f16, Weierstrass: z = R Λ^(1/100) Q T_osz(R(x - x_opt)),
 * f = 10 (1/D Σ_i Σ_{k=0}^{11} ½^k cos(2π 3^k (z_i + ½)) - f₀)³ + 10/D f_pen(x) + f_opt,
 * f₀ = Σ_k ½^k cos(π 3^k).
 */
const f16: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const r = legacyRotation(rseed + 1000000, d);
  const m = conditionedRotation(rseed, 1 / 100, d);
  const ak = new Float64Array(12);
  const bk = new Float64Array(12);
  let f0 = 0;
  for (let k = 0; k < 12; k++) {
    ak[k] = 0.5 ** k;
    bk[k] = 3 ** k;
    f0 += ak[k]! * Math.cos(TWO_PI * bk[k]! * 0.5);
  }
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, shiftInto(x, xopt, y), d, z);
      tOszInto(z, z);
      matVec(m, z, d, y);
      let s = 0;
      for (let i = 0; i < d; i++) {
        for (let k = 0; k < 12; k++) s += ak[k]! * Math.cos(TWO_PI * bk[k]! * (y[i]! + 0.5));
      }
      const t = s / d - f0;
      return 10 * t * t * t + (10 / d) * fPen(x) + fopt;
    },
  };
};

/**
 * RR-6829 f17 (condition 10) and f18 (condition 1000), Schaffers F7: z = Λ^α Q T_asy^0.5(R(x - x_opt))
 * with R = rot(rseed+10⁶), Q = rot(rseed), s_i = √(z_i² + z_{i+1}²),
 * f = (1/(D-1) Σ √s_i + √s_i sin²(50 s_i^0.2))² + 10 f_pen(x) + f_opt.
 */
function schaffers(alpha: number): Builder {
  return (d, rseed, fopt) => {
    const xopt = legacyXopt(rseed, d);
    const r = legacyRotation(rseed + 1000000, d);
    const q = legacyRotation(rseed, d);
    const lam = lambdaDiagonal(alpha, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) q[i * d + j]! *= lam[i]!;
    const y = new Float64Array(d);
    const z = new Float64Array(d);
    return {
      xopt,
      evaluate: (x) => {
        matVec(r, shiftInto(x, xopt, y), d, z);
        tAsyInto(z, 0.5, z);
        matVec(q, z, d, y);
        let s = 0;
        for (let i = 0; i + 1 < d; i++) {
          const t = y[i]! * y[i]! + y[i + 1]! * y[i + 1]!; // s_i²
          const sn = Math.sin(50 * t ** 0.1);
          s += t ** 0.25 * (1 + sn * sn);
        }
        const m = s / (d - 1);
        return m * m + 10 * fPen(x) + fopt;
      },
    };
  };
}

/**
 * RR-6829 f19, composite Griewank-Rosenbrock F8F2: z = max(1, √D/8) R x + ½ (R = rot(rseed)),
 * s_i = 100(z_i² - z_{i+1})² + (z_i - 1)², f = 10/(D-1) Σ (s_i/4000 - cos s_i) + 10 + f_opt.
 * Minimum at z = 1, i.e. x = Rᵀ 1 / (2 max(1, √D/8)).
 */
const f19: Builder = (d, rseed, fopt) => {
  const { r, c, xopt } = rotatedRosenbrockFrame(rseed, d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(r, x, d, z);
      for (let i = 0; i < d; i++) z[i] = c * z[i]! + 0.5;
      let s = 0;
      for (let i = 0; i + 1 < d; i++) {
        const a = z[i]! * z[i]! - z[i + 1]!;
        const b = 1 - z[i]!;
        const si = 100 * a * a + b * b;
        s += si / 4000 - Math.cos(si);
      }
      return 10 + (10 * s) / (d - 1) + fopt;
    },
  };
};

/** Half the 1-D Schwefel minimizer 420.96874637/100 as COCO's `f_schwefel.c` uses it (RR-6829: 4.2096874633). */
const SCHWEFEL_HALF = 0.5 * 4.2096874637;

/**
 * RR-6829 f20, Schwefel x·sin(√|x|): x̂ = 2·1± ⊗ x, ẑ_1 = x̂_1, ẑ_{i+1} = x̂_{i+1} + ¼(x̂_i - 2|x_opt_i|),
 * z = 100(Λ^10(ẑ - 2|x_opt|) + 2|x_opt|), f = -1/(100D) Σ z_i sin(√|z_i|) + 4.189828872724339
 * + 100 f_pen(z/100) + f_opt, with x_opt = 4.2096874637/2 · 1± (1± from the legacy uniforms of
 * rseed). The minimum is at x_opt, where every z_i is the 1-D optimum 420.96874637.
 */
const f20: Builder = (d, rseed, fopt) => {
  const u = legacyUniform(d, rseed);
  const sign = new Float64Array(d);
  const xopt = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    sign[i] = u[i]! < 0.5 ? -1 : 1;
    xopt[i] = sign[i]! * SCHWEFEL_HALF;
  }
  const twoAbs = 2 * SCHWEFEL_HALF;
  const lam = lambdaDiagonal(10, d);
  const xh = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      for (let i = 0; i < d; i++) xh[i] = 2 * sign[i]! * x[i]!;
      let sum = 0;
      let pen = 0;
      for (let i = 0; i < d; i++) {
        const zh = i === 0 ? xh[0]! : xh[i]! + 0.25 * (xh[i - 1]! - twoAbs);
        const z = 100 * (lam[i]! * (zh - twoAbs) + twoAbs);
        sum += z * Math.sin(Math.sqrt(Math.abs(z)));
        const t = Math.abs(z) - 500;
        if (t > 0) pen += t * t;
      }
      return 0.01 * (pen + 418.9828872724339 - sum / d) + fopt;
    },
  };
};

/** Sorts indices 0..n-1 by the legacy uniforms, as COCO's qsort of (value, index) pairs. */
function legacyPermutation(n: number, seed: number): Int32Array {
  const u = legacyUniform(n, seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => u[a]! - u[b]!);
  return Int32Array.from(idx);
}

/**
 * RR-6829 f21 (101 peaks) and f22 (21 peaks), Gallagher's Gaussian peaks:
 * f = T_osz(10 - max_i w_i exp(-1/(2D) (x - y_i)ᵀ Rᵀ C_i R (x - y_i)))² + f_pen(x) + f_opt,
 * w_1 = 10, w_i = 1.1 + 8(i-2)/(n-2); C_i = Λ^(α_i)/α_i^(1/4) with α_1 = 1000 (f21) or 1000²
 * (f22) and the other α_i a random permutation of 1000^(2j/(n-2)); the diagonal of each C_i is
 * randomly permuted; y_1 = x_opt ∈ [-4, 4]^D (f21) or [-3.92, 3.92]^D (f22), the other y_i
 * uniform in [-5, 5]^D ([-4.9, 4.9]^D); R = rot(rseed). Random draws follow COCO's `f_gallagher.c`.
 */
function gallagher(peaks: number): Builder {
  return (d, rseed, fopt) => {
    const b = peaks === 101 ? 10 : 9.8;
    const c = peaks === 101 ? 5 : 4.9;
    const r = legacyRotation(rseed, d);
    const perm = legacyPermutation(peaks - 1, rseed);
    const sqrtAlpha = new Float64Array(peaks);
    const w = new Float64Array(peaks);
    sqrtAlpha[0] = peaks === 101 ? Math.sqrt(1000) : 1000;
    w[0] = 10;
    for (let i = 1; i < peaks; i++) {
      sqrtAlpha[i] = 1000 ** (perm[i - 1]! / (peaks - 2));
      w[i] = ((i - 1) / (peaks - 2)) * 8 + 1.1;
    }
    // scales[i·d + j]: diagonal entry j of C_i, i.e. √α_i^(π_i(j)/(D-1) - ½).
    const scales = new Float64Array(peaks * d);
    for (let i = 0; i < peaks; i++) {
      const p = legacyPermutation(d, rseed + 1000 * i);
      for (let j = 0; j < d; j++) scales[i * d + j] = sqrtAlpha[i]! ** (p[j]! / (d - 1) - 0.5);
    }
    const u = legacyUniform(d * peaks, rseed);
    const xopt = new Float64Array(d);
    for (let i = 0; i < d; i++) xopt[i] = 0.8 * (b * u[i]! - c);
    // Rotated peak centres: local[i·d + j] = (R y_i)_j.
    const local = new Float64Array(peaks * d);
    for (let i = 0; i < peaks; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += r[j * d + k]! * (b * u[i * d + k]! - c);
        local[i * d + j] = i === 0 ? 0.8 * s : s;
      }
    }
    const fac = -0.5 / d;
    const tx = new Float64Array(d);
    return {
      xopt,
      evaluate: (x) => {
        matVec(r, x, d, tx);
        let best = 0;
        for (let i = 0; i < peaks; i++) {
          let q = 0;
          const off = i * d;
          for (let j = 0; j < d; j++) {
            const t = tx[j]! - local[off + j]!;
            q += scales[off + j]! * t * t;
          }
          const v = w[i]! * Math.exp(fac * q);
          if (v > best) best = v;
        }
        const t = tOsz(10 - best);
        return t * t + fPen(x) + fopt;
      },
    };
  };
}

/**
 * RR-6829 f23, Katsuura: z = Q Λ^100 R (x - x_opt),
 * f = 10/D² Π_i (1 + i Σ_{j=1}^{32} |2^j z_i - [2^j z_i]|/2^j)^(10/D^1.2) - 10/D² + f_pen(x) + f_opt,
 * [·] rounding half up as COCO's ⌊· + 0.5⌋.
 */
const f23: Builder = (d, rseed, fopt) => {
  const xopt = legacyXopt(rseed, d);
  const m = conditionedRotation(rseed, 100, d);
  const expo = 10 / d ** 1.2;
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      matVec(m, shiftInto(x, xopt, y), d, z);
      let prod = 1;
      for (let i = 0; i < d; i++) {
        let s = 0;
        let p = 2;
        for (let j = 1; j <= 32; j++, p *= 2) {
          const v = p * z[i]!;
          s += Math.abs(v - Math.floor(v + 0.5)) / p;
        }
        prod *= 1 + (i + 1) * s;
      }
      return (10 / (d * d)) * (prod ** expo - 1) + fPen(x) + fopt;
    },
  };
};

/**
 * RR-6829 f24, Lunacek bi-Rastrigin: x̂ = 2 sign(x_opt) ⊗ x, μ₀ = 2.5, d = 1,
 * s = 1 - 1/(2√(D+20) - 8.2), μ₁ = -√((μ₀² - d)/s), z = Q Λ^100 R (x̂ - μ₀),
 * f = min(Σ(x̂_i - μ₀)², dD + sΣ(x̂_i - μ₁)²) + 10(D - Σcos 2πz_i) + 10⁴ f_pen(x) + f_opt,
 * x_opt = (μ₀/2)·sign(legacy normals of rseed). The minimum is at x_opt (x̂ = μ₀).
 */
const f24: Builder = (d, rseed, fopt) => {
  const mu0 = 2.5;
  const s = 1 - 0.5 / (Math.sqrt(d + 20) - 4.1);
  const mu1 = -Math.sqrt((mu0 * mu0 - 1) / s);
  const g = legacyGauss(d, rseed);
  const sign = new Float64Array(d);
  const xopt = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    sign[i] = g[i]! < 0 ? -1 : 1;
    xopt[i] = 0.5 * mu0 * sign[i]!;
  }
  const m = conditionedRotation(rseed, 100, d);
  const y = new Float64Array(d);
  const z = new Float64Array(d);
  return {
    xopt,
    evaluate: (x) => {
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < d; i++) {
        const xh = 2 * sign[i]! * x[i]!;
        y[i] = xh - mu0;
        s0 += (xh - mu0) * (xh - mu0);
        s1 += (xh - mu1) * (xh - mu1);
      }
      matVec(m, y, d, z);
      let c = 0;
      for (let i = 0; i < d; i++) c += Math.cos(TWO_PI * z[i]!);
      return Math.min(s0, d + s * s1) + 10 * (d - c) + 1e4 * fPen(x) + fopt;
    },
  };
};

/** The builders by function number 1..24. */
export const BBOB_BUILDERS: readonly Builder[] = [
  f1,
  f2,
  f3,
  f4,
  f5,
  f6,
  f7,
  f8,
  f9,
  f10,
  f11,
  f12,
  f13,
  f14,
  f15,
  f16,
  schaffers(10),
  schaffers(1000),
  f19,
  f20,
  gallagher(101),
  gallagher(21),
  f23,
  f24,
];

/** The random seed COCO derives for function `fid` and `instance` (f4 and f18 share f3's and f17's). */
export function bbobSeed(fid: number, instance: number): number {
  const base = fid === 4 ? 3 : fid === 18 ? 17 : fid;
  return base + 10000 * instance;
}
