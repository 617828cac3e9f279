import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numericalBounds, parzenDimension } from "../../src/parzen/dimension.js";
import { buildParzenEstimator, type ParzenEstimatorOptions } from "../../src/parzen/estimator.js";
import { parzenLogPdf } from "../../src/parzen/log-pdf.js";
import { parzenMarginal } from "../../src/parzen/marginal.js";
import type { BandwidthRule, ParzenDimension, ParzenEstimator } from "../../src/parzen/types.js";
import { categoricalPrior } from "../../src/priors/categorical.js";
import { intPrior } from "../../src/priors/int.js";
import { logUniformPrior } from "../../src/priors/log-uniform.js";
import { uniformPrior } from "../../src/priors/uniform.js";
import { Rng } from "../../src/random/rng.js";
import { truncatedNormalLogPdf } from "../../src/special/truncated-normal.js";
import { referenceLogPdf, simpson } from "./reference.js";

/** A random dimension and a random internal value inside it. */
function randomDimension(rng: Rng): ParzenDimension {
  switch (rng.int(0, 4)) {
    case 0: {
      const low = rng.uniform(-10, 10);
      return { kind: "continuous", low, high: low + rng.uniform(0.1, 20) };
    }
    case 1: {
      const step = [1, 2, 0.5, 0.1][rng.int(0, 3)]!;
      const low = rng.int(-5, 5) * step;
      return { kind: "stepped", low, high: low + rng.int(0, 30) * step, step };
    }
    case 2: {
      const low = rng.int(1, 20);
      return { kind: "log-int", low, high: low + rng.int(0, 200) };
    }
    case 3:
      return { kind: "categorical", n: rng.int(1, 6) };
    default: {
      const n = rng.int(2, 6);
      return { kind: "categorical", n, distance: (i, j) => Math.abs(i - j) ** 1.5 };
    }
  }
}

function randomValue(dim: ParzenDimension, rng: Rng): number {
  switch (dim.kind) {
    case "continuous":
      return rng.uniform(dim.low, dim.high);
    case "stepped":
      return dim.low + rng.int(0, Math.round((dim.high - dim.low) / dim.step)) * dim.step;
    case "log-int":
      return Math.log(rng.int(dim.low, dim.high));
    case "categorical":
      return rng.int(0, dim.n - 1);
  }
}

function randomEstimator(seed: number, nDims?: number, options: ParzenEstimatorOptions = {}) {
  const rng = Rng.fromSeed(seed);
  const dims = Array.from({ length: nDims ?? rng.int(1, 4) }, () => randomDimension(rng));
  const n = rng.int(0, 40);
  const obs = new Float64Array(n * dims.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dims.length; j++) obs[i * dims.length + j] = randomValue(dims[j]!, rng);
  return { rng, dims, obs, est: buildParzenEstimator(dims, obs, options) };
}

/** Σ over every grid value of a discrete 1-D estimator of exp(log p). */
function discreteTotal(est: ParzenEstimator): number {
  const dim = est.dimensions[0]!;
  const values: number[] = [];
  if (dim.kind === "stepped")
    for (let v = 0; v <= Math.round((dim.high - dim.low) / dim.step); v++)
      values.push(dim.low + v * dim.step);
  else if (dim.kind === "log-int") for (let v = dim.low; v <= dim.high; v++) values.push(Math.log(v));
  else if (dim.kind === "categorical") for (let v = 0; v < dim.n; v++) values.push(v);
  const lp = parzenLogPdf(est, Float64Array.from(values));
  return lp.reduce((s, v) => s + Math.exp(v), 0);
}

const rules: BandwidthRule[] = [
  { kind: "neighbour" },
  { kind: "scaled-range" },
  { kind: "scott" },
  { kind: "custom", sigmas: (c) => Float64Array.from(c.mus, () => 0.05 * (c.high - c.low)) },
];

