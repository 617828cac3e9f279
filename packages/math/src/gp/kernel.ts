/**
 * Stationary kernels with automatic relevance determination (ARD) on the unit cube.
 *
 * Notation (shapes in brackets): x, x' [D] points in the cube; ℓ [D] length scales; σ_f² the
 * signal variance; σ_n² the observation noise. The scaled squared distance is
 *   s(x, x') = Σ_d δ_d(x_d, x'_d) / ℓ_d²,
 * with δ_d = (x_d - x'_d)² on numeric dimensions and δ_d = [x_d ≠ x'_d] (Hamming, one per
 * differing choice) on categorical ones, so that a categorical dimension enters the same
 * kernel form as a numeric one at distance 1 (Optuna's GPSampler treats categoricals this
 * way; the Hamming distance in a stationary kernel is the overlap kernel of Ru et al.,
 * "Bayesian optimisation over multiple continuous and categorical inputs", ICML 2020).
 * The kernel is k(x, x') = σ_f² m(s) with the shape m:
 *   Matérn 5/2: m(s) = (1 + √5 r + 5 r²/3) e^{-√5 r}, r = √s (Rasmussen & Williams,
 *     "Gaussian Processes for Machine Learning", 2006, eq. (4.17));
 *     m'(s) = dm/ds = -(5/6)(1 + √5 r) e^{-√5 r}, finite at s = 0.
 *   RBF:        m(s) = e^{-s/2} (R&W eq. (4.9)), m'(s) = -e^{-s/2}/2.
 * The training covariance adds σ_n² on the diagonal: K = σ_f² M + σ_n² I.
 */

/** Which stationary kernel shape: Matérn 5/2 (the default everywhere) or RBF. */
export type GpKernel = { readonly kind: "matern52" } | { readonly kind: "rbf" };

/** The hyperparameters of a GP: ARD length scales, signal variance, noise variance. */
export interface GpHyperparameters {
  /** ℓ_d > 0 for each of the D dimensions (in cube units). */
  readonly lengthScales: Float64Array;
  /** σ_f² > 0, in standardized output units. */
  readonly signalVariance: number;
  /** σ_n² > 0, in standardized output units (the minimum noise included). */
  readonly noiseVariance: number;
}

const SQRT5 = Math.sqrt(5);

/**
 * The kernel shape m(s) at a scaled squared distance s ≥ 0 (k = σ_f² m(s)).
 * @example kernelShape({ kind: "rbf" }, 2) // e^{-1}
 */
export function kernelShape(kernel: GpKernel, s: number): number {
  if (kernel.kind === "rbf") return Math.exp(-0.5 * s);
  const r = Math.sqrt(s);
  return (1 + SQRT5 * r + (5 / 3) * s) * Math.exp(-SQRT5 * r);
}

/**
 * dm/ds at s ≥ 0 (finite at 0 for both shapes).
 * @example kernelShapeDerivative({ kind: "rbf" }, 0) // -0.5
 */
export function kernelShapeDerivative(kernel: GpKernel, s: number): number {
  if (kernel.kind === "rbf") return -0.5 * Math.exp(-0.5 * s);
  const r = Math.sqrt(s);
  return -(5 / 6) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}

/**
 * The parts of a kernel that the hot loops read: 1/ℓ_d², the categorical mask, σ_f² and
 * which shape. Built once per hyperparameter value.
 */
export interface KernelParts {
  readonly matern: boolean;
  readonly d: number;
  readonly invLengthSq: Float64Array;
  readonly categorical: Uint8Array;
  readonly signalVariance: number;
}

/** Gathers the hot-loop view of a kernel. */
export function kernelParts(
  kernel: GpKernel,
  hyper: GpHyperparameters,
  categorical: Uint8Array,
): KernelParts {
  const d = hyper.lengthScales.length;
  const invLengthSq = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const l = hyper.lengthScales[j]!;
    invLengthSq[j] = 1 / (l * l);
  }
  return {
    matern: kernel.kind === "matern52",
    d,
    invLengthSq,
    categorical,
    signalVariance: hyper.signalVariance,
  };
}

