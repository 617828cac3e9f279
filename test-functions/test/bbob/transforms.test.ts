/**
 * The instance-free BBOB building blocks against closed forms written out independently
 * (Hansen et al. 2009, INRIA RR-6829, "Symbols and definitions").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fPen, lambdaDiagonal, tAsyInto, tOsz, tOszInto } from "../../src/bbob/index.js";

describe("tOsz", () => {
  it("is the identity's fixed points 0, ±1 and odd-like at given points", () => {
    expect(tOsz(0)).toBe(0);
    // x̂ = log 1 = 0, so T_osz(±1) = ±exp(0) = ±1.
    expect(tOsz(1)).toBe(1);
    expect(tOsz(-1)).toBe(-1);
  });

  it("matches exp(x̂ + 0.049(sin c1x̂ + sin c2x̂)) at x = e and x = -e²", () => {
    // x = e: x̂ = 1, c1 = 10, c2 = 7.9.
    expect(tOsz(Math.E)).toBeCloseTo(Math.exp(1 + 0.049 * (Math.sin(10) + Math.sin(7.9))), 14);
    // x = -e²: x̂ = 2, c1 = 5.5, c2 = 3.1.
    expect(tOsz(-Math.E * Math.E)).toBeCloseTo(-Math.exp(2 + 0.049 * (Math.sin(11) + Math.sin(6.2))), 12);
  });

  it("matches COCO's form exp(10x̂ + 0.49(...))^0.1 and is monotone, sign-preserving", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (x, dx) => {
          const h = Math.log(Math.abs(x));
          const coco =
            x > 0
              ? Math.exp(10 * h + 0.49 * (Math.sin(10 * h) + Math.sin(7.9 * h))) ** 0.1
              : -(Math.exp(10 * h + 0.49 * (Math.sin(5.5 * h) + Math.sin(3.1 * h))) ** 0.1);
          if (x !== 0) expect(tOsz(x)).toBeCloseTo(coco, 9 - Math.max(0, Math.log10(Math.abs(x))));
          if (x !== 0) expect(Math.sign(tOsz(x))).toBe(Math.sign(x));
          expect(tOsz(x + dx)).toBeGreaterThanOrEqual(tOsz(x));
        },
      ),
    );
  });

  it("propagates NaN and maps ±Infinity to ±Infinity", () => {
    expect(tOsz(Number.NaN)).toBeNaN();
    expect(tOsz(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(tOsz(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(Array.from(tOszInto(new Float64Array(0), new Float64Array(0)))).toEqual([]);
  });
});

describe("tAsyInto", () => {
  it("raises positive coordinates to 1 + β(i-1)/(D-1)√x_i and keeps the others", () => {
    const x = Float64Array.of(4, 4, -3, 9);
    const out = tAsyInto(x, 0.5, new Float64Array(4));
    expect(out[0]).toBe(4); // exponent 1
    expect(out[1]).toBeCloseTo(4 ** (1 + ((0.5 * 1) / 3) * 2), 12); // √4 = 2
    expect(out[2]).toBe(-3);
    expect(out[3]).toBeCloseTo(9 ** (1 + 0.5 * 3), 9); // (i-1)/(D-1) = 1, √9 = 3
  });
});

describe("lambdaDiagonal", () => {
  it("is α^(½(i-1)/(D-1)): from 1 to √α", () => {
    const l = lambdaDiagonal(100, 3);
    expect(Array.from(l)).toEqual([1, 100 ** 0.25, 10]);
  });
});

describe("fPen", () => {
  it("is Σ max(0, |x_i| - 5)²", () => {
    expect(fPen(Float64Array.of(0, 5, -5))).toBe(0);
    expect(fPen(Float64Array.of(6, -7.5, 1))).toBe(1 + 6.25);
    expect(fPen(new Float64Array(0))).toBe(0);
    expect(fPen(Float64Array.of(Number.NaN))).toBe(0); // NaN > 0 is false: NaN coordinates add no penalty
  });
});
