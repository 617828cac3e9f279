/**
 * The GP's matrix kernels on typed arrays against ml-matrix 6.15.1, on the same SPD kernel
 * matrices (Matérn 5/2 of n uniform points in 10-D plus 1e-4 noise):
 *   factor   choleskyJitter (row-wise Cholesky on a Float64Array) vs new CholeskyDecomposition(Matrix)
 *   inverse  choleskyInverse from the factor vs CholeskyDecomposition.solve(identity)
 *   solve    256 right-hand sides: solveLowerRows (one per row, dot products, what the batched
 *            posterior uses) / solveLowerMany (one per column, axpy) / forward substitution
 *            on ml-matrix's get and set (it has no triangular solve of its own)
 * ml-matrix's figures include building its Matrix from the typed array (a caller holding
 * typed arrays pays it). Median of `repeats` runs after warm-up; CPU time of this process.
 *
 * Run: npm run ts -- benchmarks/gp/cholesky.ts [repeats=5]
 */

import {
  choleskyInverse,
  choleskyJitter,
  kernelMatrix,
  solveLowerMany,
  solveLowerRows,
} from "@tunelab/math/gp";
import { Rng } from "@tunelab/math/random";
import { CholeskyDecomposition, Matrix } from "ml-matrix";

const repeats = Number(process.argv[2] ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(f: () => unknown): number {
  for (let w = 0; w < 2; w++) f();
  const ts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = process.cpuUsage();
    f();
    const t = process.cpuUsage(t0);
    ts.push((t.user + t.system) / 1000);
  }
  return median(ts);
}

function toMatrix(a: Float64Array, n: number): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(a.subarray(i * n, i * n + n)));
  return new Matrix(rows);
}

const d = 10;
console.log(
  "| n | factor: typed / ml-matrix (ms) | inverse: typed / ml-matrix (ms) | solve 256 rhs: rows / columns / ml-matrix (ms) |",
);
console.log("|---|---|---|---|");
for (const n of [100, 300, 1000]) {
  const rng = Rng.fromSeed(n);
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.random();
  const k = kernelMatrix({ kind: "matern52" }, x, {
    lengthScales: new Float64Array(d).fill(1),
    signalVariance: 1,
    noiseVariance: 1e-4,
  });
  for (let i = 0; i < n; i++) k[i * n + i] = k[i * n + i]! + 1e-4;
  const out = new Float64Array(n * n);
  const tf = time(() => choleskyJitter(k, n, { out }));
  const mf = time(() => new CholeskyDecomposition(toMatrix(k, n)));
  const l = choleskyJitter(k, n).factor;
  const scratch = new Float64Array(n * n);
  const inv = new Float64Array(n * n);
  const ti = time(() => choleskyInverse(l, n, scratch, inv));
  const chol = new CholeskyDecomposition(toMatrix(k, n));
  const mi = time(() => chol.solve(Matrix.eye(n, n)));
  const m = 256;
  const b = new Float64Array(n * m);
  for (let i = 0; i < b.length; i++) b[i] = rng.normal();
  const work = new Float64Array(n * m);
  const ts = time(() => {
    work.set(b);
    solveLowerMany(l, n, work, m);
  });
  const rowsB = new Float64Array(m * n);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) rowsB[j * n + i] = b[i * m + j]!;
  const work2 = new Float64Array(m * n);
  const tr = time(() => {
    work2.set(rowsB);
    solveLowerRows(l, n, work2, m);
  });
  const lm = chol.lowerTriangularMatrix;
  const bm = new Matrix(Array.from({ length: n }, (_, i) => Array.from(b.subarray(i * m, i * m + m))));
  const ms = time(() => {
    // Forward substitution on ml-matrix's own get/set (it has no triangular solve of its own).
    const z = bm.clone();
    for (let i = 0; i < n; i++) {
      for (let kk = 0; kk < i; kk++) {
        const c = lm.get(i, kk);
        for (let j = 0; j < m; j++) z.set(i, j, z.get(i, j) - c * z.get(kk, j));
      }
      const inv0 = 1 / lm.get(i, i);
      for (let j = 0; j < m; j++) z.set(i, j, z.get(i, j) * inv0);
    }
  });
  const f = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
  console.log(`| ${n} | ${f(tf)} / ${f(mf)} | ${f(ti)} / ${f(mi)} | ${f(tr)} / ${f(ts)} / ${f(ms)} |`);
}
