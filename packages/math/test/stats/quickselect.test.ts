import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quickselect } from "../../src/stats/quickselect.js";

/** Many ties (small integers) or spread-out doubles, up to 2000 (the sampling step starts above 600). */
const sample = fc.oneof(
  fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 2000 }),
  fc.array(fc.double({ noNaN: true }), { maxLength: 2000 }),
);

describe("quickselect(a, k, left, right)", () => {
  it("puts the k-th smallest value at k with smaller values before it and larger after (property)", () => {
    fc.assert(
      fc.property(
        sample.filter((v) => v.length > 0),
        fc.nat(),
        (values, seed) => {
          const a = Float64Array.from(values);
          const k = seed % a.length;
          const sorted = Float64Array.from(values).sort();
          const v = quickselect(a, k);
          expect(v === sorted[k]).toBe(true); // -0 and 0 are equal

          for (let i = 0; i < k; i++) expect(a[i]! <= v).toBe(true);
          for (let i = k + 1; i < a.length; i++) expect(a[i]! >= v).toBe(true);
          expect(Float64Array.from(a).sort()).toEqual(sorted);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("works inside a sub-range and leaves the rest untouched", () => {
    const a = Float64Array.of(9, 5, 1, 4, 2, 3, -9);
    expect(quickselect(a, 3, 1, 5)).toBe(3);
    expect(a[0]).toBe(9);
    expect(a[6]).toBe(-9);
    expect(Array.from(a.subarray(1, 3)).every((v) => v <= 3)).toBe(true);
    expect(Array.from(a.subarray(4, 6)).every((v) => v >= 3)).toBe(true);
  });

  it("handles ±Infinity, one element, sorted and reversed runs of 10,000", () => {
    expect(quickselect(Float64Array.of(Number.POSITIVE_INFINITY, 1, Number.NEGATIVE_INFINITY), 1)).toBe(1);
    expect(quickselect(Float64Array.of(7), 0)).toBe(7);
    const up = Float64Array.from({ length: 10_000 }, (_, i) => i);
    expect(quickselect(up, 7321)).toBe(7321);
    const down = Float64Array.from({ length: 10_000 }, (_, i) => -i);
    expect(quickselect(down, 10)).toBe(-9989);
    const same = new Float64Array(5000).fill(2);
    expect(quickselect(same, 4999)).toBe(2);
  });

  it("rejects k or a range outside the array, naming the argument", () => {
    const a = Float64Array.of(1, 2, 3);
    expect(() => quickselect(a, 3)).toThrow(/quickselect: k must be an integer in \[0, 2\], got 3/);
    expect(() => quickselect(a, 0.5)).toThrow(/k must be an integer/);
    expect(() => quickselect(a, 0, 1, 2)).toThrow(/k must be an integer in \[1, 2\], got 0/);
    expect(() => quickselect(a, 1, 0, 3)).toThrow(/quickselect: left and right must be integers in \[0, 2\]/);
    expect(() => quickselect(new Float64Array(0), 0)).toThrow(/k must be an integer in \[0, -1\]/);
  });
});
