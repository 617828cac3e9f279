import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bernoulliStats,
  betaPrior,
  binomialStats,
  type ConjugatePrior,
  categoricalStats,
  combineStats,
  dirichletPrior,
  gammaPrior,
  logEvidence,
  multinomialStats,
  normalInverseGammaPrior,
  normalKnownVariancePrior,
  normalStats,
  poissonStats,
  posteriorPredictive,
  update,
} from "../../src/bayes/index.js";
import { expectClose, expectRecordClose, permute } from "./helpers.js";

const bits = fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 30 });
const counts = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 20 });
const reals = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { maxLength: 20 });
const categories = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 });
const positive = fc.double({ min: 0.05, max: 20, noNaN: true });
const keys = fc.array(fc.nat(), { minLength: 1, maxLength: 8 });

/** Every model with a generator of its data, for the properties every model shares. */
const models: ReadonlyArray<{
  name: string;
  prior: fc.Arbitrary<ConjugatePrior>;
  data: fc.Arbitrary<number[]>;
}> = [
  {
    name: "Beta–Bernoulli",
    prior: fc.tuple(positive, positive).map(([a, b]) => betaPrior(a, b)),
    data: bits,
  },
  {
    name: "Gamma–Poisson",
    prior: fc.tuple(positive, positive).map(([a, b]) => gammaPrior(a, b)),
    data: counts,
  },
  {
    name: "Normal, known variance",
    prior: fc
      .tuple(fc.double({ min: -10, max: 10, noNaN: true }), positive, positive)
      .map(([mean, variance, noiseVariance]) => normalKnownVariancePrior({ mean, variance, noiseVariance })),
    data: reals,
  },
  {
    name: "Normal–Inverse-Gamma",
    prior: fc
      .tuple(fc.double({ min: -10, max: 10, noNaN: true }), positive, positive, positive)
      .map(([mean, kappa, alpha, beta]) => normalInverseGammaPrior({ mean, kappa, alpha, beta })),
    data: reals,
  },
  {
    name: "Dirichlet–Categorical",
    prior: fc.array(positive, { minLength: 4, maxLength: 4 }).map((a) => dirichletPrior(a)),
    data: categories,
  },
];

describe("update and logEvidence: properties shared by every model (fast-check)", () => {
  for (const { name, prior, data } of models) {
    it(`${name}: sequential updates equal one batch update, and the evidence chains`, () => {
      fc.assert(
        fc.property(prior, data, data, (p, d1, d2) => {
          const batch = update(p, [...d1, ...d2]);
          expectRecordClose(update(update(p, d1), d2), batch, 1e-9);
          // ln P(D₁ ∪ D₂) = ln P(D₁) + ln P(D₂ | D₁)
          expectClose(
            logEvidence(update(p, d1), d2) + logEvidence(p, d1),
            logEvidence(p, [...d1, ...d2]),
            1e-9,
          );
        }),
      );
    });

    it(`${name}: the order of the data does not matter`, () => {
      fc.assert(
        fc.property(prior, data, keys, (p, d, k) => {
          const shuffled = permute(d, k);
          expectRecordClose(update(p, shuffled), update(p, d), 1e-9);
          expectClose(logEvidence(p, shuffled), logEvidence(p, d), 1e-9);
        }),
      );
    });

    it(`${name}: no data leaves the prior unchanged with evidence 0, and the prior is not modified`, () => {
      fc.assert(
        fc.property(prior, data, (p, d) => {
          const before = JSON.stringify(p, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v));
          update(p, d);
          logEvidence(p, d);
          posteriorPredictive(p);
          const after = JSON.stringify(p, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v));
          expect(after).toBe(before);
          expectRecordClose(update(p, []), p, 0);
          expect(logEvidence(p, [])).toBe(0);
        }),
      );
    });
  }
});

