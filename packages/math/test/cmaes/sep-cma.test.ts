import { describe, expect, it } from "vitest";
import { sepCmaParameters } from "../../src/cmaes/params.js";
import { SepCmaEs } from "../../src/cmaes/sep-cma.js";
import { ellipsoid, evalsToTarget, sphere } from "./helpers.js";

describe("new SepCmaEs", () => {
  it("rejects a covariance matrix, LRA and the shared bad options", () => {
    expect(() => new SepCmaEs({ mean: [0, 0], sigma: 1, cov: [1, 0, 0, 1] } as never)).toThrow(
      /cov is not supported/,
    );
    expect(() => new SepCmaEs({ mean: [0, 0], sigma: 1, learningRateAdaptation: {} } as never)).toThrow(
      /only available with the full CmaEs/,
    );
    expect(() => new SepCmaEs({ mean: [0, Number.NaN], sigma: 1 })).toThrow(/SepCmaEs: mean\[1\]/);
    expect(() => new SepCmaEs({ mean: [0, 0], sigma: -2 })).toThrow(/SepCmaEs: sigma/);
  });
});

describe("SepCmaEs.tell", () => {
  it("performs the diagonal update of Ros & Hansen (2008) exactly on the first generation", () => {
    const n = 5;
    const es = new SepCmaEs({ mean: [1, 2, 3, 4, 5], sigma: 0.3, seed: 3 });
    const p = sepCmaParameters(n, es.populationSize);
    const xs = Array.from({ length: es.populationSize }, () => es.ask());
    const values = xs.map(sphere);
    es.tell(xs.map((x, k) => ({ x, value: values[k]! })));
    const order = values.map((_, k) => k).sort((a, b) => values[a]! - values[b]!);
    const ys = order.map((k) => Array.from(xs[k]!, (v, i) => (v - (i + 1)) / 0.3));
    const s = es.toJSON();
    const yw = new Array(n).fill(0);
    for (let r = 0; r < p.mu; r++) for (let i = 0; i < n; i++) yw[i] += p.weights[r]! * ys[r]![i]!;
    const ps = yw.map((v) => Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff) * v);
    const h = Math.hypot(...ps) / Math.sqrt(1 - (1 - p.cSigma) ** 2) < (1.4 + 2 / (n + 1)) * p.chiN ? 1 : 0;
    const pc = yw.map((v) => h * Math.sqrt(p.cc * (2 - p.cc) * p.muEff) * v);
    for (let i = 0; i < n; i++) {
      expect(s.mean[i]).toBeCloseTo(i + 1 + 0.3 * yw[i], 14);
      expect(s.pSigma[i]).toBeCloseTo(ps[i]!, 14);
      let rank = 0;
      for (let r = 0; r < p.mu; r++) rank += p.weights[r]! * ys[r]![i]! ** 2;
      const decay = 1 + p.c1 * (1 - h) * p.cc * (2 - p.cc) - p.c1 - p.cmu;
      expect(s.diagC[i]).toBeCloseTo(decay + p.c1 * pc[i]! ** 2 + p.cmu * rank, 14);
    }
    expect(es.sigma).toBeCloseTo(
      0.3 * Math.exp((p.cSigma / p.dSigma) * (Math.hypot(...ps) / p.chiN - 1)),
      14,
    );
    // C stays diagonal.
    const c = es.covariance();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expect(c[i * n + j]).toBe(0);
  });

  it("solves the 200-D ellipsoid (condition 1e6) to f < 1e-8", () => {
    // One seeded run; the figure is printed for the README (benchmarks/micro/cmaes-quality.ts
    // runs more seeds).
    const n = 200;
    const es = new SepCmaEs({ mean: new Float64Array(n).fill(3), sigma: 2, seed: 1 });
    const evals = evalsToTarget(es, ellipsoid, 1e-8, 200_000);
    console.log(`sep-CMA-ES, 200-D ellipsoid: ${evals} evaluations to f < 1e-8`);
    expect(evals).not.toBeNull();
    expect(evals).toBeLessThan(120_000);
  });
});
