import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CmaEs } from "../../src/cmaes/cma.js";
import { MarginCorrection } from "../../src/cmaes/margin.js";
import { normalCdf } from "../../src/special/normal.js";

const box = (lower: number[], upper: number[]) => ({
  lower: Float64Array.from(lower),
  upper: Float64Array.from(upper),
});

describe("MarginCorrection.encode", () => {
  it("maps m + A(x − m) to the grid value of its interval and copies continuous coordinates", () => {
    const mc = new MarginCorrection("t", { steps: [1, 0, 0.5] }, box([0, -1, -1], [3, 1, 1]), 3, 6);
    const m = Float64Array.of(1, 0, 0);
    expect(Array.from(mc.encode(Float64Array.of(1.49, 0.123, 0.26), m))).toEqual([1, 0.123, 0.5]);
    expect(Array.from(mc.encode(Float64Array.of(1.51, 0.5, -0.24), m))).toEqual([2, 0.5, 0]);
    expect(Array.from(mc.encode(Float64Array.of(-7, 0, 9), m))).toEqual([0, 0, 1]); // clipped to the grid
    mc.a[0] = 0.1; // A shrinks the spread around m
    expect(mc.encode(Float64Array.of(4, 0, 0), m)[0]).toBe(1);
    expect(mc.hasDiscrete).toBe(true);
  });

  it("rejects bad steps, missing bounds and a bad alpha", () => {
    expect(() => new MarginCorrection("X", { steps: [1] }, null, 1, 4)).toThrow(/X: discrete coordinate 0/);
    expect(() => new MarginCorrection("X", { steps: [Number.NaN] }, box([0], [1]), 1, 4)).toThrow(
      /steps\[0\]/,
    );
    expect(() => new MarginCorrection("X", { steps: [1], alpha: 0.5 }, box([0], [1]), 1, 4)).toThrow(/alpha/);
    expect(() => new MarginCorrection("X", { steps: [1], alpha: 0 }, box([0], [1]), 1, 4)).toThrow(/alpha/);
  });
});

describe("MarginCorrection.correct (property)", () => {
  it("lower-bounds the probability of leaving the mean's grid interval by α (Hamano et al. 2022)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }), // grid size K (2 = binary)
        fc.double({ min: -1, max: 6, noNaN: true }), // mean
        fc.double({ min: -4, max: 1, noNaN: true }), // log10 σ√C
        fc.double({ min: 1e-4, max: 0.2, noNaN: true }), // α
        (k, m0, logSd, alpha) => {
          const mc = new MarginCorrection("t", { steps: [1], alpha }, box([0], [k - 1]), 1, 4);
          const mean = Float64Array.of(m0);
          const sd = 10 ** logSd;
          mc.correct(mean, sd, Float64Array.of(1));
          const m = mean[0]!;
          const s = sd * mc.a[0]!;
          // Interval of m among thresholds 0.5, 1.5, …, k − 1.5.
          const j = Math.min(k - 1, Math.max(0, Math.ceil(m - 0.5)));
          const pLow = j > 0 ? normalCdf((j - 0.5 - m) / s) : 0;
          const pUp = j < k - 1 ? normalCdf(-(j + 0.5 - m) / s) : 0;
          const slack = 1e-9;
          if (j === 0 || j === k - 1) expect(pLow + pUp).toBeGreaterThanOrEqual(alpha - slack);
          else {
            expect(pLow).toBeGreaterThanOrEqual(alpha / 2 - slack);
            expect(pUp).toBeGreaterThanOrEqual(alpha / 2 - slack);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves m and A unchanged when the probabilities are already above the margin", () => {
    const mc = new MarginCorrection("t", { steps: [1, 1], alpha: 0.01 }, box([0, 0], [1, 4]), 2, 6);
    const mean = Float64Array.of(0.3, 2.1);
    mc.correct(mean, 0.5, Float64Array.of(1, 1));
    expect(Array.from(mean)).toEqual([0.3, 2.1]);
    expect(Array.from(mc.a)).toEqual([1, 1]);
  });
});

describe("CmaEs with margin", () => {
  // Binary onemax (5 bits, 10 per zero) plus a 5-D ellipsoid: without margin the variance of
  // the binary coordinates collapses before they reach 1 (Hamano et al. 2022, §1).
  const nc = 5;
  const n = 10;
  const f = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < nc; i++) s += 1000 ** (i / (nc - 1)) * x[i]! ** 2;
    for (let i = nc; i < n; i++) if (x[i]! < 0.5) s += 10;
    return s;
  };
  const bounds = {
    lower: Float64Array.from({ length: n }, (_, i) => (i < nc ? Number.NEGATIVE_INFINITY : 0)),
    upper: Float64Array.from({ length: n }, (_, i) => (i < nc ? Number.POSITIVE_INFINITY : 1)),
  };
  const steps = Float64Array.from({ length: n }, (_, i) => (i < nc ? 0 : 1));

  function solved(withMargin: boolean, seed: number): boolean {
    const es = new CmaEs({
      mean: new Float64Array(n),
      sigma: 2,
      seed,
      ...(withMargin ? { bounds, margin: { steps } } : {}),
    });
    for (let evals = 0; evals < 30_000 && !es.shouldStop(); ) {
      const sols = [];
      for (let k = 0; k < es.populationSize; k++) {
        const raw = es.ask();
        // Without margin, the naive discretization rounds the binary coordinates.
        const x = withMargin
          ? es.encode(raw)
          : Float64Array.from(raw, (v, i) => (i < nc ? v : v < 0.5 ? 0 : 1));
        const v = f(x);
        evals++;
        if (v < 1e-8) return true;
        sols.push({ x: raw, value: v });
      }
      es.tell(sols);
    }
    return false;
  }

  it("solves a binary/continuous problem where plain CMA-ES with rounding stalls", () => {
    const seeds = Array.from({ length: 10 }, (_, s) => s);
    const withMargin = seeds.filter((s) => solved(true, s)).length;
    const without = seeds.filter((s) => solved(false, s)).length;
    console.log(`mixed binary problem: solved ${withMargin}/10 with margin, ${without}/10 without`);
    expect(withMargin).toBe(10);
    expect(without).toBeLessThanOrEqual(3);
  });

  it("returns raw candidates from ask and grid values from encode", () => {
    const es = new CmaEs({ mean: new Float64Array(n), sigma: 2, seed: 1, bounds, margin: { steps } });
    const raw = es.ask();
    const x = es.encode(raw);
    for (let i = nc; i < n; i++) expect([0, 1]).toContain(x[i]);
    for (let i = 0; i < nc; i++) expect(x[i]).toBe(raw[i]);
    expect(() => es.encode([1, 2])).toThrow(/encode: x must have length 10/);
  });
});
