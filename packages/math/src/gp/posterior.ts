/**
 * The GP posterior at query points: mean and variance of the latent function for many
 * points at once, and mean, variance and their gradients in x at one point.
 *
 * Notation (model.ts): L, α = K⁻¹ỹ; for a query q, k* [n] = (k(x_i, q))_i. In standardized
 * units (Rasmussen & Williams 2006, Algorithm 2.1):
 *   μ̃(q) = k*ᵀ α,   ṽ(q) = σ_f² - ‖L⁻¹ k*‖²   (k(q, q) = σ_f² for a stationary kernel),
 * and in the outputs' own units μ = ȳ + s_y μ̃, v = s_y² ṽ. The variance is that of the
 * latent function (no observation noise), clamped at 0 against rounding.
 * For a batch Q [m×D], the cross-kernel K*ᵀ [m×n] (one row per query) is solved against L
 * in one forward substitution with m right-hand sides (`solveLowerRows`, in blocks of 256
 * queries to bound memory); μ̃ and ṽ are dot products of its rows.
 * Gradients (numeric dimensions t only; a categorical coordinate has none):
 *   ∂k*_i/∂q_t = σ_f² m'(s_i) · 2 (q_t - x_it)/ℓ_t²,
 *   ∂μ̃/∂q_t = Σ_i ∂k*_i/∂q_t α_i,  ∂ṽ/∂q_t = -2 Σ_i ∂k*_i/∂q_t w_i,  w = K⁻¹ k*.
 */
import { dot4, solveLower, solveLowerRows, solveUpper } from "./cholesky.js";
import { kernelDerivative, kernelValue, scaledSquaredDistance } from "./kernel.js";
import type { GpModel } from "./model.js";

const BLOCK = 256;

/** Posterior means and variances at m query points. */
export interface GpPosterior {
  /** μ at each query point [m]. */
  readonly mean: Float64Array;
  /** v ≥ 0 at each query point [m] (latent function, no noise). */
  readonly variance: Float64Array;
}

/**
 * Standardized posterior (μ̃, ṽ) at m points of q into meanOut and varOut. Allocates one
 * n×min(m, 256) block.
 */
export function posteriorStandardized(
  model: GpModel,
  q: Float64Array,
  m: number,
  meanOut: Float64Array,
  varOut: Float64Array,
): void {
  const n = model.size;
  const p = model.parts;
  const x = model.x;
  const block = new Float64Array(n * Math.min(m, BLOCK));
  for (let start = 0; start < m; start += BLOCK) {
    const b = Math.min(BLOCK, m - start);
    for (let j = 0; j < b; j++) {
      const row = j * n;
      for (let i = 0; i < n; i++)
        block[row + i] = kernelValue(p, scaledSquaredDistance(p, x, i, q, start + j));
      meanOut[start + j] = dot4(block, row, model.alpha, 0, n);
    }
    solveLowerRows(model.factor, n, block, b);
    for (let j = 0; j < b; j++) {
      const v = p.signalVariance - dot4(block, j * n, block, j * n, n);
      varOut[start + j] = v > 0 ? v : 0;
    }
  }
}

/**
 * The posterior mean and variance (in the outputs' own units) at many query points.
 * @param model - a conditioned GP (`gpModel` or `fitGp`).
 * @param q - row-major M×D query points in the unit cube.
 * @returns M means and M variances of the latent function.
 * @throws RangeError when q's length is not a multiple of D or q holds a non-finite value.
 * @example posterior(model, Float64Array.of(0.5)).mean[0]
 */
export function posterior(model: GpModel, q: Float64Array): GpPosterior {
  const d = model.dimension;
  if (!(q instanceof Float64Array) || q.length % d !== 0) {
    throw new RangeError(`posterior: q must be a Float64Array whose length is a multiple of D=${d}`);
  }
  for (let i = 0; i < q.length; i++) {
    if (!Number.isFinite(q[i]))
      throw new RangeError(`posterior: q[${Math.floor(i / d)}][${i % d}] must be finite, got ${q[i]}`);
  }
  const m = q.length / d;
  const mean = new Float64Array(m);
  const variance = new Float64Array(m);
  posteriorStandardized(model, q, m, mean, variance);
  const s = model.yStd;
  for (let j = 0; j < m; j++) {
    mean[j] = model.yMean + s * mean[j]!;
    variance[j] = s * s * variance[j]!;
  }
  return { mean, variance };
}

/** Buffers for {@link posteriorGradient} (one per model). */
export interface PointWorkspace {
  readonly kStar: Float64Array;
  readonly w: Float64Array;
  readonly s: Float64Array;
  /** μ̃ at the last point. */
  mean: number;
  /** ṽ at the last point (clamped at 0). */
  variance: number;
}

/** Allocates the buffers of {@link posteriorGradient} for a model. */
export function pointWorkspace(model: GpModel): PointWorkspace {
  const n = model.size;
  return { kStar: new Float64Array(n), w: new Float64Array(n), s: new Float64Array(n), mean: 0, variance: 0 };
}

/**
 * Standardized μ̃ and ṽ at one point q [D] (left in ws.mean, ws.variance) and, when dMean
 * and dVar are given, their gradients in q (0 on categorical dimensions and wherever ṽ was
 * clamped). O(n² + nD).
 */
export function posteriorGradient(
  model: GpModel,
  q: Float64Array,
  ws: PointWorkspace,
  dMean: Float64Array | null,
  dVar: Float64Array | null,
): void {
  const n = model.size;
  const d = model.dimension;
  const p = model.parts;
  const x = model.x;
  const kStar = ws.kStar;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const s = scaledSquaredDistance(p, x, i, q, 0);
    ws.s[i] = s;
    const k = kernelValue(p, s);
    kStar[i] = k;
    mean += k * model.alpha[i]!;
  }
  const w = ws.w;
  w.set(kStar);
  solveLower(model.factor, n, w);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += w[i]! * w[i]!;
  let variance = p.signalVariance - quad;
  const clamped = !(variance > 0);
  if (clamped) variance = 0;
  ws.mean = mean;
  ws.variance = variance;
  if (dMean === null || dVar === null) return;
  solveUpper(model.factorTransposed, n, w);
  dMean.fill(0);
  dVar.fill(0);
  for (let i = 0; i < n; i++) {
    const c = 2 * kernelDerivative(p, ws.s[i]!);
    const a = c * model.alpha[i]!;
    const b = c * w[i]!;
    const oi = i * d;
    for (let t = 0; t < d; t++) {
      if (p.categorical[t] === 1) continue;
      const g = (q[t]! - x[oi + t]!) * p.invLengthSq[t]!;
      dMean[t] = dMean[t]! + a * g;
      dVar[t] = dVar[t]! + b * g;
    }
  }
  for (let t = 0; t < d; t++) dVar[t] = clamped ? 0 : -2 * dVar[t]!;
}
