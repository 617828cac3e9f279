/**
 * The reused scratch arrays of `parzenLogPdf` and `sampleParzen` (src/parzen/scratch.ts):
 * a call after a larger one, whose leftovers fill the scratch beyond what the smaller call
 * needs, gives exactly what the same call gave before the scratch ever grew, on every path
 * (multivariate shared-bandwidth, univariate, generic with a categorical dimension).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildParzenEstimator } from "../../src/parzen/estimator.js";
import { parzenLogPdf } from "../../src/parzen/log-pdf.js";
import { sampleParzen } from "../../src/parzen/sample.js";
import { Float64Scratch } from "../../src/parzen/scratch.js";
import type { ParzenDimension } from "../../src/parzen/types.js";
import { Rng } from "../../src/random/rng.js";

const cont = (d: number): ParzenDimension[] =>
  Array.from({ length: d }, () => ({ kind: "continuous", low: -5, high: 5 }) as const);
const mixed: ParzenDimension[] = [
  { kind: "continuous", low: -5, high: 5 },
  { kind: "categorical", n: 3 },
];

/** n seeded observations of `dims` (row-major). */
function observations(dims: readonly ParzenDimension[], n: number, seed: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  const x = new Float64Array(n * dims.length);
  for (let i = 0; i < n; i++) {
    dims.forEach((dim, d) => {
      x[i * dims.length + d] =
        dim.kind === "categorical" ? Math.floor(rng.random() * dim.n) : -5 + 10 * rng.random();
    });
  }
  return x;
}

describe("Float64Scratch", () => {
  it("returns the same array while it is long enough, and grows at least geometrically", () => {
    const s = new Float64Scratch();
    const a = s.take(10);
    expect(a.length).toBeGreaterThanOrEqual(10);
    expect(s.take(5)).toBe(a);
    const b = s.take(a.length + 1);
    expect(b).not.toBe(a);
    expect(b.length).toBeGreaterThanOrEqual(2 * a.length);
  });
});

describe("parzenLogPdf and sampleParzen after a larger call (scratch leftovers)", () => {
  it.each([
    ["multivariate, shared bandwidth", cont(10), { kind: "scaled-range" } as const],
    ["univariate", cont(1), { kind: "neighbour" } as const],
    ["generic, with a categorical dimension", mixed, { kind: "scaled-range" } as const],
  ])("%s: equal to the first call, bit for bit (property)", (_name, dims, bandwidth) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 2 ** 30 }), (n, seed) => {
        const small = buildParzenEstimator(dims, observations(dims, n, seed), { bandwidth });
        const candidates = sampleParzen(small, Rng.fromSeed(seed + 1), 24);
        const first = parzenLogPdf(small, candidates);
        const draws = sampleParzen(small, Rng.fromSeed(seed + 2), 24);
        // A larger estimator and more candidates fill the scratch with other values.
        const big = buildParzenEstimator(dims, observations(dims, 3000, seed + 3), { bandwidth });
        const many = sampleParzen(big, Rng.fromSeed(seed + 4), 40);
        parzenLogPdf(big, many);
        expect(Array.from(parzenLogPdf(small, candidates))).toEqual(Array.from(first));
        expect(Array.from(sampleParzen(small, Rng.fromSeed(seed + 2), 24))).toEqual(Array.from(draws));
      }),
      { numRuns: 15 },
    );
  });
});
