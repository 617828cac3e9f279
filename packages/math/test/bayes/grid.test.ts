/**
 * Bayes' rule checked by numerical integration, independently of the closed forms: on a grid
 * over the parameters, prior × likelihood (the likelihood written out here from its
 * definition) integrates to P(D), which must equal exp(logEvidence); divided by that
 * integral it must equal the posterior's density at every grid point; and the likelihood of
 * a new observation integrated against the grid posterior must equal the posterior
 * predictive's density or mass.
 *
 * Grids: midpoint rules after a change of variables that makes the integrand smooth at the
 * ends (θ = u - sin(2πu)/(2π) on [0, 1], scaled to [0, U] for a rate); the normal
 * directions are integrated over ±14 posterior standard deviations, where the midpoint rule
 * converges faster than any power. 1-D: Beta, Gamma, Normal with known variance; 2-D: the
 * NIG over (ln σ², z) with μ = μₙ + z·√(σ²/κₙ) (each row of the grid spans its own
 * conditional posterior of μ); the Dirichlet with 3 categories on the simplex through
 * θ = (u, (1-u)v, (1-u)(1-v)), Jacobian (1 - u).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  betaPrior,
  dirichletPrior,
  gammaPrior,
  logDensity,
  logEvidence,
  marginal,
  meanOf,
  normalInverseGammaPrior,
  normalKnownVariancePrior,
  posteriorPredictive,
  quantileOf,
  update,
  varianceOf,
} from "../../src/bayes/index.js";

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * Midpoint nodes and weights of θ = u - sin(2πu)/(2π) on [0, 1]: dθ = (1 - cos 2πu) du
 * vanishes with its first derivative at both ends, so a smooth integrand becomes periodic
 * in u (the midpoint rule then converges faster than any power), and θ^p dθ ~ u^{3p+2} du.
 */
function unitGrid(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    x[i] = u - Math.sin(2 * Math.PI * u) / (2 * Math.PI);
    w[i] = (1 - Math.cos(2 * Math.PI * u)) / n;
  }
  return { x, w };
}

/** Σ w·exp(l) in log space. */
function logIntegral(logF: Float64Array, w: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logF.length; i++) m = Math.max(m, logF[i]!);
  let s = 0;
  for (let i = 0; i < logF.length; i++) s += w[i]! * Math.exp(logF[i]! - m);
  return m + Math.log(s);
}

/** Checks the grid posterior against the closed form where its log density is within 20 of its top. */
function expectPosteriorMatches(
  joint: Float64Array,
  logZ: number,
  closed: (i: number) => number,
  tol: number,
): void {
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < joint.length; i++) top = Math.max(top, joint[i]!);
  let checked = 0;
  for (let i = 0; i < joint.length; i += 7) {
    if (joint[i]! < top - 20) continue;
    const err = Math.abs(closed(i) - (joint[i]! - logZ));
    if (!(err <= tol)) expect.fail(`posterior log density off by ${err} at grid point ${i}`);
    checked++;
  }
  expect(checked).toBeGreaterThan(10);
}

