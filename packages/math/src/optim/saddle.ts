/**
 * Factorization and solves for the symmetric indefinite 2k×2k matrices of the compact
 * L-BFGS representation, which all have the block form
 *
 *     K = [ −P   Q ]      P (k×k) symmetric positive definite,
 *         [  Qᵀ  R ]      Q (k×k), R (k×k) symmetric positive semidefinite.
 *
 * Two such matrices occur in L-BFGS-B (Byrd, Lu, Nocedal, Zhu 1995):
 * - the inverse of the middle matrix, M⁻¹ = [−D, Lᵀ; L, θSᵀS] (their §3): P = D,
 *   Q = Lᵀ, R = θSᵀS;
 * - the matrix of the subspace minimization, M⁻¹ − θ⁻¹WᵀZZᵀW (§5.1, where (I − θ⁻¹MWᵀZZᵀW)
 *   is inverted; multiplying by M⁻¹ makes it symmetric): P = D + θ⁻¹YᵀZZᵀY,
 *   Q = Lᵀ − YᵀZZᵀS, R = θSᵀAAᵀS.
 *
 * Block elimination of the first block (a block LDLᵀ):
 *
 *     K = [ I         0 ] [ −P  0 ] [ I  −P⁻¹Q ]      T = R + QᵀP⁻¹Q,
 *         [ −QᵀP⁻¹    I ] [  0  T ] [ 0    I   ]
 *
 * so both P and the Schur complement T are symmetric positive definite whenever K is
 * nonsingular, and each is factored by Cholesky. For M⁻¹ this is the factorization that
 * Byrd, Nocedal and Schnabel (1994), "Representations of quasi-Newton matrices and their use
 * in limited memory methods", Math. Programming 63, give for the compact form
 * (T = θSᵀS + LD⁻¹Lᵀ = JJᵀ).
 *
 * Solving K·[a; b] = [u; v]: w = P⁻¹u; T·b = v + Qᵀw; a = P⁻¹Q·b − w.
 */
import { choleskyInPlace, choleskySolveInPlace } from "./small-dense.js";

/** Storage and factors of one matrix K for k ≤ m (all blocks row-major, leading dimension k). */
export class SaddleFactor {
  /** P, then its Cholesky factor. */
  readonly p: Float64Array;
  /** Q. */
  readonly q: Float64Array;
  /** R, then T = R + QᵀP⁻¹Q, then the Cholesky factor of T. */
  readonly t: Float64Array;
  /** P⁻¹Q. */
  readonly pInvQ: Float64Array;
  private readonly work: Float64Array;
  /** Block order of the last successful {@link factor}. */
  k = 0;
  /** Whether P was factored as a diagonal matrix (its Cholesky factor is then diagonal too). */
  private diagonal = false;

  constructor(m: number) {
    this.p = new Float64Array(m * m);
    this.q = new Float64Array(m * m);
    this.t = new Float64Array(m * m);
    this.pInvQ = new Float64Array(m * m);
    this.work = new Float64Array(2 * m);
  }

  /**
   * Factors K from P (in `p`), Q (in `q`) and R (in `t`), all k×k with leading dimension k.
   * With `diagonalP` only the diagonal of P is read (M⁻¹'s P = D), which saves the O(k³)
   * factorization and solves of P.
   * @returns false when P or the Schur complement T is not numerically positive definite.
   */
  factor(k: number, diagonalP = false): boolean {
    const { p, q, t, pInvQ, work } = this;
    this.k = 0;
    this.diagonal = diagonalP;
    if (diagonalP) {
      for (let i = 0; i < k; i++) {
        const d = p[i * k + i]!;
        if (!(d > 0 && d < Number.POSITIVE_INFINITY)) return false;
        for (let j = 0; j < k; j++) pInvQ[i * k + j] = q[i * k + j]! / d;
      }
    } else {
      if (!choleskyInPlace(p, k)) return false;
      // P⁻¹Q column by column.
      for (let j = 0; j < k; j++) {
        for (let i = 0; i < k; i++) work[i] = q[i * k + j]!;
        choleskySolveInPlace(p, k, work, 0);
        for (let i = 0; i < k; i++) pInvQ[i * k + j] = work[i]!;
      }
    }
    // T = R + Qᵀ(P⁻¹Q), lower triangle (the Cholesky reads only that).
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let s = t[i * k + j]!;
        for (let l = 0; l < k; l++) s += q[l * k + i]! * pInvQ[l * k + j]!;
        t[i * k + j] = s;
      }
    }
    if (!choleskyInPlace(t, k)) return false;
    this.k = k;
    return true;
  }

  /**
   * Solves K·z = r in place on `r[0 .. 2k)` (first block u, second block v), with the k of
   * the last successful {@link factor}.
   */
  solveInPlace(r: Float64Array): void {
    const { p, q, t, pInvQ, work, k } = this;
    if (k === 0) return;
    // w = P⁻¹u, kept in work[0 .. k).
    if (this.diagonal) {
      for (let i = 0; i < k; i++) work[i] = r[i]! / p[i * k + i]!;
    } else {
      for (let i = 0; i < k; i++) work[i] = r[i]!;
      choleskySolveInPlace(p, k, work, 0);
    }
    // b = T⁻¹(v + Qᵀw), written to r[k .. 2k).
    for (let i = 0; i < k; i++) {
      let s = r[k + i]!;
      for (let l = 0; l < k; l++) s += q[l * k + i]! * work[l]!;
      r[k + i] = s;
    }
    choleskySolveInPlace(t, k, r, k);
    // a = P⁻¹Q·b − w.
    for (let i = 0; i < k; i++) {
      let s = -work[i]!;
      const ri = i * k;
      for (let l = 0; l < k; l++) s += pInvQ[ri + l]! * r[k + l]!;
      r[i] = s;
    }
  }
}
