/**
 * The limited memory of L-BFGS-B in compact form (Byrd, Lu, Nocedal, Zhu 1995, §3, after
 * Byrd, Nocedal and Schnabel 1994):
 *
 *     B = θI − W·M·Wᵀ,   W = [Y  θS] (n×2k),   M = [ −D  Lᵀ ; L  θSᵀS ]⁻¹ (2k×2k),
 *
 * with the k ≤ m most recent correction pairs, oldest first, s_i = x_{i+1} − x_i and
 * y_i = ∇f(x_{i+1}) − ∇f(x_i) (S, Y are n×k); D = diag(s_iᵀy_i); L the strictly lower
 * triangle of SᵀY (L_ij = s_iᵀy_j for i > j); θ = yᵀy / sᵀy of the newest pair (1 while
 * the memory is empty, when B = I).
 *
 * Storage: the pairs sit in a ring of m slots (rows of `s` and `y`, each n long, so that
 * every dot product runs over contiguous memory); `order[i]` is the slot of the i-th oldest
 * pair. The inner products SᵀY, SᵀS and YᵀY are kept per slot and updated with O(kn) work
 * per new pair, so no matrix is rebuilt from S and Y.
 */
import { SaddleFactor } from "./saddle.js";

/** The correction pairs, their inner products, θ and the factored M⁻¹. */
export class LbfgsMemory {
  /** Dimension n. */
  readonly n: number;
  /** Capacity m. */
  readonly m: number;
  /** s vectors, slot-major (m × n). */
  readonly s: Float64Array;
  /** y vectors, slot-major (m × n). */
  readonly y: Float64Array;
  /** sty[a·m + b] = s_aᵀy_b for slots a, b. */
  readonly sty: Float64Array;
  /** sts[a·m + b] = s_aᵀs_b. */
  readonly sts: Float64Array;
  /** yty[a·m + b] = y_aᵀy_b. */
  readonly yty: Float64Array;
  /** order[i] = slot of the i-th oldest pair, i < count. */
  readonly order: Int32Array;
  /** The factored M⁻¹ (valid after {@link factorMiddle} returned true). */
  readonly middle: SaddleFactor;
  /** Number k of stored pairs. */
  count = 0;
  /** θ, the scaling of the initial matrix θI. */
  theta = 1;
  private head = 0;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    this.s = new Float64Array(m * n);
    this.y = new Float64Array(m * n);
    this.sty = new Float64Array(m * m);
    this.sts = new Float64Array(m * m);
    this.yty = new Float64Array(m * m);
    this.order = new Int32Array(m);
    this.middle = new SaddleFactor(m);
  }

  /** Forgets every pair (B = I). */
  reset(): void {
    this.count = 0;
    this.head = 0;
    this.theta = 1;
    this.middle.k = 0;
  }

  /**
   * Stores the pair (s, y), dropping the oldest when full, and sets θ = yᵀy / sᵀy.
   * The caller has checked the curvature condition sᵀy > ε·yᵀy.
   */
  push(s: Float64Array, y: Float64Array, sy: number, yy: number): void {
    const { n, m } = this;
    let slot: number;
    if (this.count < m) {
      slot = (this.head + this.count) % m;
      this.count++;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % m;
    }
    const off = slot * n;
    this.s.set(s, off);
    this.y.set(y, off);
    for (let i = 0; i < this.count; i++) this.order[i] = (this.head + i) % m;
    // Inner products of the new pair with every stored one (itself included).
    for (let i = 0; i < this.count; i++) {
      const other = this.order[i]!;
      const oo = other * n;
      let ss = 0;
      let sYo = 0;
      let sOy = 0;
      let yyo = 0;
      for (let l = 0; l < n; l++) {
        const sl = s[l]!;
        const yl = y[l]!;
        const so = this.s[oo + l]!;
        const yo = this.y[oo + l]!;
        ss += sl * so;
        sYo += sl * yo;
        sOy += so * yl;
        yyo += yl * yo;
      }
      this.sts[slot * m + other] = ss;
      this.sts[other * m + slot] = ss;
      this.sty[slot * m + other] = sYo;
      this.sty[other * m + slot] = sOy;
      this.yty[slot * m + other] = yyo;
      this.yty[other * m + slot] = yyo;
    }
    // The products computed on the fly equal sy and yy up to rounding; keep the caller's.
    this.sty[slot * m + slot] = sy;
    this.yty[slot * m + slot] = yy;
    this.theta = yy / sy;
  }

  /**
   * Builds and factors M⁻¹ = [−D, Lᵀ; L, θSᵀS] in the order of the pairs.
   * @returns false when it is numerically singular (the caller then resets the memory).
   */
  factorMiddle(): boolean {
    const k = this.count;
    const { m, order, sty, sts, theta, middle } = this;
    const { p, q, t } = middle;
    for (let i = 0; i < k; i++) {
      const a = order[i]!;
      for (let j = 0; j < k; j++) {
        const b = order[j]!;
        p[i * k + j] = i === j ? sty[a * m + a]! : 0; // D
        q[i * k + j] = j > i ? sty[b * m + a]! : 0; // (Lᵀ)_ij = L_ji = s_jᵀy_i for j > i
        t[i * k + j] = theta * sts[a * m + b]!; // θSᵀS
      }
    }
    return middle.factor(k, true);
  }

  /** v ← M·v for a vector of length 2k (solves M⁻¹·z = v). */
  applyMiddle(v: Float64Array): void {
    this.middle.solveInPlace(v);
  }

  /** out ← Wᵀv = [Yᵀv; θSᵀv] (length 2k). */
  wTranspose(v: Float64Array, out: Float64Array): void {
    const { n, count: k, order, s, y, theta } = this;
    for (let i = 0; i < k; i++) {
      const off = order[i]! * n;
      let dy = 0;
      let ds = 0;
      for (let l = 0; l < n; l++) {
        const vl = v[l]!;
        dy += y[off + l]! * vl;
        ds += s[off + l]! * vl;
      }
      out[i] = dy;
      out[k + i] = theta * ds;
    }
  }

  /** out ← w_b, row b of W: [y_0[b] … y_{k−1}[b], θs_0[b] … θs_{k−1}[b]]. */
  wRow(b: number, out: Float64Array): void {
    const { n, count: k, order, s, y, theta } = this;
    for (let i = 0; i < k; i++) {
      const off = order[i]! * n + b;
      out[i] = y[off]!;
      out[k + i] = theta * s[off]!;
    }
  }
}
