import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, normalLogProbBetween } from "../../src/special/normal.js";
import {
  normalLogMass,
  truncatedNormalLogCdf,
  truncatedNormalLogMass,
  truncatedNormalLogPdf,
  truncatedNormalLogSf,
} from "../../src/special/truncated-normal.js";
import ref from "../fixtures/parzen/truncnorm.json" with { type: "json" };

// Reference values: SciPy 1.10's truncnorm and 80-digit decimal evaluations, both written by
// fixtures/parzen/truncnorm.py. Infinite bounds are null in the fixture.
const inf = (v: number | null, sign: number): number => (v === null ? sign * Number.POSITIVE_INFINITY : v);

function expectClose(actual: number, expected: number, relTol: number): void {
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale).toBeLessThanOrEqual(relTol);
}

describe("normalLogMass", () => {
  it.each(ref.logMass as [number | null, number | null, number][])(
    "log(Φ(%s) - Φ(%s)) matches the 80-digit value",
    (a, b, v) => {
      const got = normalLogMass(inf(a, -1), inf(b, 1));
      // Relative accuracy of the log-mass itself (the log of a relative error ε is ε).
      expect(Math.abs(got - v)).toBeLessThanOrEqual(2e-14 * Math.max(1, Math.abs(v)));
    },
  );

  it("keeps relative accuracy on narrow intervals far in the tails, where log-CDF differences cancel", () => {
    // Φ(30 + 1e-9) - Φ(30) = 1e-9·φ(30)·(1 - 1.5e-8 + ...).
    const exact = Math.log(1e-9) - 450 - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-15e-9);
    expect(normalLogMass(30, 30 + 1e-9)).toBeCloseTo(exact, 6);
    const row = (ref.logMass as [number | null, number | null, number][]).find(
      ([a, b]) => a === 30 && b !== null && b < 30.1,
    )!;
    expect(Math.abs(normalLogMass(30, row[1]!) - row[2])).toBeLessThan(1e-12);
  });

  it("equals the existing normalLogProbBetween where that is accurate (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.double({ min: 0.2, max: 20, noNaN: true }),
        (a, w) => {
          const b = a + w;
          expectClose(normalLogMass(a, b), normalLogProbBetween(a, b), 1e-12);
        },
      ),
    );
  });

  it("equals log(Φ(b) - Φ(a)) in the body (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 1e-6, max: 3, noNaN: true }),
        (a, w) => {
          const b = a + w;
          const naive = Math.log(normalCdf(b) - normalCdf(a));
          // The naive difference loses about eps/(Φ(b) - Φ(a)) relative.
          const tol = 4e-16 / (normalCdf(b) - normalCdf(a)) + 1e-14;
          expect(Math.abs(normalLogMass(a, b) - naive)).toBeLessThanOrEqual(tol);
        },
      ),
    );
  });

  it("is additive over adjacent intervals, across the narrow/wide switch (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 1e-9, max: 2, noNaN: true }),
        fc.double({ min: 1e-9, max: 2, noNaN: true }),
        (a, w1, w2) => {
          const m = a + w1;
          const b = m + w2;
          const whole = normalLogMass(a, b);
          const l = normalLogMass(a, m);
          const r = normalLogMass(m, b);
          const sum = Math.max(l, r) + Math.log1p(Math.exp(-Math.abs(l - r)));
          expect(Math.abs(whole - sum)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(whole)));
        },
      ),
    );
  });

  it("handles empty, reversed, infinite and NaN bounds", () => {
    expect(normalLogMass(1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalLogMass(2, 1)).toBeNaN();
    expect(normalLogMass(Number.NaN, 1)).toBeNaN();
    expect(normalLogMass(0, Number.NaN)).toBeNaN();
    expect(normalLogMass(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY) === 0).toBe(true);
    expect(normalLogMass(0, Number.POSITIVE_INFINITY)).toBeCloseTo(Math.log(0.5), 15);
    expect(normalLogMass(Number.NEGATIVE_INFINITY, 0)).toBeCloseTo(Math.log(0.5), 15);
    expect(normalLogMass(1e300, Number.POSITIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalLogMass(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isFinite(normalLogMass(-1e5, -1e5 + 1))).toBe(true);
  });
});

describe("truncatedNormalLogPdf / LogCdf / LogSf", () => {
  const cases = ref.truncated.map((c) => ({ ...c, low: inf(c.low, -1), high: inf(c.high, 1) }));
  it.each(cases)("N($mean, $sd²) on [$low, $high] matches the 80-digit values and SciPy", (c) => {
    const narrow = (c.high - c.low) / c.sd < 0.05;
    for (const [x, lp, lc, ls, hpLp, hpLc, hpLs] of c.rows as number[][]) {
      const args = [c.mean, c.sd, c.low, c.high] as const;
      const p = truncatedNormalLogPdf(x!, ...args);
      const cdf = truncatedNormalLogCdf(x!, ...args);
      const sf = truncatedNormalLogSf(x!, ...args);
      expectClose(p, hpLp!, 1e-13);
      // CDF and SF: relative accuracy of the probability, i.e. absolute in log space, and
      // relative where the log is tiny (values near 1).
      expect(Math.abs(cdf - hpLc!)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(hpLc!)));
      expect(Math.abs(sf - hpLs!)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(hpLs!)));
      // SciPy differences log-masses: about 1e-10 relative in the far tails and 1e-8 on
      // narrow intervals (the tolerances truncnorm.py checks SciPy against).
      const tol = narrow ? 1e-6 : 1e-9;
      expectClose(p, lp!, tol);
      expectClose(cdf, lc!, tol);
      expectClose(sf, ls!, tol);
    }
  });

  it("CDF and SF are complementary and monotone (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 1e-3, max: 20, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (low, width, mean, sd, t) => {
          const high = low + width;
          const x = low + t * width;
          const c = Math.exp(truncatedNormalLogCdf(x, mean, sd, low, high));
          const s = Math.exp(truncatedNormalLogSf(x, mean, sd, low, high));
          expect(c + s).toBeCloseTo(1, 12);
          const x2 = Math.min(high, x + width / 7);
          expect(truncatedNormalLogCdf(x2, mean, sd, low, high)).toBeGreaterThanOrEqual(
            truncatedNormalLogCdf(x, mean, sd, low, high),
          );
        },
      ),
    );
  });

  it("is -Infinity / 0 outside the support and NaN for NaN", () => {
    expect(truncatedNormalLogPdf(-2, 0, 1, -1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(truncatedNormalLogPdf(Number.NaN, 0, 1, -1, 1)).toBeNaN();
    expect(truncatedNormalLogCdf(-1, 0, 1, -1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(truncatedNormalLogCdf(5, 0, 1, -1, 1)).toBe(0);
    expect(truncatedNormalLogSf(-5, 0, 1, -1, 1)).toBe(0);
    expect(truncatedNormalLogSf(1, 0, 1, -1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(truncatedNormalLogCdf(Number.NaN, 0, 1, -1, 1)).toBeNaN();
    expect(truncatedNormalLogPdf(0, 0, 1, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toBeCloseTo(
      -0.5 * Math.log(2 * Math.PI),
      15,
    );
  });

  it("rejects bad parameters with errors that name the function and the argument", () => {
    expect(() => truncatedNormalLogPdf(0, 0, 0, -1, 1)).toThrow(/truncatedNormalLogPdf: sd must be positive/);
    expect(() => truncatedNormalLogPdf(0, 0, Number.POSITIVE_INFINITY, -1, 1)).toThrow(/sd/);
    expect(() => truncatedNormalLogCdf(0, Number.NaN, 1, -1, 1)).toThrow(
      /truncatedNormalLogCdf: mean must be finite/,
    );
    expect(() => truncatedNormalLogSf(0, 0, 1, 1, 1)).toThrow(/truncatedNormalLogSf: need low < high/);
    expect(() => truncatedNormalLogPdf(0, 0, 1, Number.NaN, 1)).toThrow(/low < high/);
    expect(() => truncatedNormalLogMass(1, 0, 0, 1, -1, 1)).toThrow(/truncatedNormalLogMass: need lo <= hi/);
  });
});

describe("truncatedNormalLogMass", () => {
  it("cells of a grid sum to 1 (log-sum-exp ≈ 0), even far in a tail", () => {
    for (const [mean, sd, low, high] of [
      [0, 1, -2.5, 2.5],
      [0, 1, 29.5, 40.5],
      [3, 0.01, -0.5, 10.5],
      [0, 100, -0.5, 10.5],
    ] as const) {
      let total = 0;
      for (let v = low + 0.5; v < high; v++)
        total += Math.exp(truncatedNormalLogMass(v - 0.5, v + 0.5, mean, sd, low, high));
      expect(total).toBeCloseTo(1, 13);
    }
  });

  it("clips the cell to the bounds and is -Infinity for an empty cell", () => {
    expect(truncatedNormalLogMass(-5, 5, 0, 1, -1, 1)).toBe(0);
    expect(truncatedNormalLogMass(2, 3, 0, 1, -1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(truncatedNormalLogMass(0.5, 0.5, 0, 1, -1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(truncatedNormalLogMass(0, 1, 0, 1, -1, 1)).toBeCloseTo(Math.log(0.5), 14);
  });
});
