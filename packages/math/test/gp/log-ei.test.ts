import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dLogH,
  dLogNormalCdf,
  logEi,
  logH,
  logProbabilityOfFeasibility,
  phiOverH,
  ucb,
} from "../../src/gp/index.js";
import { normalCdf, normalLogCdf, normalPdf } from "../../src/special/index.js";

/** EI in linear space, the textbook formula: σ(φ(z) + zΦ(z)). */
function naiveEi(mean: number, variance: number, best: number): number {
  const s = Math.sqrt(variance);
  const z = (best - mean) / s;
  return s * (normalPdf(z) + z * normalCdf(z));
}

describe("logH and logEi", () => {
  it("log EI equals log(EI) wherever EI > 1e-300 (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (mean, variance, best) => {
          const ei = naiveEi(mean, variance, best);
          fc.pre(ei > 1e-300);
          const l = logEi(mean, variance, best);
          // The naive EI itself loses relative accuracy as it shrinks (φ(z) and zΦ(z)
          // cancel); its error bounds the comparison.
          const z = (best - mean) / Math.sqrt(variance);
          const tol = z > -3 ? 1e-12 : z > -10 ? 1e-8 : 1e-4;
          expect(Math.abs(l - Math.log(ei))).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(l)));
        },
      ),
    );
  });

  it("log h equals log(h) on a grid down to where h underflows", () => {
    for (let z = 20; z > -37; z -= 0.37) {
      const h = normalPdf(z) + z * normalCdf(z);
      if (!(h > 1e-300)) continue;
      const tol = z > -3 ? 1e-12 : z > -10 ? 1e-8 : 1e-4;
      expect(Math.abs(logH(z) - Math.log(h))).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(Math.log(h))));
    }
  });

  it("stays finite and strictly increasing where EI underflows, down to z = -1e12", () => {
    let prev = Number.NEGATIVE_INFINITY;
    const zs: number[] = [];
    for (let e = 12; e >= 0; e -= 0.05) zs.push(-(10 ** e));
    for (const z of zs) {
      const v = logH(z);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
    expect(naiveEi(0, 1, -40)).toBe(0);
    expect(Number.isFinite(logEi(0, 1, -40))).toBe(true);
    expect(logEi(0, 1, -40)).toBeLessThan(logEi(0, 1, -39));
  });

  it("the branches meet: z = -1 and z = -1000 are continuous in value and derivative", () => {
    for (const z0 of [-1, -1000]) {
      const below = z0 * (1 + 1e-12);
      const above = z0 * (1 - 1e-12);
      expect(Math.abs(logH(below) - logH(above))).toBeLessThan(1e-9 * Math.max(1, Math.abs(logH(z0))));
      expect(Math.abs(dLogH(below) - dLogH(above))).toBeLessThan(1e-9 * dLogH(z0));
      expect(Math.abs(phiOverH(below) - phiOverH(above))).toBeLessThan(1e-8 * phiOverH(z0));
    }
  });

  it("dLogH equals a central difference of logH, and d/dz log Φ of normalLogCdf (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -5e3, max: 30, noNaN: true }), (z) => {
        const h = 1e-6 * Math.max(1, Math.abs(z));
        const fd = (logH(z + h) - logH(z - h)) / (2 * h);
        expect(Math.abs(dLogH(z) - fd)).toBeLessThan(2e-5 * Math.max(1, Math.abs(fd)));
        const fdc = (normalLogCdf(z + h) - normalLogCdf(z - h)) / (2 * h);
        expect(Math.abs(dLogNormalCdf(z) - fdc)).toBeLessThan(2e-5 * Math.max(1, Math.abs(fdc)));
      }),
    );
  });

  it("phiOverH is φ/h where both are representable and → z² + 3 far out", () => {
    for (const z of [10, 2, 0, -0.5, -3, -20]) {
      expect(phiOverH(z)).toBeCloseTo(normalPdf(z) / (normalPdf(z) + z * normalCdf(z)), 6);
    }
    expect(phiOverH(-1e5) / (1e10 + 3)).toBeCloseTo(1, 9);
    expect(dLogH(-1e8)).toBeCloseTo(1e8, 0);
  });

  it("handles zero variance, infinities, NaN and refuses negative variance", () => {
    expect(logEi(1, 0, 3)).toBeCloseTo(Math.log(2), 15);
    expect(logEi(3, 0, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logH(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logH(Number.NaN)).toBeNaN();
    expect(() => logEi(0, -1, 0)).toThrow(/variance must be >= 0, got -1/);
  });
});

describe("ucb and logProbabilityOfFeasibility", () => {
  it("ucb is -μ + √β σ", () => {
    expect(ucb(1, 4, 1)).toBe(1);
    expect(ucb(-2, 9, 4)).toBe(8);
    expect(() => ucb(0, 1, -1)).toThrow(/beta must be >= 0/);
  });

  it("log PoF is log Φ((t - μ)/σ), finite far in the tail", () => {
    expect(logProbabilityOfFeasibility(0, 1)).toBeCloseTo(Math.log(0.5), 15);
    expect(logProbabilityOfFeasibility(1, 4, 3)).toBeCloseTo(Math.log(normalCdf(1)), 14);
    expect(Number.isFinite(logProbabilityOfFeasibility(100, 1))).toBe(true);
    expect(logProbabilityOfFeasibility(-1, 0)).toBe(0);
    expect(logProbabilityOfFeasibility(1, 0)).toBe(Number.NEGATIVE_INFINITY);
  });
});