describe("buildParzenEstimator + parzenLogPdf: normalization", () => {
  it.each(rules.map((r) => [r.kind, r] as const))(
    "1-D continuous densities integrate to 1 (%s rule, property)",
    (_k, rule) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 30 }),
          fc.boolean(),
          fc.boolean(),
          (seed, prior, endpoints) => {
            const rng = Rng.fromSeed(seed);
            const low = rng.uniform(-5, 5);
            const high = low + rng.uniform(0.5, 10);
            const n = rng.int(0, 30);
            const obs = Float64Array.from({ length: n }, () => rng.uniform(low, high));
            const est = buildParzenEstimator([{ kind: "continuous", low, high }], obs, {
              bandwidth:
                rule.kind === "neighbour" ? { kind: "neighbour", considerEndpoints: endpoints } : rule,
              considerPrior: prior,
            });
            // The magic clip keeps σ ≥ (high - low)/100, so 4000 Simpson panels resolve every kernel.
            const grid = Float64Array.from({ length: 4001 }, (_, i) => low + ((high - low) * i) / 4000);
            const lp = parzenLogPdf(est, grid);
            const total = simpson(
              (x) => Math.exp(lp[Math.round(((x - low) / (high - low)) * 4000)]!),
              low,
              high,
              4000,
            );
            expect(total).toBeCloseTo(1, 7);
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  it("stepped, log-int and categorical masses sum to 1 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
        const rng = Rng.fromSeed(seed);
        let dim = randomDimension(rng);
        while (dim.kind === "continuous") dim = randomDimension(rng);
        const n = rng.int(0, 30);
        const obs = Float64Array.from({ length: n }, () => randomValue(dim, rng));
        const est = buildParzenEstimator([dim], obs, { considerPrior: rng.random() < 0.8 || n === 0 });
        expect(discreteTotal(est)).toBeCloseTo(1, 12);
      }),
      { numRuns: 60 },
    );
  });

  it("a 2-D continuous density integrates to 1 and its marginal is the integral over the other dimension", () => {
    const dims: ParzenDimension[] = [
      { kind: "continuous", low: -2, high: 3 },
      { kind: "continuous", low: 0, high: 1 },
    ];
    const obs = Float64Array.of(0, 0.2, 1.5, 0.9, -1.9, 0.5, 2.9, 0.01);
    const est = buildParzenEstimator(dims, obs);
    const ny = 400;
    const marginal = parzenMarginal(est, [0]);
    let total = 0;
    const xs = Float64Array.from({ length: 401 }, (_, i) => -2 + (5 * i) / 400);
    const inner = xs.map((x) => {
      const pts = new Float64Array(2 * (ny + 1));
      for (let j = 0; j <= ny; j++) {
        pts[2 * j] = x;
        pts[2 * j + 1] = j / ny;
      }
      const lp = parzenLogPdf(est, pts);
      return simpson((y) => Math.exp(lp[Math.round(y * ny)]!), 0, 1, ny);
    });
    const lm = parzenLogPdf(marginal, xs);
    for (let i = 0; i < xs.length; i++) expect(inner[i]).toBeCloseTo(Math.exp(lm[i]!), 8);
    total = simpson((x) => inner[Math.round(((x + 2) / 5) * 400)]!, -2, 3, 400);
    expect(total).toBeCloseTo(1, 8);
  });
});

