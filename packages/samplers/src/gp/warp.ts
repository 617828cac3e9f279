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
 */
import { normalQuantile } from "@tunelab/math/special";

/** How the losses of a single-objective study are warped before the GP sees them. */
export type GpOutputWarping = { readonly kind: "none" } | { readonly kind: "rank" };

/**
 * The warped losses (a new array; the input unchanged for `none`).
 * @example warpOutputs(Float64Array.of(3, 1e6, 1), { kind: "rank" }) // Φ⁻¹([0.5, 0.833, 0.167])
 */
export function warpOutputs(y: Float64Array, warping: GpOutputWarping): Float64Array {
  if (warping.kind === "none") return y;
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
