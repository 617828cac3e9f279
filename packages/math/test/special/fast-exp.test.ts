import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expNonPositive } from "../../src/special/fast-exp.js";

describe("expNonPositive", () => {
  it("is within 3e-15 relative of Math.exp on (-52, 0] (grid and property)", () => {
    let worst = 0;
    for (let v = -51.999; v <= 0; v += 1 / 1021)
      worst = Math.max(worst, Math.abs(expNonPositive(v) / Math.exp(v) - 1));
    expect(worst).toBeLessThan(3e-15);
    fc.assert(
      fc.property(fc.double({ min: -51.999, max: 0, noNaN: true }), (v) => {
        expect(Math.abs(expNonPositive(v) / Math.exp(v) - 1)).toBeLessThan(3e-15);
      }),
    );
  });

  it("is exact at 0 and falls back to Math.exp outside the range", () => {
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
    expect(expNonPositive(-100)).toBe(Math.exp(-100));
    expect(expNonPositive(1)).toBe(Math.E);
    expect(expNonPositive(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(expNonPositive(Number.NaN)).toBeNaN();
  });
});