describe("update: the sufficient-statistics form equals the data form (fast-check)", () => {
  it("Bernoulli trials and their statistics", () => {
    fc.assert(
      fc.property(positive, positive, bits, bits, (a, b, d1, d2) => {
        const p = betaPrior(a, b);
        const stats = combineStats(bernoulliStats(d1), bernoulliStats(d2));
        expect(update(p, stats)).toEqual(update(p, [...d1, ...d2]));
        expect(logEvidence(p, stats)).toBe(logEvidence(p, [...d1, ...d2]));
      }),
    );
  });

  it("Poisson counts and their statistics; unit exposures are the default", () => {
    fc.assert(
      fc.property(positive, positive, counts, (a, b, d) => {
        const p = gammaPrior(a, b);
        const ones = d.map(() => 1);
        expect(update(p, poissonStats(d))).toEqual(update(p, d));
        expectClose(logEvidence(p, poissonStats(d, ones)), logEvidence(p, d), 1e-12);
      }),
    );
  });

  it("normal observations, merged statistics included (Chan et al.)", () => {
    fc.assert(
      fc.property(positive, positive, reals, reals, (v, s2, d1, d2) => {
        const p = normalKnownVariancePrior({ mean: 1, variance: v, noiseVariance: s2 });
        const merged = combineStats(normalStats(d1), normalStats(d2));
        const all = normalStats([...d1, ...d2]);
        expect(merged.n).toBe(all.n);
        expectClose(merged.mean, all.mean, 1e-12);
        expectClose(merged.sumSquares, all.sumSquares, 1e-9);
        expectRecordClose(update(p, merged), update(p, [...d1, ...d2]), 1e-10);
      }),
    );
  });

  it("category indices and multinomial rows", () => {
    fc.assert(
      fc.property(fc.array(positive, { minLength: 4, maxLength: 4 }), categories, (a, d) => {
        const p = dirichletPrior(a);
        // each index as a one-draw multinomial row: same posterior, and the coefficients are 0
        const rows = new Float64Array(4 * d.length);
        d.forEach((k, i) => {
          rows[4 * i + k] = 1;
        });
        const stats = multinomialStats(rows, 4);
        expect(stats.logCoefficient).toBe(0);
        expect(update(p, stats)).toEqual(update(p, d));
        expect(update(p, categoricalStats(d, 4))).toEqual(update(p, d));
        expectClose(logEvidence(p, stats), logEvidence(p, d), 1e-12);
      }),
    );
  });
});

