import { describe, expect, it } from "vitest";
import {
  improvementWeights,
  initialShadeMemory,
  sampleCr,
  sampleF,
  updateShadeMemory,
  weightedLehmerMean,
  weightedMean,
} from "../../src/population/index.js";
import { Rng } from "../../src/random/index.js";

describe("updateShadeMemory", () => {
  // A fixed success set: S_CR = (0.2, 0.6, 0.9), S_F = (0.4, 0.8, 0.5), Δf = (1, 3, 6),
  // so w = (0.1, 0.3, 0.6) (Tanabe & Fukunaga 2013, eq. (10)).
  const sCr = [0.2, 0.6, 0.9];
  const sF = [0.4, 0.8, 0.5];
  const delta = [1, 3, 6];

  it("writes the weighted mean of S_CR and the weighted Lehmer mean of S_F at k, then advances k", () => {
    const m = updateShadeMemory(initialShadeMemory(3), sCr, sF, delta);
    // By hand: 0.1·0.2 + 0.3·0.6 + 0.6·0.9 = 0.74.
    expect(m.cr[0]).toBeCloseTo(0.74, 14);
    // By hand: (0.1·0.16 + 0.3·0.64 + 0.6·0.25) / (0.1·0.4 + 0.3·0.8 + 0.6·0.5) = 0.358 / 0.58.
    expect(m.f[0]).toBeCloseTo(0.358 / 0.58, 14);
    expect(m.cr.slice(1)).toEqual([0.5, 0.5]);
    expect(m.f.slice(1)).toEqual([0.5, 0.5]);
    expect(m.k).toBe(1);
  });

  it("wraps k around after H updates and leaves the memory unchanged without successes", () => {
    let m = initialShadeMemory(2);
    m = updateShadeMemory(m, sCr, sF, delta);
    m = updateShadeMemory(m, [0.1], [0.3], [2]);
    expect(m.k).toBe(0);
    expect(m.cr[1]).toBeCloseTo(0.1, 15);
    expect(m.f[1]).toBeCloseTo(0.3, 15);
    expect(updateShadeMemory(m, [], [], [])).toBe(m);
  });

  it("the weighted means: equal weights give the plain mean and the contraharmonic mean", () => {
    expect(weightedMean([1, 2, 3], [1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(2, 15);
    expect(weightedLehmerMean([1, 2, 3], [1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(14 / 6, 15);
  });

  it("weights: proportional to Δf; infinite improvements share the weight; all zero → equal", () => {
    expect(improvementWeights([1, 3])).toEqual([0.25, 0.75]);
    expect(improvementWeights([1, Infinity, Infinity])).toEqual([0, 0.5, 0.5]);
    expect(improvementWeights([0, 0])).toEqual([0.5, 0.5]);
  });
});

describe("sampleCr, sampleF", () => {
  it("CR lies in [0, 1] with median M_CR; F lies in (0, 1] with median M_F (interior means)", () => {
    const rng = Rng.fromSeed(11);
    const crs = Array.from({ length: 4001 }, () => sampleCr(rng, 0.6)).sort((a, b) => a - b);
    const fs = Array.from({ length: 4001 }, () => sampleF(rng, 0.5)).sort((a, b) => a - b);
    expect(crs[0]).toBeGreaterThanOrEqual(0);
    expect(crs.at(-1)).toBeLessThanOrEqual(1);
    expect(fs[0]).toBeGreaterThan(0);
    expect(fs.at(-1)).toBeLessThanOrEqual(1);
    // Medians within 0.01 (the sample medians' standard errors are about 0.002 here). F is
    // Cauchy(0.5, 0.1) conditioned on F > 0 (q = P(F ≤ 0)): its median is the quantile q + (1 − q)/2.
    const q = 0.5 - Math.atan(5) / Math.PI;
    const fMedian = 0.5 + 0.1 * Math.tan(Math.PI * (q + (1 - q) / 2 - 0.5));
    expect(Math.abs(crs[2000]! - 0.6)).toBeLessThan(0.01);
    expect(Math.abs(fs[2000]! - fMedian)).toBeLessThan(0.01);
    // Cauchy(0.5, 0.1) exceeds 1 with probability q (symmetry), q / (1 − q) given F > 0: truncated to exactly 1.
    const ones = fs.filter((f) => f === 1).length / fs.length;
    expect(Math.abs(ones - q / (1 - q))).toBeLessThan(0.015);
  });
  it("F is drawn again when ≤ 0, so M_F near 0 still gives positive F", () => {
    const rng = Rng.fromSeed(12);
    for (let i = 0; i < 1000; i++) expect(sampleF(rng, 0.01)).toBeGreaterThan(0);
  });
});
