/**
 * Which symmetric eigensolver CmaEs should use: ms per decomposition of a random SPD matrix
 * (and the residual max|C·b − λ·b|) for n = 10..200, comparing
 *   - `symmetricEigen` (packages/math/src/linalg/eigen.ts: Householder + implicit QL on
 *     Float64Array, what CmaEs uses),
 *   - ml-matrix 6.15.1 `EigenvalueDecomposition` (assumeSymmetric; tred2/tql2 on Matrix),
 *   - a cyclic Jacobi solver on Float64Array (the other hand-written candidate, kept here
 *     only as the measured alternative).
 * All three run in the same process after a warm-up; the figures in eigen.ts and the README
 * come from this script.
 *
 * Run: npm run ts -- benchmarks/micro/cmaes-eigen.ts
 */
import { symmetricEigen } from "@tunelab/math/linalg";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/** Cyclic Jacobi rotations until the off-diagonal mass is below 1e-30 of the diagonal's. */
function jacobi(a: Float64Array, n: number, d: Float64Array, v: Float64Array): void {
  v.fill(0);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p]! ** 2;
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    }
    if (off <= 1e-30 * diag) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        a[p * n + p] = a[p * n + p]! - t * apq;
        a[q * n + q] = a[q * n + q]! + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const arp = a[r * n + p]!;
          const arq = a[r * n + q]!;
          const np = c * arp - s * arq;
          const nq = s * arp + c * arq;
          a[r * n + p] = np;
          a[p * n + r] = np;
          a[r * n + q] = nq;
          a[q * n + r] = nq;
        }
        for (let r = 0; r < n; r++) {
          const vp = v[r * n + p]!;
          const vq = v[r * n + q]!;
          v[r * n + p] = c * vp - s * vq;
          v[r * n + q] = s * vp + c * vq;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
}

/** A random SPD matrix G·Gᵀ + 0.1·I from a fixed linear congruential stream. */
function randomSpd(n: number, seed: number): Float64Array {
  let s = seed;
  const r = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  const g = Float64Array.from({ length: n * n }, r);
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let k = 0; k < n; k++) t += g[i * n + k]! * g[j * n + k]!;
      c[i * n + j] = t + (i === j ? 0.1 : 0);
    }
  }
  return c;
}

/** max_k max_i |(C·v_k)_i − λ_k v_k,i| with eigenvectors as columns of `v`. */
function residual(
  c: Float64Array,
  n: number,
  d: ArrayLike<number>,
  v: (i: number, k: number) => number,
): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += c[i * n + j]! * v(j, k);
      m = Math.max(m, Math.abs(s - d[k]! * v(i, k)));
    }
  }
  return m;
}

function time(f: () => void, reps: number): number {
  for (let r = 0; r < Math.max(3, Math.min(reps, 50)); r++) f();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) f();
  return (performance.now() - t0) / reps;
}

console.log(
  "n    symmetricEigen (ms, residual)   ml-matrix EVD (ms, residual)   Jacobi (ms, residual)   ml-matrix / ours",
);
for (const n of [10, 20, 50, 100, 200]) {
  const c = randomSpd(n, 7);
  const reps = Math.max(5, Math.floor(400_000 / (n * n)));
  const d = new Float64Array(n);
  const v = new Float64Array(n * n);
  const tOurs = time(() => symmetricEigen(c, n, d, v), reps);
  const rOurs = residual(c, n, d, (i, k) => v[i * n + k]!);
  const rows = Array.from({ length: n }, (_, i) => Array.from(c.subarray(i * n, i * n + n)));
  let evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const tMl = time(() => {
    evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  }, reps);
  const vm = evd.eigenvectorMatrix;
  const rMl = residual(c, n, evd.realEigenvalues, (i, k) => vm.get(i, k));
  const dj = new Float64Array(n);
  const vj = new Float64Array(n * n);
  const tJ = time(() => jacobi(c.slice(), n, dj, vj), Math.max(3, Math.ceil(reps / 10)));
  const rJ = residual(c, n, dj, (i, k) => vj[i * n + k]!);
  console.log(
    `${String(n).padEnd(4)} ${tOurs.toFixed(4).padStart(9)} ${rOurs.toExponential(1).padStart(8)}            ` +
      `${tMl.toFixed(4).padStart(9)} ${rMl.toExponential(1).padStart(8)}            ` +
      `${tJ.toFixed(4).padStart(9)} ${rJ.toExponential(1).padStart(8)}    ${(tMl / tOurs).toFixed(2)}x`,
  );
}
