import fc from "fast-check";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import {
  choleskyInverse,
  choleskyJitter,
  kernelMatrix,
  solveLower,
  solveLowerMany,
  solveLowerRows,
  solveLowerTransposed,
  solveUpper,
} from "../../src/gp/index.js";
import { Rng } from "../../src/random/index.js";
import { hyper, randomPoints } from "./helpers.js";

function spd(rng: Rng, n: number): Float64Array {
  const b = new Float64Array(n * n);
  for (let i = 0; i < b.length; i++) b[i] = rng.normal();
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = s;
    }
  return a;
}

describe("choleskyJitter", () => {
  it("L Lᵀ = A and L equals ml-matrix's factor, without jitter on an SPD matrix (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
        const a = spd(Rng.fromSeed(seed), n);
        const { factor, jitter } = choleskyJitter(a, n);
        expect(jitter).toBe(0);
        const ref = new CholeskyDecomposition(
          new Matrix(Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)))),
        );
        const lref = ref.lowerTriangularMatrix;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            expect(Math.abs(factor[i * n + j]! - lref.get(i, j))).toBeLessThan(1e-9 * n);
            let s = 0;
            for (let k = 0; k < n; k++) s += factor[i * n + k]! * factor[j * n + k]!;
            expect(Math.abs(s - a[i * n + j]!)).toBeLessThan(1e-9 * n * n);
          }
      }),
    );
  });

  it("escalates jitter on a singular kernel matrix (duplicate points, no noise) and reports it", () => {
    const x = Float64Array.of(0.1, 0.1, 0.5, 0.5, 0.9);
    const k = kernelMatrix({ kind: "rbf" }, x, hyper([0.3], 1, 0));
    const { factor, jitter } = choleskyJitter(k, 5);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThan(1e-3);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let t = 0; t < 5; t++) s += factor[i * 5 + t]! * factor[j * 5 + t]!;
        expect(s).toBeCloseTo(k[i * 5 + j]! + (i === j ? jitter : 0), 12);
      }
  });

  it("throws when no jitter helps (an indefinite matrix), and on a bad length", () => {
    expect(() => choleskyJitter(Float64Array.of(1, 2, 2, 1), 2)).toThrow(
      /not positive definite even with jitter/,
    );
    expect(() => choleskyJitter(Float64Array.of(1, 2, 3), 2)).toThrow(/length n² = 4/);
  });
});

describe("triangular solves and the inverse", () => {
  it("solveLower, solveLowerTransposed, solveUpper, solveLowerMany, solveLowerRows and choleskyInverse agree with A (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer(),
        (n, m, seed) => {
          const rng = Rng.fromSeed(seed);
          const a = spd(rng, n);
          const l = choleskyJitter(a, n).factor;
          const b = new Float64Array(n);
          for (let i = 0; i < n; i++) b[i] = rng.normal();
          const x = solveLowerTransposed(l, n, solveLower(l, n, Float64Array.from(b)));
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += a[i * n + k]! * x[k]!;
            expect(Math.abs(s - b[i]!)).toBeLessThan(1e-8 * n);
          }
          const bm = new Float64Array(n * m);
          for (let i = 0; i < bm.length; i++) bm[i] = rng.normal();
          const z = solveLowerMany(l, n, Float64Array.from(bm), m);
          for (let j = 0; j < m; j++) {
            const col = new Float64Array(n);
            for (let i = 0; i < n; i++) col[i] = bm[i * m + j]!;
            solveLower(l, n, col);
            for (let i = 0; i < n; i++) expect(z[i * m + j]).toBeCloseTo(col[i]!, 12);
          }
          // One right-hand side per row (the layout the batched posterior uses), and Lᵀ z = b from a transposed copy.
          const rows = new Float64Array(m * n);
          for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) rows[j * n + i] = bm[i * m + j]!;
          solveLowerRows(l, n, rows, m);
          for (let j = 0; j < m; j++)
            for (let i = 0; i < n; i++) expect(rows[j * n + i]).toBeCloseTo(z[i * m + j]!, 12);
          const u = new Float64Array(n * n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u[j * n + i] = l[i * n + j]!;
          const back = solveUpper(u, n, Float64Array.from(b));
          const back2 = solveLowerTransposed(l, n, Float64Array.from(b));
          for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(back2[i]!, 12);
          const inv = choleskyInverse(l, n, new Float64Array(n * n), new Float64Array(n * n));
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
              expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-9 * n);
            }
        },
      ),
    );
  });
});

void randomPoints;
