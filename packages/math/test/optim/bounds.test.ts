import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxFeasibleStep, projectInPlace } from "../../src/optim/bounds.js";
import { projectedGradientNorm } from "../../src/optim/index.js";

const inf = Number.POSITIVE_INFINITY;

describe("projectedGradientNorm", () => {
  it("is ‖P(x − g) − x‖∞ (property, against the definition)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.double({ min: 0, max: 3, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: -10, max: 10, noNaN: true }),
            fc.integer({ min: 0, max: 3 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (rows) => {
          const n = rows.length;
          const x = new Float64Array(n);
          const g = new Float64Array(n);
          const lo = new Float64Array(n);
          const hi = new Float64Array(n);
          rows.forEach(([l, w, t, gi, open], i) => {
            lo[i] = open & 1 ? -inf : l;
            hi[i] = open & 2 ? inf : l + w;
            x[i] = open === 3 ? l : Math.min(hi[i], Math.max(lo[i], l + t * w));
            g[i] = gi;
          });
          let expected = 0;
          for (let i = 0; i < n; i++) {
            const p = Math.min(hi[i]!, Math.max(lo[i]!, x[i]! - g[i]!));
            expected = Math.max(expected, Math.abs(p - x[i]!));
          }
          // Equal up to the rounding of (x − g) − x against g.
          expect(Math.abs(projectedGradientNorm(x, g, lo, hi) - expected)).toBeLessThanOrEqual(
            1e-14 * (1 + expected),
          );
        },
      ),
    );
  });

  it("is 0 on a bound the gradient pushes against, |g| inside", () => {
    const lo = Float64Array.of(0, 0);
    const hi = Float64Array.of(1, 1);
    expect(projectedGradientNorm(Float64Array.of(0, 1), Float64Array.of(3, -2), lo, hi)).toBe(0);
    expect(projectedGradientNorm(Float64Array.of(0.5, 1), Float64Array.of(0.1, -2), lo, hi)).toBeCloseTo(
      0.1,
      15,
    );
    // Only as far as the box allows: from x = 0.9 with g = −5 the projected step is 0.1.
    expect(projectedGradientNorm(Float64Array.of(0.9, 0), Float64Array.of(-5, 0), lo, hi)).toBeCloseTo(
      0.1,
      15,
    );
  });
});

describe("projectInPlace / maxFeasibleStep", () => {
  it("clamps coordinates and finds the largest feasible step", () => {
    const lo = Float64Array.of(0, -inf, -1);
    const hi = Float64Array.of(1, 2, inf);
    const x = Float64Array.of(-3, 5, 0);
    projectInPlace(x, lo, hi);
    expect(Array.from(x)).toEqual([0, 2, 0]);
    expect(maxFeasibleStep(Float64Array.of(0.5, 0, 0), Float64Array.of(1, -1, 0), lo, hi)).toBe(0.5);
    expect(maxFeasibleStep(Float64Array.of(0.5, 0, 0), Float64Array.of(0, -1, 1), lo, hi)).toBe(inf);
    expect(maxFeasibleStep(Float64Array.of(1, 0, 0), Float64Array.of(1, 0, 0), lo, hi)).toBe(0);
  });
});
