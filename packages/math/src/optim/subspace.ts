/**
 * Subspace minimization of L-BFGS-B: Byrd, Lu, Nocedal, Zhu (1995), §5.1 (the direct primal
 * method), with the projection of Morales and Nocedal (2011), "Remark on 'Algorithm 778:
 * L-BFGS-B'", ACM Trans. Math. Softw. 38(1), article 7.
 *
 * Notation: x^c the generalized Cauchy point (cauchy.ts), c = Wᵀ(x^c − x); F the t free
 * variables at x^c and Z (n×t) the columns of I that select them, A the rest. With the other
 * variables fixed at x^c, the model over the free ones has gradient and Hessian
 *
 *     r̂ = Zᵀ(g + θ(x^c − x) − W·M·c),      B̂ = ZᵀBZ = θI − ZᵀW·M·WᵀZ,
 *
 * and its unconstrained minimizer is x^c + Z·d̂ with d̂ = −B̂⁻¹r̂. By Sherman–Morrison–Woodbury,
 *
 *     B̂⁻¹ = θ⁻¹I + θ⁻²·ZᵀW·(I − θ⁻¹M·WᵀZZᵀW)⁻¹·M·WᵀZ,
 *
 * and (I − θ⁻¹MWᵀZZᵀW)⁻¹M = K⁻¹ with K = M⁻¹ − θ⁻¹WᵀZZᵀW, which is symmetric:
 *
 *     K = [ −D − θ⁻¹YᵀZZᵀY     Lᵀ − YᵀZZᵀS ]
 *         [  L − SᵀZZᵀY         θ·SᵀAAᵀS    ]      (since SᵀS − SᵀZZᵀS = SᵀAAᵀS),
 *
 * factored by block elimination (saddle.ts). So d̂ = −θ⁻¹r̂ − θ⁻²·ZᵀW·K⁻¹·WᵀZ·r̂, at O(k²t)
 * for K and O(kt) for the rest. The restricted inner products are summed over whichever of
 * F and A is smaller (the full SᵀS, SᵀY, YᵀY are kept by the memory): with every variable
 * free, as in the interior of the box, nothing is summed at all.
 *
 * The paper then truncates the step to the box (x̄ = x^c + α*·Z·d̂, α* the largest α ≤ 1 that
 * stays feasible). Morales and Nocedal (2011) showed that projecting instead,
 * x̄ = P(x^c + Z·d̂), is much better in practice; the truncated step is kept as the fallback
 * when the projected one is not a descent direction from x (gᵀ(x̄ − x) ≥ 0).
 */
import type { LbfgsbWorkspace } from "./workspace.js";

/**
 * Computes x̄ into `ws.xBar` from the Cauchy point in `ws.xc`, `ws.c` and the free set.
 * Requires a non-empty memory, with M⁻¹ factored unless c = 0.
 * @returns false when K is numerically singular (the caller then resets the memory).
 */
