import fc from "fast-check";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { CmaEs, type CmaEsOptions } from "../../src/cmaes/cma.js";
import { cmaParameters } from "../../src/cmaes/params.js";
import { Rng } from "../../src/random/rng.js";
import { ellipsoid, evalsToTarget, generation, type Objective, sphere } from "./helpers.js";

const base: CmaEsOptions = { mean: [1, 2, 3], sigma: 0.5, seed: 1 };

describe("new CmaEs", () => {
  it("uses λ = 4 + ⌊3 ln n⌋ and exposes n, λ, m, σ, C⁽⁰⁾ = I", () => {
    const es = new CmaEs({ mean: new Float64Array(10).fill(3), sigma: 2 });
    expect(es.dim).toBe(10);
    expect(es.populationSize).toBe(10);
    expect(es.generation).toBe(0);
    expect(es.evaluations).toBe(0);
    expect(es.sigma).toBe(2);
    expect(Array.from(es.mean)).toEqual(new Array(10).fill(3));
    const c = es.covariance();
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) expect(c[i * 10 + j]).toBe(i === j ? 1 : 0);
    expect(new CmaEs({ ...base, populationSize: 2 }).populationSize).toBe(2);
  });

  it("rejects bad options with errors naming the option", () => {
    const bad: [Partial<CmaEsOptions> | null, RegExp][] = [
      [null, /options must be an object/],
      [{ mean: [] }, /mean must be a non-empty array/],
      [{ mean: [0, Number.NaN] }, /mean\[1\] must be a finite number/],
      [{ mean: [0, Number.POSITIVE_INFINITY] }, /mean\[1\] must be a finite number/],
      [{ sigma: 0 }, /sigma must be a finite number > 0/],
      [{ sigma: -1 }, /sigma must be/],
      [{ sigma: Number.NaN }, /sigma must be/],
      [{ sigma: Number.POSITIVE_INFINITY }, /sigma must be/],
      [{ populationSize: 1 }, /populationSize must be an integer >= 2/],
      [{ populationSize: 4.5 }, /populationSize must be an integer >= 2/],
      [{ bounds: { lower: [0, 0], upper: [5, 5, 5] } }, /must have length 3/],
      [{ bounds: { lower: [0, 0, 5], upper: [5, 5, 5] } }, /lower\[i\] < upper\[i\]/],
      [{ bounds: { lower: [0, Number.NaN, 0], upper: [5, 5, 5] } }, /no NaN/],
      [{ bounds: { lower: [2, 0, 0], upper: [5, 5, 5] } }, /mean\[0\] = 1 is outside the bounds/],
      [{ boundHandling: { kind: "clip" } as never }, /boundHandling.kind must be/],
      [{ boundHandling: { kind: "resample", maxResamples: 0 } }, /maxResamples must be an integer >= 1/],
      [{ cov: [1, 0, 0, 1] }, /cov must be an n×n row-major array with 9 entries/],
      [{ cov: [1, 0.5, 0, 0, 1, 0, 0, 0, 1] }, /cov must be symmetric/],
      [{ cov: [1, 2, 0, 2, 1, 0, 0, 0, 1] }, /cov must be positive definite/],
      [{ cov: [1, 0, 0, 0, Number.NaN, 0, 0, 0, 1] }, /cov\[4\] must be finite/],
      [{ termination: { tolFun: -1 } }, /termination.tolFun must be a number >= 0/],
      [{ termination: { tolConditionCov: Number.NaN } }, /termination.tolConditionCov/],
      [{ termination: { disabled: ["nope" as never] } }, /unknown criterion nope/],
      [{ rng: {} as never }, /rng must be an Rng/],
      [{ learningRateAdaptation: { alpha: -1 } }, /learningRateAdaptation.alpha must be a finite number > 0/],
      [{ learningRateAdaptation: { betaMean: 2 } }, /learningRateAdaptation.betaMean must be in \(0, 1\]/],
      [
        { learningRateAdaptation: true as never },
        /learningRateAdaptation must be a record of hyperparameters \(\{\} for the paper's\) or null, got true/,
      ],
      [{ margin: { steps: [1, 0] } }, /margin.steps must be an array of length 3/],
      [{ margin: { steps: [1, 0, 0] } }, /discrete coordinate 0 \(step 1\) needs finite bounds/],
      [{ margin: { steps: [-1, 0, 0] } }, /margin.steps\[0\] must be a finite number >= 0/],
    ];
    for (const [patch, re] of bad) {
      expect(() => new CmaEs(patch === null ? (null as never) : { ...base, ...patch })).toThrow(re);
    }
  });
});