describe("known values", () => {
  it("Beta(1, 1) with 7 successes in 10 trials gives Beta(8, 4); the sequence has probability 1/11/C(10, 7)", () => {
    const p = betaPrior(1, 1);
    const seq = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1];
    expect(update(p, seq)).toEqual({ kind: "beta", alpha: 8, beta: 4 });
    expect(update(p, binomialStats([7], [10]))).toEqual({ kind: "beta", alpha: 8, beta: 4 });
    expectClose(Math.exp(logEvidence(p, seq)), 1 / 11 / 120, 1e-14);
    // the counts: every k in 0..10 is equally likely under the uniform prior (Bayes 1763)
    expectClose(Math.exp(logEvidence(p, binomialStats([7], [10]))), 1 / 11, 1e-14);
  });

  it("Laplace's rule of succession: P(next = 1) = (s + 1)/(n + 2)", () => {
    const pred = posteriorPredictive(update(betaPrior(1, 1), [1, 1, 1, 0]));
    expect(pred).toEqual({ kind: "beta-binomial", trials: 1, alpha: 4, beta: 2 });
  });

  it("Gamma(2, 1) with counts 3, 1, 4 gives Gamma(10, 4); the evidence in closed form", () => {
    const p = gammaPrior(2, 1);
    expect(update(p, [3, 1, 4])).toEqual({ kind: "gamma", shape: 10, rate: 4 });
    // ∫ λ e^{-λ} Π λ^{y} e^{-λ}/y! dλ = Γ(10)/(4^10 · 3!·1!·4!)
    expectClose(Math.exp(logEvidence(p, [3, 1, 4])), 362880 / (4 ** 10 * 6 * 24), 1e-13);
  });

  it("Gamma–Poisson with exposures: a count over exposure t is Poisson(tλ)", () => {
    const p = gammaPrior(1, 1); // Exp(1)
    // one count y = 2 over t = 3: ∫ e^{-λ} (3λ)² e^{-3λ}/2 dλ = 9/2 · 2/4³ = 9/64
    expect(update(p, poissonStats([2], [3]))).toEqual({ kind: "gamma", shape: 3, rate: 4 });
    expectClose(Math.exp(logEvidence(p, poissonStats([2], [3]))), 9 / 64, 1e-14);
    // the predictive over exposure t: NegBin(α, β/(β + t))
    expect(posteriorPredictive(gammaPrior(3, 4), { exposure: 2 })).toEqual({
      kind: "negative-binomial",
      r: 3,
      p: 4 / 6,
    });
  });

  it("normal with known variance: equal prior and data weight halves the way", () => {
    const p = normalKnownVariancePrior({ mean: 0, variance: 1, noiseVariance: 1 });
    expect(update(p, [2])).toEqual({
      kind: "normal-known-variance",
      mean: 1,
      variance: 0.5,
      noiseVariance: 1,
    });
    // x ~ N(0, 1 + 1): ln P(D) = ln N(2 | 0, 2)
    expectClose(logEvidence(p, [2]), -0.5 * Math.log(2 * Math.PI * 2) - 1, 1e-14);
    expect(posteriorPredictive(update(p, [2]))).toEqual({ kind: "normal", mean: 1, variance: 1.5 });
  });

  it("NIG(0, 1, 2, 2) with data 1, 2, 3: κ = 4, μ = 1.5, α = 3.5, β = 2 + 1 + 3·4/8 = 4.5", () => {
    const post = update(normalInverseGammaPrior({ mean: 0, kappa: 1, alpha: 2, beta: 2 }), [1, 2, 3]);
    expect(post).toEqual({ kind: "normal-inverse-gamma", mean: 1.5, kappa: 4, alpha: 3.5, beta: 4.5 });
    expectRecordClose(
      posteriorPredictive(post),
      { kind: "student-t", dof: 7, location: 1.5, scale: Math.sqrt((4.5 * 5) / (3.5 * 4)) },
      1e-15,
    );
  });

  it("Dir(1, 1, 1) with draws 0, 2, 2 gives Dir(2, 1, 3); the sequence has probability 1·1·2/(3·4·5)", () => {
    const p = dirichletPrior([1, 1, 1]);
    expect(Array.from(update(p, [0, 2, 2]).alpha)).toEqual([2, 1, 3]);
    // Pólya urn: 1/3 · 1/4 · 2/5
    expectClose(Math.exp(logEvidence(p, [0, 2, 2])), 1 / 30, 1e-14);
    // the counts (1, 0, 2) in any order: 3 orderings
    expectClose(Math.exp(logEvidence(p, multinomialStats([1, 0, 2], 3))), 3 / 30, 1e-14);
  });
});

