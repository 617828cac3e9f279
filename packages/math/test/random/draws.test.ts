import kstest from "@stdlib/stats-kstest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { categorical, categoricalLog, sampleIndices, shuffle } from "../../src/random/choice.js";
import { beta, gamma } from "../../src/random/gamma.js";
import { Rng } from "../../src/random/rng.js";
import { truncatedNormal } from "../../src/random/truncated-normal.js";
import { normalCdf, normalPdf } from "../../src/special/normal.js";

/** Mean of N(0,1) truncated to [a, b]: (φ(a) - φ(b)) / (Φ(b) - Φ(a)). */
function truncatedMean(a: number, b: number): number {
  return (normalPdf(a) - normalPdf(b)) / (normalCdf(b) - normalCdf(a));
}

describe("truncatedNormal", () => {
  it("stays inside [low, high] for any interval (property)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (seed, mean, sd, low, width) => {
          const rng = Rng.fromSeed(seed);
          const high = low + width;
          for (let i = 0; i < 20; i++) {
            const x = truncatedNormal(rng, mean, sd, low, high);
            expect(x >= low && x <= high).toBe(true);
          }
        },
      ),
    );
  });

  it.each([
    [-1, 1],
    [0, Number.POSITIVE_INFINITY],
    [2, 3],
    [-3, -2],
    [5, 6],
    [-0.5, 4],
  ])("has the closed-form mean on [%d, %d]", (a, b) => {
    const rng = Rng.fromSeed(17);
    const n = 40_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += truncatedNormal(rng, 0, 1, a, b);
    // The truncated variance is < 1, so 5/sqrt(n) bounds the error generously.
    expect(Math.abs(s / n - truncatedMean(a, b))).toBeLessThan(5 / Math.sqrt(n));
  });

  it("matches the truncated CDF (KS test) on a body interval and far in the tail", () => {
    const rng = Rng.fromSeed(3);
    const body = Array.from({ length: 3000 }, () => truncatedNormal(rng, 1, 2, -1, 4));
    const za = (-1 - 1) / 2;
    const zb = (4 - 1) / 2;
    const cdf = (x: number) => (normalCdf((x - 1) / 2) - normalCdf(za)) / (normalCdf(zb) - normalCdf(za));
    expect(kstest(body, cdf).pValue).toBeGreaterThan(0.01);
    // Far tail [40, 41]: the density ∝ exp(-x²/2) is ≈ 40·exp(-40 t) in t = x - 40.
    const tail = Array.from({ length: 3000 }, () => truncatedNormal(rng, 0, 1, 40, 41) - 40);
    const expCdf = (t: number) => (1 - Math.exp(-40 * t - (t * t) / 2)) / (1 - Math.exp(-40 - 0.5));
    expect(kstest(tail, expCdf).pValue).toBeGreaterThan(0.01);
  });

  it("returns low when low = high and rejects bad arguments", () => {
    const rng = Rng.fromSeed(0);
    expect(truncatedNormal(rng, 0, 1, 2, 2)).toBe(2);
    expect(() => truncatedNormal(rng, 0, 0, 0, 1)).toThrow(/sd must be positive and finite, got 0/);
    expect(() => truncatedNormal(rng, Number.NaN, 1, 0, 1)).toThrow(/mean must be finite/);
    expect(() => truncatedNormal(rng, 0, 1, 1, 0)).toThrow(/low <= high/);
    expect(() => truncatedNormal(rng, 0, 1, Number.NaN, 0)).toThrow(/low <= high/);
  });
});

describe("gamma / beta", () => {
  it.each([0.3, 1, 2.5, 40])("Gamma(%d, 2) has mean 2α and variance 4α", (shape) => {
    const rng = Rng.fromSeed(5);
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = gamma(rng, shape, 2);
      expect(x).toBeGreaterThan(0);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 2 * shape)).toBeLessThan(5 * Math.sqrt((4 * shape) / n));
    expect(Math.abs(variance / (4 * shape) - 1)).toBeLessThan(0.1);
  });

  it("Beta(2, 5) has mean 2/7", () => {
    const rng = Rng.fromSeed(6);
    let s = 0;
    for (let i = 0; i < 20_000; i++) s += beta(rng, 2, 5);
    expect(Math.abs(s / 20_000 - 2 / 7)).toBeLessThan(0.01);
  });

  it("rejects bad shape and scale", () => {
    const rng = Rng.fromSeed(0);
    expect(() => gamma(rng, 0)).toThrow(/shape must be positive and finite, got 0/);
    expect(() => gamma(rng, 1, -1)).toThrow(/scale must be positive/);
    expect(() => gamma(rng, Number.POSITIVE_INFINITY)).toThrow(/shape/);
  });
});

describe("categorical / categoricalLog", () => {
  it("draws indices in proportion to the weights (chi-square)", () => {
    const rng = Rng.fromSeed(9);
    const w = [1, 0, 3, 6];
    const counts = [0, 0, 0, 0];
    const n = 50_000;
    for (let i = 0; i < n; i++) counts[categorical(rng, w)]!++;
    expect(counts[1]).toBe(0);
    const chi2 = [0, 2, 3].reduce(
      (acc, i) => acc + (counts[i]! - (n * w[i]!) / 10) ** 2 / ((n * w[i]!) / 10),
      0,
    );
    expect(chi2).toBeLessThan(13.82); // 99.9% quantile, 2 degrees of freedom
  });

  it("categoricalLog equals categorical of the exponentiated weights, even for huge log-weights", () => {
    const a = Rng.fromSeed(1);
    const b = Rng.fromSeed(1);
    for (let i = 0; i < 100; i++) {
      expect(categoricalLog(a, [1000 + Math.log(1), 1000 + Math.log(3), -Infinity])).toBe(
        categorical(b, [1, 3, 0]),
      );
    }
  });

  it("rejects empty, negative, NaN and all-zero weights", () => {
    const rng = Rng.fromSeed(0);
    expect(() => categorical(rng, [])).toThrow(/must not be empty/);
    expect(() => categorical(rng, [1, -1])).toThrow(/weights\[1\]=-1/);
    expect(() => categorical(rng, [Number.NaN])).toThrow(/weights\[0\]=NaN/);
    expect(() => categorical(rng, [0, 0])).toThrow(/must not all be 0/);
    expect(() => categoricalLog(rng, [-Infinity])).toThrow(/every log-weight is -Infinity/);
    expect(() => categoricalLog(rng, [Number.POSITIVE_INFINITY])).toThrow(/not allowed/);
  });
});

describe("shuffle / sampleIndices", () => {
  it("shuffle is a permutation and is seeded (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer(), { maxLength: 50 }), (seed, xs) => {
        const a = shuffle(Rng.fromSeed(seed), xs.slice());
        const b = shuffle(Rng.fromSeed(seed), xs.slice());
        expect(a).toEqual(b);
        expect(a.slice().sort((x, y) => x - y)).toEqual(xs.slice().sort((x, y) => x - y));
      }),
    );
  });

  it("sampleIndices gives k distinct indices below n", () => {
    const idx = sampleIndices(Rng.fromSeed(2), 10, 7);
    expect(new Set(idx).size).toBe(7);
    expect([...idx].every((i) => i >= 0 && i < 10)).toBe(true);
    expect(() => sampleIndices(Rng.fromSeed(2), 3, 4)).toThrow(/0 <= k <= n/);
  });
});
