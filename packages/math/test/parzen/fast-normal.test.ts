import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastNormalCdf, fastNormalLogMass } from "../../src/parzen/fast-normal.js";
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
