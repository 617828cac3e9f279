import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LogSumExpAccumulator,
  log1mexp,
  logAddExp,
  logSubExp,
  logSumExp,
} from "../../src/special/log-space.js";

const finite = fc.double({ min: -700, max: 700, noNaN: true });

describe("logSumExp", () => {
  it("equals the naive formula where that is finite (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (xs) => {
          const naive = Math.log(xs.reduce((a, x) => a + Math.exp(x), 0));
          expect(logSumExp(xs)).toBeCloseTo(naive, 10);
        },
      ),
    );
  });

  it("does not overflow or underflow", () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logSumExp(new Float64Array([0, -Infinity]))).toBe(0);
  });

  it("handles empty input, infinities and NaN", () => {
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([-Infinity, -Infinity])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([1, Infinity])).toBe(Number.POSITIVE_INFINITY);
    expect(logSumExp([1, Number.NaN])).toBeNaN();
  });

  it("is shift-equivariant: lse(x + c) = lse(x) + c (property)", () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 10 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (xs, c) => {
          const a = logSumExp(xs.map((x) => x + c));
          const b = logSumExp(xs) + c;
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
        },
      ),
    );
  });
});

describe("logAddExp", () => {
  it("equals logSumExp of the pair (property)", () => {
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        expect(logAddExp(a, b)).toBeCloseTo(logSumExp([a, b]), 9);
      }),
    );
  });
  it("handles infinities and NaN", () => {
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logAddExp(Infinity, 0)).toBe(Infinity);
    expect(logAddExp(Number.NaN, 0)).toBeNaN();
  });
});

describe("log1mexp", () => {
  it("equals log(1 - exp(x)) where that is accurate (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: -1e-3, noNaN: true }), (x) => {
        expect(log1mexp(x)).toBeCloseTo(Math.log(1 - Math.exp(x)), 10);
      }),
    );
  });
  it("keeps relative accuracy near 0 and for very negative x", () => {
    // log(1 - e^{-1e-20}) = log(1e-20) to first order
    expect(log1mexp(-1e-20)).toBeCloseTo(Math.log(1e-20), 12);
    expect(log1mexp(-800)).toBe(-0); // log1p(-e^-800) = -0 exactly in doubles
    expect(log1mexp(-40)).toBeCloseTo(-Math.exp(-40), 30);
  });
  it("returns -Infinity at 0 and NaN above 0 or for NaN", () => {
    expect(log1mexp(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(log1mexp(1e-300)).toBeNaN();
    expect(log1mexp(Number.NaN)).toBeNaN();
  });
});

describe("logSubExp", () => {
  it("is the inverse of logAddExp (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (a, b) => {
          const s = logAddExp(a, b);
          if (Math.abs(a - b) < 30) expect(logSubExp(s, b)).toBeCloseTo(a, 6);
        },
      ),
    );
  });
  it("handles edge cases", () => {
    expect(logSubExp(1, 1)).toBe(-Infinity);
    expect(logSubExp(1, 2)).toBeNaN();
    expect(logSubExp(1, -Infinity)).toBe(1);
  });
});

describe("LogSumExpAccumulator", () => {
  const accumulate = (xs: readonly number[], drop?: number): number => {
    const acc = new LogSumExpAccumulator(drop);
    for (const x of xs) acc.add(x);
    return acc.value();
  };

  it("equals the naive formula where that is finite (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const naive = Math.log(xs.reduce((a, x) => a + Math.exp(x), 0));
          expect(Math.abs(accumulate(xs) - naive)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(naive)));
        },
      ),
    );
  });

  it("equals logSumExp in any order, without overflow (property)", () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 30 }), (xs) => {
        const exact = logSumExp(xs);
        for (const order of [xs, [...xs].reverse(), [...xs].sort((a, b) => a - b)]) {
          expect(Math.abs(accumulate(order) - exact)).toBeLessThanOrEqual(
            1e-13 * Math.max(1, Math.abs(exact)),
          );
        }
      }),
    );
  });

  it("is shift-equivariant: acc(x + c) = acc(x) + c (property)", () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 10 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (xs, c) => {
          const a = accumulate(xs.map((x) => x + c));
          const b = accumulate(xs) + c;
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
        },
      ),
    );
  });

  it("drops terms at or below max − drop on arrival: within n·e^-drop relative of the full sum (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -200, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const exact = logSumExp(xs);
          // log(1 + n·e^-50) ≤ n·e^-50 on top of the rounding of the sum.
          expect(Math.abs(accumulate(xs, 50) - exact)).toBeLessThanOrEqual(
            xs.length * Math.exp(-50) + 1e-13 * Math.max(1, Math.abs(exact)),
          );
        },
      ),
    );
    const acc = new LogSumExpAccumulator(50);
    acc.add(0);
    acc.add(-50);
    acc.add(-49.5);
    expect(acc.value()).toBe(Math.log(1 + Math.exp(-49.5)));
  });

  it("handles no terms, infinities and NaN as logSumExp does", () => {
    expect(accumulate([])).toBe(Number.NEGATIVE_INFINITY);
    expect(accumulate([-Infinity, -Infinity])).toBe(Number.NEGATIVE_INFINITY);
    expect(accumulate([1, Infinity])).toBe(Number.POSITIVE_INFINITY);
    expect(accumulate([Infinity, Infinity, 1])).toBe(Number.POSITIVE_INFINITY);
    expect(accumulate([Infinity, Infinity], 50)).toBe(Number.POSITIVE_INFINITY);
    expect(accumulate([1, Number.NaN])).toBeNaN();
    expect(accumulate([Number.NaN, 1])).toBeNaN();
    expect(accumulate([Infinity, Number.NaN], 50)).toBeNaN();
    expect(accumulate([0, -Infinity])).toBe(0);
  });

  it("reset forgets the terms; drop must be positive", () => {
    const acc = new LogSumExpAccumulator();
    acc.add(5);
    acc.reset();
    acc.add(1);
    expect(acc.value()).toBe(1);
    expect(() => new LogSumExpAccumulator(0)).toThrow(/drop must be > 0, got 0/);
    expect(() => new LogSumExpAccumulator(Number.NaN)).toThrow(RangeError);
  });
});
