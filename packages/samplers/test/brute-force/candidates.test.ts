import {
  categoricalDistribution,
  containsInternal,
  type Distribution,
  floatDistribution,
  intDistribution,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidateCount, candidateIndex, candidateValue } from "../../src/brute-force/candidates.js";

/** Every value of a distribution, by index. */
function values(d: Distribution): number[] {
  return Array.from({ length: candidateCount(d) }, (_, k) => candidateValue(d, k));
}

describe("candidateCount / candidateValue / candidateIndex", () => {
  it("enumerates categoricals, ints (step, log) and stepped floats", () => {
    expect(values(categoricalDistribution(["a", "b", null]))).toEqual([0, 1, 2]);
    expect(values(intDistribution(-2, 2))).toEqual([-2, -1, 0, 1, 2]);
    expect(values(intDistribution(0, 20, { step: 5 }))).toEqual([0, 5, 10, 15, 20]);
    expect(values(intDistribution(1, 6, { log: true }))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values(floatDistribution(0, 1, { step: 0.25 }))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // 0.1 steps: grid values without floating-point noise, and the last one is high.
    expect(values(floatDistribution(0, 0.3, { step: 0.1 }))).toEqual([0, 0.1, 0.2, 0.3]);
    expect(values(floatDistribution(1.5, 1.5))).toEqual([1.5]);
  });

  it("counts a float without step as infinite, and a huge range without building it", () => {
    expect(candidateCount(floatDistribution(0, 1))).toBe(Number.POSITIVE_INFINITY);
    expect(candidateCount(floatDistribution(1e-3, 1, { log: true }))).toBe(Number.POSITIVE_INFINITY);
    expect(candidateCount(intDistribution(0, 2 ** 40))).toBe(2 ** 40 + 1);
    expect(candidateValue(intDistribution(0, 2 ** 40), 2 ** 40)).toBe(2 ** 40);
    expect(candidateIndex(intDistribution(0, 2 ** 40), 2 ** 39)).toBe(2 ** 39);
  });

  it("gives -1 for values that are not candidates", () => {
    expect(candidateIndex(intDistribution(0, 10, { step: 2 }), 3)).toBe(-1);
    expect(candidateIndex(intDistribution(0, 10), 11)).toBe(-1);
    expect(candidateIndex(floatDistribution(0, 1, { step: 0.25 }), 0.3)).toBe(-1);
    expect(candidateIndex(floatDistribution(0, 1), 0.5)).toBe(-1);
    expect(candidateIndex(categoricalDistribution(["a", "b"]), 2)).toBe(-1);
    expect(candidateIndex(categoricalDistribution(["a", "b"]), 0.5)).toBe(-1);
    expect(candidateIndex(intDistribution(0, 3), Number.NaN)).toBe(-1);
  });

  it("round-trips every index of a stepped float or int, inside the distribution", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(0.1, 0.25, 0.3, 1, 1e-3, 7),
        (lowK, n, step) => {
          const low = lowK * step;
          const d = floatDistribution(low, low + n * step, { step });
          const count = candidateCount(d);
          expect(count).toBe(n + 1);
          for (let k = 0; k < count; k++) {
            const v = candidateValue(d, k);
            expect(containsInternal(d, v)).toBe(true);
            expect(candidateIndex(d, v)).toBe(k);
          }
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 9 }),
        (low, n, step) => {
          const d = intDistribution(low, low + n * step, { step });
          for (let k = 0; k <= n; k++) {
            expect(candidateIndex(d, candidateValue(d, k))).toBe(k);
          }
        },
      ),
    );
  });
});
