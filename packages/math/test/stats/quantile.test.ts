import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortedFinite } from "../../src/stats/descriptive.js";
import { median, quantile, quantileSorted } from "../../src/stats/quantile.js";

const inf = Number.POSITIVE_INFINITY;
const MAX = Number.MAX_VALUE;

/** a and b are the same number, -0 and 0 counted equal, NaN equal to NaN. */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Samples with ties, NaN and infinities, up to 1500 values (selection samples above 600). */
const sample = fc.oneof(
  fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant(Number.NaN)), { maxLength: 1500 }),
  fc.array(fc.double(), { maxLength: 1500 }),
  fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }),
);
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
);

describe("quantileSorted(sorted, q)", () => {
  it("interpolates linearly at q·(n − 1) (Hyndman & Fan definition 7)", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10], 0.9)).toBe(10);
    expect(quantileSorted(Float64Array.of(0, 10), 0.3)).toBe(3);
  });

  it("midpoint: the mean of the two neighbours when q·(n − 1) is not an integer", () => {
    const midpoint = { method: "midpoint" } as const;
    expect(quantileSorted([1, 2, 3, 4], 0.5, midpoint)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25, midpoint)).toBe(1.5);
    expect(quantileSorted([1, 2, 3, 4], 0.9, midpoint)).toBe(3.5);
    expect(quantileSorted([1, 2, 3], 0.5, midpoint)).toBe(2);
    expect(quantileSorted([1, 2, 3, 4], 1 / 3, midpoint)).toBe(2);
  });

  it("is bit-identical to the formulas its callers used: a + (b − a)·f and (a + b) / 2 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 30 }),
        probability,
        (values, q) => {
          const s = values.slice().sort((a, b) => a - b);
          const h = q * (s.length - 1);
          const lo = Math.floor(h);
          const a = s[lo]!;
          const b = s[Math.min(lo + 1, s.length - 1)]!;
          const f = h - lo;
          expect(same(quantileSorted(s, q), f === 0 || a === b ? a : a + (b - a) * f)).toBe(true);
          const k = s.length;
          const mid = k % 2 === 1 ? s[(k - 1) / 2]! : (s[k / 2 - 1]! + s[k / 2]!) / 2;
          expect(same(quantileSorted(s, 0.5, { method: "midpoint" }), mid)).toBe(true);
        },
      ),
    );
  });

  it("handles empty input, infinities and overflow", () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantileSorted([inf, inf], 0.5)).toBe(inf);
    expect(quantileSorted([-inf, -inf], 0.3, { method: "midpoint" })).toBe(-inf);
    expect(quantileSorted([1, inf], 0.5)).toBe(inf);
    expect(quantileSorted([-inf, 1], 0.5)).toBeNaN(); // −∞ + ∞·½
    expect(quantileSorted([-inf, 1], 0.5, { method: "midpoint" })).toBe(-inf);
    expect(quantileSorted([-inf, inf], 0.5, { method: "midpoint" })).toBeNaN();
    // b − a and a + b overflow; the result does not
    expect(quantileSorted([-MAX, MAX], 0.5)).toBe(0);
    expect(Math.abs(quantileSorted([-MAX, MAX], 0.75) / (MAX / 2) - 1)).toBeLessThan(1e-15);
    expect(quantileSorted([-MAX, MAX], 0.5, { method: "midpoint" })).toBe(0);
    expect(quantileSorted([MAX / 2, MAX], 0.5, { method: "midpoint" })).toBe(0.75 * MAX);
    expect(quantileSorted([MAX, MAX], 0.5, { method: "midpoint" })).toBe(MAX);
  });

  it("rejects q outside [0, 1] or NaN and unknown methods, naming the function", () => {
    expect(() => quantileSorted([1], 1.5)).toThrow(/quantileSorted: q must be in \[0, 1\], got 1.5/);
    expect(() => quantileSorted([1], -0.1)).toThrow(/got -0.1/);
    expect(() => quantileSorted([], Number.NaN)).toThrow(RangeError);
    expect(() => quantileSorted([1], 0.5, { method: "nearest" as "linear" })).toThrow(
      /quantileSorted: method must be "linear" or "midpoint", got nearest/,
    );
  });
});

describe("quantile(values, q)", () => {
  it("equals quantileSorted of the sorted non-NaN values, for both methods (property)", () => {
    fc.assert(
      fc.property(
        sample,
        probability,
        fc.constantFrom("linear" as const, "midpoint" as const),
        (v, q, method) => {
          const copy = v.slice();
          const want = quantileSorted(sortedFinite(v), q, { method });
          expect(same(quantile(v, q, { method }), want)).toBe(true);
          expect(same(quantile(Float64Array.from(v), q, { method }), want)).toBe(true);
          expect(v).toEqual(copy); // not reordered
        },
      ),
      { numRuns: 300 },
    );
  });

  it("ignores NaN; NaN when nothing is left", () => {
    expect(quantile([4, 1, Number.NaN, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([Number.NaN, Number.NaN], 0.5)).toBeNaN();
    expect(quantile([], 0)).toBeNaN();
    expect(quantile([inf, Number.NaN, inf], 0.5)).toBe(inf);
    expect(quantile([MAX, -MAX, Number.NaN], 0.5)).toBe(0);
  });

  it("is non-decreasing in q and stays within [min, max] (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }),
        probability,
        probability,
        (v, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = quantile(v, lo);
          const b = quantile(v, hi);
          expect(a <= b).toBe(true);
          expect(a >= Math.min(...v) && b <= Math.max(...v)).toBe(true);
        },
      ),
    );
  });

  it("rejects q outside [0, 1], naming the function", () => {
    expect(() => quantile([1, 2], 2)).toThrow(/quantile: q must be in \[0, 1\], got 2/);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe("median(values)", () => {
  it("is the quantile at ½, ignoring NaN", () => {
    expect(median([3, 1, Number.NaN, 2, 10])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
    expect(median([0.1, 0.7], { method: "midpoint" })).toBe((0.1 + 0.7) / 2);
    expect(median([0.1, 0.7])).toBe(0.1 + (0.7 - 0.1) * 0.5);
  });
});
