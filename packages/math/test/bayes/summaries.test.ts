import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BayesDistribution,
  betaBinomialDistribution,
  betaPrior,
  binomialStats,
  type ContinuousDistribution,
  credibleInterval,
  dirichletMultinomialDistribution,
  dirichletPrior,
  gammaPrior,
  inverseGammaDistribution,
  logDensity,
  logEvidence,
  marginal,
  meanOf,
  modeOf,
  negativeBinomialDistribution,
  normalDistribution,
  normalInverseGammaPrior,
  normalKnownVariancePrior,
  poissonStats,
  quantileOf,
  studentTDistribution,
  update,
  varianceOf,
} from "../../src/bayes/index.js";
import ref from "../fixtures/bayes/reference.json" with { type: "json" };
import { expectClose, expectRecordClose } from "./helpers.js";

// Reference values from SciPy 1.10.1 (fixtures/bayes/reference.py).
type Row = number[];
const rows = (xs: unknown): Row[] => xs as Row[];

describe("densities, moments and quantiles against SciPy", () => {
  it("beta", () => {
    for (const [a, b, x, v] of rows(ref.beta.logpdf))
      expectClose(logDensity(betaPrior(a!, b!), x!), v!, 1e-13);
    for (const [a, b, p, v] of rows(ref.beta.ppf)) expectClose(quantileOf(betaPrior(a!, b!), p!), v!, 1e-12);
    for (const [a, b, m, v] of rows(ref.beta.stats)) {
      expectClose(meanOf(betaPrior(a!, b!)), m!, 1e-15);
      expectClose(varianceOf(betaPrior(a!, b!)), v!, 1e-15);
    }
  });

  it("gamma (shape, rate)", () => {
    for (const [a, r, x, v] of rows(ref.gamma.logpdf))
      expectClose(logDensity(gammaPrior(a!, r!), x!), v!, 1e-13);
    for (const [a, r, p, v] of rows(ref.gamma.ppf))
      expectClose(quantileOf(gammaPrior(a!, r!), p!), v!, 1e-12);
  });

  it("normal (mean, variance), and the known-variance prior as the normal on μ", () => {
    for (const [m, v, x, l] of rows(ref.normal.logpdf)) {
      expectClose(logDensity(normalDistribution(m!, v!), x!), l!, 1e-14);
      expectClose(
        logDensity(normalKnownVariancePrior({ mean: m!, variance: v!, noiseVariance: 7 }), x!),
        l!,
        1e-14,
      );
    }
    for (const [m, v, p, q] of rows(ref.normal.ppf))
      expectClose(quantileOf(normalDistribution(m!, v!), p!), q!, 1e-12);
  });

  it("Student's t with location and scale; no mean for ν ≤ 1, infinite variance for ν ≤ 2", () => {
    for (const [d, l, s, x, v] of rows(ref.t.logpdf)) {
      expectClose(logDensity(studentTDistribution(d!, l!, s!), x!), v!, 1e-13);
    }
    // @stdlib's t quantile agrees with SciPy's to about 2e-10 (relative), not to the last digits
    for (const [d, l, s, p, v] of rows(ref.t.ppf))
      expectClose(quantileOf(studentTDistribution(d!, l!, s!), p!), v!, 1e-9);
    for (const [d, l, s, m, v] of rows(ref.t.stats)) {
      expectClose(meanOf(studentTDistribution(d!, l!, s!)), m!, 1e-15);
      expect(varianceOf(studentTDistribution(d!, l!, s!))).toBeCloseTo(v!, 13);
    }
    expect(meanOf(studentTDistribution(1, 0, 1))).toBeNaN();
    expect(varianceOf(studentTDistribution(1, 0, 1))).toBeNaN();
    expect(varianceOf(studentTDistribution(1.5, 0, 1))).toBe(Number.POSITIVE_INFINITY);
  });

  it("inverse gamma (shape, scale); infinite mean for α ≤ 1 and variance for α ≤ 2", () => {
    for (const [a, b, x, v] of rows(ref.invgamma.logpdf)) {
      expectClose(logDensity(inverseGammaDistribution(a!, b!), x!), v!, 1e-13);
    }
    for (const [a, b, p, v] of rows(ref.invgamma.ppf)) {
      expectClose(quantileOf(inverseGammaDistribution(a!, b!), p!), v!, 1e-12);
    }
    for (const [a, b, m, v] of rows(ref.invgamma.stats)) {
      expectClose(meanOf(inverseGammaDistribution(a!, b!)), m!, 1e-14);
      expectClose(varianceOf(inverseGammaDistribution(a!, b!)), v!, 1e-14);
    }
    expect(meanOf(inverseGammaDistribution(1, 1))).toBe(Number.POSITIVE_INFINITY);
    expect(varianceOf(inverseGammaDistribution(2, 1))).toBe(Number.POSITIVE_INFINITY);
  });

  it("beta-binomial", () => {
    for (const [n, a, b, k, v] of rows(ref.betabinom.logpmf)) {
      expectClose(logDensity(betaBinomialDistribution(n!, a!, b!), k!), v!, 1e-12);
    }
    for (const [n, a, b, m, v] of rows(ref.betabinom.stats)) {
      expectClose(meanOf(betaBinomialDistribution(n!, a!, b!)), m!, 1e-14);
      expectClose(varianceOf(betaBinomialDistribution(n!, a!, b!)), v!, 1e-14);
    }
  });

  it("negative binomial with real r", () => {
    for (const [r, p, k, v] of rows(ref.nbinom.logpmf)) {
      expectClose(logDensity(negativeBinomialDistribution(r!, p!), k!), v!, 1e-12);
    }
    for (const [r, p, m, v] of rows(ref.nbinom.stats)) {
      expectClose(meanOf(negativeBinomialDistribution(r!, p!)), m!, 1e-14);
      expectClose(varianceOf(negativeBinomialDistribution(r!, p!)), v!, 1e-14);
    }
  });

  it("Dirichlet", () => {
    for (const [a, x, v] of ref.dirichlet.logpdf as [number[], number[], number][]) {
      expectClose(logDensity(dirichletPrior(a), x), v, 1e-13);
    }
    for (const [a, m, v] of ref.dirichlet.stats as [number[], number[], number[]][]) {
      meanOf(dirichletPrior(a)).forEach((x, k) => {
        expectClose(x, m[k]!, 1e-15);
      });
      varianceOf(dirichletPrior(a)).forEach((x, k) => {
        expectClose(x, v[k]!, 1e-14);
      });
    }
  });

  it("equal-tailed credible intervals", () => {
    const make: Record<string, (p: number[]) => ContinuousDistribution> = {
      beta: ([a, b]) => betaPrior(a!, b!),
      gamma: ([a, r]) => gammaPrior(a!, r!),
      t: ([d, l, s]) => studentTDistribution(d!, l!, s!),
      invgamma: ([a, b]) => inverseGammaDistribution(a!, b!),
    };
    for (const [kind, params, level, lower, upper] of ref.interval as [
      string,
      number[],
      number,
      number,
      number,
    ][]) {
      const ci = credibleInterval(make[kind]!(params), level);
      const tol = kind === "t" ? 1e-9 : 1e-12; // @stdlib's t quantile, as above
      expectClose(ci.lower, lower, tol);
      expectClose(ci.upper, upper, tol);
    }
  });
});

