import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossEntropy } from "../../src/metrics/cross-entropy.js";
import { entropy, perplexity } from "../../src/metrics/entropy.js";
import { klDivergence } from "../../src/metrics/kl-divergence.js";

interface DistributionCase {
  p: number[];
  q: number[];
  entropy: number;
  kl: number;
  crossEntropy: number;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/metrics.json", import.meta.url), "utf8")) as {
  distributions: DistributionCase[];
};

/** A random probability vector of length n (normalized positive weights, some exactly 0). */
const distribution = (n: number): fc.Arbitrary<number[]> =>
  fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), {
      minLength: n,
      maxLength: n,
    })
    .filter((w) => w.some((x) => x > 0))
    .map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / s);
    });

/** |actual - expected| ≤ tol·max(1, |expected|). */
function expectClose(actual: number, expected: number, tol = 1e-13): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

const positiveDistribution = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((w) => {
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  });

const pair = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(distribution(n), positiveDistribution(n)));

describe("entropy", () => {
  it("matches scipy.stats.entropy on the committed fixture", () => {
    for (const c of fixture.distributions) {
      expectClose(entropy(c.p), c.entropy);
    }
  });

  it("is ln n for the uniform distribution and 0 for a point mass", () => {
    for (const n of [1, 2, 3, 6, 100]) {
      expectClose(entropy(new Float64Array(n).fill(1 / n)), Math.log(n), 1e-14);
    }
    expect(entropy([0, 1, 0])).toBe(0);
  });

  it("lies in [0, ln n] (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((n) => distribution(n)),
        (p) => {
          const h = entropy(p);
          return h >= -1e-15 && h <= Math.log(p.length) + 1e-12;
        },
      ),
    );
  });

  it("rejects empty, negative, NaN, infinite and unnormalized vectors with clear errors", () => {
    expect(() => entropy([])).toThrow(/entropy: p must not be empty/);
    expect(() => entropy([1.5, -0.5])).toThrow(/entropy: p must have finite entries >= 0, got p\[1\]=-0.5/);
    expect(() => entropy([Number.NaN, 1])).toThrow(/p\[0\]=NaN/);
    expect(() => entropy([Number.POSITIVE_INFINITY])).toThrow(/p\[0\]=Infinity/);
    expect(() => entropy([0.5, 0.4])).toThrow(
      /entropy: p must sum to 1 \(tolerance 0.000001\), got a sum of 0.9/,
    );
    expect(() => entropy([0.5, 0.4], { tolerance: Number.NaN })).toThrow(/tolerance must be a finite number/);
  });

  it("accepts sums within the documented tolerance and can be loosened", () => {
    expect(entropy([0.5, 0.5 + 5e-7])).toBeCloseTo(Math.LN2, 6);
    expect(() => entropy([0.5, 0.5 + 2e-6])).toThrow(/sum to 1/);
    expect(entropy([0.5, 0.49], { tolerance: 0.02 })).toBeGreaterThan(0);
  });
});

describe("perplexity", () => {
  it("is 2 for a fair coin and 6 for a fair die", () => {
    expect(perplexity([0.5, 0.5])).toBeCloseTo(2, 14);
    expect(perplexity(new Float64Array(6).fill(1 / 6))).toBeCloseTo(6, 13);
  });

  it("is 1 for a certain outcome and exp(entropy) in general", () => {
    expect(perplexity([1])).toBe(1);
    for (const c of fixture.distributions) {
      expect(perplexity(c.p)).toBeCloseTo(Math.exp(c.entropy), 12);
    }
  });

  it("rejects invalid distributions", () => {
    expect(() => perplexity([])).toThrow(/perplexity: p must not be empty/);
    expect(() => perplexity([0.7, 0.7])).toThrow(/perplexity: p must sum to 1/);
  });
});