describe("parzenLogPdf equals the term-by-term mixture density", () => {
  it("on random mixed estimators and candidates (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
        const { rng, dims, est } = randomEstimator(seed);
        const m = 6;
        const cand = new Float64Array(m * dims.length);
        for (let i = 0; i < m; i++)
          for (let j = 0; j < dims.length; j++) cand[i * dims.length + j] = randomValue(dims[j]!, rng);
        const got = parzenLogPdf(est, cand);
        for (let i = 0; i < m; i++) {
          const want = referenceLogPdf(est, cand.subarray(i * dims.length, (i + 1) * dims.length));
          expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(want)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("with many narrow integer kernels, where most cells are far in the tails (bound-and-skip path)", () => {
    const rng = Rng.fromSeed(5);
    const dims: ParzenDimension[] = [
      { kind: "stepped", low: 0, high: 1000, step: 1 },
      { kind: "continuous", low: 0, high: 1 },
    ];
    const n = 300;
    const obs = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      obs[2 * i] = rng.int(0, 1000);
      obs[2 * i + 1] = rng.random();
    }
    const est = buildParzenEstimator(dims, obs, { bandwidth: { kind: "neighbour" } });
    const cand = Float64Array.of(0, 0.5, 500, 0.1, 1000, 0.99, 137, 0.3);
    const got = parzenLogPdf(est, cand);
    for (let i = 0; i < 4; i++) {
      const want = referenceLogPdf(est, cand.subarray(2 * i, 2 * i + 2));
      expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(want)));
    }
  });

  it("is the product of the 1-D densities for a single factorized component", () => {
    // One observation and no prior: p(x) = Π_d K_d(x_d), so log p is the sum of the 1-D log
    // densities built with the same bandwidths.
    const rule: BandwidthRule = { kind: "custom", sigmas: (c) => [0.3 * (c.high - c.low)] };
    const dims: ParzenDimension[] = [
      { kind: "continuous", low: -1, high: 2 },
      { kind: "stepped", low: 0, high: 10, step: 2 },
      { kind: "log-int", low: 1, high: 100 },
      { kind: "categorical", n: 4 },
    ];
    const obs = Float64Array.of(0.5, 4, Math.log(7), 2);
    const opts = { bandwidth: rule, considerPrior: false } as const;
    const joint = buildParzenEstimator(dims, obs, opts);
    const singles = dims.map((d, j) => buildParzenEstimator([d], obs.subarray(j, j + 1), opts));
    const rng = Rng.fromSeed(9);
    for (let t = 0; t < 20; t++) {
      const x = Float64Array.from(dims, (d) => randomValue(d, rng));
      const sum = singles.reduce((s, e, j) => s + parzenLogPdf(e, x.subarray(j, j + 1))[0]!, 0);
      expect(parzenLogPdf(joint, x)[0]).toBeCloseTo(sum, 12);
      // ...and so is the product of the joint estimator's own marginals.
      const msum = dims.reduce(
        (s, _d, j) => s + parzenLogPdf(parzenMarginal(joint, [j]), x.subarray(j, j + 1))[0]!,
        0,
      );
      expect(parzenLogPdf(joint, x)[0]).toBeCloseTo(msum, 12);
    }
  });

  it("with no observations is the prior component: N(mid, range²) truncated to the bounds", () => {
    const est = buildParzenEstimator([{ kind: "continuous", low: 1, high: 5 }], new Float64Array(0));
    expect(est.nComponents).toBe(1);
    expect(est.hasPrior).toBe(true);
    for (const x of [1, 2.5, 5])
      expect(parzenLogPdf(est, Float64Array.of(x))[0]).toBeCloseTo(truncatedNormalLogPdf(x, 3, 4, 1, 5), 13);
  });
});

