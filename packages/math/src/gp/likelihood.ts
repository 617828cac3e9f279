/**
 * The log marginal likelihood of a zero-mean GP and its analytic gradient with respect to
 * every hyperparameter in log space.
 *
 * Notation: X [n×D] inputs, y [n] outputs (standardized by the caller), K [n×n] =
 * σ_f² M + σ_n² I (see kernel.ts), L its Cholesky factor, α = K⁻¹ y [n]. With
 * θ = (log ℓ_1..log ℓ_D, log σ_f², log σ_n²) (Rasmussen & Williams 2006, eqs. (5.8), (5.9)):
 *   log p(y | X, θ) = -½ yᵀα - Σ_i log L_ii - (n/2) log 2π,
 *   ∂/∂θ_j log p = ½ tr((ααᵀ - K⁻¹) ∂K/∂θ_j) = ½ Σ_ab W_ab ∂K_ab/∂θ_j,  W = ααᵀ - K⁻¹,
 * with ∂K_ab/∂log ℓ_t = σ_f² m'(s_ab)·(-2 δ_t(a, b)/ℓ_t²), ∂K/∂log σ_f² = σ_f² M and
 * ∂K/∂log σ_n² = σ_n² I. Cost: the factorization and K⁻¹ (about n³/2 multiply-adds) and
 * one pass over the pairs a < b (n²D/2).
 */
import { choleskyInverse, choleskyJitter, solveLower, solveLowerTransposed } from "./cholesky.js";
import {
  fillKernelMatrix,
  type GpHyperparameters,
  type GpKernel,
  type KernelParts,
  kernelDerivative,
  kernelParts,
} from "./kernel.js";
import { checkMatrix, checkVector } from "./validate.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Buffers reused across likelihood evaluations of one data set (4 n×n arrays). */
export interface LikelihoodWorkspace {
  readonly n: number;
  readonly k: Float64Array;
  readonly l: Float64Array;
  readonly scratch: Float64Array;
  readonly inv: Float64Array;
  readonly alpha: Float64Array;
  readonly delta: Float64Array;
  readonly acc: Float64Array;
  jitter: number;
}

/** Allocates a workspace for n points in D dimensions. */
export function likelihoodWorkspace(n: number, d: number): LikelihoodWorkspace {
  return {
    n,
    k: new Float64Array(n * n),
    l: new Float64Array(n * n),
    scratch: new Float64Array(n * n),
    inv: new Float64Array(n * n),
    alpha: new Float64Array(n),
    delta: new Float64Array(d),
    acc: new Float64Array(d),
    jitter: 0,
  };
}

/**
 * log p(y | X) for the kernel parts and noise; when grad is given, writes ∂/∂log ℓ_t into
 * grad[0..D), ∂/∂log σ_f² into grad[D] and (if grad has D + 2 entries) ∂/∂σ_n² times
 * noiseScale into grad[D + 1] (noiseScale = σ_n² gives the log-space derivative). The
 * jitter the factorization needed is left in ws.jitter.
 */
export function evaluateLogMarginal(
  p: KernelParts,
  noise: number,
  x: Float64Array,
  y: Float64Array,
  ws: LikelihoodWorkspace,
  grad: Float64Array | null,
  noiseScale: number,
): number {
  const n = ws.n;
  const d = p.d;
  fillKernelMatrix(p, x, n, noise, ws.k);
  ws.jitter = choleskyJitter(ws.k, n, { out: ws.l }).jitter;
  const l = ws.l;
  const alpha = ws.alpha;
  alpha.set(y);
  solveLower(l, n, alpha);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += alpha[i]! * alpha[i]!;
  solveLowerTransposed(l, n, alpha);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(l[i * n + i]!);
  const value = -0.5 * quad - logDet - n * HALF_LOG_2PI;
  if (grad === null) return value;

  const inv = choleskyInverse(l, n, ws.scratch, ws.inv);
  const acc = ws.acc;
  const delta = ws.delta;
  acc.fill(0);
  let traceW = 0;
  let signal = 0;
  for (let a = 0; a < n; a++) {
    const aa = alpha[a]!;
    const ra = a * n;
    traceW += aa * aa - inv[ra + a]!;
    for (let b = 0; b < a; b++) {
      const w = aa * alpha[b]! - inv[ra + b]!;
      // s_ab and its per-dimension parts δ_t.
      let s = 0;
      const oa = a * d;
      const ob = b * d;
      for (let t = 0; t < d; t++) {
        const diff = x[oa + t]! - x[ob + t]!;
        const dt = p.categorical[t] === 1 ? (diff !== 0 ? 1 : 0) : diff * diff;
        delta[t] = dt;
        s += dt * p.invLengthSq[t]!;
      }
      signal += w * ws.k[ra + b]!;
      const c = w * kernelDerivative(p, s);
      for (let t = 0; t < d; t++) acc[t] = acc[t]! + c * delta[t]!;
    }
  }
  for (let t = 0; t < d; t++) grad[t] = -2 * p.invLengthSq[t]! * acc[t]!;
  // ½ Σ_ab W_ab σ_f² M_ab: the diagonal (M = 1) once, the off-diagonal pairs twice.
  grad[d] = 0.5 * traceW * p.signalVariance + signal;
  if (grad.length > d + 1) grad[d + 1] = 0.5 * traceW * noiseScale;
  return value;
}

