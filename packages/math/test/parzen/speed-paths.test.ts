/**
 * Fast paths added for the TPE sampler's speed, checked against the slow, direct forms:
 * the blocked evaluation of sorted 1-D estimators (`parzenLogPdf` skips blocks of components
 * that cannot reach the log-sum-exp) and the chunked shared-bandwidth evaluation against the
 * term-by-term density; Scott's rule with quartiles by selection against quartiles of the
 * sorted centres; `parzenBestLogRatio` (bound and prune) against the argmax of full
 * log-densities; `buildParzenEstimatorFromColumns` against the row-major builder.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scottBandwidth, stableOrder } from "../../src/parzen/bandwidth.js";
import { buildParzenEstimator, buildParzenEstimatorFromColumns } from "../../src/parzen/estimator.js";
import { parzenLogPdf } from "../../src/parzen/log-pdf.js";
import { parzenBestLogRatio } from "../../src/parzen/ratio.js";
import { sampleParzen } from "../../src/parzen/sample.js";
import type { NumericalKernels, ParzenDimension } from "../../src/parzen/types.js";
import { Rng } from "../../src/random/rng.js";
import { referenceLogPdf } from "./reference.js";

const DIM: ParzenDimension[] = [{ kind: "continuous", low: -5, high: 5 }];

/** n sorted centres: a dense cluster, a sparse spread and a few repeated values. */
function sortedCentres(n: number, rng: Rng, spread: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = i % 7 === 0 ? -5 + 10 * rng.random() : rng.normal(1, spread);
    x[i] = Math.min(5, Math.max(-5, i % 11 === 0 && i > 0 ? x[i - 1]! : v));
  }
  return x.sort();
}

