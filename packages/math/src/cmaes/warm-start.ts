/**
 * Warm starting CMA-ES from the solutions of a similar, earlier task (WS-CMA-ES): Nomura,
 * Watanabe, Akimoto, Ozaki and Onishi, "Warm Starting CMA-ES for Hyperparameter
 * Optimization", AAAI 2021 (arXiv:2012.06932).
 *
 * Notation: the source solutions (x_i, f_i), i = 1..N, in the same n-dimensional space; the
 * best ⌊γN⌋ of them, x_(1..k). The promising region is modelled as the mixture of
 * N(x_(j), α²I) over the top solutions, and the initial distribution is its moment match:
 *   m⁽⁰⁾ = (1/k) Σ_j x_(j),   Σ⁽⁰⁾ = α² I + (1/k) Σ_j (x_(j) − m⁽⁰⁾)(x_(j) − m⁽⁰⁾)ᵀ,
 * split as σ⁽⁰⁾ = det(Σ⁽⁰⁾)^{1/(2n)} and C⁽⁰⁾ = Σ⁽⁰⁾/σ⁽⁰⁾² (so det C⁽⁰⁾ = 1).
 * γ = 0.1 and α = 0.1 are the paper's defaults; α is in the units of x, so the paper's value
 * assumes coordinates scaled to [0, 1].
 */
import { symmetricEigen } from "../linalg/eigen.js";
import type { CmaSolution } from "./base.js";

/** Options of {@link warmStartDistribution}. */
export interface WarmStartOptions {
  /** Fraction γ of the best source solutions used (at least one must be selected). @defaultValue 0.1 */
  readonly gamma?: number;
  /** Prior standard deviation α around each selected solution. @defaultValue 0.1 */
  readonly alpha?: number;
}

/**
 * Checks the warm-start settings and fills in the defaults.
 * @param where - the caller, for the error message.
 * @param options - the record as given.
 * @param path - prefix of the field names in the message (e.g. "start."). @defaultValue ""
 * @throws TypeError unless `options` is a record; RangeError unless γ ∈ (0, 1] and α is a
 *   finite number > 0.
 */
export function resolveWarmStartOptions(
  where: string,
  options: WarmStartOptions,
  path = "",
): Required<WarmStartOptions> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${where}: the warm-start options must be a record`);
  }
  const gamma = options.gamma ?? 0.1;
  const alpha = options.alpha ?? 0.1;
  if (!(gamma > 0 && gamma <= 1))
    throw new RangeError(`${where}: ${path}gamma must be in (0, 1], got ${gamma}`);
  if (!(alpha > 0 && Number.isFinite(alpha)))
    throw new RangeError(`${where}: ${path}alpha must be a finite number > 0, got ${alpha}`);
  return { gamma, alpha };
}

/** An initial distribution for {@link CmaEs}: pass as `{ mean, sigma, cov }`. */
export interface WarmStartDistribution {
  /** m⁽⁰⁾ (length n). */
  readonly mean: Float64Array;
  /** σ⁽⁰⁾ = det(Σ⁽⁰⁾)^{1/(2n)}. */
  readonly sigma: number;
  /** C⁽⁰⁾ = Σ⁽⁰⁾/σ⁽⁰⁾², row-major n×n, determinant 1. */
  readonly cov: Float64Array;
}

/**
 * The WS-CMA-ES initial distribution estimated from the solutions of a source task.
 * @param sourceSolutions - evaluated points of the source task (minimization).
 * @throws RangeError if there are no solutions, the x have different lengths or non-finite
 *   entries, a value is NaN, γ ∉ (0, 1] or ⌊γN⌋ = 0, or α is not a finite number > 0.
 * @example
 * ```ts
 * const ws = warmStartDistribution(previousRun, { gamma: 0.1 });
 * const es = new CmaEs({ mean: ws.mean, sigma: ws.sigma, cov: ws.cov, seed: 1 });
 * ```
 */
export function warmStartDistribution(
  sourceSolutions: readonly CmaSolution[],
  options: WarmStartOptions = {},
): WarmStartDistribution {
  const where = "warmStartDistribution";
  const { gamma, alpha } = resolveWarmStartOptions(where, options);
  // `as unknown`: Array.isArray would narrow the readonly array to any[] (no element checks below).
  if (!Array.isArray(sourceSolutions as unknown) || sourceSolutions.length === 0) {
    throw new RangeError(`${where}: sourceSolutions must be a non-empty array`);
  }
  const n = sourceSolutions[0]?.x?.length ?? 0;
  if (n < 1) throw new RangeError(`${where}: sourceSolutions[0].x must be a non-empty array`);
  sourceSolutions.forEach((s, k) => {
    if (s?.x?.length !== n) throw new RangeError(`${where}: sourceSolutions[${k}].x must have length ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(s.x[i]))
        throw new RangeError(`${where}: sourceSolutions[${k}].x[${i}] is not finite`);
    }
    if (typeof s.value !== "number" || Number.isNaN(s.value)) {
      throw new RangeError(`${where}: sourceSolutions[${k}].value must be a number, got ${String(s.value)}`);
    }
  });
  const k = Math.floor(sourceSolutions.length * gamma);
  if (k < 1) {
    throw new RangeError(
      `${where}: gamma·N = ${gamma}·${sourceSolutions.length} selects no solution; pass more solutions or a larger gamma`,
    );
  }
  const top = [...sourceSolutions].sort((a, b) => a.value - b.value).slice(0, k);
  const mean = new Float64Array(n);
  for (const s of top) for (let i = 0; i < n; i++) mean[i] = mean[i]! + s.x[i]! / k;
  const cov = new Float64Array(n * n);
  for (const s of top) {
    for (let i = 0; i < n; i++) {
      const di = s.x[i]! - mean[i]!;
      for (let j = i; j < n; j++) cov[i * n + j] = cov[i * n + j]! + (di * (s.x[j]! - mean[j]!)) / k;
    }
  }
  for (let i = 0; i < n; i++) {
    cov[i * n + i] = cov[i * n + i]! + alpha * alpha;
    for (let j = i + 1; j < n; j++) cov[j * n + i] = cov[i * n + j]!;
  }
  // det Σ from the eigenvalues (in log space: no overflow for large n).
  const values = new Float64Array(n);
  symmetricEigen(cov, n, values, new Float64Array(n * n));
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(values[i]!);
  const sigma = Math.exp(logDet / (2 * n));
  const inv = 1 / (sigma * sigma);
  for (let i = 0; i < n * n; i++) cov[i] = cov[i]! * inv;
  return { mean, sigma, cov };
}