describe("errors", () => {
  it("priors refuse parameters out of range with the argument and the range", () => {
    expect(() => betaPrior(0, 1)).toThrow("betaPrior: alpha must be a finite number > 0, got 0");
    expect(() => betaPrior(1, Number.POSITIVE_INFINITY)).toThrow(
      /betaPrior: beta must be a finite number > 0/,
    );
    expect(() => gammaPrior(1, Number.NaN)).toThrow("gammaPrior: rate must be a finite number > 0, got NaN");
    expect(() => normalKnownVariancePrior({ mean: Number.NaN, variance: 1, noiseVariance: 1 })).toThrow(
      "normalKnownVariancePrior: mean must be a finite number, got NaN",
    );
    expect(() => normalKnownVariancePrior({ mean: 0, variance: 1, noiseVariance: 0 })).toThrow(
      /noiseVariance must be a finite number > 0/,
    );
    expect(() => normalInverseGammaPrior({ mean: 0, kappa: -1, alpha: 1, beta: 1 })).toThrow(
      "normalInverseGammaPrior: kappa must be a finite number > 0, got -1",
    );
    expect(() => dirichletPrior([1])).toThrow("dirichletPrior: alpha must have at least 2 categories, got 1");
    expect(() => dirichletPrior([1, 0, 2])).toThrow(
      "dirichletPrior: alpha[1] must be a finite number > 0, got 0",
    );
  });

  it("data that do not fit the prior are refused, naming the observation", () => {
    expect(() => update(betaPrior(1, 1), [1, 0.5])).toThrow("update: data must be 0 or 1, got data[1]=0.5");
    expect(() => update(gammaPrior(1, 1), [1, -1])).toThrow(
      "update: data[1] must be an integer >= 0, got -1",
    );
    expect(() => logEvidence(gammaPrior(1, 1), [2.5])).toThrow(
      "logEvidence: data[0] must be an integer >= 0",
    );
    expect(() =>
      update(normalInverseGammaPrior({ mean: 0, kappa: 1, alpha: 1, beta: 1 }), [1, Number.NaN]),
    ).toThrow("update: data must be finite numbers, got data[1]=NaN");
    expect(() => update(dirichletPrior([1, 1]), [0, 2])).toThrow(
      "update: data must be integers in [0, 2), got data[1]=2",
    );
    expect(() => update(betaPrior(1, 1), normalStats([1]))).toThrow(
      "update: data must be binomial-stats for this prior, got normal-stats",
    );
    expect(() => update(dirichletPrior([1, 1, 1]), categoricalStats([0], 2))).toThrow(
      /update: data.counts must be a Float64Array of 3 counts/,
    );
    expect(() =>
      update(betaPrior(1, 1), { kind: "binomial-stats", successes: -1, failures: 0, logCoefficient: 0 }),
    ).toThrow("update: data.successes must be an integer >= 0, got -1");
    // @ts-expect-error not a prior
    expect(() => update({ kind: "student-t" }, [1])).toThrow(/update: prior must be a beta, gamma/);
    // @ts-expect-error not data
    expect(() => update(betaPrior(1, 1), 3)).toThrow(/update: data must be an array of numbers/);
  });

  it("statistics constructors check their input", () => {
    expect(() => binomialStats([3], [2])).toThrow(
      "binomialStats: successes[0] must be an integer in [0, 2], got 3",
    );
    expect(() => binomialStats([1, 1], [2])).toThrow(/must have the same length, got 2 and 1/);
    expect(() => poissonStats([1, 2], [1])).toThrow(
      "poissonStats: exposures must have one entry per count (2), got 1",
    );
    expect(() => poissonStats([1], [0])).toThrow(
      "poissonStats: exposures[0] must be a finite number > 0, got 0",
    );
    expect(() => normalStats([Number.POSITIVE_INFINITY])).toThrow(/normalStats: observations must be finite/);
    expect(() => categoricalStats([0], 1)).toThrow(
      "categoricalStats: nCategories must be an integer >= 2, got 1",
    );
    expect(() => multinomialStats([1, 2, 3], 2)).toThrow(
      /counts length 3 is not a multiple of nCategories=2/,
    );
    expect(() => multinomialStats([1, -2], 2)).toThrow(
      "multinomialStats: counts[1] must be an integer >= 0, got -2",
    );
    expect(() => combineStats(normalStats([1]), bernoulliStats([1]) as never)).toThrow(
      "combineStats: a and b must be of the same kind, got normal-stats and binomial-stats",
    );
    expect(() => combineStats(categoricalStats([0], 2), categoricalStats([0], 3))).toThrow(
      /same number of categories, got 2 and 3/,
    );
  });

  it("posteriorPredictive checks trials and exposure", () => {
    expect(() => posteriorPredictive(betaPrior(1, 1), { trials: 0 })).toThrow(
      "posteriorPredictive: trials must be an integer >= 1, got 0",
    );
    expect(() => posteriorPredictive(gammaPrior(1, 1), { exposure: -1 })).toThrow(
      "posteriorPredictive: exposure must be a finite number > 0, got -1",
    );
  });
});

describe("numerics", () => {
  it("normal statistics keep full precision far from 0 (Welford, not Σx² - n x̄²)", () => {
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    const s = normalStats(xs);
    expect(s.mean).toBe(1e9 + 10);
    expect(s.sumSquares).toBe(36 + 9 + 9 + 36);
  });

  it("large counts: the evidence stays finite where the probabilities underflow", () => {
    const ev = logEvidence(betaPrior(1, 1), binomialStats([600_000], [1_000_000]));
    expectClose(ev, -Math.log(1_000_001), 1e-9);
    const seq = logEvidence(dirichletPrior([0.5, 0.5, 0.5]), categoricalStats(new Array(50_000).fill(1), 3));
    expect(Number.isFinite(seq)).toBe(true);
  });
});