describe("parzenLogPdf on sorted 1-D estimators (blocked evaluation)", () => {
  it("equals the term-by-term density for neighbour and shared bandwidths (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 256, max: 1500 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.constantFrom(0.05, 0.5, 3),
        fc.boolean(),
        fc.boolean(),
        (n, seed, spread, neighbour, prior) => {
          const rng = Rng.fromSeed(seed);
          const obs = sortedCentres(n, rng, spread);
          const weights = Float64Array.from({ length: n }, () => 0.05 + rng.random());
          const est = buildParzenEstimator(DIM, obs, {
            weights,
            considerPrior: prior,
            bandwidth: neighbour ? { kind: "neighbour" } : { kind: "scaled-range" },
          });
          const cand = Float64Array.from({ length: 24 }, (_, i) =>
            i === 0 ? -5 : i === 1 ? 5 : i < 12 ? rng.normal(1, spread) : -5 + 10 * rng.random(),
          ).map((v) => Math.min(5, Math.max(-5, v)));
          const got = parzenLogPdf(est, cand);
          for (let i = 0; i < cand.length; i++) {
            const want = referenceLogPdf(est, [cand[i]!]);
            expect(Math.abs(got[i]! - want)).toBeLessThan(1e-10 * Math.max(1, Math.abs(want)));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("keeps NaN, out-of-bounds and zero-weight components right", () => {
    const rng = Rng.fromSeed(3);
    const obs = sortedCentres(600, rng, 0.2);
    const weights = Float64Array.from({ length: 600 }, (_, i) => (i < 300 ? 0 : 1));
    const est = buildParzenEstimator(DIM, obs, { weights, considerPrior: false });
    const got = parzenLogPdf(est, Float64Array.of(Number.NaN, -6, 6, obs[10]!, obs[500]!));
    expect(got[0]).toBeNaN();
    expect(got[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(got[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(got[3]).toBeCloseTo(referenceLogPdf(est, [obs[10]!]), 10);
    expect(got[4]).toBeCloseTo(referenceLogPdf(est, [obs[500]!]), 10);
  });
});

describe("scottBandwidth (quartiles by selection)", () => {
  /** Scott's rule with numpy's linear-interpolation quartiles of the sorted centres. */
  function reference(c: number[], d: number, factor: number): number {
    const m = c.length;
    if (m < 2) return 0;
    const mean = c.reduce((a, b) => a + b, 0) / m;
    const sd = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1));
    const s = c.slice().sort((a, b) => a - b);
    const q = (p: number): number => {
      const pos = p * (m - 1);
      const i = Math.floor(pos);
      return i + 1 < m ? s[i]! + (pos - i) * (s[i + 1]! - s[i]!) : s[i]!;
    };
    return factor * Math.min(sd, (q(0.75) - q(0.25)) / 1.34) * m ** (-1 / (d + 4));
  }

  it("equals the sort-based formula, ties and duplicates included (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 0,
          maxLength: 400,
        }),
        fc.integer({ min: 1, max: 12 }),
        (c, d) => {
          const got = scottBandwidth(Float64Array.from(c), d, 1.059);
          const want = reference(c, d, 1.059);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with an order of all centres, or of all but the last, equals selection exactly (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: -5, max: 5 }),
          fc.double({ min: -5, max: 5, noNaN: true }),
        ),
        fc.integer({ min: 1, max: 12 }),
        (obs, last, d) => {
          const c = Float64Array.from([...obs, last]);
          const want = scottBandwidth(c, d, 1.059);
          const all = stableOrder(c);
          const head = stableOrder(c.subarray(0, c.length - 1));
          expect(Object.is(scottBandwidth(c, d, 1.059, all), want)).toBe(true);
          expect(Object.is(scottBandwidth(c, d, 1.059, head), want)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("does not change its input", () => {
    const c = Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
    const copy = c.slice();
    scottBandwidth(c, 2, 1);
    expect(c).toEqual(copy);
  });
});

/** D continuous dimensions on [-5, 5] and n clustered observations (row-major). */
function clustered(n: number, d: number, rng: Rng, spread: number): Float64Array {
  return Float64Array.from({ length: n * d }, () => Math.min(5, Math.max(-5, rng.normal(0.5, spread))));
}
const box = (d: number): ParzenDimension[] =>
  Array.from({ length: d }, () => ({ kind: "continuous", low: -5, high: 5 }));

describe("parzenLogPdf with one bandwidth per dimension (chunked evaluation)", () => {
  it("equals the term-by-term density for 1..7 candidates, NaN and out-of-bounds ones included", () => {
    const rng = Rng.fromSeed(11);
    const d = 3;
    const est = buildParzenEstimator(box(d), clustered(2500, d, rng, 1.2), { bandwidth: { kind: "scott" } });
    for (let m = 1; m <= 7; m++) {
      const cand = clustered(m, d, rng, 2);
      if (m >= 5) cand[1] = Number.NaN;
      if (m >= 6) cand[d + 2] = 7;
      const got = parzenLogPdf(est, cand);
      for (let j = 0; j < m; j++) {
        const want = referenceLogPdf(est, cand.subarray(j * d, (j + 1) * d));
        if (Number.isNaN(want) || want === Number.NEGATIVE_INFINITY) expect(got[j]).toBe(want);
        else expect(Math.abs(got[j]! - want)).toBeLessThan(1e-10 * Math.max(1, Math.abs(want)));
      }
    }
  });
});

describe("parzenBestLogRatio", () => {
  /** The first maximizer of log p − log q over full evaluations (NaN scores skipped). */
  function argmax(
    p: Parameters<typeof parzenLogPdf>[0],
    q: Parameters<typeof parzenLogPdf>[0],
    c: Float64Array,
  ) {
    const lp = parzenLogPdf(p, c);
    const lq = parzenLogPdf(q, c);
    let index = -1;
    let value = Number.NaN;
    for (let j = 0; j < lp.length; j++) {
      const s = lp[j]! - lq[j]!;
      if (!Number.isNaN(s) && (index < 0 || s > value)) {
        index = j;
        value = s;
      }
    }
    return { index, value };
  }

  it("picks the candidate of the full evaluation, for large and small q (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.constantFrom(200, 1100, 3000),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<"scott" | "scaled-range" | "neighbour">("scott", "scaled-range", "neighbour"),
        (seed, n, d, rule) => {
          const rng = Rng.fromSeed(seed);
          const p = buildParzenEstimator(box(d), clustered(20, d, rng, 0.4), { bandwidth: { kind: rule } });
          const q = buildParzenEstimator(box(d), clustered(n, d, rng, 2), { bandwidth: { kind: rule } });
          const cand = sampleParzen(p, rng, 24);
          const got = parzenBestLogRatio(p, q, cand);
          const want = argmax(p, q, cand);
          expect(got.index).toBe(want.index);
          expect(Math.abs(got.value - want.value)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want.value)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("breaks ties by index, never picks NaN scores, and checks its arguments", () => {
    const rng = Rng.fromSeed(2);
    const p = buildParzenEstimator(box(2), clustered(20, 2, rng, 0.4));
    const q = buildParzenEstimator(box(2), clustered(1500, 2, rng, 2));
    const c = sampleParzen(p, rng, 6);
    c[4] = Number.NaN; // candidate 2
    const best = argmax(p, q, c).index;
    expect(best).toBeGreaterThan(0);
    // A copy of the best candidate at index 0 ties with it: index 0 wins.
    c.set(c.slice(best * 2, best * 2 + 2), 0);
    const got = parzenBestLogRatio(p, q, c);
    expect(got.index).toBe(0);
    expect(got.value).toBeCloseTo(argmax(p, q, c).value, 12);
    expect(parzenBestLogRatio(p, q, Float64Array.of(Number.NaN, 0)).index).toBe(-1);
    expect(() => parzenBestLogRatio(p, buildParzenEstimator(box(1), Float64Array.of(0)), c)).toThrow(
      /same dimensions, got 2 and 1/,
    );
  });
});

describe("buildParzenEstimatorFromColumns", () => {
  it("builds the estimator of the row-major observations (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (seed, n, d) => {
          const rng = Rng.fromSeed(seed);
          const dims: ParzenDimension[] = [...box(d - 1), { kind: "stepped", low: 0, high: 10, step: 1 }];
          const rows = Float64Array.from({ length: n * d }, (_, i) =>
            i % d === d - 1 ? rng.int(0, 10) : Math.min(5, Math.max(-5, rng.normal(0, 2))),
          );
          const cols = Array.from({ length: d }, (_, j) =>
            Float64Array.from({ length: n }, (_, i) => rows[i * d + j]!),
          );
          const a = buildParzenEstimator(dims, rows, { bandwidth: { kind: "scott" } });
          const b = buildParzenEstimatorFromColumns(dims, cols, { bandwidth: { kind: "scott" } });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects columns of the wrong number, type or length", () => {
    expect(() => buildParzenEstimatorFromColumns(box(2), [new Float64Array(2)])).toThrow(
      /one Float64Array per dimension \(2\), got 1/,
    );
    expect(() => buildParzenEstimatorFromColumns(box(2), [new Float64Array(2), new Float64Array(3)])).toThrow(
      /columns\[1\] must be a Float64Array of length 2/,
    );
    expect(() => buildParzenEstimatorFromColumns(box(1), [[1, 2] as unknown as Float64Array])).toThrow(
      RangeError,
    );
    expect(() => buildParzenEstimatorFromColumns([], [])).toThrow(/dimensions must not be empty/);
  });
});

describe("buildParzenEstimatorFromColumns with sorting orders (Scott's rule)", () => {
  it("builds the same estimator, bit for bit, as without them (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.boolean(),
        (n, d, seed, prior) => {
          const rng = Rng.fromSeed(seed);
          const cols = Array.from({ length: d }, () =>
            Float64Array.from({ length: n }, (_, i) =>
              i % 5 === 0 ? Math.round(rng.normal(0, 2)) : rng.normal(0.5, 0.4 + d),
            ).map((v) => Math.min(5, Math.max(-5, v))),
          );
          const options = { bandwidth: { kind: "scott" } as const, considerPrior: prior };
          const plain = buildParzenEstimatorFromColumns(box(d), cols, options);
          const fast = buildParzenEstimatorFromColumns(box(d), cols, {
            ...options,
            order: cols.map((c) => stableOrder(c)),
          });
          expect(Array.from(fast.logBase)).toEqual(Array.from(plain.logBase));
          for (let c = 0; c < d; c++) {
            const a = fast.kernels[c] as NumericalKernels;
            const b = plain.kernels[c] as NumericalKernels;
            expect(Array.from(a.sigmas)).toEqual(Array.from(b.sigmas));
            expect(Array.from(a.logNormalizers)).toEqual(Array.from(b.logNormalizers));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
