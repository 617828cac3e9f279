import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referencePoint } from "../../src/pareto/reference-point.js";

describe("referencePoint", () => {
  it("is max(1.1·w, 0.9·w) of the worst point, 1e-12 for 0, null with infinite values", () => {
    expect(Array.from(referencePoint(Float64Array.of(1, -2, 3, -4, 2, 0), 2)!)).toEqual([
      3.3000000000000003, 1e-12,
    ]);
    expect(Array.from(referencePoint(Float64Array.of(-1, -2, -3, -5), 2)!)).toEqual([-0.9, -1.8]);
    expect(referencePoint(Float64Array.of(1, Number.POSITIVE_INFINITY), 2)).toBeNull();
    expect(referencePoint(Float64Array.of(Number.NEGATIVE_INFINITY, 1), 2)).toBeNull();
  });

  it("lies strictly beyond every point in every objective (property; values on a 1e-3 grid)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 40 }),
        (m, values) => {
          const n = Math.floor(values.length / m);
          const points = Float64Array.from(values.slice(0, n * m), (v) => Math.round(v * 1000) / 1000);
          const ref = referencePoint(points, m)!;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < m; j++) expect(points[i * m + j]).toBeLessThan(ref[j]!);
        },
      ),
    );
  });

  it("rejects NaN, bad shapes and empty sets", () => {
    expect(() => referencePoint(Float64Array.of(1, Number.NaN), 2)).toThrow(/must be a number, got NaN/);
    expect(() => referencePoint(Float64Array.of(1, 2, 3), 2)).toThrow(/not a multiple/);
    expect(() => referencePoint(new Float64Array(0), 2)).toThrow(/at least one point/);
  });
});