describe("parzenLogPdf edge cases", () => {
  const est = buildParzenEstimator(
    [
      { kind: "continuous", low: 0, high: 1 },
      { kind: "stepped", low: 0, high: 4, step: 1 },
      { kind: "categorical", n: 3 },
    ],
    Float64Array.of(0.2, 1, 0, 0.7, 3, 2),
  );
  it("gives NaN for NaN, -Infinity outside the support, and snaps stepped values", () => {
    const lp = parzenLogPdf(
      est,
      Float64Array.of(
        Number.NaN,
        1,
        0,
        1.5,
        1,
        0,
        0.5,
        7,
        0,
        0.5,
        1,
        3,
        0.5,
        1,
        0.5,
        Number.POSITIVE_INFINITY,
        1,
        0,
        0.5,
        Number.NEGATIVE_INFINITY,
        0,
        0.5,
        1.2,
        1,
        0.5,
        1,
        1,
      ),
    );
    expect(lp[0]).toBeNaN();
    for (let i = 1; i <= 6; i++) expect(lp[i]).toBe(Number.NEGATIVE_INFINITY);
    expect(lp[7]).toBe(lp[8]);
    expect(Number.isFinite(lp[8])).toBe(true);
  });

  it("handles empty candidates and writes into `out`", () => {
    expect(parzenLogPdf(est, new Float64Array(0))).toHaveLength(0);
    const out = new Float64Array(1);
    expect(parzenLogPdf(est, Float64Array.of(0.5, 1, 1), out)).toBe(out);
    expect(Number.isFinite(out[0])).toBe(true);
  });

  it("rejects a candidates length that is not a multiple of D, and a wrong `out`", () => {
    expect(() => parzenLogPdf(est, Float64Array.of(0.5, 1))).toThrow(
      /parzenLogPdf: candidates length 2 is not a multiple of D=3/,
    );
    expect(() => parzenLogPdf(est, Float64Array.of(0.5, 1, 1), new Float64Array(2))).toThrow(
      /parzenLogPdf: out must have length 1/,
    );
  });

  it("does not depend on the order of observations when their weights are equal (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
        const { rng, dims, obs, est } = randomEstimator(seed, undefined, {
          weights: (n) => new Float64Array(n).fill(1),
        });
        const n = obs.length / dims.length;
        const perm = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        const shuffled = new Float64Array(obs.length);
        for (let i = 0; i < n; i++) {
          shuffled.set(obs.subarray(perm[i]! * dims.length, (perm[i]! + 1) * dims.length), i * dims.length);
        }
        const est2 = buildParzenEstimator(dims, shuffled, { weights: (m) => new Float64Array(m).fill(1) });
        const x = Float64Array.from(dims, (d) => randomValue(d, rng));
        expect(parzenLogPdf(est2, x)[0]).toBeCloseTo(parzenLogPdf(est, x)[0]!, 10);
      }),
      { numRuns: 60 },
    );
  });
});

describe("buildParzenEstimator options", () => {
  const dim: ParzenDimension[] = [{ kind: "continuous", low: 0, high: 10 }];
  const obs = Float64Array.of(1, 2, 3, 8);
  it("takes weights as a function or as an array, normalized with the prior", () => {
    const byFn = buildParzenEstimator(dim, obs, {
      weights: (n) => Array.from({ length: n }, (_, i) => i + 1),
    });
    const byArr = buildParzenEstimator(dim, obs, { weights: [1, 2, 3, 4] });
    expect(Array.from(byFn.weights)).toEqual(Array.from(byArr.weights));
    expect(Array.from(byArr.weights)).toEqual([1 / 11, 2 / 11, 3 / 11, 4 / 11, 1 / 11]);
    const heavy = buildParzenEstimator(dim, obs, { priorWeight: 6, weights: [1, 1, 1, 1] });
    expect(heavy.weights[4]).toBeCloseTo(0.6, 15);
    const noPrior = buildParzenEstimator(dim, obs, { considerPrior: false });
    expect(noPrior.nComponents).toBe(4);
    expect(noPrior.hasPrior).toBe(false);
  });

  it("keeps zero-weight observations as components that carry no mass", () => {
    const a = buildParzenEstimator(dim, obs, { weights: [0, 1, 1, 1] });
    expect(a.weights[0]).toBe(0);
    for (const x of [1, 5, 9]) {
      const lp = parzenLogPdf(a, Float64Array.of(x))[0];
      expect(Number.isFinite(lp)).toBe(true);
      expect(lp).toBeCloseTo(referenceLogPdf(a, [x]), 12);
    }
  });

  it("models log parameters in log space via parzenDimension", () => {
    expect(parzenDimension(logUniformPrior(1e-3, 10))).toEqual({
      kind: "continuous",
      low: Math.log(1e-3),
      high: Math.log(10),
    });
    expect(parzenDimension(uniformPrior(0, 1))).toEqual({ kind: "continuous", low: 0, high: 1 });
    expect(parzenDimension(uniformPrior(0, 1, { step: 0.25 }))).toEqual({
      kind: "stepped",
      low: 0,
      high: 1,
      step: 0.25,
    });
    expect(parzenDimension(intPrior(1, 9, { step: 2 }))).toEqual({
      kind: "stepped",
      low: 1,
      high: 9,
      step: 2,
    });
    expect(parzenDimension(intPrior(1, 64, { log: true }))).toEqual({ kind: "log-int", low: 1, high: 64 });
    expect(parzenDimension(categoricalPrior(3))).toEqual({ kind: "categorical", n: 3 });
    const weighted = parzenDimension(categoricalPrior(2, { weights: [1, 3] }));
    expect(weighted.kind === "categorical" && Array.from(weighted.priorProbabilities!)).toEqual([0.25, 0.75]);
    expect(() => parzenDimension(uniformPrior(1, 1))).toThrow(
      /parzenDimension: a continuous dimension needs finite low < high/,
    );
    expect(numericalBounds({ kind: "log-int", low: 1, high: 4 })).toEqual([Math.log(0.5), Math.log(4.5)]);
  });

  it("uses the categorical prior probabilities for the prior component", () => {
    const est = buildParzenEstimator(
      [{ kind: "categorical", n: 2, priorProbabilities: [1, 3] }],
      new Float64Array(0),
    );
    expect(Array.from(parzenLogPdf(est, Float64Array.of(0, 1)), Math.exp)).toEqual([0.25, 0.75]);
  });
});

