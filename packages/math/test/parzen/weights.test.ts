import { describe, expect, it } from "vitest";
import { defaultWeights, uniformWeights } from "../../src/parzen/weights.js";

describe("defaultWeights", () => {
  it("is flat below 25 observations", () => {
    expect(Array.from(defaultWeights(0))).toEqual([]);
    expect(Array.from(defaultWeights(3))).toEqual([1, 1, 1]);
    expect(Array.from(defaultWeights(25))).toEqual(Array(25).fill(1));
  });

  it("ramps linearly from 1/n (oldest) to 1 over the n - 25 oldest, as numpy.linspace(1/n, 1, n - 25)", () => {
    expect(Array.from(defaultWeights(26))).toEqual([1 / 26, ...Array(25).fill(1)]);
    const w = defaultWeights(30);
    const ramp = [
      1 / 30,
      1 / 30 + (1 - 1 / 30) / 4,
      1 / 30 + (2 * (1 - 1 / 30)) / 4,
      1 / 30 + (3 * (1 - 1 / 30)) / 4,
      1,
    ];
    expect(Array.from(w.subarray(0, 5))).toEqual(ramp.map((v) => expect.closeTo(v, 15)));
    expect(Array.from(w.subarray(5))).toEqual(Array(25).fill(1));
    const big = defaultWeights(1000);
    for (let i = 1; i < 1000; i++) expect(big[i]).toBeGreaterThanOrEqual(big[i - 1]!);
  });

  it("rejects bad n", () => {
    expect(() => defaultWeights(-1)).toThrow(/defaultWeights: n must be an integer >= 0, got -1/);
    expect(() => defaultWeights(1.5)).toThrow(/defaultWeights/);
    expect(() => defaultWeights(Number.NaN)).toThrow(/defaultWeights/);
    expect(() => uniformWeights(Number.POSITIVE_INFINITY)).toThrow(
      /uniformWeights: n must be an integer >= 0/,
    );
    expect(Array.from(uniformWeights(2))).toEqual([1, 1]);
  });
});