describe("logEvidence against SciPy's independent computations", () => {
  it("beta-binomial counts, Gamma–Poisson by quadrature, the data vector's multivariate normal and t", () => {
    for (const c of ref.evidence as Record<string, unknown>[]) {
      const prior = c.prior as number[];
      const expected = c.logEvidence as number;
      switch (c.model) {
        case "beta-binomial":
          expectClose(
            logEvidence(
              betaPrior(prior[0]!, prior[1]!),
              binomialStats(c.successes as number[], c.trials as number[]),
            ),
            expected,
            1e-12,
          );
          break;
        case "gamma-poisson":
          expectClose(
            logEvidence(
              gammaPrior(prior[0]!, prior[1]!),
              poissonStats(c.counts as number[], c.exposures as number[]),
            ),
            expected,
            1e-9,
          );
          break;
        case "normal-known-variance": {
          const p = normalKnownVariancePrior({
            mean: prior[0]!,
            variance: prior[1]!,
            noiseVariance: prior[2]!,
          });
          expectClose(logEvidence(p, c.data as number[]), expected, 1e-12);
          break;
        }
        case "normal-inverse-gamma": {
          const [mean, kappa, alpha, beta] = prior as [number, number, number, number];
          expectClose(
            logEvidence(normalInverseGammaPrior({ mean, kappa, alpha, beta }), c.data as number[]),
            expected,
            1e-12,
          );
          break;
        }
        default:
          expect.fail(`unknown model ${String(c.model)}`);
      }
    }
  });
});

