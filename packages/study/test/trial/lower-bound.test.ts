import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FrozenTrial } from "../../src/trial/frozen.js";
import { trialLowerBound } from "../../src/trial/lower-bound.js";

describe("trialLowerBound", () => {
  it("is the first index whose number is at least the one asked for (property, against a linear scan)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(60)), fc.integer({ min: -2, max: 70 }), (numbers, n) => {
        const list = numbers.sort((a, b) => a - b).map((number) => ({ number }) as FrozenTrial);
        const expected = list.findIndex((t) => t.number >= n);
        expect(trialLowerBound(list, n)).toBe(expected < 0 ? list.length : expected);
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