/** The result of {@link logMarginalLikelihood}. */
export interface LogMarginalLikelihood {
  /** log p(y | X, θ). */
  readonly value: number;
  /** ∂/∂θ for θ = (log ℓ_1..log ℓ_D, log σ_f², log σ_n²): D + 2 entries. */
  readonly gradient: Float64Array;
  /** The jitter the Cholesky factorization needed (0 almost always). */
  readonly jitter: number;
}

/**
 * The log marginal likelihood of y under a zero-mean GP and its gradient in log space.
 * y is used as given (standardize it first for the usual model).
 * @param kernel - the shape.
 * @param x - row-major N×D inputs (D = length of hyper.lengthScales).
 * @param y - N outputs.
 * @param hyper - length scales, signal and noise variances.
 * @param options.categorical - mask of categorical dimensions. @defaultValue all numeric
 * @throws RangeError on mismatched shapes, non-finite data or non-positive hyperparameters.
 * @example logMarginalLikelihood({ kind: "matern52" }, x, y, hyper).gradient // D + 2 entries
 */
export function logMarginalLikelihood(
  kernel: GpKernel,
  x: Float64Array,
  y: Float64Array,
  hyper: GpHyperparameters,
  options: { readonly categorical?: Uint8Array } = {},
): LogMarginalLikelihood {
  const where = "logMarginalLikelihood";
  const d = hyper.lengthScales.length;
  checkHyper(where, hyper, d);
  const n = checkMatrix(where, "x", x, d);
  checkVector(where, "y", y, n);
  const mask = options.categorical ?? new Uint8Array(d);
  if (mask.length !== d)
    throw new RangeError(`${where}: categorical must have length D=${d}, got ${mask.length}`);
  const ws = likelihoodWorkspace(n, d);
  const gradient = new Float64Array(d + 2);
  const value = evaluateLogMarginal(
    kernelParts(kernel, hyper, mask),
    hyper.noiseVariance,
    x,
    y,
    ws,
    gradient,
    hyper.noiseVariance,
  );
  return { value, gradient, jitter: ws.jitter };
}

/**
 * Checks hyperparameters: D ≥ 1 positive finite length scales, positive finite variances.
 * @throws RangeError naming the entry.
 */
export function checkHyper(where: string, hyper: GpHyperparameters, d: number): void {
  if (!(hyper.lengthScales instanceof Float64Array) || hyper.lengthScales.length !== d || d < 1) {
    throw new RangeError(`${where}: hyper.lengthScales must be a Float64Array of D=${d} >= 1 entries`);
  }
  for (let j = 0; j < d; j++) {
    const v = hyper.lengthScales[j]!;
    if (!(v > 0 && Number.isFinite(v))) {
      throw new RangeError(`${where}: hyper.lengthScales[${j}] must be positive and finite, got ${v}`);
    }
  }
  if (!(hyper.signalVariance > 0 && Number.isFinite(hyper.signalVariance))) {
    throw new RangeError(
      `${where}: hyper.signalVariance must be positive and finite, got ${hyper.signalVariance}`,
    );
  }
  if (!(hyper.noiseVariance > 0 && Number.isFinite(hyper.noiseVariance))) {
    throw new RangeError(
      `${where}: hyper.noiseVariance must be positive and finite, got ${hyper.noiseVariance}`,
    );
  }
}