describe("buildParzenEstimator rejects bad input with clear errors", () => {
  const c: ParzenDimension = { kind: "continuous", low: 0, high: 1 };
  const cases: [string, () => unknown, RegExp][] = [
    ["no dimensions", () => buildParzenEstimator([], new Float64Array(0)), /dimensions must not be empty/],
    [
      "not a Float64Array",
      () => buildParzenEstimator([c], [0.5] as unknown as Float64Array),
      /observations must be a Float64Array/,
    ],
    [
      "ragged observations",
      () => buildParzenEstimator([c, c], Float64Array.of(0.5)),
      /length 1 is not a multiple of D=2/,
    ],
    [
      "NaN observation",
      () => buildParzenEstimator([c], Float64Array.of(Number.NaN)),
      /observation 0 of dimension 0 must be in \[0, 1\], got NaN/,
    ],
    [
      "Infinity",
      () => buildParzenEstimator([c], Float64Array.of(Number.POSITIVE_INFINITY)),
      /must be in \[0, 1\], got Infinity/,
    ],
    ["out of bounds", () => buildParzenEstimator([c], Float64Array.of(1.5)), /got 1.5/],
    [
      "bad category",
      () => buildParzenEstimator([{ kind: "categorical", n: 2 }], Float64Array.of(2)),
      /must be an index in 0..1, got 2/,
    ],
    [
      "fractional category",
      () => buildParzenEstimator([{ kind: "categorical", n: 2 }], Float64Array.of(0.5)),
      /index/,
    ],
    [
      "empty continuous",
      () => buildParzenEstimator([{ kind: "continuous", low: 1, high: 1 }], new Float64Array(0)),
      /finite low < high/,
    ],
    [
      "infinite bound",
      () =>
        buildParzenEstimator(
          [{ kind: "continuous", low: 0, high: Number.POSITIVE_INFINITY }],
          new Float64Array(0),
        ),
      /finite low < high/,
    ],
    [
      "bad step",
      () => buildParzenEstimator([{ kind: "stepped", low: 0, high: 1, step: 0 }], new Float64Array(0)),
      /finite step > 0/,
    ],
    [
      "off-grid high",
      () => buildParzenEstimator([{ kind: "stepped", low: 0, high: 1.5, step: 1 }], new Float64Array(0)),
      /high must be on the grid/,
    ],
    [
      "log-int from 0",
      () => buildParzenEstimator([{ kind: "log-int", low: 0, high: 4 }], new Float64Array(0)),
      /integers 1 <= low <= high/,
    ],
    [
      "no choices",
      () => buildParzenEstimator([{ kind: "categorical", n: 0 }], new Float64Array(0)),
      /integer n >= 1/,
    ],
    [
      "bad prior probabilities",
      () =>
        buildParzenEstimator(
          [{ kind: "categorical", n: 2, priorProbabilities: [1, -1] }],
          new Float64Array(0),
        ),
      /priorProbabilities\[1\] must be finite and >= 0/,
    ],
    [
      "weights length",
      () => buildParzenEstimator([c], Float64Array.of(0.5), { weights: [1, 1] }),
      /weights must have one entry per observation \(1\), got 2/,
    ],
    [
      "negative weight",
      () => buildParzenEstimator([c], Float64Array.of(0.5), { weights: [-1] }),
      /weights must be finite and >= 0, got weights\[0\]=-1/,
    ],
    [
      "NaN weight",
      () => buildParzenEstimator([c], Float64Array.of(0.5), { weights: [Number.NaN] }),
      /weights\[0\]=NaN/,
    ],
    [
      "zero weights",
      () => buildParzenEstimator([c], Float64Array.of(0.5), { weights: [0] }),
      /weights must not all be 0/,
    ],
    [
      "prior weight",
      () => buildParzenEstimator([c], Float64Array.of(0.5), { priorWeight: 0 }),
      /priorWeight must be positive and finite, got 0/,
    ],
    [
      "factor",
      () =>
        buildParzenEstimator([c], Float64Array.of(0.5), { bandwidth: { kind: "scaled-range", factor: -1 } }),
      /scaled-range bandwidth factor must be positive/,
    ],
    [
      "custom length",
      () =>
        buildParzenEstimator([c], Float64Array.of(0.5), { bandwidth: { kind: "custom", sigmas: () => [] } }),
      /returned 0 sigmas, expected 1/,
    ],
    [
      "custom NaN",
      () =>
        buildParzenEstimator([c], Float64Array.of(0.5), {
          bandwidth: { kind: "custom", sigmas: () => [Number.NaN] },
        }),
      /sigmas\[0\]=NaN is not >= 0/,
    ],
    [
      "lambda",
      () =>
        buildParzenEstimator([{ kind: "categorical", n: 3 }], Float64Array.of(0), {
          categoricalKernel: { kind: "aitchison-aitken", lambda: 0.9 },
        }),
      /lambda must be in \[0, \(c-1\)\/c\]/,
    ],
    [
      "distance",
      () => buildParzenEstimator([{ kind: "categorical", n: 2, distance: () => -1 }], Float64Array.of(0)),
      /distance\(0, 0\) must be finite and >= 0, got -1/,
    ],
    [
      "order length",
      () => buildParzenEstimator([c], Float64Array.of(0.5, 0.2), { order: [Int32Array.of(0)] }),
      /order\[0\] must have length 2/,
    ],
    [
      "order unsorted",
      () => buildParzenEstimator([c], Float64Array.of(0.5, 0.2), { order: [Int32Array.of(0, 1)] }),
      /does not sort dimension 0 ascending/,
    ],
    [
      "order repeat",
      () => buildParzenEstimator([c], Float64Array.of(0.5, 0.2), { order: [Int32Array.of(1, 1)] }),
      /must be a permutation/,
    ],
    [
      "unknown kind",
      () => buildParzenEstimator([{ kind: "nope" } as unknown as ParzenDimension], new Float64Array(0)),
      /unknown dimension kind nope/,
    ],
  ];
  it.each(cases)("%s", (_name, f, re) => {
    expect(f).toThrow(re);
  });
});
