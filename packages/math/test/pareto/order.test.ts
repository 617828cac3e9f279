import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ascendingOrder, radixOrder } from "../../src/pareto/order.js";

/** The stable argsort written out: a comparator sort of indices, ties by index. */
function referenceOrder(values: Float64Array): number[] {
  return Array.from(values.keys()).sort((a, b) =>
    values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b,
  );
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      0,
      -0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
    ),
  },
);

describe("ascendingOrder / radixOrder", () => {
  it("radixOrder is the stable argsort, with ties, -0 = 0, infinities and subnormals (property)", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        const values = Float64Array.from(xs);
        expect(Array.from(radixOrder(values))).toEqual(referenceOrder(values));
      }),
      { numRuns: 300 },
    );
  });

  it("both paths agree above and below the radix threshold", () => {
    for (const n of [100, 2047, 2048, 5000]) {
      const values = Float64Array.from(
        { length: n },
        (_, i) => ((i * 7919) % 613) - 300 + (i % 3 === 0 ? 0.5 : 0),
      );
      const expected = referenceOrder(values);
      expect(Array.from(ascendingOrder(values))).toEqual(expected);
      expect(Array.from(radixOrder(values))).toEqual(expected);
    }
  });
});
