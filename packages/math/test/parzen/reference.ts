/**
 * Direct, slow reference implementations used by the Parzen tests: the mixture density written
 * term by term with the special functions (no table, no skipping, no fast paths), and the
 * mixture CDF of a 1-D estimator.
 */
import { numericalBounds } from "../../src/parzen/dimension.js";
import type { ParzenEstimator } from "../../src/parzen/types.js";
import { logSumExp } from "../../src/special/log-space.js";
import {
  truncatedNormalLogCdf,
  truncatedNormalLogMass,
  truncatedNormalLogPdf,
} from "../../src/special/truncated-normal.js";

/** The grid value's cell [lo, hi] of a stepped / log-int dimension (internal units). */
export function referenceCell(
  dim: ParzenEstimator["dimensions"][number],
  u: number,
): [number, number] | null {
  if (dim.kind === "stepped") {
    const n = Math.round((dim.high - dim.low) / dim.step) + 1;
    let k = Math.round((u - dim.low) / dim.step);
    if (k < 0 || k > n - 1) return null;
    k = Math.max(0, Math.min(n - 1, k));
    return [dim.low + (k - 0.5) * dim.step, dim.low + (k + 0.5) * dim.step];
  }
  if (dim.kind === "log-int") {
    const k = Math.round(Math.exp(u));
    if (k < dim.low || k > dim.high) return null;
    return [Math.log(k - 0.5), Math.log(k + 0.5)];
  }
  return null;
}

/** log p(x) = log Σ_k w_k Π_d K_dk(x_d), term by term. */
export function referenceLogPdf(est: ParzenEstimator, x: ArrayLike<number>): number {
  const terms: number[] = [];
  for (let k = 0; k < est.nComponents; k++) {
    let s = Math.log(est.weights[k]!);
    est.kernels.forEach((ker, d) => {
      const v = x[d]!;
      if (ker.kind === "categorical") {
        s +=
          Number.isInteger(v) && v >= 0 && v < ker.n
            ? Math.log(ker.probabilities[k * ker.n + v]!)
            : -Infinity;
        return;
      }
      const [low, high] = numericalBounds(ker.dimension);
      const mu = ker.mus[k]!;
      const sd = ker.sigmas[k]!;
      if (ker.dimension.kind === "continuous") {
        s += truncatedNormalLogPdf(v, mu, sd, low, high);
        return;
      }
      const cell = referenceCell(ker.dimension, v);
      s += cell === null ? -Infinity : truncatedNormalLogMass(cell[0], cell[1], mu, sd, low, high);
    });
    terms.push(s);
  }
  return logSumExp(terms);
}

/** P(X ≤ x) of a 1-D continuous estimator: Σ_k w_k F_k(x). */
export function referenceCdf(est: ParzenEstimator, x: number): number {
  const ker = est.kernels[0]!;
  if (ker.kind !== "truncated-normal") throw new Error("referenceCdf: needs a numerical dimension");
  let s = 0;
  for (let k = 0; k < est.nComponents; k++) {
    s += est.weights[k]! * Math.exp(truncatedNormalLogCdf(x, ker.mus[k]!, ker.sigmas[k]!, ker.low, ker.high));
  }
  return s;
}

/** ∫ exp(logf) over [a, b] by composite Simpson with n (even) subintervals. */
export function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
