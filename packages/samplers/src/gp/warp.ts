/**
 * Output warping for the single-objective GP: a monotone map of the losses applied before the
 * GP is fitted, so that a few huge values (Rosenbrock's 10⁶ next to its 10¹) do not make the
 * standardized outputs of every good point indistinguishable. EI is then computed on the
 * warped scale; the argmin, and so y*, is unchanged because the map is increasing.
 *
 * - `{ kind: "none" }`: the losses as they are (Optuna's GPSampler).
 * - `{ kind: "rank" }`: the Gaussian copula transform ψ(y_i) = Φ⁻¹((r_i − ½)/n), r_i the rank
 *   of y_i (ties share their mean rank): Salinas, Shen, Perrone, "A quantile-based approach for
 *   hyperparameter transfer learning" (ICML 2020), §3, where it makes GP surrogates robust to
 *   heavy-tailed objectives.
 * - `{ kind: "power" }`: the Yeo–Johnson power transform (Yeo & Johnson, "A new family of power
 *   transformations to improve normality or symmetry", Biometrika 87(4), 2000) of the
 *   standardized losses, λ by maximum likelihood of a normal model of the transformed values
 *   (the profile log-likelihood of their §3 / scikit-learn's `PowerTransformer` docs), λ
 *   searched in [−2, 2] (Brent-free golden section on a unimodal-in-practice curve). HEBO
 *   (Cowen-Rivers et al., "HEBO: pushing the limits of sample-efficient hyper-parameter
 *   optimisation", JAIR 74, 2022, §4.1) found this output transform among the changes that
 *   matter most for a GP on heavy-tailed objectives. Unlike ranks it keeps the order *and* the
 *   spacing of the good points, and compresses only the tail.
 * - `{ kind: "plateau", fraction }`: ranks when the losses hold a plateau (the most frequent
 *   value, by exact equality, shared by at least ⌈fraction·n⌉ and at least 3 observations: a
 *   classifier at chance accuracy, a diverged training run's constant loss), else the power
 *   transform. Under ranks a plateau is one tied value; under the power transform it is the bulk
 *   of the data that the transform makes normal, squeezing the few good values together.
 */
import { normalQuantile } from "@tunelab/math/special";

/** How the losses of a single-objective study are warped before the GP sees them. */
export type GpOutputWarping =
  | { readonly kind: "none" }
  | { readonly kind: "rank" }
  | { readonly kind: "power" }
  | {
      readonly kind: "plateau";
      /** The share of the observations a repeated value must hold. @defaultValue 0.25 */
      readonly fraction?: number;
    };

/**
 * True when the most frequent value of y (exact equality) is held by at least
 * max(3, ⌈fraction·n⌉) entries.
 */
export function hasPlateau(y: Float64Array, fraction: number): boolean {
  const n = y.length;
  const need = Math.max(3, Math.ceil(fraction * n));
  if (n < need) return false;
  const sorted = Float64Array.from(y).sort();
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && sorted[e] === sorted[k]) e++;
    if (e - k >= need) return true;
    k = e;
  }
  return false;
}

/**
 * The warped losses (a new array; the input unchanged for `none`).
 * @example warpOutputs(Float64Array.of(3, 1e6, 1), { kind: "rank" }) // Φ⁻¹([0.5, 0.833, 0.167])
 */
export function warpOutputs(y: Float64Array, warping: GpOutputWarping): Float64Array {
  if (warping.kind === "none") return y;
  if (warping.kind === "power") return yeoJohnsonWarp(y);
  if (warping.kind === "plateau" && !hasPlateau(y, warping.fraction ?? 0.25)) return yeoJohnsonWarp(y);
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a]! - y[b]!);
  const out = new Float64Array(n);
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && y[order[e]!] === y[order[k]!]) e++;
    // Ranks k+1..e share their mean (k + 1 + e)/2.
    const p = ((k + 1 + e) / 2 - 0.5) / n;
    const z = normalQuantile(p);
    for (let i = k; i < e; i++) out[order[i]!] = z;
    k = e;
  }
  return out;
}

/** Yeo–Johnson of one value at λ. */
function yeoJohnson(v: number, lambda: number): number {
  if (v >= 0) {
    return Math.abs(lambda) < 1e-12 ? Math.log1p(v) : (Math.exp(lambda * Math.log1p(v)) - 1) / lambda;
  }
  const l2 = 2 - lambda;
  return Math.abs(l2) < 1e-12 ? -Math.log1p(-v) : -(Math.exp(l2 * Math.log1p(-v)) - 1) / l2;
}

/**
 * The profile log-likelihood of λ for standardized z (up to a constant):
 * −n/2·log σ̂²(λ) + (λ − 1)·Σ sign(z)·log(1 + |z|), σ̂² the variance of the transformed values.
 */
function yeoJohnsonLogLikelihood(z: Float64Array, lambda: number, jac: number): number {
  const n = z.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yeoJohnson(z[i]!, lambda);
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = yeoJohnson(z[i]!, lambda) - mean;
    ss += d * d;
  }
  const variance = ss / n;
  if (!(variance > 0) || !Number.isFinite(variance)) return Number.NEGATIVE_INFINITY;
  return -0.5 * n * Math.log(variance) + (lambda - 1) * jac;
}

/**
 * The standardized losses through Yeo–Johnson at the maximum-likelihood λ in [−2, 2], then
 * standardized again. Constant or single losses are returned standardized (zeros).
 */
function yeoJohnsonWarp(y: Float64Array): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  if (!(sd > 0) || !Number.isFinite(sd)) return out;
  const z = new Float64Array(n);
  let jac = 0;
  for (let i = 0; i < n; i++) {
    const v = (y[i]! - mean) / sd;
    z[i] = v;
    jac += Math.sign(v) * Math.log1p(Math.abs(v));
  }
  // Golden-section search for the maximum of the profile log-likelihood on [−2, 2]: 1-D, a
  // few dozen evaluations of an O(n) function, so no general optimizer is needed.
  const g = (Math.sqrt(5) - 1) / 2;
  let a = -2;
  let b = 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = yeoJohnsonLogLikelihood(z, c, jac);
  let fd = yeoJohnsonLogLikelihood(z, d, jac);
  for (let it = 0; it < 60 && b - a > 1e-6; it++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = yeoJohnsonLogLikelihood(z, c, jac);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = yeoJohnsonLogLikelihood(z, d, jac);
    }
  }
  const lambda = (a + b) / 2;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const t = yeoJohnson(z[i]!, lambda);
    out[i] = t;
    m2 += t;
  }
  m2 /= n;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (out[i]! - m2) ** 2;
  const sd2 = Math.sqrt(s2 / n);
  for (let i = 0; i < n; i++) out[i] = sd2 > 0 ? (out[i]! - m2) / sd2 : 0;
  return out;
}