describe("CmaEs.ask", () => {
  it("draws from N(m, σ²C): sample mean and covariance match (n = 2, C₀ given)", () => {
    const cov = [2, 0.6, 0.6, 0.5];
    const es = new CmaEs({ mean: [1, -1], sigma: 0.5, cov, seed: 7 });
    const k = 40_000;
    let m0 = 0;
    let m1 = 0;
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let t = 0; t < k; t++) {
      const x = es.ask();
      const a = x[0]! - 1;
      const b = x[1]! + 1;
      m0 += a;
      m1 += b;
      s00 += a * a;
      s01 += a * b;
      s11 += b * b;
    }
    // Standard errors: ~ sd/√k ≈ 0.004 for the mean, ~ 0.003 for the covariances.
    expect(m0 / k).toBeCloseTo(0, 1);
    expect(m1 / k).toBeCloseTo(0, 1);
    expect(s00 / k).toBeCloseTo(0.25 * 2, 1);
    expect(s01 / k).toBeCloseTo(0.25 * 0.6, 1);
    expect(s11 / k).toBeCloseTo(0.25 * 0.5, 1);
  });

  it("keeps every candidate inside the bounds with each bound handling", () => {
    const bounds = { lower: [0, -1, Number.NEGATIVE_INFINITY], upper: [1, 1, 0.2] };
    for (const boundHandling of [
      { kind: "resample" as const },
      { kind: "resample" as const, maxResamples: 1 },
      { kind: "project" as const },
      { kind: "reflect" as const },
    ]) {
      // σ = 0.5: a draw is inside with probability ≈ 0.3, so 100 resamples (almost) never fall
      // back to projection; with maxResamples = 1 most draws are projected.
      const es = new CmaEs({
        mean: [0.9, 0, 0],
        sigma: boundHandling.kind === "resample" ? 0.5 : 3,
        bounds,
        boundHandling,
        seed: 3,
      });
      let onBound = 0;
      for (let t = 0; t < 2000; t++) {
        const x = es.ask();
        for (let i = 0; i < 3; i++) {
          expect(x[i]).toBeGreaterThanOrEqual(bounds.lower[i]!);
          expect(x[i]).toBeLessThanOrEqual(bounds.upper[i]!);
          if (x[i] === bounds.lower[i] || x[i] === bounds.upper[i]) onBound++;
        }
      }
      // Projection piles candidates on the bounds; resampling (100 draws) and reflection do not.
      if (
        boundHandling.kind === "project" ||
        (boundHandling.kind === "resample" && boundHandling.maxResamples === 1)
      ) {
        expect(onBound).toBeGreaterThan(100);
      } else {
        expect(onBound).toBe(0);
      }
    }
  });

  it("draws from an explicit generator when one is passed, leaving its own untouched", () => {
    const a = new CmaEs(base);
    const b = new CmaEs(base);
    const x1 = a.ask(Rng.fromSeed(99));
    const x2 = b.ask(Rng.fromSeed(99));
    expect(Array.from(x1)).toEqual(Array.from(x2));
    expect(Array.from(a.ask())).toEqual(Array.from(new CmaEs(base).ask()));
  });
});

