/**
 * Orthogonal sampling of a generation's candidates: Wang, Emmerich and Bäck, "Mirrored
 * Orthogonal Sampling for Covariance Matrix Adaptation Evolution Strategies", Evolutionary
 * Computation 27(4), 2019 (the orthogonal part, without mirroring: mirrored pairs would meet
 * the active, negative recombination weights of `CmaEs`, which the paper's pairwise selection
 * avoids but our optimizer does not offer).
 *
 * Notation: the generation's distribution N(m, σ²C) with C = B·D²·Bᵀ, C^{±1/2} = B·D^{±1}·Bᵀ;
 * a candidate x = m + σ C^{1/2} z with z ~ N(0, I).
 *
 * Instead of λ independent z, the candidates of a generation are taken in blocks of n whose z
 * are mutually orthogonal, each with a χ_n-distributed length: the direction of a fresh
 * z ~ N(0, I) has the directions of the block's earlier candidates projected out (Gram-Schmidt)
 * and keeps its length ‖z‖. By rotation invariance each z is still N(0, I) on its own, so the
 * update's expectations are unchanged; together they cover more directions.
 *
 * A sampler draws one candidate per trial, possibly in several processes at once, so the block
 * is built sequentially: a trial's z is made orthogonal to the z of the candidates of its
 * generation that it can see (z = C^{-1/2}(x − m)/σ, recomputed from their stored raw x, so every
 * process computes the same numbers). A candidate drawn without seeing another one (two workers
 * at the same moment) is simply not orthogonal to it: each z is N(0, I) in any case.
 */
import type { CmaEs, SepCmaEs } from "@tunelab/math/cmaes";
import { dot, matVec, projectOut, symmetricEigen, symmetricSquareRoots } from "@tunelab/math/linalg";
import type { Rng } from "@tunelab/math/random";

// Gram-Schmidt lives in @tunelab/math/linalg; re-exported for cmaes.ts, which builds the block's
// orthonormal directions with it.

/** The current distribution of an optimizer with its square roots (computed once per generation). */
export class SamplingFrame {
  /** Dimension n. */
  readonly dim: number;
  private readonly m: Float64Array;
  private readonly sigma: number;
  /** C^{1/2} (n×n row-major), or null when C is diagonal. */
  private readonly sqrtC: Float64Array | null;
  /** C^{-1/2} (n×n row-major), or null when C is diagonal. */
  private readonly invSqrtC: Float64Array | null;
  /** √diag(C) when C is diagonal. */
  private readonly sqrtDiag: Float64Array | null;

  /** @param es - the optimizer whose current distribution N(m, σ²C) is sampled. */
  constructor(es: CmaEs | SepCmaEs, diagonal: boolean) {
    const n = es.dim;
    this.dim = n;
    this.m = es.mean;
    this.sigma = es.sigma;
    const c = es.covariance();
    if (diagonal) {
      this.sqrtDiag = new Float64Array(n);
      for (let i = 0; i < n; i++) this.sqrtDiag[i] = Math.sqrt(c[i * n + i]!);
      this.sqrtC = null;
      this.invSqrtC = null;
      return;
    }
    this.sqrtDiag = null;
    const values = new Float64Array(n);
    const b = new Float64Array(n * n);
    symmetricEigen(c, n, values, b);
    let max = 0;
    for (let k = 0; k < n; k++) max = Math.max(max, values[k]!);
    const d = new Float64Array(n);
    for (let k = 0; k < n; k++) d[k] = Math.sqrt(Math.max(values[k]!, 1e-20 * max));
    this.sqrtC = new Float64Array(n * n);
    this.invSqrtC = new Float64Array(n * n);
    symmetricSquareRoots(b, d, n, this.sqrtC, this.invSqrtC);
  }

  /** z = C^{-1/2}(x − m)/σ of a candidate x. */
  zOf(x: ArrayLike<number>): Float64Array {
    const n = this.dim;
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = (x[i]! - this.m[i]!) / this.sigma;
    if (this.sqrtDiag !== null) {
      for (let i = 0; i < n; i++) t[i] = t[i]! / this.sqrtDiag[i]!;
      return t;
    }
    return matVec(this.invSqrtC!, t, n);
  }

  /** x = m + σ C^{1/2} z. */
  xOf(z: Float64Array): Float64Array {
    const n = this.dim;
    const y = this.sqrtDiag !== null ? z.map((v, i) => v * this.sqrtDiag![i]!) : matVec(this.sqrtC!, z, n);
    for (let i = 0; i < n; i++) y[i] = this.m[i]! + this.sigma * y[i]!;
    return y;
  }
}

/**
 * A standard normal vector orthogonal to the orthonormal `directions` (fewer than n of them):
 * a fresh z ~ N(0, I) from `rng`, its components along `directions` removed, rescaled to ‖z‖.
 */
export function orthogonalNormal(n: number, directions: readonly Float64Array[], rng: Rng): Float64Array {
  for (;;) {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = rng.normal();
    const length = Math.sqrt(dot(z, z));
    projectOut(z, directions);
    const rest = Math.sqrt(dot(z, z));
    // The residual is zero with probability 0 (directions.length < n); redraw if it underflows.
    if (!(rest > 1e-12 * length)) continue;
    for (let i = 0; i < n; i++) z[i] = (z[i]! * length) / rest;
    return z;
  }
}
