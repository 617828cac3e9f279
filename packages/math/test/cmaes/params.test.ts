import { describe, expect, it } from "vitest";
import { cmaParameters, defaultPopulationSize, sepCmaParameters } from "../../src/cmaes/params.js";

describe("defaultPopulationSize", () => {
  it("is 4 + ⌊3 ln n⌋ (Hansen 2016, eq. (48))", () => {
    expect([1, 2, 3, 5, 10, 20, 100, 200].map(defaultPopulationSize)).toEqual([4, 6, 7, 8, 10, 12, 17, 19]);
  });
  it("rejects non-integers, 0, NaN and Infinity", () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => defaultPopulationSize(n)).toThrow(/n must be an integer/);
    }
  });
});

describe("cmaParameters", () => {
  it("normalizes the positive weights to 1 and the negative ones to −min(α⁻) (eqs. (49)-(53))", () => {
    for (const [n, lambda] of [
      [2, 6],
      [10, 10],
      [10, 37],
      [50, 16],
    ] as const) {
      const p = cmaParameters(n, lambda);
      let pos = 0;
      let neg = 0;
      for (let i = 0; i < lambda; i++) {
        if (i < p.mu) pos += p.weights[i]!;
        else neg += p.weights[i]!;
        if (i > 0) expect(p.weights[i]).toBeLessThanOrEqual(p.weights[i - 1]!);
      }
      expect(pos).toBeCloseTo(1, 14);
      // The three bounds of eqs. (50)-(52), recomputed from their definitions.
      const raw = Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
      const negRaw = raw.slice(p.mu);
      const muEffMinus = negRaw.reduce((a, b) => a + b, 0) ** 2 / negRaw.reduce((a, b) => a + b * b, 0);
      const expected = Math.min(
        1 + p.c1 / p.cmu,
        1 + (2 * muEffMinus) / (p.muEff + 2),
        (1 - p.c1 - p.cmu) / (n * p.cmu),
      );
      expect(neg).toBeCloseTo(-expected, 12);
      expect(p.c1 + p.cmu).toBeLessThanOrEqual(1);
      expect(p.cSigma).toBeLessThan(1);
      expect(p.cc).toBeLessThanOrEqual(1);
    }
  });

  it("gives the tutorial's values for n = 10, λ = 10", () => {
    const p = cmaParameters(10, 10);
    // μ_eff for λ = 10: (Σ w')² / Σ w'² over the 5 best.
    const w = [1, 2, 3, 4, 5].map((i) => Math.log(5.5) - Math.log(i));
    const muEff = w.reduce((a, b) => a + b, 0) ** 2 / w.reduce((a, b) => a + b * b, 0);
    expect(p.muEff).toBeCloseTo(muEff, 14);
    expect(p.muEff).toBeCloseTo(3.1673, 4);
    expect(p.c1).toBeCloseTo(2 / (11.3 ** 2 + muEff), 15);
    expect(p.cmu).toBeCloseTo((2 * (muEff - 2 + 1 / muEff)) / (144 + muEff), 15);
    expect(p.cSigma).toBeCloseTo((muEff + 2) / (15 + muEff), 15);
    expect(p.cc).toBeCloseTo((4 + muEff / 10) / (14 + (2 * muEff) / 10), 15);
    expect(p.chiN).toBeCloseTo(Math.sqrt(10) * (1 - 1 / 40 + 1 / 2100), 15);
  });

  it("rejects bad n and λ", () => {
    expect(() => cmaParameters(0, 10)).toThrow(/n must be/);
    expect(() => cmaParameters(3, 1)).toThrow(/lambda must be/);
    expect(() => cmaParameters(3, Number.NaN)).toThrow(/lambda must be/);
  });
});

describe("sepCmaParameters", () => {
  it("scales the covariance learning rate by (n + 2)/3 (Ros & Hansen 2008)", () => {
    const n = 200;
    const p = sepCmaParameters(n, 19);
    const muCov = p.muEff;
    const cCov =
      (1 / muCov) * (2 / (n + Math.SQRT2) ** 2) +
      (1 - 1 / muCov) * Math.min(1, (2 * muCov - 1) / ((n + 2) ** 2 + muCov));
    expect(p.c1 + p.cmu).toBeCloseTo(((n + 2) / 3) * cCov, 15);
    expect(p.c1).toBeCloseTo((((n + 2) / 3) * cCov) / muCov, 15);
    let pos = 0;
    for (let i = 0; i < 19; i++) {
      if (i < p.mu) pos += p.weights[i]!;
      else expect(p.weights[i]).toBe(0);
    }
    expect(pos).toBeCloseTo(1, 14);
    expect(p.cc).toBeCloseTo(4 / (n + 4), 15);
  });
  it("rejects bad n and λ", () => {
    expect(() => sepCmaParameters(-1, 10)).toThrow(/n must be/);
    expect(() => sepCmaParameters(3, 0)).toThrow(/lambda must be/);
  });
});