describe("CmaEs.tell", () => {
  it("rejects NaN, ±Infinity and missing values, naming the solution", () => {
    const es = new CmaEs(base);
    const good = () => Array.from({ length: es.populationSize }, () => ({ x: es.ask(), value: 1 }));
    const cases: [(s: { x: ArrayLike<number>; value: number }[]) => void, RegExp][] = [
      [
        (s) => (s[3] = { ...s[3]!, value: Number.NaN }),
        /solutions\[3\]\.value must be a finite number, got NaN/,
      ],
      [
        (s) => (s[0] = { ...s[0]!, value: Number.POSITIVE_INFINITY }),
        /solutions\[0\]\.value .* got Infinity/,
      ],
      [
        (s) => (s[5] = { ...s[5]!, value: Number.NEGATIVE_INFINITY }),
        /solutions\[5\]\.value .* got -Infinity/,
      ],
      [(s) => (s[2] = { x: s[2]!.x, value: "1" as never }), /solutions\[2\]\.value must be a finite number/],
      [(s) => (s[1] = { x: [1, 2], value: 0 }), /solutions\[1\]\.x must have length 3, got 2/],
      [(s) => (s[4] = { x: [1, Number.NaN, 2], value: 0 }), /solutions\[4\]\.x\[1\] must be a finite number/],
      [(s) => s.pop(), /expected exactly populationSize = 7 solutions, got 6/],
      [(s) => (s[0] = null as never), /solutions\[0\] must be \{ x, value \}/],
    ];
    for (const [mutate, re] of cases) {
      const s = good();
      mutate(s);
      expect(() => es.tell(s)).toThrow(re);
    }
    expect(() => es.tell([])).toThrow(/got 0/);
    expect(() => es.tell("x" as never)).toThrow(/got string/);
    expect(es.generation).toBe(0); // nothing was applied
  });

  it("performs the first update of the tutorial's summary exactly (eqs. (41)-(47), C⁽⁰⁾ = I)", () => {
    const n = 4;
    const es = new CmaEs({ mean: [0.5, -1, 2, 0], sigma: 0.7, seed: 11 });
    const p = cmaParameters(n, es.populationSize);
    const m0 = es.mean;
    const xs = Array.from({ length: es.populationSize }, () => es.ask());
    const values = xs.map((x) => sphere(x));
    es.tell(xs.map((x, k) => ({ x, value: values[k]! })));
    const order = values.map((_, k) => k).sort((a, b) => values[a]! - values[b]!);
    const ys = order.map((k) => Array.from(xs[k]!, (v, i) => (v - m0[i]!) / 0.7));
    const yw = new Array(n).fill(0);
    for (let r = 0; r < p.mu; r++) for (let i = 0; i < n; i++) yw[i] += p.weights[r]! * ys[r]![i]!;
    const state = es.toJSON();
    // (42) m = m₀ + σ⟨y⟩_w, (43) p_σ = √(c_σ(2 − c_σ)μ_eff)⟨y⟩_w since C^{-1/2} = I.
    const ks = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
    for (let i = 0; i < n; i++) {
      expect(state.mean[i]).toBeCloseTo(m0[i]! + 0.7 * yw[i], 14);
      expect(state.pSigma[i]).toBeCloseTo(ks * yw[i], 14);
    }
    const psNorm = Math.hypot(...state.pSigma);
    // (44) σ update.
    expect(es.sigma).toBeCloseTo(0.7 * Math.exp((p.cSigma / p.dSigma) * (psNorm / p.chiN - 1)), 14);
    // h_σ, (45) p_c, (46) w°, (47) C.
    const h = psNorm / Math.sqrt(1 - (1 - p.cSigma) ** 2) < (1.4 + 2 / (n + 1)) * p.chiN ? 1 : 0;
    const kc = h * Math.sqrt(p.cc * (2 - p.cc) * p.muEff);
    for (let i = 0; i < n; i++) expect(state.pc[i]).toBeCloseTo(kc * yw[i], 14);
    const sumW = p.weights.reduce((a, b) => a + b, 0);
    const decay = 1 + p.c1 * (1 - h) * p.cc * (2 - p.cc) - p.c1 - p.cmu * sumW;
    const c = es.covariance();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rank = 0;
        for (let r = 0; r < es.populationSize; r++) {
          const w = p.weights[r]!;
          const y = ys[r]!;
          const wo = w >= 0 ? w : (w * n) / y.reduce((a, v) => a + v * v, 0);
          rank += wo * y[i]! * y[j]!;
        }
        const expected = decay * (i === j ? 1 : 0) + p.c1 * state.pc[i]! * state.pc[j]! + p.cmu * rank;
        expect(c[i * n + j]).toBeCloseTo(expected, 14);
      }
    }
  });

  it("solves the 10-D ellipsoid and then stops with a named criterion", () => {
    const es = new CmaEs({ mean: new Float64Array(10).fill(3), sigma: 2, seed: 5 });
    expect(evalsToTarget(es, ellipsoid, 1e-10, 20_000)).not.toBeNull();
    let guard = 0;
    while (!es.shouldStop() && guard++ < 2000) generation(es, ellipsoid);
    const reason = es.terminationReason();
    expect(reason).not.toBeNull();
    expect(["tolFun", "tolX", "tolFunHist", "noEffectCoord", "noEffectAxis", "conditionCov"]).toContain(
      reason!.kind,
    );
    expect(es.evaluations).toBe(es.generation * es.populationSize);
  });
});

describe("CmaEs in one dimension", () => {
  it("works for n = 1 (λ = 4)", () => {
    const es = new CmaEs({ mean: [5], sigma: 1, seed: 1 });
    expect(es.populationSize).toBe(4);
    expect(evalsToTarget(es, sphere, 1e-12, 5000)).not.toBeNull();
  });
});

describe("CmaEs covariance (property)", () => {
  it("C stays symmetric positive definite under any ranking, λ and n", () => {
    const objectives: Record<string, (rng: Rng) => Objective> = {
      sphere: () => sphere,
      ellipsoid: () => ellipsoid,
      random: (rng) => () => rng.random(), // adversarial: random ranks drive the negative update
      worstFirst: () => (x) => -sphere(x), // maximizes: C is pushed by the active update
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 2, max: 40 }),
        fc.constantFrom(...Object.keys(objectives)),
        fc.integer({ min: 0, max: 1000 }),
        (n, lambda, fname, seed) => {
          const es = new CmaEs({
            mean: new Float64Array(n).fill(1),
            sigma: 0.3,
            populationSize: lambda,
            seed,
          });
          const f = objectives[fname]!(Rng.fromSeed(seed + 1));
          for (let g = 0; g < 40; g++) {
            generation(es, f);
            const c = es.covariance();
            for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(c[i * n + j]).toBe(c[j * n + i]);
            const rows = Array.from({ length: n }, (_, i) => Array.from(c.subarray(i * n, i * n + n)));
            expect(new CholeskyDecomposition(new Matrix(rows)).isPositiveDefinite()).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
