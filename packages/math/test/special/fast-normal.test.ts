import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fastLogInsideMass,
  fastLogInsideMasses,
  fastNormalCdf,
  fastNormalLogMass,
} from "../../src/special/fast-normal.js";
import { normalCdf } from "../../src/special/normal.js";
import { normalLogMass } from "../../src/special/truncated-normal.js";

describe("fastNormalCdf", () => {
  it("is within 2e-15 of Φ on a dense grid and at ±9, ±Infinity", () => {
    let worst = 0;
    for (let x = -10; x <= 10; x += 1 / 997)
      worst = Math.max(worst, Math.abs(fastNormalCdf(x) - normalCdf(x)));
    expect(worst).toBeLessThan(2e-15);
    expect(fastNormalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(fastNormalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(fastNormalCdf(0)).toBeCloseTo(0.5, 15);
  });
});

describe("fastLogInsideMass", () => {
  it("is within 1e-14 of log(Φ(β) − Φ(α)) for α ≤ 0 ≤ β, β − α ≥ 1 (grid, both branches)", () => {
    let worst = 0;
    for (let a = -12; a <= 0; a += 0.0473) {
      for (const b of [0, 0.3, 1, 2.5, 5, 8.9, 9.5, 40, Number.POSITIVE_INFINITY]) {
        if (b - a < 1) continue;
        worst = Math.max(worst, Math.abs(fastLogInsideMass(a, b) - normalLogMass(a, b)));
      }
    }
    expect(worst).toBeLessThan(1e-14);
    expect(fastLogInsideMass(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(-0);
  });
});

describe("fastNormalLogMass", () => {
  it("equals normalLogMass to 1e-12 relative on intervals of every kind (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.oneof(
          fc.double({ min: 1e-12, max: 1e-3, noNaN: true }),
          fc.double({ min: 1e-3, max: 30, noNaN: true }),
        ),
        (a, w) => {
          const b = a + w;
          if (!(b > a)) return;
          const exact = normalLogMass(a, b);
          expect(Math.abs(fastNormalLogMass(a, b) - exact)).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(exact)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("handles infinite bounds", () => {
    expect(fastNormalLogMass(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(0);
    expect(fastNormalLogMass(0, Number.POSITIVE_INFINITY)).toBeCloseTo(Math.log(0.5), 15);
    expect(fastNormalLogMass(30, Number.POSITIVE_INFINITY)).toBeCloseTo(
      normalLogMass(30, Number.POSITIVE_INFINITY),
      12,
    );
  });
});

describe("fastNormalLogMass accuracy by regime", () => {
  it("is within 1e-13 relative on one-sided cells in the moderate tails (Mills-ratio table)", () => {
    let worst = 0;
    for (let a = 0; a < 9.5; a += 0.0371) {
      for (const w of [0.05, 0.2, 1, 3]) {
        const exact = normalLogMass(a, a + w);
        worst = Math.max(worst, Math.abs(fastNormalLogMass(a, a + w) - exact) / Math.max(1, Math.abs(exact)));
        const mirror = normalLogMass(-a - w, -a);
        worst = Math.max(
          worst,
          Math.abs(fastNormalLogMass(-a - w, -a) - mirror) / Math.max(1, Math.abs(mirror)),
        );
      }
    }
    expect(worst).toBeLessThan(1e-13);
  });
});

/** Indices sorting `values` ascending, ties by index. */
function ascending(values: Float64Array): Int32Array {
  return Int32Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b);
}

describe("fastLogInsideMasses visited by centre", () => {
  it("gives the same values, bit for bit, as the loop in index order, and those of fastLogInsideMass (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(-5, 5, 0), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 0,
          maxLength: 400,
        }),
        fc.constantFrom(1e-3, 0.05, 0.5, 1.3, 10),
        (c, sigma) => {
          const mus = Float64Array.from(c);
          const plain = new Float64Array(mus.length);
          const sorted = new Float64Array(mus.length);
          fastLogInsideMasses(mus, mus.length, -5, 5, sigma, plain);
          fastLogInsideMasses(mus, mus.length, -5, 5, sigma, sorted, ascending(mus));
          for (let i = 0; i < mus.length; i++) {
            const one = fastLogInsideMass((-5 - mus[i]!) / sigma, (5 - mus[i]!) / sigma);
            expect(Math.abs(one - plain[i]!)).toBeLessThan(1e-15);
          }
          for (let i = 0; i < mus.length; i++) expect(Object.is(sorted[i], plain[i])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
