import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { niceTicks, tickLabel } from "../../src/svg/ticks.js";

describe("niceTicks(lo, hi, count?)", () => {
  it("gives round values covering the range", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-3, 7, 4)).toEqual([-2.5, 0, 2.5, 5]);
    expect(niceTicks(-1e-9, 1e-9)).toContain(0);
  });

  it("gives [lo] for an empty or reversed range (and NaN)", () => {
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(niceTicks(3, 1)).toEqual([3]);
    expect(niceTicks(Number.NaN, 1)).toEqual([Number.NaN]);
  });

  it("ticks lie in the range, increase, and number between 2 and 2·count + 1", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        (lo, width) => {
          const hi = lo + width;
          fc.pre(hi > lo);
          const ticks = niceTicks(lo, hi);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(11);
          const tol = width * 1e-6;
          for (let i = 0; i < ticks.length; i++) {
            expect(ticks[i]).toBeGreaterThanOrEqual(lo - tol);
            expect(ticks[i]).toBeLessThanOrEqual(hi + tol);
            if (i > 0) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]!);
          }
        },
      ),
    );
  });
});

describe("tickLabel(v)", () => {
  it("writes 4 significant digits, exponential below 1e-3 and from 1e5", () => {
    expect(tickLabel(0)).toBe("0");
    expect(tickLabel(0.6000000000000001)).toBe("0.6");
    expect(tickLabel(1234.5678)).toBe("1235");
    expect(tickLabel(-2.5)).toBe("-2.5");
    expect(tickLabel(1e5)).toBe("1.0e+5");
    expect(tickLabel(0.0005)).toBe("5.0e-4");
  });
});
