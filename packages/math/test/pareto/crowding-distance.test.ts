import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crowdingDistance } from "../../src/pareto/crowding-distance.js";

describe("crowdingDistance", () => {
  it("matches a hand-computed front", () => {
    // Points sorted by f1: (0,4), (1,2), (2,1), (4,0). Ranges 4 and 4.
    // (1,2): (2-0)/4 + (4-1)/4 = 1.25; (2,1): (4-1)/4 + (2-0)/4 = 1.25.
    const pts = Float64Array.of(2, 1, 0, 4, 4, 0, 1, 2);
    expect(Array.from(crowdingDistance(pts, 2))).toEqual([
      1.25,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      1.25,
    ]);
  });

  it("measures only the given subset, aligned with it", () => {
    const pts = Float64Array.of(2, 1, 0, 4, 4, 0, 1, 2, 100, 100);
    expect(Array.from(crowdingDistance(pts, 2, [3, 0, 1, 2]))).toEqual([
      1.25,
      1.25,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it("is infinite for sets of at most two points and adds nothing for constant objectives", () => {
    expect(Array.from(crowdingDistance(Float64Array.of(1, 2, 3, 4), 2))).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect(crowdingDistance(new Float64Array(0), 2)).toHaveLength(0);
    const flat = crowdingDistance(Float64Array.of(0, 5, 1, 5, 3, 5), 2);
    expect(flat[1]).toBe(1);
  });

  it("is invariant to positive rescaling of an objective and follows a permutation of distinct points (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 20 }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (xs, scale) => {
          const n = xs.length;
          // A 2-D front with distinct coordinates: (x, 1000 - x).
          const pts = Float64Array.from(xs.flatMap((x) => [x, 1000 - x]));
          const scaled = Float64Array.from(xs.flatMap((x) => [x * scale, 1000 - x]));
          const a = crowdingDistance(pts, 2);
          const b = crowdingDistance(scaled, 2);
          for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(a[i]!, 10);
          const rev = Float64Array.from(
            xs
              .slice()
              .reverse()
              .flatMap((x) => [x, 1000 - x]),
          );
          const c = crowdingDistance(rev, 2);
          for (let i = 0; i < n; i++) expect(c[n - 1 - i]).toBe(a[i]);
        },
      ),
    );
  });

  it("rejects non-finite values and bad subset indices", () => {
    expect(() => crowdingDistance(Float64Array.of(1, Number.POSITIVE_INFINITY), 2)).toThrow(
      /crowdingDistance: objective 1 of point 0 must be finite, got Infinity/,
    );
    expect(() => crowdingDistance(Float64Array.of(1, Number.NaN), 2)).toThrow(/must be finite, got NaN/);
    expect(() => crowdingDistance(Float64Array.of(1, 2), 2, [1])).toThrow(
      /crowdingDistance: subset\[0\]=1 is not a point index in 0..0/,
    );
  });
});
