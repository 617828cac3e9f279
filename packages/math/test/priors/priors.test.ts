import kstest from "@stdlib/stats-kstest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { categoricalPrior } from "../../src/priors/categorical.js";
import { intPrior, intSize } from "../../src/priors/int.js";
import { logUniformPrior } from "../../src/priors/log-uniform.js";
import {
  fromInternal,
  internalBounds,
  isDiscretePrior,
  priorContains,
  priorLogPdf,
  samplePrior,
  toInternal,
} from "../../src/priors/prior.js";
import type { Prior } from "../../src/priors/types.js";
import { uniformPrior, uniformSize } from "../../src/priors/uniform.js";
import { Rng } from "../../src/random/rng.js";

/** Arbitrary priors of every kind with random bounds. */
const arbPrior: fc.Arbitrary<Prior> = fc.oneof(
  fc
    .tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }))
    .map(([low, w]) => uniformPrior(low, low + w)),
  fc
    .tuple(
      fc.integer({ min: -100, max: 100 }),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom(0.5, 0.1, 0.25, 2),
    )
    .map(([low, n, step]) => uniformPrior(low, low + n * step, { step })),
  fc
    .tuple(fc.double({ min: 1e-8, max: 10, noNaN: true }), fc.double({ min: 1.01, max: 1e6, noNaN: true }))
    .map(([low, ratio]) => logUniformPrior(low, low * ratio)),
  fc
    .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 7 }))
    .map(([low, span, step]) => intPrior(low, low + span, { step })),
  fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 5000 }))
    .map(([low, span]) => intPrior(low, low + span, { log: true })),
  fc.integer({ min: 1, max: 12 }).map((n) => categoricalPrior(n)),
);

describe("samplePrior", () => {
  it("stays inside the support: bounds, step grid, integers (property)", () => {
    fc.assert(
      fc.property(arbPrior, fc.integer(), (prior, seed) => {
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < 30; i++) {
          const x = samplePrior(prior, rng);
          expect(priorContains(prior, x), `${JSON.stringify(prior)} drew ${x}`).toBe(true);
          expect(priorLogPdf(prior, x)).toBeGreaterThan(Number.NEGATIVE_INFINITY);
        }
      }),
    );
  });

  it("log of a log-uniform sample is uniform (KS test, fixed seed)", () => {
    const prior = logUniformPrior(1e-5, 1e2);
    const rng = Rng.fromSeed(2026);
    const logs = Array.from({ length: 5000 }, () => Math.log(samplePrior(prior, rng)));
    expect(kstest(logs, "uniform", Math.log(1e-5), Math.log(1e2)).pValue).toBeGreaterThan(0.01);
    // The linear values are not uniform.
    const rng2 = Rng.fromSeed(2026);
    const lin = Array.from({ length: 5000 }, () => samplePrior(prior, rng2));
    expect(kstest(lin, "uniform", 1e-5, 1e2).pValue).toBeLessThan(1e-10);
  });

  it("draws discrete values with the frequencies of their log masses (chi-square)", () => {
    const prior = intPrior(1, 8, { log: true });
    const rng = Rng.fromSeed(4);
    const n = 40_000;
    const counts = new Array(9).fill(0);
    for (let i = 0; i < n; i++) counts[samplePrior(prior, rng)]++;
    let chi2 = 0;
    for (let k = 1; k <= 8; k++) {
      const e = n * Math.exp(priorLogPdf(prior, k));
      chi2 += (counts[k] - e) ** 2 / e;
    }
    expect(chi2).toBeLessThan(24.32); // 99.9% quantile, 7 degrees of freedom
  });
});

