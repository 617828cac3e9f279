import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gpModel, kernelShape, posterior } from "../../src/gp/index.js";
import { pointWorkspace, posteriorGradient } from "../../src/gp/posterior.js";
import { Rng } from "../../src/random/index.js";
import ref from "../fixtures/gp/sklearn_gp.json" with { type: "json" };
import { hyper, randomPoints, relErr, smooth } from "./helpers.js";

/**
 * The 1-D Matérn 5/2 GP on the points 0.2 and 0.7: the kernel values k1, k2 at q and the
 * weights w = K⁻¹ k(q), with K⁻¹ = [[a, -c], [-c, a]] / det by hand.
 */
function twoPointWeights(q: number, sig: number, noise: number, ls: number) {
  const k = (a: number, b: number) => sig * kernelShape({ kind: "matern52" }, ((a - b) / ls) ** 2);
  const a = sig + noise;
  const c = k(0.2, 0.7);
  const det = a * a - c * c;
  const k1 = k(q, 0.2);
  const k2 = k(q, 0.7);
  return { k1, k2, w1: (a * k1 - c * k2) / det, w2: (-c * k1 + a * k2) / det };
}

describe("posterior", () => {
  it("matches the closed form of a two-point 1-D GP (2×2 inverse by hand)", () => {
    const x = Float64Array.of(0.2, 0.7);
    const y = Float64Array.of(3, 5); // standardized: (-1, 1), ȳ = 4, s_y = 1
    const sig = 1.5;
    const noise = 0.02;
    const ls = 0.3;
    const model = gpModel(x, y, hyper([ls], sig, noise));
    for (const q of [0, 0.2, 0.45, 0.7, 1.3]) {
      const { k1, k2, w1, w2 } = twoPointWeights(q, sig, noise, ls);
      const p = posterior(model, Float64Array.of(q));
      expect(p.mean[0]).toBeCloseTo(4 + (w1 * -1 + w2 * 1), 12);
      expect(p.variance[0]).toBeCloseTo(sig - (k1 * w1 + k2 * w2), 12);
    }
  });

  it('with priorMean "max": the same closed form around the largest y, which it reverts to far from the data', () => {
    const x = Float64Array.of(0.2, 0.7);
    const y = Float64Array.of(3, 5); // s_y = 1; prior mean 5: centred (-2, 0)
    const sig = 1.5;
    const noise = 0.02;
    const ls = 0.3;
    const model = gpModel(x, y, hyper([ls], sig, noise), { priorMean: "max" });
    expect(model.priorMean).toBe("max");
    expect(model.yMean).toBe(5);
    expect(model.yStd).toBe(1);
    for (const q of [0, 0.2, 0.45, 0.7, 1.3]) {
      const { k1, k2, w1, w2 } = twoPointWeights(q, sig, noise, ls);
      const p = posterior(model, Float64Array.of(q));
      expect(p.mean[0]).toBeCloseTo(5 + (w1 * -2 + w2 * 0), 12);
      // The variance does not depend on the prior mean.
      expect(p.variance[0]).toBeCloseTo(sig - (k1 * w1 + k2 * w2), 12);
    }
    // Far away: the default model reverts to the mean 4, this one to the worst value 5.
    const far = Float64Array.of(40);
    expect(posterior(gpModel(x, y, hyper([ls], sig, noise)), far).mean[0]).toBeCloseTo(4, 12);
    expect(posterior(model, far).mean[0]).toBeCloseTo(5, 12);
  });

  it("refuses an unknown priorMean, naming it", () => {
    const x = Float64Array.of(0.2, 0.7);
    const y = Float64Array.of(3, 5);
    expect(() => gpModel(x, y, hyper([0.3], 1, 0.01), { priorMean: "min" as never })).toThrow(
      /gpModel: priorMean must be "mean" or "max", got min/,
    );
  });

  it.each(ref.cases)("matches scikit-learn's GaussianProcessRegressor (optimizer=None): $name", (c) => {
    const kernel = c.kernel === "rbf" ? ({ kind: "rbf" } as const) : ({ kind: "matern52" } as const);
    const model = gpModel(
      Float64Array.from(c.x),
      Float64Array.from(c.y),
      hyper(c.lengthScales, c.signalVariance, c.noiseVariance),
      { kernel },
    );
    const p = posterior(model, Float64Array.from(c.xq));
    expect(model.jitter).toBe(0);
    for (let i = 0; i < c.mean.length; i++) {
      expect(relErr(p.mean[i]!, c.mean[i]!)).toBeLessThan(1e-9);
      // sklearn's std is √max(v, 0); compare v with an absolute floor (v cancels near data).
      expect(Math.abs(Math.sqrt(p.variance[i]!) - c.std[i]!)).toBeLessThan(1e-6 * Math.max(1, c.std[i]!));
    }
  });

  it("batches: many points at once equal one point at a time, across the 256-column blocks", () => {
    const rng = Rng.fromSeed(5);
    const d = 3;
    const x = randomPoints(rng, 40, d);
    const y = new Float64Array(40);
    for (let i = 0; i < 40; i++) y[i] = smooth(x, d, i);
    const model = gpModel(x, y, hyper([0.3, 0.5, 0.8], 1, 1e-4));
    const q = randomPoints(rng, 600, d);
    const all = posterior(model, q);
    for (const i of [0, 255, 256, 511, 512, 599]) {
      const one = posterior(model, q.slice(i * d, i * d + d));
      expect(all.mean[i]).toBeCloseTo(one.mean[0]!, 12);
      expect(all.variance[i]).toBeCloseTo(one.variance[0]!, 12);
    }
  });

  it("interpolates a noise-free observation: mean = y, variance ≈ 0 at the data", () => {
    const x = Float64Array.of(0.1, 0.4, 0.9);
    const y = Float64Array.of(1, -2, 0.5);
    const model = gpModel(x, y, hyper([0.2], 1, 1e-10));
    const p = posterior(model, x);
    for (let i = 0; i < 3; i++) {
      expect(p.mean[i]).toBeCloseTo(y[i]!, 6);
      expect(p.variance[i]).toBeLessThan(1e-7);
    }
  });

  it("the gradients of mean and variance in x equal central differences (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        fc.boolean(),
        (n, d, seed, rbf) => {
          const rng = Rng.fromSeed(seed);
          const mask = new Uint8Array(d);
          if (d > 1) mask[0] = 1;
          const x = randomPoints(rng, n, d, mask);
          const y = new Float64Array(n);
          for (let i = 0; i < n; i++) y[i] = smooth(x, d, i);
          const ls = Array.from({ length: d }, () => 0.2 + rng.random());
          const model = gpModel(x, y, hyper(ls, 1 + rng.random(), 1e-3), {
            kernel: rbf ? { kind: "rbf" } : { kind: "matern52" },
            categorical: mask,
          });
          const q = randomPoints(rng, 1, d, mask);
          const ws = pointWorkspace(model);
          const dm = new Float64Array(d);
          const dv = new Float64Array(d);
          posteriorGradient(model, q, ws, dm, dv);
          const batch = posterior(model, q);
          expect(model.yMean + model.yStd * ws.mean).toBeCloseTo(batch.mean[0]!, 10);
          const eps = 1e-6;
          for (let t = 0; t < d; t++) {
            if (mask[t] === 1) {
              expect(dm[t]).toBe(0);
              continue;
            }
            const up = Float64Array.from(q);
            up[t] = up[t]! + eps;
            const down = Float64Array.from(q);
            down[t] = down[t]! - eps;
            posteriorGradient(model, up, ws, null, null);
            const [mu, vu] = [ws.mean, ws.variance];
            posteriorGradient(model, down, ws, null, null);
            const [md, vd] = [ws.mean, ws.variance];
            expect(Math.abs(dm[t]! - (mu - md) / (2 * eps))).toBeLessThan(
              1e-5 * Math.max(1, Math.abs(dm[t]!)),
            );
            if (vu > 1e-6 && vd > 1e-6)
              expect(Math.abs(dv[t]! - (vu - vd) / (2 * eps))).toBeLessThan(
                1e-5 * Math.max(1, Math.abs(dv[t]!)),
              );
          }
        },
      ),
    );
  });

  it("refuses query points of the wrong width or with NaN", () => {
    const model = gpModel(Float64Array.of(0, 1, 1, 0), Float64Array.of(0, 1), hyper([1, 1], 1, 0.01));
    expect(() => posterior(model, new Float64Array(3))).toThrow(/multiple of D=2/);
    expect(() => posterior(model, Float64Array.of(0, Number.NaN))).toThrow(/q\[0\]\[1\] must be finite/);
  });
});
