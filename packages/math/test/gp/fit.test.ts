import { describe, expect, it } from "vitest";
import {
  choleskyJitter,
  fitGp,
  type GpHyperparameters,
  kernelMatrix,
  logMarginalLikelihood,
} from "../../src/gp/index.js";
import { defaultPriors, priorLogDensity } from "../../src/gp/prior.js";
import { Rng } from "../../src/random/index.js";
import { hyper, randomPoints, smooth } from "./helpers.js";

/** y drawn from a GP with the given hyperparameters (seeded), plus noise. */
function drawFromGp(rng: Rng, x: Float64Array, h: GpHyperparameters): Float64Array {
  const d = h.lengthScales.length;
  const n = x.length / d;
  const k = kernelMatrix({ kind: "matern52" }, x, h);
  for (let i = 0; i < n; i++) k[i * n + i] = k[i * n + i]! + h.noiseVariance;
  const l = choleskyJitter(k, n).factor;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t <= i; t++) s += l[i * n + t]! * z[t]!;
    y[i] = 10 + 3 * s;
  }
  return y;
}

function logPosterior(x: Float64Array, ys: Float64Array, h: GpHyperparameters): number {
  const pr = defaultPriors(h.lengthScales.length);
  const g = new Float64Array(1);
  let v = logMarginalLikelihood({ kind: "matern52" }, x, ys, h).value;
  for (const l of h.lengthScales) v += priorLogDensity(pr.lengthScale, l, g);
  v += priorLogDensity(pr.signalVariance, h.signalVariance, g);
  v += priorLogDensity(pr.noiseVariance, h.noiseVariance, g);
  return v;
}

/** Moving any hyperparameter by ±5% (in log) from h does not raise the log posterior above lp. */
function expectLocalMaximum(x: Float64Array, ys: Float64Array, h: GpHyperparameters, lp: number): void {
  const d = h.lengthScales.length;
  for (let k = 0; k < d + 2; k++) {
    for (const s of [-0.05, 0.05]) {
      const ls = Float64Array.from(h.lengthScales);
      if (k < d) ls[k] = ls[k]! * Math.exp(s);
      const moved = {
        lengthScales: ls,
        signalVariance: k === d ? h.signalVariance * Math.exp(s) : h.signalVariance,
        noiseVariance: k === d + 1 ? 1e-6 + (h.noiseVariance - 1e-6) * Math.exp(s) : h.noiseVariance,
      };
      expect(logPosterior(x, ys, moved)).toBeLessThanOrEqual(lp + 1e-6);
    }
  }
}

