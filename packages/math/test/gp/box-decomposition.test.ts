import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nonDominatedBoxes } from "../../src/gp/index.js";
import { hypervolume } from "../../src/pareto/index.js";

/** HVI(y) from boxes: Σ_k Π_j (u_kj - max(y_j, l_kj))⁺. */
function hviFromBoxes(b: ReturnType<typeof nonDominatedBoxes>, y: number[]): number {
  const m = b.nObjectives;
  let total = 0;
  for (let k = 0; k < b.count; k++) {
    let v = 1;
    for (let j = 0; j < m; j++) v *= Math.max(0, b.upper[k * m + j]! - Math.max(y[j]!, b.lower[k * m + j]!));
    total += v;
  }
  return total;
}

describe("nonDominatedBoxes", () => {
  it("K + 1 staircase boxes in 2-D", () => {
    const b = nonDominatedBoxes(Float64Array.of(1, 2, 2, 1, 3, 3), 2, [3.5, 3.5]);
    expect(b.count).toBe(3);
    expect(Array.from(b.upper)).toEqual([1, 3.5, 2, 2, 3.5, 1]);
  });

  it("the boxes give HV(P ∪ {y}) - HV(P) for any y, m = 1..4 (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }), { maxLength: 9 }),
        fc.array(fc.double({ min: -1, max: 8, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (m, pts, y) => {
          const p = Float64Array.from(pts.flatMap((q) => q.slice(0, m)));
          const ref = Array.from({ length: m }, () => 6.5);
          const b = nonDominatedBoxes(p, m, ref);
          const yy = y.slice(0, m);
          const withY = new Float64Array(p.length + m);
          withY.set(p);
          withY.set(yy, p.length);
          const expected = hypervolume(withY, m, ref) - hypervolume(p, m, ref);
          expect(Math.abs(hviFromBoxes(b, yy) - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
        },
      ),
    );
  });

  it("one box (-∞, r] without points inside the reference", () => {
    const b = nonDominatedBoxes(Float64Array.of(5, 5), 2, [1, 1]);
    expect(b.count).toBe(1);
    expect(Array.from(b.lower)).toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(Array.from(b.upper)).toEqual([1, 1]);
  });

  it("refuses NaN, bad shapes and non-finite references", () => {
    expect(() => nonDominatedBoxes(Float64Array.of(1, Number.NaN), 2, [2, 2])).toThrow(
      /points\[0\]\[1\] is NaN/,
    );
    expect(() => nonDominatedBoxes(Float64Array.of(1, 2, 3), 2, [2, 2])).toThrow(/multiple of m=2/);
    expect(() => nonDominatedBoxes(Float64Array.of(1, 2), 2, [2, Number.POSITIVE_INFINITY])).toThrow(
      /reference\[1\] must be finite/,
    );
  });
});