describe("Beta–Bernoulli on a 1-D grid", () => {
  it("P(D), the posterior and the predictive agree with prior × likelihood (fast-check)", () => {
    const { x, w } = unitGrid(2000);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 25 }),
        (a, b, data) => {
          const prior = betaPrior(a, b);
          const s = data.filter((v) => v === 1).length;
          const f = data.length - s;
          const joint = x.map((t) => logDensity(prior, t) + s * Math.log(t) + f * Math.log1p(-t));
          const logZ = logIntegral(joint, w);
          expect(Math.abs(logZ - logEvidence(prior, data))).toBeLessThan(1e-8);
          const post = update(prior, data);
          expectPosteriorMatches(joint, logZ, (i) => logDensity(post, x[i]!), 1e-8);
          // three future trials: ∫ C(3, k) θ^k (1-θ)^{3-k} p(θ | D) dθ
          const pred = posteriorPredictive(post, { trials: 3 });
          for (let k = 0; k <= 3; k++) {
            const l = joint.map(
              (lj, i) => lj - logZ + logChoose(3, k) + k * Math.log(x[i]!) + (3 - k) * Math.log1p(-x[i]!),
            );
            expect(Math.abs(logIntegral(l, w) - logDensity(pred, k))).toBeLessThan(1e-8);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("Gamma–Poisson on a 1-D grid", () => {
  it("P(D), the posterior and the predictive agree with prior × likelihood (fast-check)", () => {
    const n = 2000;
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 0.3, max: 4, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 8 }),
        (shape, rate, data) => {
          const prior = gammaPrior(shape, rate);
          const post = update(prior, data);
          const upper = quantileOf(post, 1 - 1e-14);
          const unit = unitGrid(n);
          const x = unit.x.map((t) => upper * t);
          const w = unit.w.map((t) => upper * t);
          const total = data.reduce((acc, y) => acc + y, 0);
          const logFact = data.reduce((acc, y) => acc + logFactorial(y), 0);
          const joint = x.map((l) => logDensity(prior, l) + total * Math.log(l) - data.length * l - logFact);
          const logZ = logIntegral(joint, w);
          expect(Math.abs(logZ - logEvidence(prior, data))).toBeLessThan(1e-8);
          expectPosteriorMatches(joint, logZ, (i) => logDensity(post, x[i]!), 1e-8);
          const pred = posteriorPredictive(post, { exposure: 2 });
          for (const k of [0, 1, 4, 9]) {
            const l = joint.map((lj, i) => lj - logZ + k * Math.log(2 * x[i]!) - 2 * x[i]! - logFactorial(k));
            expect(Math.abs(logIntegral(l, w) - logDensity(pred, k))).toBeLessThan(1e-8);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("Normal with known variance on a 1-D grid", () => {
  it("P(D), the posterior and the predictive agree with prior × likelihood (fast-check)", () => {
    const n = 2000;
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { maxLength: 10 }),
        (mean, variance, noiseVariance, data) => {
          const prior = normalKnownVariancePrior({ mean, variance, noiseVariance });
          const post = update(prior, data);
          const sd = Math.sqrt(post.variance);
          const h = (28 * sd) / n;
          const x = Float64Array.from({ length: n }, (_, i) => post.mean - 14 * sd + (i + 0.5) * h);
          const w = new Float64Array(n).fill(h);
          const logLik = (mu: number) =>
            data.reduce(
              (acc, v) =>
                acc -
                0.5 * Math.log(2 * Math.PI * noiseVariance) -
                ((v - mu) * (v - mu)) / (2 * noiseVariance),
              0,
            );
          const joint = x.map((mu) => logDensity(prior, mu) + logLik(mu));
          const logZ = logIntegral(joint, w);
          expect(Math.abs(logZ - logEvidence(prior, data))).toBeLessThan(1e-9);
          expectPosteriorMatches(joint, logZ, (i) => logDensity(post, x[i]!), 1e-9);
          const pred = posteriorPredictive(post);
          for (const z of [-3, 0, 2.5]) {
            const y = post.mean + z;
            const l = joint.map(
              (lj, i) =>
                lj -
                logZ -
                0.5 * Math.log(2 * Math.PI * noiseVariance) -
                (y - x[i]!) ** 2 / (2 * noiseVariance),
            );
            expect(Math.abs(logIntegral(l, w) - logDensity(pred, y))).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("Normal–Inverse-Gamma on a 2-D grid over (μ, ln σ²)", () => {
  it("P(D), the joint posterior, its marginals and the predictive agree with prior × likelihood (fast-check)", () => {
    const nMu = 300;
    const nS = 300;
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (mean, kappa, alpha, beta, data) => {
          const prior = normalInverseGammaPrior({ mean, kappa, alpha, beta });
          const post = update(prior, data);
          const varPost = marginal(post, 1);
          const sLo = Math.log(quantileOf(varPost, 1e-13));
          const sHi = Math.log(quantileOf(varPost, 1 - 1e-13));
          const hS = (sHi - sLo) / nS;
          const hZ = 28 / nMu;
          const size = nMu * nS;
          const mus = new Float64Array(size);
          const vars = new Float64Array(size);
          const joint = new Float64Array(size);
          const w = new Float64Array(size);
          for (let j = 0; j < nS; j++) {
            const v = Math.exp(sLo + (j + 0.5) * hS);
            const sdMu = Math.sqrt(v / post.kappa);
            for (let i = 0; i < nMu; i++) {
              const mu = post.mean + (-14 + (i + 0.5) * hZ) * sdMu;
              const at = j * nMu + i;
              let ll = 0;
              for (const xv of data)
                ll -= 0.5 * Math.log(2 * Math.PI * v) + ((xv - mu) * (xv - mu)) / (2 * v);
              mus[at] = mu;
              vars[at] = v;
              joint[at] = logDensity(prior, [mu, v]) + ll;
              w[at] = hZ * sdMu * hS * v; // dμ = √(σ²/κₙ) dz, dσ² = σ² d(ln σ²)
            }
          }
          const logZ = logIntegral(joint, w);
          expect(Math.abs(logZ - logEvidence(prior, data))).toBeLessThan(1e-7);
          expectPosteriorMatches(joint, logZ, (k) => logDensity(post, [mus[k]!, vars[k]!]), 1e-7);
          // E[μ | D] and E[σ² | D] from the grid against the marginals' means
          const wPost = joint.map((l, k) => w[k]! * Math.exp(l - logZ));
          const eMu = wPost.reduce((acc, p, k) => acc + p * mus[k]!, 0);
          const eVar = wPost.reduce((acc, p, k) => acc + p * vars[k]!, 0);
          const m = meanOf(post);
          expect(Math.abs(eMu - m[0]!)).toBeLessThan(1e-7 * (1 + Math.abs(m[0]!)));
          expect(Math.abs(eVar - m[1]!) / m[1]!).toBeLessThan(1e-6);
          const pred = posteriorPredictive(post);
          for (const y of [post.mean - 2, post.mean + 0.5]) {
            const l = joint.map(
              (lj, k) =>
                lj - logZ - 0.5 * Math.log(2 * Math.PI * vars[k]!) - (y - mus[k]!) ** 2 / (2 * vars[k]!),
            );
            expect(Math.abs(logIntegral(l, w) - logDensity(pred, y))).toBeLessThan(1e-7);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("Dirichlet–Categorical with 3 categories on a 2-D simplex grid", () => {
  it("P(D), the posterior and the predictive agree with prior × likelihood (fast-check)", () => {
    const n = 300;
    const g = unitGrid(n);
    const size = n * n;
    const t1 = new Float64Array(size);
    const t2 = new Float64Array(size);
    const t3 = new Float64Array(size);
    const w = new Float64Array(size);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const u = g.x[i]!;
        const v = g.x[j]!;
        const k = i * n + j;
        t1[k] = u;
        t2[k] = (1 - u) * v;
        t3[k] = (1 - u) * (1 - v);
        w[k] = g.w[i]! * g.w[j]! * (1 - u);
      }
    }
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 4, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 15 }),
        (alpha, data) => {
          const prior = dirichletPrior(alpha);
          const c = [0, 0, 0];
          for (const k of data) c[k]!++;
          const joint = new Float64Array(size);
          for (let k = 0; k < size; k++) {
            const th = [t1[k]!, t2[k]!, t3[k]!];
            joint[k] =
              logDensity(prior, th) +
              c[0]! * Math.log(th[0]!) +
              c[1]! * Math.log(th[1]!) +
              c[2]! * Math.log(th[2]!);
          }
          const logZ = logIntegral(joint, w);
          expect(Math.abs(logZ - logEvidence(prior, data))).toBeLessThan(1e-8);
          const post = update(prior, data);
          expectPosteriorMatches(joint, logZ, (k) => logDensity(post, [t1[k]!, t2[k]!, t3[k]!]), 1e-8);
          // two future draws landing as counts (1, 0, 1): 2 θ₁ θ₃ against the grid posterior
          const pred = posteriorPredictive(post, { trials: 2 });
          const l = joint.map((lj, k) => lj - logZ + Math.log(2 * t1[k]! * t3[k]!));
          expect(Math.abs(logIntegral(l, w) - logDensity(pred, [1, 0, 1]))).toBeLessThan(1e-8);
          // the marginal variance of θ₂ from the grid
          const wPost = joint.map((lj, k) => w[k]! * Math.exp(lj - logZ));
          const e2 = wPost.reduce((acc, p, k) => acc + p * t2[k]!, 0);
          const v2 = wPost.reduce((acc, p, k) => acc + p * (t2[k]! - e2) ** 2, 0);
          expect(Math.abs(e2 - meanOf(post)[1]!)).toBeLessThan(1e-9);
          expect(Math.abs(v2 - varianceOf(post)[1]!)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 25 },
    );
  });
});
