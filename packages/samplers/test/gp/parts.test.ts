import { readFileSync } from "node:fs";
import { Rng } from "@tunelab/math/random";
import { normalQuantile } from "@tunelab/math/special";
import {
  categoricalDistribution,
  createFrozenTrial,
  floatDistribution,
  intDistribution,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  GpSlot,
  gpObservations,
  gpSpace,
  hasPlateau,
  type RefitPolicy,
  referenceOf,
  warpOutputs,
} from "../../src/gp/index.js";

const policy = (refitFraction: number): RefitPolicy => ({
  refitFraction,
  restartEvery: 3,
  restarts: 1,
  kernel: { kind: "matern52" },
  noise: { kind: "fitted" },
  priors: {},
  priorMean: "mean",
});

function data(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = Rng.fromSeed(seed);
  const x = new Float64Array(n * 2);
  rng.fillRandom(x);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * x[2 * i]!) + x[2 * i + 1]! ** 2);
  return { x, y };
}

describe("GpSlot", () => {
  it("refits when the data grew by max(1, floor(fraction·n)) and keeps the hyperparameters in between", () => {
    const slot = new GpSlot();
    const mask = new Uint8Array(2);
    const fitsAt: number[] = [];
    for (let n = 10; n <= 60; n++) {
      const { x, y } = data(n, 1);
      const before = slot.fits;
      const model = slot.model(x, y, mask, policy(0.1), Rng.fromSeed(n));
      if (slot.fits > before) fitsAt.push(n);
      else expect(model.hyperparameters).toEqual(slot.hyper);
      expect(model.size).toBe(n);
    }
    // Every trial up to n = 19 (floor(0.1 n) = 1), then every floor(0.1 n) observations.
    expect(fitsAt.slice(0, 10)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(fitsAt.length).toBeLessThan(51);
    for (let k = 10; k < fitsAt.length; k++) {
      expect(fitsAt[k]! - fitsAt[k - 1]!).toBe(Math.max(1, Math.floor(0.1 * fitsAt[k]!)));
    }
  });

  it("refits at every trial with fraction 0, and holds a deterministic noise at its floor", () => {
    const slot = new GpSlot();
    const fixed: RefitPolicy = { ...policy(0), noise: { kind: "fixed", variance: 1e-6 } };
    for (let n = 5; n <= 9; n++) {
      const { x, y } = data(n, 2);
      expect(slot.model(x, y, new Uint8Array(2), fixed, Rng.fromSeed(0)).hyperparameters.noiseVariance).toBe(
        1e-6,
      );
    }
    expect(slot.fits).toBe(5);
  });
});

describe("referenceOf", () => {
  it("is mean + sd · max(1.1 w, 0.9 w) of the standardized worst loss per objective", () => {
    const losses = Float64Array.of(0, 10, 1, 20, 2, 60); // objective 0: 0,1,2; objective 1: 10,20,60
    const ref = referenceOf(losses, 3, 2);
    const sd0 = Math.sqrt(2 / 3);
    expect(ref[0]).toBeCloseTo(1 + sd0 * 1.1 * (1 / sd0), 12);
    const mu1 = 30;
    const sd1 = Math.sqrt((400 + 100 + 900) / 3);
    expect(ref[1]).toBeCloseTo(mu1 + sd1 * 1.1 * (30 / sd1), 12);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 2; j++) expect(ref[j]!).toBeGreaterThan(losses[i * 2 + j]!);
  });
});

describe("gpObservations", () => {
  it("reads COMPLETE trials holding the space (sign-adjusted, infinities made finite), constraints and RUNNING points", () => {
    const dist = {
      x: floatDistribution(0, 4),
      k: intDistribution(1, 3),
      c: categoricalDistribution(["a", "b"]),
    };
    const space = gpSpace(dist);
    const t = (
      number: number,
      state: "COMPLETE" | "RUNNING" | "PRUNED",
      value: number | null,
      params: Record<string, number | string>,
      constraints?: Record<string, number>,
    ) => {
      const frozen = createFrozenTrial({
        state,
        ...(value === null ? {} : { value }),
        params,
        distributions: Object.fromEntries(Object.keys(params).map((k) => [k, dist[k as keyof typeof dist]])),
        ...(constraints === undefined ? {} : { systemAttrs: { constraints } }),
      });
      return { ...frozen, number };
    };
    const trials = [
      t(0, "COMPLETE", 1, { x: 1, k: 2, c: "b" }, { g: -1 }),
      t(1, "COMPLETE", Number.POSITIVE_INFINITY, { x: 4, k: 3, c: "a" }, { g: 2 }),
      t(2, "COMPLETE", 3, { x: 2, k: 1 }), // lacks c
      t(3, "PRUNED", 0, { x: 0, k: 1, c: "a" }),
      t(4, "RUNNING", null, { x: 2, k: 1, c: "a" }),
      t(5, "RUNNING", null, { x: 3, k: 1, c: "a" }), // the trial being sampled
      t(6, "COMPLETE", 0, { x: 0, k: 1, c: "a" }),
    ];
    const obs = gpObservations(trials, space, [-1], 5);
    expect(obs.n).toBe(3);
    expect(Array.from(obs.x.subarray(0, 3))).toEqual([0.25, 0.5, 1]);
    expect(obs.losses[0]).toBe(-1);
    expect(Number.isFinite(obs.losses[1])).toBe(true);
    expect(obs.losses[1]!).toBeLessThan(-1); // +∞ maximized: the best loss, beyond the finite ones
    expect(obs.constraintNames).toEqual(["g"]);
    expect(Array.from(obs.constraints[0]!)).toEqual([-1, 2, Number.NaN]);
    expect(Array.from(obs.feasible)).toEqual([1, 0, 0]);
    expect(obs.nRunning).toBe(1);
    expect(Array.from(obs.running)).toEqual([0.5, 1 / 6, 0]);
  });
});