/** s(a_i, b_j) for rows i of a and j of b (both row-major with D columns). */
export function scaledSquaredDistance(
  p: KernelParts,
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
): number {
  const d = p.d;
  const oa = i * d;
  const ob = j * d;
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[oa + t]! - b[ob + t]!;
    if (p.categorical[t] === 1) {
      if (diff !== 0) s += p.invLengthSq[t]!;
    } else {
      s += diff * diff * p.invLengthSq[t]!;
    }
  }
  return s;
}

/** σ_f² m(s) for the parts' shape. */
export function kernelValue(p: KernelParts, s: number): number {
  if (!p.matern) return p.signalVariance * Math.exp(-0.5 * s);
  const r = Math.sqrt(s);
  return p.signalVariance * (1 + SQRT5 * r + (5 / 3) * s) * Math.exp(-SQRT5 * r);
}

/** σ_f² m'(s) for the parts' shape. */
export function kernelDerivative(p: KernelParts, s: number): number {
  if (!p.matern) return -0.5 * p.signalVariance * Math.exp(-0.5 * s);
  const r = Math.sqrt(s);
  return -(5 / 6) * p.signalVariance * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}

/**
 * Fills out (n×n, row-major, both triangles) with σ_f² m(s(x_i, x_j)) + noise·[i = j].
 * @returns out.
 */
export function fillKernelMatrix(
  p: KernelParts,
  x: Float64Array,
  n: number,
  noise: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    out[i * n + i] = p.signalVariance + noise;
    for (let j = 0; j < i; j++) {
      const k = kernelValue(p, scaledSquaredDistance(p, x, i, x, j));
      out[i * n + j] = k;
      out[j * n + i] = k;
    }
  }
  return out;
}

/**
 * Fills out (n×m, row-major: row i is training point i) with k(x_i, q_j).
 * @returns out.
 */
export function fillCrossKernel(
  p: KernelParts,
  x: Float64Array,
  n: number,
  q: Float64Array,
  m: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) out[row + j] = kernelValue(p, scaledSquaredDistance(p, x, i, q, j));
  }
  return out;
}

/**
 * The kernel matrix K_ij = σ_f² m(s(x_i, x_j)) of N points (no noise term).
 * @param kernel - the shape.
 * @param x - row-major N×D points in the unit cube (categoricals as indices).
 * @param hyper - length scales (D of them) and signal variance; the noise is not added.
 * @param categorical - optional mask, 1 for categorical dimensions. @defaultValue all numeric
 * @returns a new row-major N×N symmetric positive semi-definite matrix.
 * @throws RangeError on shapes that do not match or non-positive hyperparameters.
 * @example kernelMatrix({ kind: "rbf" }, Float64Array.of(0, 1), { lengthScales: Float64Array.of(1), signalVariance: 1, noiseVariance: 1e-6 })
 */
export function kernelMatrix(
  kernel: GpKernel,
  x: Float64Array,
  hyper: GpHyperparameters,
  categorical?: Uint8Array,
): Float64Array {
  const d = hyper.lengthScales.length;
  if (d === 0)
    throw new RangeError("kernelMatrix: hyper.lengthScales must have one entry per dimension (D >= 1)");
  for (let j = 0; j < d; j++) {
    const l = hyper.lengthScales[j]!;
    if (!(l > 0 && Number.isFinite(l))) {
      throw new RangeError(`kernelMatrix: hyper.lengthScales[${j}] must be positive and finite, got ${l}`);
    }
  }
  if (!(hyper.signalVariance > 0 && Number.isFinite(hyper.signalVariance))) {
    throw new RangeError(
      `kernelMatrix: hyper.signalVariance must be positive and finite, got ${hyper.signalVariance}`,
    );
  }
  if (x.length % d !== 0)
    throw new RangeError(`kernelMatrix: x length ${x.length} is not a multiple of D=${d}`);
  const mask = categorical ?? new Uint8Array(d);
  if (mask.length !== d)
    throw new RangeError(`kernelMatrix: categorical must have length D=${d}, got ${mask.length}`);
  const n = x.length / d;
  return fillKernelMatrix(kernelParts(kernel, hyper, mask), x, n, 0, new Float64Array(n * n));
}