describe("fitGp", () => {
  it("recovers which dimension matters (ARD) on draws from a GP with ℓ = (0.15, 3)", () => {
    const rng = Rng.fromSeed(21);
    const x = randomPoints(rng, 80, 2);
    const y = drawFromGp(rng, x, hyper([0.15, 3], 1, 1e-3));
    const { model, logPosterior: lp, starts } = fitGp(x, y, { rng: Rng.fromSeed(1) });
    expect(starts).toBe(3);
    const [l0, l1] = model.hyperparameters.lengthScales;
    expect(l0!).toBeGreaterThan(0.07);
    expect(l0!).toBeLessThan(0.35);
    expect(l1! / l0!).toBeGreaterThan(5);
    expect(model.hyperparameters.noiseVariance).toBeLessThan(0.02);
    expect(lp).toBeCloseTo(logPosterior(x, model.yStandardized, model.hyperparameters), 6);
  });

  it("finds a local maximum of the log posterior: small moves of any hyperparameter do not improve it", () => {
    const rng = Rng.fromSeed(3);
    const d = 3;
    const x = randomPoints(rng, 40, d);
    const y = new Float64Array(40);
    for (let i = 0; i < 40; i++) y[i] = smooth(x, d, i) + 0.05 * rng.normal();
    const { model, logPosterior: lp } = fitGp(x, y, { pgtol: 1e-6 });
    expectLocalMaximum(x, model.yStandardized, model.hyperparameters, lp);
  });

  it('with priorMean "max": fits the outputs centred at their largest value, a local maximum there', () => {
    const rng = Rng.fromSeed(3);
    const d = 2;
    const x = randomPoints(rng, 30, d);
    const y = new Float64Array(30);
    for (let i = 0; i < 30; i++) y[i] = smooth(x, d, i) + 0.05 * rng.normal();
    const { model, logPosterior: lp } = fitGp(x, y, { pgtol: 1e-6, priorMean: "max" });
    const mean = fitGp(x, y, { pgtol: 1e-6 }).model;
    expect(model.priorMean).toBe("max");
    expect(model.yMean).toBe(Math.max(...y));
    expect(model.yStd).toBe(mean.yStd);
    for (let i = 0; i < 30; i++) {
      expect(model.yStandardized[i]).toBeCloseTo((y[i]! - model.yMean) / model.yStd, 14);
    }
    expect(Math.max(...model.yStandardized)).toBe(0);
    expect(lp).toBeCloseTo(logPosterior(x, model.yStandardized, model.hyperparameters), 6);
    // The data are not centred at 0, so a larger signal variance explains them than with the mean.
    expect(model.hyperparameters.signalVariance).toBeGreaterThan(mean.hyperparameters.signalVariance);
    expectLocalMaximum(x, model.yStandardized, model.hyperparameters, lp);
    expect(() => fitGp(x, y, { priorMean: "median" as never })).toThrow(
      /fitGp: priorMean must be "mean" or "max", got median/,
    );
  });

  it("is deterministic for a seed, holds a fixed noise, and takes warm starts", () => {
    const rng = Rng.fromSeed(8);
    const x = randomPoints(rng, 30, 2);
    const y = new Float64Array(30);
    for (let i = 0; i < 30; i++) y[i] = smooth(x, 2, i);
    const a = fitGp(x, y, { rng: Rng.fromSeed(5) }).model.hyperparameters;
    const b = fitGp(x, y, { rng: Rng.fromSeed(5) }).model.hyperparameters;
    expect(Array.from(a.lengthScales)).toEqual(Array.from(b.lengthScales));
    expect(a.signalVariance).toBe(b.signalVariance);
    const fixed = fitGp(x, y, { noise: { kind: "fixed", variance: 1e-6 } });
    expect(fixed.model.hyperparameters.noiseVariance).toBe(1e-6);
    // One more point, warm-started from the previous fit: one start, and no worse than cold.
    const x2 = new Float64Array(62);
    x2.set(x);
    x2.set([0.5, 0.5], 60);
    const y2 = new Float64Array(31);
    y2.set(y);
    y2[30] = smooth(x2, 2, 30);
    const warm = fitGp(x2, y2, { warmStart: a, restarts: 0 });
    const cold = fitGp(x2, y2, { restarts: 0 });
    expect(warm.starts).toBe(1);
    expect(warm.logPosterior).toBeGreaterThan(cold.logPosterior - 1e-3);
  });

  it("fits categorical dimensions (a categorical that shifts y gets a short length scale)", () => {
    const rng = Rng.fromSeed(13);
    const mask = Uint8Array.of(0, 1, 1);
    const x = randomPoints(rng, 60, 3, mask, 3);
    const y = new Float64Array(60);
    for (let i = 0; i < 60; i++) y[i] = Math.sin(4 * x[i * 3]!) + 2 * x[i * 3 + 1]! + 0.01 * rng.normal(); // dim 2 irrelevant
    const { model } = fitGp(x, y, { categorical: [false, true, true] });
    const [, lc, lirr] = model.hyperparameters.lengthScales;
    expect(lc!).toBeLessThan(lirr!);
    expect(model.categorical[1]).toBe(1);
  });

  it("refuses malformed data and options with the argument named", () => {
    const x = Float64Array.of(0.1, 0.2, 0.3, 0.4);
    const y = Float64Array.of(1, 2);
    expect(() => fitGp(x, new Float64Array(0))).toThrow(/at least one observation/);
    expect(() => fitGp(Float64Array.of(0.1, 0.2, 0.3), y)).toThrow(/x length 3 must be N·D/);
    expect(() => fitGp(x, y, { restarts: -1 })).toThrow(/restarts must be an integer >= 0/);
    expect(() => fitGp(x, y, { noise: { kind: "fixed", variance: 0 } })).toThrow(
      /noise.variance must be positive/,
    );
    expect(() =>
      fitGp(x, y, { priors: { lengthScale: { kind: "gamma", concentration: -1, rate: 1 } } }),
    ).toThrow(/priors.lengthScale \(gamma\)/);
    expect(() => fitGp(x, y, { priors: { lengthScale: { kind: "precision", a: 0, b: 0 } } })).toThrow(
      /priors.lengthScale \(precision\) needs finite a >= 0 and b >= 0, not both 0/,
    );
    expect(() => fitGp(x, y, { priors: { lengthScale: { kind: "precision", a: -1, b: 1 } } })).toThrow(
      /precision/,
    );
    expect(() => fitGp(x, y, { warmStart: hyper([1], 1, 1) })).toThrow(
      /warmStart.lengthScales must have D=2/,
    );
    expect(() => fitGp(x, y, { categorical: [true] })).toThrow(/categorical must have D=2 entries/);
  });
});

describe("the precision prior (Optuna's length-scale prior)", () => {
  it("is -(a v^2 + b / v^2) with its derivative, peaking at v^4 = b / a", () => {
    const p = { kind: "precision", a: 0.1, b: 0.4 } as const;
    const g = new Float64Array(1);
    for (const v of [0.05, 0.3, 1, 1.7, 12]) {
      const lp = priorLogDensity(p, v, g);
      expect(lp).toBeCloseTo(-(0.1 * v * v + 0.4 / (v * v)), 12);
      const h = 1e-6 * v;
      const fd =
        (priorLogDensity(p, v + h, new Float64Array(1)) - priorLogDensity(p, v - h, new Float64Array(1))) /
        (2 * h);
      expect(g[0]!).toBeCloseTo(fd, 4);
    }
    // Optuna's a = b = 0.1 on lambda = 1/l^2: -(0.1/lambda + 0.1 lambda), equal at l and 1/l.
    const o = { kind: "precision", a: 0.1, b: 0.1 } as const;
    expect(priorLogDensity(o, 4, g)).toBeCloseTo(priorLogDensity(o, 0.25, g), 12);
    priorLogDensity(p, 2 ** 0.5, g); // (b/a)^(1/4) = 4^(1/4)
    expect(g[0]!).toBeCloseTo(0, 12);
  });

  it("holds the MAP length scales near its mode when it dominates the likelihood", () => {
    const rng = Rng.fromSeed(5);
    const x = randomPoints(rng, 6, 2, Uint8Array.of(0, 0), 0);
    const y = Float64Array.from({ length: 6 }, (_, i) => Math.sin(3 * x[2 * i]!) + x[2 * i + 1]!);
    const strong = fitGp(x, y, { priors: { lengthScale: { kind: "precision", a: 1e4, b: 1e4 } } });
    for (const l of strong.model.hyperparameters.lengthScales) expect(l).toBeCloseTo(1, 2);
    const shifted = fitGp(x, y, { priors: { lengthScale: { kind: "precision", a: 1e4, b: 16e4 } } });
    for (const l of shifted.model.hyperparameters.lengthScales) expect(l).toBeCloseTo(2, 2);
  });
});