describe("klDivergence", () => {
  it("matches scipy.special.rel_entr summed, on the committed fixture", () => {
    for (const c of fixture.distributions) {
      expectClose(klDivergence(c.p, c.q), c.kl, 1e-12);
    }
  });

  it("is >= 0, and 0 only when p = q (fast-check)", () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        const d = klDivergence(p, q);
        const equal = p.every((x, i) => x === q[i]);
        return d >= 0 && (d === 0) === equal;
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain(distribution), (p) => klDivergence(p, p) === 0),
    );
  });

  it("is strictly positive even when q differs from p in the last digits", () => {
    const p = [0.3, 0.7];
    const q = [0.3 + 2 ** -40, 0.7 - 2 ** -40];
    const d = klDivergence(p, q);
    expect(d).toBeGreaterThan(0);
    // Second-order expansion: D ≈ Σ (qᵢ - pᵢ)²/(2pᵢ).
    const expected = 2 ** -80 * (1 / (2 * 0.3) + 1 / (2 * 0.7));
    expect(d / expected).toBeCloseTo(1, 6);
  });

  it("is not symmetric: D(p‖q) ≠ D(q‖p) for p = (1/2, 1/2), q = (9/10, 1/10)", () => {
    const p = [0.5, 0.5];
    const q = [0.9, 0.1];
    // Closed forms: ½ln(5/9) + ½ln 5 = ½ln(25/9); 0.9 ln 1.8 + 0.1 ln 0.2.
    expect(klDivergence(p, q)).toBeCloseTo(0.5 * Math.log(25 / 9), 14);
    expect(klDivergence(q, p)).toBeCloseTo(0.9 * Math.log(1.8) + 0.1 * Math.log(0.2), 14);
    expect(Math.abs(klDivergence(p, q) - klDivergence(q, p))).toBeGreaterThan(0.1);
  });

  it("is +Infinity when q has a zero where p has mass, and finite the other way", () => {
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 14);
  });

  it("rejects mismatched lengths, negative probabilities and bad sums", () => {
    expect(() => klDivergence([1], [0.5, 0.5])).toThrow(
      /klDivergence: p and q must have the same length, got 1 and 2/,
    );
    expect(() => klDivergence([0.5, 0.5], [1.2, -0.2])).toThrow(
      /klDivergence: q must have finite entries >= 0/,
    );
    expect(() => klDivergence([0.5, 0.6], [0.5, 0.5])).toThrow(/klDivergence: p must sum to 1/);
    expect(() => klDivergence([], [])).toThrow(/p must not be empty/);
    expect(() => klDivergence([Number.NaN, 1], [0.5, 0.5])).toThrow(/p\[0\]=NaN/);
  });
});

describe("crossEntropy", () => {
  it("matches -Σ p ln q from SciPy on the committed fixture", () => {
    for (const c of fixture.distributions) {
      expectClose(crossEntropy(c.p, c.q), c.crossEntropy, 1e-12);
    }
  });

  it("satisfies H(p, q) = H(p) + D_KL(p‖q) (fast-check)", () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        const lhs = crossEntropy(p, q);
        const rhs = entropy(p) + klDivergence(p, q);
        return Math.abs(lhs - rhs) <= 1e-12 * Math.max(1, Math.abs(lhs));
      }),
    );
  });

  it("equals H(p) when q = p and is at least H(p) otherwise (Gibbs' inequality)", () => {
    fc.assert(
      fc.property(
        pair,
        ([p, q]) => crossEntropy(p, p) === entropy(p) && crossEntropy(p, q) >= entropy(p) - 1e-12,
      ),
    );
  });

  it("is -ln q[y] for a one-hot p, and +Infinity when q[y] = 0", () => {
    expect(crossEntropy([0, 1, 0], [0.2, 0.5, 0.3])).toBeCloseTo(-Math.log(0.5), 15);
    expect(crossEntropy([0, 1], [1, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(crossEntropy([1, 0], [1, 0])).toBe(0);
  });

  it("rejects mismatched lengths and invalid distributions", () => {
    expect(() => crossEntropy([1, 0], [1])).toThrow(/crossEntropy: p and q must have the same length/);
    expect(() => crossEntropy([1, 0], [0.5, 0.6])).toThrow(/crossEntropy: q must sum to 1/);
    expect(() => crossEntropy([-1, 2], [0.5, 0.5])).toThrow(/crossEntropy: p must have finite entries >= 0/);
  });
});