export function subspaceMinimization(ws: LbfgsbWorkspace): boolean {
  const { n, memory, x, g, xc, c, free, nFree, reduced: r, dHat, xBar, lower, upper, subspace, mw, v } = ws;
  const k = memory.count;
  const k2 = 2 * k;
  const { theta, order, s, y, sts, sty, yty, m } = memory;
  xBar.set(xc);
  if (nFree === 0) return true;

  // Mc (zero when x^c = x; M is then not even factored, see lbfgsb.ts).
  let cZero = true;
  for (let j = 0; j < k2; j++) {
    mw[j] = c[j]!;
    if (c[j] !== 0) cZero = false;
  }
  if (!cZero) memory.applyMiddle(mw);
  // r̂ = g + θ(x^c − x) − W·(Mc) on F.
  for (let a = 0; a < nFree; a++) {
    const i = free[a]!;
    r[i] = g[i]! + theta * (xc[i]! - x[i]!);
  }
  for (let j = 0; j < k && !cZero; j++) {
    const off = order[j]! * n;
    const cy = mw[j]!;
    const cs = theta * mw[k + j]!;
    for (let a = 0; a < nFree; a++) {
      const i = free[a]!;
      r[i] = r[i]! - y[off + i]! * cy - s[off + i]! * cs;
    }
  }
  // v = WᵀZ·r̂.
  for (let j = 0; j < k; j++) {
    const off = order[j]! * n;
    let dy = 0;
    let ds = 0;
    for (let a = 0; a < nFree; a++) {
      const i = free[a]!;
      const ri = r[i]!;
      dy += y[off + i]! * ri;
      ds += s[off + i]! * ri;
    }
    v[j] = dy;
    v[k + j] = theta * ds;
  }

  // K's blocks: P = D + θ⁻¹·YᵀZZᵀY, Q = Lᵀ − YᵀZZᵀS, R = θ·SᵀAAᵀS. The restricted inner
  // products are summed over the smaller of F and A, after gathering those coordinates of
  // every s and y into contiguous rows (the dot products then run without indirection), and
  // the symmetric ones (YY, SS) only for j ≤ i.
  const { p: P, q: Q, t: R } = subspace;
  const fromFree = nFree <= n - nFree;
  const { gatherIndex: idx, yGathered: yg, sGathered: sg } = ws;
  let cnt = 0;
  if (fromFree) {
    for (let a = 0; a < nFree; a++) idx[cnt++] = free[a]!;
  } else {
    for (let l = 0, a = 0; l < n; l++) {
      if (a < nFree && free[a] === l) a++;
      else idx[cnt++] = l;
    }
  }
  for (let i = 0; i < k; i++) {
    const oi = order[i]! * n;
    const gi = i * cnt;
    for (let a = 0; a < cnt; a++) {
      const l = idx[a]!;
      yg[gi + a] = y[oi + l]!;
      sg[gi + a] = s[oi + l]!;
    }
  }
  for (let i = 0; i < k; i++) {
    const ai = order[i]!;
    const gi = i * cnt;
    for (let j = 0; j <= i; j++) {
      const aj = order[j]!;
      const gj = j * cnt;
      // Over the gathered set: y_i·y_j, s_i·s_j, y_i·s_j and y_j·s_i.
      let yy = 0;
      let ss = 0;
      let yisj = 0;
      let yjsi = 0;
      for (let a = 0; a < cnt; a++) {
        const yi = yg[gi + a]!;
        const yj = yg[gj + a]!;
        const si = sg[gi + a]!;
        const sj = sg[gj + a]!;
        yy += yi * yj;
        ss += si * sj;
        yisj += yi * sj;
        yjsi += yj * si;
      }
      // Wanted: yy and the ys over F, ss over A.
      if (fromFree) {
        ss = sts[ai * m + aj]! - ss;
      } else {
        yy = yty[ai * m + aj]! - yy;
        yisj = sty[aj * m + ai]! - yisj; // y_iᵀs_j = s_jᵀy_i
        yjsi = sty[ai * m + aj]! - yjsi;
      }
      const pij = (i === j ? sty[ai * m + ai]! : 0) + yy / theta;
      P[i * k + j] = pij;
      P[j * k + i] = pij;
      R[i * k + j] = theta * ss;
      R[j * k + i] = theta * ss;
      // Q_ij = (Lᵀ)_ij − y_iᵀZZᵀs_j, (Lᵀ)_ij = s_jᵀy_i for j > i: here j ≤ i, so Q_ij has no
      // L part and Q_ji = s_iᵀy_j − y_jᵀZZᵀs_i (for j < i).
      Q[i * k + j] = -yisj;
      if (j < i) Q[j * k + i] = sty[ai * m + aj]! - yjsi;
    }
  }
  if (!subspace.factor(k)) return false;
  subspace.solveInPlace(v);

  // d̂ = −θ⁻¹r̂ − θ⁻²·ZᵀW·v.
  const invTheta = 1 / theta;
  for (let a = 0; a < nFree; a++) {
    const i = free[a]!;
    dHat[i] = -r[i]! * invTheta;
  }
  for (let j = 0; j < k; j++) {
    const off = order[j]! * n;
    const vy = v[j]! * invTheta * invTheta;
    const vs = v[k + j]! * invTheta;
    for (let a = 0; a < nFree; a++) {
      const i = free[a]!;
      dHat[i] = dHat[i]! - y[off + i]! * vy - s[off + i]! * vs;
    }
  }

  // Morales–Nocedal: project x^c + Z·d̂ onto the box; keep it if it is a descent direction.
  let slope = 0;
  for (let a = 0; a < nFree; a++) {
    const i = free[a]!;
    let val = xc[i]! + dHat[i]!;
    if (val < lower[i]!) val = lower[i]!;
    else if (val > upper[i]!) val = upper[i]!;
    xBar[i] = val;
  }
  for (let i = 0; i < n; i++) slope += g[i]! * (xBar[i]! - x[i]!);
  if (slope < 0) return true;

  // Fallback (the 1995 paper's step): the largest α ≤ 1 with x^c + α·Z·d̂ in the box.
  let alpha = 1;
  for (let a = 0; a < nFree; a++) {
    const i = free[a]!;
    const di = dHat[i]!;
    if (di > 0) {
      const room = (upper[i]! - xc[i]!) / di;
      if (room < alpha) alpha = room;
    } else if (di < 0) {
      const room = (lower[i]! - xc[i]!) / di;
      if (room < alpha) alpha = room;
    }
  }
  if (!(alpha > 0)) alpha = 0;
  for (let a = 0; a < nFree; a++) {
    const i = free[a]!;
    let val = xc[i]! + alpha * dHat[i]!;
    if (val < lower[i]!) val = lower[i]!;
    else if (val > upper[i]!) val = upper[i]!;
    xBar[i] = val;
  }
  return true;
}
