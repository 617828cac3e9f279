import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stableOrder } from "../../src/parzen/bandwidth.js";
import { buildParzenEstimatorFromColumns } from "../../src/parzen/estimator.js";
import { parzenBestLogRatio } from "../../src/parzen/ratio.js";
import { sampleParzen } from "../../src/parzen/sample.js";
import type { BandwidthRule, ParzenDimension } from "../../src/parzen/types.js";
import { uniformWeights } from "../../src/parzen/weights.js";
import { Rng } from "../../src/random/rng.js";
import { tpeStep } from "../../src/tpe/step.js";

const DIMS: readonly ParzenDimension[] = [
  { kind: "continuous", low: -5, high: 5 },
  { kind: "stepped", low: 0, high: 10, step: 1 },
  { kind: "log-int", low: 1, high: 64 },
  { kind: "categorical", n: 3 },
];

/** n observations of the dimensions `dims`, by column. */
function columns(dims: readonly ParzenDimension[], n: number, rng: Rng): Float64Array[] {
  return dims.map((d) =>
    Float64Array.from({ length: n }, () => {
      switch (d.kind) {
        case "continuous":
          return rng.uniform(d.low, d.high);
        case "stepped":
          return d.low + d.step * rng.int(0, Math.round((d.high - d.low) / d.step));
        case "log-int":
          return Math.log(rng.int(d.low, d.high));
        case "categorical":
          return rng.int(0, d.n - 1);
      }
    }),
  );
}

const rules: BandwidthRule[] = [
  { kind: "scott" },
  { kind: "neighbour" },
  { kind: "scaled-range", factor: 0.2 },
];

describe("tpeStep", () => {
  it("is l and g fitted to below and above, nEiCandidates draws from l, the best log l − log g (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(...rules),
        fc.boolean(),
        fc.integer({ min: 1, max: 30 }),
        (seed, d, nBelow, nAbove, bandwidth, prior, nEi) => {
          const rng = Rng.fromSeed(seed);
          const dims = DIMS.slice(0, d);
          const below = columns(dims, nBelow, rng);
          const above = columns(dims, nAbove, rng);
          const options = { bandwidth, considerPrior: prior, nEiCandidates: nEi, priorWeight: 1.5 };
          const a = Rng.fromSeed(seed + 1);
          const b = Rng.fromSeed(seed + 1);
          const x = tpeStep(dims, { columns: below }, { columns: above }, a, options);
          const fit = { bandwidth, considerPrior: prior, priorWeight: 1.5 };
          const l = buildParzenEstimatorFromColumns(dims, below, fit);
          const g = buildParzenEstimatorFromColumns(dims, above, fit);
          const c = sampleParzen(l, b, nEi);
          const best = Math.max(0, parzenBestLogRatio(l, g, c).index);
          expect(Array.from(x)).toEqual(Array.from(c.subarray(best * d, (best + 1) * d)));
          // The step draws only the candidates.
          expect(a.getState()).toEqual(b.getState());
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives the same point with the sorting orders of the columns (neighbour and Scott's rules)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.constantFrom(...rules.slice(0, 2)),
        (seed, bandwidth) => {
          const rng = Rng.fromSeed(seed);
          const dims = DIMS.slice(0, 2);
          const below = columns(dims, 5, rng);
          const above = columns(dims, 90, rng);
          const order = above.map((c) => stableOrder(c));
          const plain = tpeStep(dims, { columns: below }, { columns: above }, Rng.fromSeed(seed), {
            bandwidth,
          });
          const sorted = tpeStep(dims, { columns: below }, { columns: above, order }, Rng.fromSeed(seed), {
            bandwidth,
          });
          expect(Array.from(sorted)).toEqual(Array.from(plain));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("uses explicit observation weights instead of the weights function", () => {
    const dims = DIMS.slice(0, 1);
    const rng = Rng.fromSeed(3);
    const below = columns(dims, 6, rng);
    const above = columns(dims, 40, rng);
    const ramp = (n: number) => Float64Array.from({ length: n }, (_, i) => (i + 1) / n);
    const explicit = tpeStep(
      dims,
      { columns: below, weights: uniformWeights(6) },
      { columns: above },
      Rng.fromSeed(9),
      { weights: ramp },
    );
    const viaFunction = tpeStep(dims, { columns: below }, { columns: above }, Rng.fromSeed(9), {
      weights: (n) => (n === 6 ? uniformWeights(6) : ramp(n)),
    });
    const ignored = tpeStep(dims, { columns: below }, { columns: above }, Rng.fromSeed(9), { weights: ramp });
    expect(Array.from(explicit)).toEqual(Array.from(viaFunction));
    expect(Array.from(explicit)).not.toEqual(Array.from(ignored));
  });

  it("proposes from the prior alone when there are no observations, inside the dimensions", () => {
    const x = tpeStep(
      DIMS,
      { columns: DIMS.map(() => new Float64Array(0)) },
      { columns: DIMS.map(() => new Float64Array(0)) },
      Rng.fromSeed(1),
    );
    expect(x).toHaveLength(4);
    expect(x[0]).toBeGreaterThanOrEqual(-5);
    expect(x[0]).toBeLessThanOrEqual(5);
    expect(Number.isInteger(x[1])).toBe(true);
    expect(Number.isInteger(Math.round(Math.exp(x[2]!)))).toBe(true);
    expect([0, 1, 2]).toContain(x[3]);
  });

  it("checks nEiCandidates and the observations", () => {
    const dims = DIMS.slice(0, 1);
    const ok = { columns: [Float64Array.of(0)] };
    expect(() => tpeStep(dims, ok, ok, Rng.fromSeed(1), { nEiCandidates: 0 })).toThrow(
      /tpeStep: nEiCandidates must be an integer >= 1, got 0/,
    );
    expect(() => tpeStep(dims, { columns: [Float64Array.of(7)] }, ok, Rng.fromSeed(1))).toThrow(
      /must be in \[-5, 5\]/,
    );
  });
});
