/**
 * The generalized Cauchy point of L-BFGS-B: Byrd, Lu, Nocedal, Zhu (1995), "A limited memory
 * algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16(5), §4 (Algorithm CP).
 *
 * Notation: x = x_k (n) the iterate, g (n) its gradient, l ≤ x ≤ u the box, B = θI − WMWᵀ
 * the compact quasi-Newton matrix (memory.ts), m(z) = f + gᵀ(z − x) + ½(z − x)ᵀB(z − x) the
 * quadratic model. The projected gradient path x(t) = P(x − t·g), t ≥ 0, is piecewise linear
 * with breakpoints
 *
 *     t_i = (x_i − u_i)/g_i if g_i < 0,   (x_i − l_i)/g_i if g_i > 0,   ∞ if g_i = 0,
 *
 * and the generalized Cauchy point x^c is the first local minimizer of m along it. On the
 * segment after breakpoint t_j, x(t) = x + z + Δt·d with z = x(t_j) − x and d the direction
 * with d_i = −g_i for the variables not yet at their bound, so
 *
 *     m'(Δt) = f' + Δt·f'',   f' = gᵀd + dᵀBz = gᵀd + θdᵀz − pᵀMc,   f'' = θdᵀd − pᵀMp,
 *
 * with p = Wᵀd and c = Wᵀz (2k each). Crossing the breakpoint of variable b (at displacement
 * z_b = x^c_b − x_b) changes d by g_b·e_b, and the paper's updates follow from expanding
 * f' and f'' with d + g_b·e_b and z + Δt·d:
 *
 *     c  ← c + Δt·p
 *     f' ← f' + Δt·f'' + g_b² + θ·g_b·z_b − g_b·w_bᵀMc
 *     f''← f'' − θ·g_b² − 2·g_b·w_bᵀMp − g_b²·w_bᵀMw_b
 *     p  ← p + g_b·w_b
 *
 * where w_b is row b of W. Each breakpoint costs one solve with the factored M⁻¹ (O(k²)), and
 * the breakpoints are taken in order from a binary heap (the paper's choice), so only the
 * ones passed before x^c are sorted.
 *
 * The minimizer may also sit exactly at a breakpoint (f' ≥ 0 once it is crossed), and f''
 * is kept above ε·f''₀: B is positive definite, so f'' > 0 in exact arithmetic, and
 * rounding in the running update must not turn it negative (this guard is in the 2011
 * release of the authors' code, version 3.0, as well).
 */
import type { LbfgsbWorkspace } from "./workspace.js";

const EPS = 2.220446049250313e-16;

/** Moves heap[i] down to its place in the min-heap of size `size` keyed by `key`. */
function siftDown(heap: Int32Array, key: Float64Array, i: number, size: number): void {
  const item = heap[i]!;
  const k = key[item]!;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && key[heap[child + 1]!]! < key[heap[child]!]!) child++;
    if (key[heap[child]!]! >= k) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = item;
}

/**
 * Computes the generalized Cauchy point x^c into `ws.xc`, c = Wᵀ(x^c − x) into `ws.c`, and
 * the free variables at x^c (strictly inside their bounds) into `ws.free` / `ws.nFree`. The
 * memory's M⁻¹ must be factored (`factorMiddle`) when it holds pairs.
 */
