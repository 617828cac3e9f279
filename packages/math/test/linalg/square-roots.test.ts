import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { symmetricSquareRoots } from "../../src/linalg/square-roots.js";
import { matMul } from "../cmaes/helpers.js";

/** A random SPD matrix G·Gᵀ + εI from entries in [−3, 3]. */
const spd = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((g) => {
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = i === j ? 0.1 : 0;
        for (let k = 0; k < n; k++) s += g[i * n + k]! * g[j * n + k]!;
        c[i * n + j] = s;
      }
    return { n, c };
  }),
);

function roots(c: Float64Array, n: number): { sqrt: Float64Array; inv: Float64Array } {
  const values = new Float64Array(n);
  const b = new Float64Array(n * n);
  symmetricEigen(c, n, values, b);
  const d = values.map(Math.sqrt);
  const sqrt = new Float64Array(n * n);
  const inv = new Float64Array(n * n);
  symmetricSquareRoots(b, d, n, sqrt, inv);
  return { sqrt, inv };
}

const maxAbsDiff = (a: Float64Array, b: Float64Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe("symmetricSquareRoots(b, d, n, sqrt, invSqrt)", () => {
  it("diagonal case: the roots of diag(4, 16) are diag(2, 4) and diag(1/2, 1/4)", () => {
    const sqrt = new Float64Array(4);
    const inv = new Float64Array(4);
    symmetricSquareRoots(Float64Array.of(1, 0, 0, 1), Float64Array.of(2, 4), 2, sqrt, inv);
    expect(Array.from(sqrt)).toEqual([2, 0, 0, 4]);
    expect(Array.from(inv)).toEqual([0.5, 0, 0, 0.25]);
  });

  it("C^{1/2}·C^{1/2} = C, C^{1/2}·C^{-1/2} = I, both symmetric (property)", () => {
    fc.assert(
      fc.property(spd, ({ n, c }) => {
        const { sqrt, inv } = roots(c, n);
        let scale = 1;
        for (const v of c) scale = Math.max(scale, Math.abs(v));
        expect(maxAbsDiff(matMul(sqrt, sqrt, n), c)).toBeLessThan(1e-10 * scale * n);
        const eye = new Float64Array(n * n);
        for (let i = 0; i < n; i++) eye[i * n + i] = 1;
        // cond(C) ≤ (9n² + 0.1) / 0.1 here, so C^{1/2}·C^{-1/2} is I to about ε·√cond(C)·n.
        expect(maxAbsDiff(matMul(sqrt, inv, n), eye)).toBeLessThan(1e-9 * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            expect(sqrt[i * n + j]).toBe(sqrt[j * n + i]);
            expect(inv[i * n + j]).toBe(inv[j * n + i]);
          }
      }),
    );
  });
});