describe("priorLogPdf", () => {
  it("densities integrate to 1 (trapezoid rule in the internal space)", () => {
    for (const prior of [uniformPrior(-2, 5), logUniformPrior(1e-3, 10)]) {
      const [lo, hi] = internalBounds(prior);
      const n = 20_000;
      let sum = 0;
      for (let i = 0; i <= n; i++) {
        const u = lo + ((hi - lo) * i) / n;
        const x = fromInternal(prior, u);
        // change of variables: p_u(u) = p_x(x)·|dx/du|, dx/du = x for log priors
        const jac = prior.kind === "log-uniform" ? x : 1;
        const w = i === 0 || i === n ? 0.5 : 1;
        sum += w * Math.exp(priorLogPdf(prior, x)) * jac;
      }
      expect(sum * ((hi - lo) / n)).toBeCloseTo(1, 6);
    }
  });

  it("masses of discrete priors sum to 1 (property)", () => {
    fc.assert(
      fc.property(arbPrior, (prior) => {
        if (!isDiscretePrior(prior)) return;
        let total = 0;
        if (prior.kind === "categorical") {
          for (let i = 0; i < prior.n; i++) total += Math.exp(priorLogPdf(prior, i));
        } else if (prior.kind === "int") {
          for (let k = prior.low; k <= prior.high; k += prior.step) total += Math.exp(priorLogPdf(prior, k));
          expect(intSize(prior)).toBe((prior.high - prior.low) / prior.step + 1);
        } else if (prior.kind === "uniform" && prior.step !== null) {
          const n = uniformSize(prior);
          for (let k = 0; k < n; k++)
            total += Math.exp(priorLogPdf(prior, fromInternal(prior, prior.low + k * prior.step)));
        }
        expect(total).toBeCloseTo(1, 10);
      }),
    );
  });

  it("is -Infinity outside the support", () => {
    expect(priorLogPdf(uniformPrior(0, 1), 1.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(priorLogPdf(uniformPrior(0, 1, { step: 0.5 }), 0.25)).toBe(Number.NEGATIVE_INFINITY);
    expect(priorLogPdf(logUniformPrior(1, 10), 0.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(priorLogPdf(intPrior(0, 10, { step: 2 }), 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(priorLogPdf(categoricalPrior(3), 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(priorLogPdf(categoricalPrior(3), Number.NaN)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("has the closed form 1/(θ·log(high/low)) for the log-uniform prior", () => {
    const p = logUniformPrior(2, 50);
    expect(Math.exp(priorLogPdf(p, 7))).toBeCloseTo(1 / (7 * Math.log(25)), 14);
  });
});

describe("toInternal / fromInternal", () => {
  it("round-trip every support value (property)", () => {
    fc.assert(
      fc.property(arbPrior, fc.integer(), (prior, seed) => {
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < 10; i++) {
          const x = samplePrior(prior, rng);
          const back = fromInternal(prior, toInternal(prior, x));
          if (prior.kind === "log-uniform")
            expect(back).toBeCloseTo(x, 12 - Math.max(0, Math.ceil(Math.log10(Math.abs(x)))));
          else expect(back).toBe(x);
        }
      }),
    );
  });

  it("map every internal value to a support value, and the bounds to the extremes (property)", () => {
    fc.assert(
      fc.property(arbPrior, fc.double({ min: -0.2, max: 1.2, noNaN: true }), (prior, t) => {
        const [lo, hi] = internalBounds(prior);
        expect(priorContains(prior, fromInternal(prior, lo + t * (hi - lo)))).toBe(true);
      }),
    );
  });

  it("give each discrete value the cell around it", () => {
    const p = intPrior(0, 10, { step: 5 });
    expect(internalBounds(p)).toEqual([-2.5, 12.5]);
    expect(fromInternal(p, 2.4)).toBe(0);
    expect(fromInternal(p, 2.6)).toBe(5);
    const lp = intPrior(1, 100, { log: true });
    expect(fromInternal(lp, Math.log(2.49))).toBe(2);
    expect(fromInternal(lp, Math.log(2.51))).toBe(3);
    expect(fromInternal(categoricalPrior(3), 1.49)).toBe(1);
  });
});

describe("prior constructors", () => {
  it("reject invalid arguments, naming them", () => {
    expect(() => uniformPrior(1, 0)).toThrow(/low must be <= high, got low=1, high=0/);
    expect(() => uniformPrior(0, Number.POSITIVE_INFINITY)).toThrow(/high must be a finite number/);
    expect(() => uniformPrior(0, 1, { step: 0 })).toThrow(/step must be a finite number > 0/);
    expect(() => logUniformPrior(0, 1)).toThrow(/low must be > 0 for a log scale, got 0/);
    expect(() => intPrior(0.5, 2)).toThrow(/low must be an integer/);
    expect(() => intPrior(0, 5, { log: true })).toThrow(/low must be >= 1 when log is true/);
    expect(() => intPrior(1, 5, { log: true, step: 2 })).toThrow(/step must be 1 when log is true/);
    expect(() => intPrior(1, 5, { step: 1.5 })).toThrow(/step must be an integer/);
    expect(() => categoricalPrior(0)).toThrow(/n must be an integer >= 1/);
    expect(() => categoricalPrior(2, { weights: [1] })).toThrow(/weights must have length n=2/);
    expect(() => categoricalPrior(2, { weights: [1, -1] })).toThrow(/weights\[1\]/);
    expect(() => categoricalPrior(2, { weights: [0, 0] })).toThrow(/positive sum/);
  });

  it("snap high to the last grid point", () => {
    expect(uniformPrior(0, 1, { step: 0.3 }).high).toBeCloseTo(0.9, 15);
    expect(intPrior(0, 10, { step: 3 }).high).toBe(9);
    expect(uniformPrior(0, 1, { step: 0.1 }).high).toBe(1);
  });

  it("weights categorical choices", () => {
    const p = categoricalPrior(3, { weights: [1, 1, 2] });
    expect(Array.from(p.probabilities)).toEqual([0.25, 0.25, 0.5]);
  });
});
