import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  normalCdf,
  normalLogCdf,
  normalLogPdf,
  normalLogProbBetween,
  normalPdf,
  normalQuantile,
} from "../../src/special/normal.js";
import ref from "../fixtures/special/normal.json" with { type: "json" };

// Reference values from SciPy 1.10 (fixtures/special/normal.py).
function expectRel(actual: number, expected: number, tol: number): void {
  if (expected === 0) expect(Math.abs(actual)).toBeLessThan(1e-300);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tol);
}

describe("normalCdf", () => {
  it.each(ref.cdf)("Φ(%d) matches SciPy", (x, p) => expectRel(normalCdf(x), p, 1e-13));
});

describe("normalLogCdf", () => {
  it.each(ref.logcdf)("log Φ(%d) matches SciPy's log_ndtr, including the far lower tail", (x, v) => {
    expectRel(normalLogCdf(x), v, 1e-13);
  });
  it("equals log of Φ where Φ is representable (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 8, noNaN: true }), (x) => {
        expect(normalLogCdf(x)).toBeCloseTo(Math.log(normalCdf(x)), 10);
      }),
    );
  });
  it("handles infinities and NaN", () => {
    expect(normalLogCdf(-Infinity)).toBe(-Infinity);
    expect(normalLogCdf(Infinity) === 0).toBe(true);
    expect(normalLogCdf(Number.NaN)).toBeNaN();
    expect(Number.isFinite(normalLogCdf(-1e5))).toBe(true);
  });
});

describe("normalLogPdf / normalPdf", () => {
  it.each(ref.logpdf)("log φ(%d) matches SciPy", (x, v) => expectRel(normalLogPdf(x), v, 1e-14));
  it("pdf is exp of the log pdf", () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(normalPdf(1.5)).toBeCloseTo(Math.exp(normalLogPdf(1.5)), 15);
  });
});

describe("normalQuantile", () => {
  it.each(ref.quantile)("Φ⁻¹(%d) matches SciPy's ndtri", (p, x) => expectRel(normalQuantile(p), x, 1e-12));
  it("inverts the CDF where Φ(x) is not rounded to 1 (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -35, max: 3, noNaN: true }), (x) => {
        expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 6);
      }),
    );
  });
  it("returns ±Infinity at 0 and 1 and NaN outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe("normalLogProbBetween", () => {
  it.each(ref.logprob)("log P(%d < Z < %d) matches SciPy in every tail", (a, b, v) => {
    expectRel(normalLogProbBetween(a, b), v, 1e-11);
  });
  it("equals the naive log difference in the body (property)", () => {
    fc.assert(
      // a ≤ 3: above that, the naive difference of two CDFs near 1 loses digits (ours does not).
      fc.property(
        fc.double({ min: -6, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (a, w) => {
          const b = a + w;
          expect(normalLogProbBetween(a, b)).toBeCloseTo(Math.log(normalCdf(b) - normalCdf(a)), 8);
        },
      ),
    );
  });
  it("handles empty, reversed and infinite intervals", () => {
    expect(normalLogProbBetween(1, 1)).toBe(-Infinity);
    expect(normalLogProbBetween(2, 1)).toBeNaN();
    expect(normalLogProbBetween(-Infinity, Infinity)).toBeCloseTo(0, 15);
    expect(normalLogProbBetween(0, Infinity)).toBeCloseTo(Math.log(0.5), 15);
  });
});
