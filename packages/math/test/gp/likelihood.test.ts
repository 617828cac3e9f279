import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GpHyperparameters, gpModel, logMarginalLikelihood } from "../../src/gp/index.js";
import { Rng } from "../../src/random/index.js";
import ref from "../fixtures/gp/sklearn_gp.json" with { type: "json" };
import { hyper, randomPoints, relErr, smooth } from "./helpers.js";

function shifted(h: GpHyperparameters, k: number, delta: number): GpHyperparameters {
  const d = h.lengthScales.length;
  const ls = Float64Array.from(h.lengthScales);
  if (k < d) ls[k] = ls[k]! * Math.exp(delta);
  return {
    lengthScales: ls,
    signalVariance: k === d ? h.signalVariance * Math.exp(delta) : h.signalVariance,
    noiseVariance: k === d + 1 ? h.noiseVariance * Math.exp(delta) : h.noiseVariance,
  };
}

describe("logMarginalLikelihood", () => {
  it("the analytic gradient in log hyperparameters equals central differences (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 18 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        fc.boolean(),
        fc.array(fc.double({ min: Math.log(0.05), max: Math.log(5), noNaN: true }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.double({ min: Math.log(0.1), max: Math.log(10), noNaN: true }),
        fc.double({ min: Math.log(1e-4), max: Math.log(1), noNaN: true }),
        (n, d, seed, rbf, logLs, logSignal, logNoise) => {
          const rng = Rng.fromSeed(seed);
          const mask = new Uint8Array(d);
          if (d > 1) mask[d - 1] = rng.random() < 0.5 ? 1 : 0;
          const x = randomPoints(rng, n, d, mask);
          const y = new Float64Array(n);
          for (let i = 0; i < n; i++) y[i] = smooth(x, d, i) + 0.1 * rng.normal();
          const kernel = rbf ? ({ kind: "rbf" } as const) : ({ kind: "matern52" } as const);
          const h = hyper(logLs.slice(0, d).map(Math.exp), Math.exp(logSignal), Math.exp(logNoise));
          const res = logMarginalLikelihood(kernel, x, y, h, { categorical: mask });
          expect(res.gradient.length).toBe(d + 2);
          const eps = 1e-5;
          for (let k = 0; k < d + 2; k++) {
            if (k < d && mask[k] === 1 && n < 2) continue;
            const up = logMarginalLikelihood(kernel, x, y, shifted(h, k, eps), { categorical: mask }).value;
            const down = logMarginalLikelihood(kernel, x, y, shifted(h, k, -eps), {
              categorical: mask,
            }).value;
            const fd = (up - down) / (2 * eps);
            expect(Math.abs(res.gradient[k]! - fd)).toBeLessThan(
              1e-5 * Math.max(1, Math.abs(fd), Math.abs(res.value)),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the value equals the direct formula -½ yᵀK⁻¹y - ½ log|K| - (n/2) log 2π on a 2-point case", () => {
    const x = Float64Array.of(0.2, 0.7);
    const y = Float64Array.of(1, -0.5);
    const h = hyper([0.4], 1.3, 0.01);
    const s = (0.5 / 0.4) ** 2;
    const r = Math.sqrt(s);
    const c = 1.3 * (1 + Math.sqrt(5) * r + (5 / 3) * s) * Math.exp(-Math.sqrt(5) * r);
    const a = 1.3 + 0.01;
    const det = a * a - c * c;
    const quad = (a * 1 + a * 0.25 - 2 * c * (1 * -0.5)) / det;
    const expected = -0.5 * quad - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
    expect(logMarginalLikelihood({ kind: "matern52" }, x, y, h).value).toBeCloseTo(expected, 12);
  });

  it.each(ref.cases)("matches scikit-learn's log_marginal_likelihood and its gradient: $name", (c) => {
    const h = hyper(c.lengthScales, c.signalVariance, c.noiseVariance);
    const kernel = c.kernel === "rbf" ? ({ kind: "rbf" } as const) : ({ kind: "matern52" } as const);
    const x = Float64Array.from(c.x);
    const model = gpModel(x, Float64Array.from(c.y), h, { kernel });
    const res = logMarginalLikelihood(kernel, x, model.yStandardized, h);
    expect(relErr(res.value, c.logMarginalLikelihood)).toBeLessThan(1e-9);
    expect(relErr(model.logMarginalLikelihood, c.logMarginalLikelihood)).toBeLessThan(1e-9);
    expect(Math.abs(res.gradient[c.d]! - c.gradLogSignal)).toBeLessThan(
      1e-7 * Math.max(1, Math.abs(c.gradLogSignal)),
    );
    for (let t = 0; t < c.d; t++) {
      const g = c.gradLogLengthScales[t]!;
      expect(Math.abs(res.gradient[t]! - g)).toBeLessThan(1e-7 * Math.max(1, Math.abs(g)));
    }
  });

  it("refuses mismatched shapes and bad hyperparameters with the argument named", () => {
    const h = hyper([0.5, 0.5], 1, 0.01);
    expect(() =>
      logMarginalLikelihood({ kind: "matern52" }, new Float64Array(5), new Float64Array(2), h),
    ).toThrow(/multiple of the dimension D=2/);
    expect(() =>
      logMarginalLikelihood({ kind: "matern52" }, new Float64Array(4), new Float64Array(3), h),
    ).toThrow(/y must have length 2/);
    expect(() =>
      logMarginalLikelihood(
        { kind: "matern52" },
        new Float64Array(4),
        new Float64Array(2),
        hyper([0.5, 0.5], 1, 0),
      ),
    ).toThrow(/noiseVariance must be positive/);
    expect(() =>
      logMarginalLikelihood(
        { kind: "matern52" },
        Float64Array.of(0, Number.NaN, 0, 0),
        new Float64Array(2),
        h,
      ),
    ).toThrow(/x\[0\]\[1\] must be finite/);
  });
});