describe("warpOutputs", () => {
  it("keeps the losses for none and maps ranks through the normal quantile for rank (ties share their mean rank)", () => {
    const y = Float64Array.of(3, 1e6, 1, 3);
    expect(warpOutputs(y, { kind: "none" })).toBe(y);
    const w = warpOutputs(y, { kind: "rank" });
    // Ranks 1 (y = 1), 2.5 (the two 3s), 4 (1e6): p = (r - 0.5)/4.
    expect(w[2]).toBeCloseTo(normalQuantile(0.125), 12);
    expect(w[0]).toBeCloseTo(0, 12);
    expect(w[3]).toBe(w[0]);
    expect(w[1]).toBeCloseTo(normalQuantile(0.875), 12);
  });

  it("plateau: ranks when a repeated value holds max(3, ceil(fraction n)) of the losses, else power", () => {
    // 20 losses, 5 at the chance level 0.88: a plateau at fraction 0.25 (5 needed), not at 0.3 (6).
    const y = Float64Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 0.88 : 0.02 + 0.01 * i));
    expect(hasPlateau(y, 0.25)).toBe(true);
    expect(hasPlateau(y, 0.3)).toBe(false);
    expect(Array.from(warpOutputs(y, { kind: "plateau" }))).toEqual(
      Array.from(warpOutputs(y, { kind: "rank" })),
    );
    expect(Array.from(warpOutputs(y, { kind: "plateau", fraction: 0.3 }))).toEqual(
      Array.from(warpOutputs(y, { kind: "power" })),
    );
    // Never fewer than 3: two equal values of four are not a plateau.
    expect(hasPlateau(Float64Array.of(1, 1, 2, 3), 0.25)).toBe(false);
    expect(hasPlateau(Float64Array.of(1, 1, 2, 1), 0.25)).toBe(true);
    // Distinct values never are, whatever the fraction.
    expect(hasPlateau(Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5), 0.01)).toBe(false);
  });
});

describe("warpOutputs power (Yeo–Johnson)", () => {
  const fixture = JSON.parse(
    readFileSync(new URL("./fixtures/yeo-johnson.json", import.meta.url), "utf8"),
  ) as {
    cases: { name: string; y: number[]; lambda: number; lambdaClipped: number; warped: number[] }[];
  };

  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    "equals SciPy's yeojohnson at the maximum-likelihood λ clipped to [-2, 2] (%s)",
    (_name, c) => {
      const w = warpOutputs(Float64Array.from(c.y), { kind: "power" });
      expect(w.length).toBe(c.y.length);
      for (let i = 0; i < c.y.length; i++) expect(w[i]).toBeCloseTo(c.warped[i]!, 4);
    },
  );

  it("is non-decreasing in the losses, centred, and finite (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 3, maxLength: 60 }),
        (ys) => {
          const y = Float64Array.from(ys);
          const w = warpOutputs(y, { kind: "power" });
          const distinct = new Set(ys).size;
          let mean = 0;
          for (const v of w) {
            expect(Number.isFinite(v)).toBe(true);
            mean += v;
          }
          mean /= w.length;
          if (distinct === 1) {
            for (const v of w) expect(v).toBe(0);
            return;
          }
          for (let i = 0; i < ys.length; i++) {
            for (let j = 0; j < ys.length; j++) {
              if (ys[i]! < ys[j]!) expect(w[i]!).toBeLessThanOrEqual(w[j]!);
            }
          }
          expect(Math.abs(mean)).toBeLessThan(1e-9);
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it("compresses a heavy upper tail and spreads the good end (losses over six decades)", () => {
    const y = Float64Array.from({ length: 25 }, (_, i) => 10 ** (i / 4));
    let mean = 0;
    for (const v of y) mean += v;
    mean /= y.length;
    let ss = 0;
    for (const v of y) ss += (v - mean) ** 2;
    const sd = Math.sqrt(ss / y.length);
    const w = warpOutputs(y, { kind: "power" });
    // Standardized raw losses: the best six span 7.5e-5 sd and the worst gap 1.95 sd.
    // Warped (λ at the bound −2): the best six span 5.0e-4, the worst gap 0.078.
    expect((w[5]! - w[0]!) / ((y[5]! - y[0]!) / sd)).toBeGreaterThan(5);
    expect((w[24]! - w[23]!) / ((y[24]! - y[23]!) / sd)).toBeLessThan(0.05);
  });
});
