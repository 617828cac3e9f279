import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dot, matVec } from "../../src/linalg/products.js";

const square = fc
  .integer({ min: 0, max: 8 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n * n, maxLength: n * n }),
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
    ),
  );

describe("dot(x, y)", () => {
  it("sums x_i y_i over x's length", () => {
    expect(dot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6))).toBe(32);
    expect(dot(new Float64Array(0), new Float64Array(0))).toBe(0);
    expect(dot(Float64Array.of(1, 2), Float64Array.of(3, 4, 99))).toBe(11);
    expect(dot(Float64Array.of(1, Number.NaN), Float64Array.of(1, 1))).toBeNaN();
    expect(dot(Float64Array.of(1e300, 1e300), Float64Array.of(1e300, 0))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("matVec(a, x, n, out)", () => {
  it("computes A·x row by row, into a new array or into out", () => {
    expect(Array.from(matVec(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1), 2))).toEqual([3, 7]);
    const out = new Float64Array(2).fill(Number.NaN);
    expect(matVec(Float64Array.of(0, 1, 1, 0), Float64Array.of(5, 6), 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([6, 5]);
    expect(matVec(new Float64Array(0), new Float64Array(0), 0)).toEqual(new Float64Array(0));
  });

  it("row i equals dot(row i of A, x), bit for bit; the identity returns x (property)", () => {
    fc.assert(
      fc.property(square, ([n, a, x]) => {
        const av = Float64Array.from(a);
        const xv = Float64Array.from(x);
        const y = matVec(av, xv, n);
        for (let i = 0; i < n; i++) expect(y[i]).toBe(dot(av.subarray(i * n, (i + 1) * n), xv));
        const eye = new Float64Array(n * n);
        for (let i = 0; i < n; i++) eye[i * n + i] = 1;
        expect(Array.from(matVec(eye, xv, n))).toEqual(Array.from(xv, (v) => v + 0));
      }),
    );
  });
});