export function generalizedCauchyPoint(ws: LbfgsbWorkspace): void {
  const { n, memory, x, g, lower, upper, xc, dCauchy: d, breakpoints: t, heap, p, c, wRow, mw } = ws;
  const k = memory.count;
  const theta = memory.theta;
  const k2 = 2 * k;

  let nHeap = 0;
  let nMoving = 0; // variables with d_i ≠ 0
  let dd = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const xi = x[i]!;
    xc[i] = xi;
    let ti: number;
    if (gi < 0) ti = (xi - upper[i]!) / gi;
    else if (gi > 0) ti = (xi - lower[i]!) / gi;
    else ti = Number.POSITIVE_INFINITY;
    if (ti > 0 && gi !== 0) {
      d[i] = -gi;
      dd += gi * gi;
      nMoving++;
      t[i] = ti;
      if (ti < Number.POSITIVE_INFINITY) heap[nHeap++] = i;
    } else {
      d[i] = 0; // on the bound the gradient pushes against (t_i = 0), or g_i = 0
    }
  }
  for (let j = 0; j < k2; j++) c[j] = 0;

  if (nMoving > 0) {
    // p = Wᵀd; f' = gᵀd = −dᵀd; f'' = θdᵀd − pᵀMp.
    let f1 = -dd;
    let f2 = theta * dd;
    if (k > 0) {
      memory.wTranspose(d, p);
      for (let j = 0; j < k2; j++) mw[j] = p[j]!;
      memory.applyMiddle(mw);
      for (let j = 0; j < k2; j++) f2 -= p[j]! * mw[j]!;
    }
    const f2Floor = EPS * f2;
    let dtMin = -f1 / f2;
    let tOld = 0;

    for (let i = (nHeap >> 1) - 1; i >= 0; i--) siftDown(heap, t, i, nHeap);
    while (nHeap > 0) {
      const b = heap[0]!;
      const tb = t[b]!;
      const dt = tb - tOld;
      if (dtMin < dt) break;
      heap[0] = heap[--nHeap]!;
      siftDown(heap, t, 0, nHeap);

      // Move to the breakpoint of variable b and fix it on its bound.
      const xcb = d[b]! > 0 ? upper[b]! : lower[b]!;
      xc[b] = xcb;
      const zb = xcb - x[b]!;
      const gb = g[b]!;
      d[b] = 0;
      nMoving--;
      tOld = tb;
      f1 += dt * f2 + gb * gb + theta * gb * zb;
      f2 -= theta * gb * gb;
      if (k > 0) {
        for (let j = 0; j < k2; j++) c[j] = c[j]! + dt * p[j]!;
        memory.wRow(b, wRow);
        for (let j = 0; j < k2; j++) mw[j] = wRow[j]!;
        memory.applyMiddle(mw);
        let wmc = 0;
        let wmp = 0;
        let wmw = 0;
        for (let j = 0; j < k2; j++) {
          const v = mw[j]!;
          wmc += v * c[j]!;
          wmp += v * p[j]!;
          wmw += v * wRow[j]!;
        }
        f1 -= gb * wmc;
        f2 -= 2 * gb * wmp + gb * gb * wmw;
        for (let j = 0; j < k2; j++) p[j] = p[j]! + gb * wRow[j]!;
      }
      if (nMoving === 0 || f1 >= 0) {
        dtMin = 0; // the minimizer along the path is this breakpoint
        break;
      }
      if (f2 < f2Floor) f2 = f2Floor;
      dtMin = -f1 / f2;
    }

    // The last segment: x^c = x + (t_old + Δt_min)·d on the variables still moving.
    if (!(dtMin > 0)) dtMin = 0;
    const tc = tOld + dtMin;
    if (nMoving > 0) {
      for (let i = 0; i < n; i++) {
        const di = d[i]!;
        if (di !== 0) {
          let v = x[i]! + tc * di;
          if (v < lower[i]!) v = lower[i]!;
          else if (v > upper[i]!) v = upper[i]!;
          xc[i] = v;
        }
      }
      for (let j = 0; j < k2; j++) c[j] = c[j]! + dtMin * p[j]!;
    }
  }

  let nFree = 0;
  const free = ws.free;
  for (let i = 0; i < n; i++) {
    const v = xc[i]!;
    if (v > lower[i]! && v < upper[i]!) free[nFree++] = i;
  }
  ws.nFree = nFree;
}

/**
 * The shortcut for a problem without finite bounds: the projected path is the ray x − t·g,
 * and minimizing the model from x^c over all variables gives the same point as from x, so
 * x^c = x, c = 0 and every variable is free (as the authors' code does when unconstrained).
 */
export function unconstrainedCauchyPoint(ws: LbfgsbWorkspace): void {
  const { n, x, xc, c, free } = ws;
  xc.set(x);
  for (let j = 0; j < c.length; j++) c[j] = 0;
  for (let i = 0; i < n; i++) free[i] = i;
  ws.nFree = n;
}
