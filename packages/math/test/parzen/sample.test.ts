import kstest from "@stdlib/stats-kstest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildParzenEstimator } from "../../src/parzen/estimator.js";
import { parzenLogPdf } from "../../src/parzen/log-pdf.js";
import { sampleParzen } from "../../src/parzen/sample.js";
import type { ParzenDimension } from "../../src/parzen/types.js";
import { Rng } from "../../src/random/rng.js";
import { referenceCdf } from "./reference.js";

const mixed: ParzenDimension[] = [
  { kind: "continuous", low: -3, high: 2 },
  { kind: "stepped", low: 0.5, high: 2.5, step: 0.1 },
  { kind: "log-int", low: 1, high: 1000 },
  { kind: "categorical", n: 5 },
];

describe("sampleParzen", () => {
  it("stays in bounds and on the grid for every kind of dimension (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 20 }), (seed, n) => {
        const rng = Rng.fromSeed(seed);
        const obs = new Float64Array(4 * n);
        for (let i = 0; i < n; i++) {
          obs[4 * i] = rng.uniform(-3, 2);
          obs[4 * i + 1] = 0.5 + rng.int(0, 20) * 0.1;
          obs[4 * i + 2] = Math.log(rng.int(1, 1000));
          obs[4 * i + 3] = rng.int(0, 4);
        }
        const est = buildParzenEstimator(mixed, obs, { considerMagicClip: rng.random() < 0.5 });
        const xs = sampleParzen(est, rng, 50);
        for (let i = 0; i < 50; i++) {
          const [c, s, l, k] = xs.subarray(4 * i, 4 * i + 4);
          expect(c! >= -3 && c! <= 2).toBe(true);
          const j = (s! - 0.5) / 0.1;
          expect(Math.abs(j - Math.round(j))).toBeLessThan(1e-9);
          expect(j > -1e-9 && j < 20 + 1e-9).toBe(true);
          const v = Math.exp(l!);
          expect(Math.abs(v - Math.round(v))).toBeLessThan(1e-9);
          expect(l).toBe(Math.log(Math.round(v)));
          expect(Math.round(v) >= 1 && Math.round(v) <= 1000).toBe(true);
          expect(Number.isInteger(k) && k! >= 0 && k! < 5).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const est = buildParzenEstimator(mixed, Float64Array.of(0, 1, Math.log(10), 2));
    const a = sampleParzen(est, Rng.fromSeed(1), 10);
    expect(Array.from(sampleParzen(est, Rng.fromSeed(1), 10))).toEqual(Array.from(a));
    expect(Array.from(sampleParzen(est, Rng.fromSeed(2), 10))).not.toEqual(Array.from(a));
  });

  it("follows the mixture CDF of a 1-D continuous estimator (KS test)", () => {
    const obs = Float64Array.of(-2.5, -2.4, 0.3, 0.35, 1.9, 1.0, -1, 0.32, 0.31);
    const est = buildParzenEstimator([{ kind: "continuous", low: -3, high: 2 }], obs);
    const xs = Array.from(sampleParzen(est, Rng.fromSeed(11), 4000));
    expect(kstest(xs, (x: number) => referenceCdf(est, x)).pValue).toBeGreaterThan(0.001);
  });

  it.each([
    ["stepped", { kind: "stepped", low: 0, high: 12, step: 2 }, [0, 2, 2, 12]],
    ["log-int", { kind: "log-int", low: 1, high: 30 }, [1, 3, 3, 29].map(Math.log)],
    ["categorical", { kind: "categorical", n: 4 }, [0, 2, 2, 3]],
    [
      "categorical with distance",
      { kind: "categorical", n: 4, distance: (i: number, j: number) => Math.abs(i - j) },
      [0, 2, 2, 3],
    ],
  ] as [string, ParzenDimension, number[]][])(
    "draws %s values with the probabilities of the log-density",
    (_n, dim, obs) => {
      const est = buildParzenEstimator([dim], Float64Array.from(obs));
      const n = 20_000;
      const xs = sampleParzen(est, Rng.fromSeed(4), n);
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
      let total = 0;
      for (const [value, count] of counts) {
        const p = Math.exp(parzenLogPdf(est, Float64Array.of(value))[0]!);
        total += p;
        // Binomial standard error; 5 of them is far beyond chance for the ~30 values here.
        expect(Math.abs(count / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
      }
      expect(total).toBeGreaterThan(0.999);
    },
  );

  it("draws each point from one component: the dimensions stay together", () => {
    // Two observations (0.1, 0.1) and (0.9, 0.9), narrow kernels (σ = 0.05, unclipped), no prior.
    const dims: ParzenDimension[] = [
      { kind: "continuous", low: 0, high: 1 },
      { kind: "continuous", low: 0, high: 1 },
    ];
    const est = buildParzenEstimator(dims, Float64Array.of(0.1, 0.1, 0.9, 0.9), {
      considerPrior: false,
      considerMagicClip: false,
      bandwidth: { kind: "custom", sigmas: () => [0.05, 0.05] },
    });
    const xs = sampleParzen(est, Rng.fromSeed(8), 2000);
    let same = 0;
    for (let i = 0; i < 2000; i++) if (xs[2 * i]! < 0.5 === xs[2 * i + 1]! < 0.5) same++;
    expect(same).toBe(2000);
  });

  it("handles count 0, writes into out, and rejects bad counts", () => {
    const est = buildParzenEstimator(mixed, new Float64Array(0));
    expect(sampleParzen(est, Rng.fromSeed(0), 0)).toHaveLength(0);
    const out = new Float64Array(8);
    expect(sampleParzen(est, Rng.fromSeed(0), 2, out)).toBe(out);
    expect(() => sampleParzen(est, Rng.fromSeed(0), -1)).toThrow(
      /sampleParzen: count must be an integer >= 0, got -1/,
    );
    expect(() => sampleParzen(est, Rng.fromSeed(0), 1.5)).toThrow(/count/);
    expect(() => sampleParzen(est, Rng.fromSeed(0), Number.NaN)).toThrow(/count/);
    expect(() => sampleParzen(est, Rng.fromSeed(0), 2, new Float64Array(3))).toThrow(
      /sampleParzen: out must have length 8, got 3/,
    );
  });
});