const positive = fc.double({ min: 0.2, max: 30, noNaN: true });

describe("discrete distributions (fast-check)", () => {
  it("beta-binomial and Dirichlet-multinomial masses sum to 1 with the closed-form mean and variance", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), positive, positive, (n, a, b) => {
        const d = betaBinomialDistribution(n, a, b);
        const dm = dirichletMultinomialDistribution(n, [a, b]);
        let s = 0;
        let m = 0;
        let m2 = 0;
        for (let k = 0; k <= n; k++) {
          const p = Math.exp(logDensity(d, k));
          expectClose(logDensity(dm, [k, n - k]), logDensity(d, k), 1e-12);
          s += p;
          m += k * p;
          m2 += k * k * p;
        }
        expectClose(s, 1, 1e-12);
        expectClose(m, meanOf(d), 1e-11);
        expectClose(m2 - m * m, varianceOf(d), 1e-9);
        expectClose(meanOf(dm)[0]!, meanOf(d), 1e-14);
        expectClose(varianceOf(dm)[0]!, varianceOf(d), 1e-14);
        expectRecordClose(marginal(dm, 0), d, 1e-14);
      }),
    );
  });

  it("negative binomial masses sum to 1 with the closed-form mean and variance", () => {
    fc.assert(
      fc.property(positive, fc.double({ min: 0.2, max: 0.95, noNaN: true }), (r, p) => {
        const d = negativeBinomialDistribution(r, p);
        let s = 0;
        let m = 0;
        let m2 = 0;
        for (let k = 0; k < 5000; k++) {
          const q = Math.exp(logDensity(d, k));
          s += q;
          m += k * q;
          m2 += k * k * q;
        }
        expectClose(s, 1, 1e-10);
        expectClose(m, meanOf(d), 1e-9);
        expectClose(m2 - m * m, varianceOf(d), 1e-8);
      }),
    );
  });

  it("masses are -Infinity off the support and NaN at NaN", () => {
    const d = betaBinomialDistribution(5, 1, 2);
    expect(logDensity(d, 6)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(d, 1.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(d, -1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(d, Number.NaN)).toBeNaN();
    expect(logDensity(negativeBinomialDistribution(2, 0.5), -1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(dirichletMultinomialDistribution(3, [1, 1]), [1, 1])).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(dirichletMultinomialDistribution(3, [1, 1]), [0.5, 2.5])).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe("continuous distributions (fast-check)", () => {
  const continuous: fc.Arbitrary<ContinuousDistribution> = fc.oneof(
    fc.tuple(positive, positive).map(([a, b]) => betaPrior(a, b)),
    fc.tuple(positive, positive).map(([a, b]) => gammaPrior(a, b)),
    fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), positive).map(([m, v]) => normalDistribution(m, v)),
    fc
      .tuple(positive, fc.double({ min: -5, max: 5, noNaN: true }), positive)
      .map(([d, l, s]) => studentTDistribution(d, l, s)),
    fc.tuple(positive, positive).map(([a, b]) => inverseGammaDistribution(a, b)),
  );

  it("the credible interval holds its level: the density integrates to `level` between its ends", () => {
    fc.assert(
      fc.property(continuous, fc.double({ min: 0.5, max: 0.99, noNaN: true }), (d, level) => {
        const { lower, upper } = credibleInterval(d, level);
        expect(lower).toBeLessThan(upper);
        // Simpson in a variable where the density is smooth up to the ends: logit x for a
        // Beta, ln x for the positive ones, asinh((x - c)/s) for the normal and t (heavy tails)
        const pos = d.kind === "gamma" || d.kind === "inverse-gamma";
        const c = d.kind === "student-t" ? d.location : d.kind === "normal" ? d.mean : 0;
        const sc = d.kind === "student-t" ? d.scale : d.kind === "normal" ? Math.sqrt(d.variance) : 1;
        const to = (x: number): number =>
          d.kind === "beta" ? Math.log(x / (1 - x)) : pos ? Math.log(x) : Math.asinh((x - c) / sc);
        const from = (y: number): number =>
          d.kind === "beta" ? 1 / (1 + Math.exp(-y)) : pos ? Math.exp(y) : c + sc * Math.sinh(y);
        const jac = (x: number): number =>
          d.kind === "beta" ? x * (1 - x) : pos ? x : sc * Math.cosh(Math.asinh((x - c) / sc));
        const n = 4000;
        const a = to(lower);
        const h = (to(upper) - a) / n;
        let s = 0;
        for (let i = 0; i <= n; i++) {
          const wgt = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
          const x = from(a + i * h);
          s += wgt * Math.exp(logDensity(d, x)) * jac(x);
        }
        expect(Math.abs((s * h) / 3 - level)).toBeLessThan(1e-8);
      }),
      { numRuns: 60 },
    );
  });

  it("the quantile is increasing in p and the mode is where the density is highest", () => {
    fc.assert(
      fc.property(continuous, (d) => {
        const qs = [0.01, 0.2, 0.5, 0.8, 0.99].map((p) => quantileOf(d, p));
        for (let i = 1; i < qs.length; i++) expect(qs[i]).toBeGreaterThan(qs[i - 1]!);
        const mode = modeOf(d);
        if (Number.isNaN(mode)) {
          expect(d.kind).toBe("beta");
          return;
        }
        const at = logDensity(d, mode);
        for (const p of [0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999]) {
          expect(logDensity(d, quantileOf(d, p))).toBeLessThanOrEqual(at + 1e-9 * Math.max(1, Math.abs(at)));
        }
      }),
    );
  });

  it("Beta modes: interior, boundary, and NaN for the flat and U-shaped ones", () => {
    expect(modeOf(betaPrior(8, 4))).toBe(0.7);
    expect(modeOf(betaPrior(1, 3))).toBe(0);
    expect(modeOf(betaPrior(0.5, 1))).toBe(0);
    expect(modeOf(betaPrior(2, 0.5))).toBe(1);
    expect(modeOf(betaPrior(1, 1))).toBeNaN();
    expect(modeOf(betaPrior(0.5, 0.5))).toBeNaN();
    expect(modeOf(gammaPrior(0.5, 1))).toBe(0);
    expect(modeOf(gammaPrior(3, 2))).toBe(1);
  });

  it("densities: -Infinity outside the support, NaN at NaN", () => {
    expect(logDensity(betaPrior(2, 2), 1.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(gammaPrior(2, 2), -1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(inverseGammaDistribution(2, 2), 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(normalDistribution(0, 1), Number.NaN)).toBeNaN();
    expect(logDensity(dirichletPrior([2, 2]), [0.5, 0.6])).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(dirichletPrior([2, 2]), [-0.5, 1.5])).toBe(Number.NEGATIVE_INFINITY);
    expect(logDensity(dirichletPrior([1, 3]), [1, 0])).toBe(Number.NEGATIVE_INFINITY);
    expectClose(logDensity(dirichletPrior([1, 3]), [0, 1]), Math.log(3), 1e-15);
    expectClose(logDensity(dirichletPrior([1, 2]), [0, 1]), Math.log(2), 1e-15);
    expect(logDensity(normalInverseGammaPrior({ mean: 0, kappa: 1, alpha: 1, beta: 1 }), [0, 0])).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe("multivariate summaries and marginals", () => {
  const nig = update(normalInverseGammaPrior({ mean: 0, kappa: 1, alpha: 2, beta: 2 }), [1, 2, 3]);

  it("NIG: the marginal of μ is t_{2α}(μ, √(β/(ακ))), of σ² Inv-Gamma(α, β); mean, variance and joint mode", () => {
    expect(marginal(nig, 0)).toEqual(studentTDistribution(7, 1.5, Math.sqrt(4.5 / (3.5 * 4))));
    expect(marginal(nig, 1)).toEqual(inverseGammaDistribution(3.5, 4.5));
    expect(Array.from(meanOf(nig))).toEqual([1.5, 4.5 / 2.5]);
    const v = varianceOf(nig);
    expectClose(v[0]!, varianceOf(marginal(nig, 0)), 1e-15);
    expectClose(v[1]!, varianceOf(marginal(nig, 1)), 1e-15);
    expect(Array.from(modeOf(nig))).toEqual([1.5, 4.5 / 5]);
    // the joint mode is a maximum: nearby points are lower
    const top = logDensity(nig, modeOf(nig));
    for (const [dm, dv] of [
      [0.01, 0],
      [-0.01, 0],
      [0, 0.01],
      [0, -0.01],
      [0.01, 0.01],
    ]) {
      expect(logDensity(nig, [1.5 + dm!, 0.9 + dv!])).toBeLessThan(top);
    }
  });

  it("Dirichlet: marginals are Betas, the mode is (α - 1)/(A - K) or NaN on the boundary", () => {
    const d = dirichletPrior([2, 1, 3]);
    expect(marginal(d, 2)).toEqual(betaPrior(3, 3));
    const mode = modeOf(d);
    expect(Array.from(mode).every(Number.isNaN)).toBe(true);
    expect(Array.from(modeOf(dirichletPrior([2, 3, 5])))).toEqual([1 / 7, 2 / 7, 4 / 7]);
    expectClose(meanOf(marginal(d, 1)), meanOf(d)[1]!, 1e-15);
    expectClose(varianceOf(marginal(d, 1)), varianceOf(d)[1]!, 1e-15);
  });

  it("the posterior concentrates: the 95% interval of a Beta shrinks like 1/√n around the truth", () => {
    const widths = [10, 100, 1000, 10000].map((n) => {
      const ci = credibleInterval(update(betaPrior(1, 1), binomialStats([0.3 * n], [n])));
      expect(ci.lower).toBeLessThan(0.3);
      expect(ci.upper).toBeGreaterThan(0.3);
      return ci.upper - ci.lower;
    });
    for (let i = 1; i < widths.length; i++) {
      const ratio = widths[i - 1]! / widths[i]!;
      expect(ratio).toBeGreaterThan(2.5);
      expect(ratio).toBeLessThan(4);
    }
  });
});

describe("errors", () => {
  it("constructors refuse parameters out of range", () => {
    expect(() => normalDistribution(0, 0)).toThrow(
      "normalDistribution: variance must be a finite number > 0, got 0",
    );
    expect(() => studentTDistribution(0, 0, 1)).toThrow(
      "studentTDistribution: dof must be a finite number > 0, got 0",
    );
    expect(() => inverseGammaDistribution(1, -2)).toThrow(
      /inverseGammaDistribution: scale must be a finite number > 0/,
    );
    expect(() => betaBinomialDistribution(2.5, 1, 1)).toThrow(
      "betaBinomialDistribution: trials must be an integer >= 1, got 2.5",
    );
    expect(() => negativeBinomialDistribution(1, 1)).toThrow(
      "negativeBinomialDistribution: p must be in (0, 1), got 1",
    );
    expect(() => dirichletMultinomialDistribution(0, [1, 1])).toThrow(
      /trials must be an integer >= 1, got 0/,
    );
  });

  it("summaries refuse what they cannot answer", () => {
    expect(() => quantileOf(betaPrior(1, 1), 1.5)).toThrow("quantileOf: p must be in [0, 1], got 1.5");
    expect(() => credibleInterval(betaPrior(1, 1), 1)).toThrow(
      "credibleInterval: level must be in (0, 1), got 1",
    );
    // @ts-expect-error a discrete distribution has no quantile here
    expect(() => quantileOf(betaBinomialDistribution(3, 1, 1), 0.5)).toThrow(
      /quantileOf: dist must be a univariate continuous distribution/,
    );
    // @ts-expect-error no mode for a discrete distribution
    expect(() => modeOf(negativeBinomialDistribution(2, 0.5))).toThrow(
      /modeOf: dist must be a univariate continuous/,
    );
    expect(() => marginal(dirichletPrior([1, 1]), 2)).toThrow(
      "marginal: index must be an integer in [0, 2), got 2",
    );
    // @ts-expect-error not multivariate
    expect(() => marginal(betaPrior(1, 1), 0)).toThrow(/marginal: dist must be a multivariate distribution/);
    expect(() => logDensity(dirichletPrior([1, 1, 1]), [0.5, 0.5])).toThrow(
      "logDensity: x must have 3 entries for a dirichlet distribution, got 2",
    );
    expect(() => logDensity(dirichletPrior([1, 1]), 0.5 as unknown as number[])).toThrow(
      /x must be an array/,
    );
    expect(() => meanOf({ kind: "cauchy" } as unknown as BayesDistribution)).toThrow(
      /meanOf: dist must be a distribution record of @tunelab\/math\/bayes, got kind cauchy/,
    );
  });
});
