import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clipBounds,
  neighbourBandwidths,
  scaledRangeBandwidth,
  scottBandwidth,
  stableOrder,
} from "../../src/parzen/bandwidth.js";
import { buildParzenEstimator } from "../../src/parzen/estimator.js";
import type { NumericalKernels } from "../../src/parzen/types.js";
import { Rng } from "../../src/random/rng.js";

// Bandwidth rules on constructed cases, against values worked out by hand in the comments.
describe("neighbourBandwidths", () => {
  it("takes the larger gap to a neighbour; the ends use only the inner gap unless considerEndpoints", () => {
    // Framed sequence 0 | 0.05, 0.5, 0.6 | 1: gaps 0.05, 0.45, 0.1, 0.4.
    const c = Float64Array.of(0.6, 0.05, 0.5);
    const plain = neighbourBandwidths(c, { low: 0, high: 1 });
    expect(plain[0]).toBeCloseTo(0.1, 15); // 0.6 - 0.5, inner gap only
    expect(plain[1]).toBeCloseTo(0.45, 15); // 0.5 - 0.05, inner gap only
    expect(plain[2]).toBeCloseTo(0.45, 15); // max(0.45, 0.1)
    const withEnds = neighbourBandwidths(c, { low: 0, high: 1, considerEndpoints: true });
    expect(withEnds[0]).toBeCloseTo(0.4, 15); // max(0.1, 1 - 0.6)
    expect(withEnds[1]).toBeCloseTo(0.45, 15); // max(0.05, 0.45)
    expect(withEnds[2]).toBeCloseTo(0.45, 15); // max(0.45, 0.1)
  });

  it("reads considerEndpoints from the neighbour rule in the estimator (the prior's centre included)", () => {
    // Centres 0.6, 0.05 and the prior's 0.5 on [0, 1]: framed 0 | 0.05, 0.5, 0.6 | 1.
    const dim = [{ kind: "continuous", low: 0, high: 1 } as const];
    const obs = Float64Array.of(0.6, 0.05);
    const sigmas = (considerEndpoints: boolean) =>
      Array.from(
        (
          buildParzenEstimator(dim, obs, {
            bandwidth: { kind: "neighbour", considerEndpoints },
            considerMagicClip: false,
          }).kernels[0] as NumericalKernels
        ).sigmas,
      );
    expect(sigmas(false)[0]).toBeCloseTo(0.1, 15);
    expect(sigmas(true)[0]).toBeCloseTo(0.4, 15);
    expect(sigmas(false)[1]).toBeCloseTo(0.45, 15);
  });

  it("orders ties by index: equal centres get deterministic bandwidths", () => {
    const c = Float64Array.of(0.5, 0.5, 0.5);
    expect(Array.from(neighbourBandwidths(c, { low: 0, high: 1 }))).toEqual([0, 0, 0]);
    expect(Array.from(neighbourBandwidths(c, { low: 0, high: 1, considerEndpoints: true }))).toEqual([
      0.5, 0, 0.5,
    ]);
  });

  it("gives a single centre its larger distance to a bound, and nothing to no centres", () => {
    expect(Array.from(neighbourBandwidths(Float64Array.of(0.3), { low: 0, high: 1 }))).toEqual([0.7]);
    expect(neighbourBandwidths(new Float64Array(0), { low: 0, high: 1 })).toHaveLength(0);
  });

  it("matches the hand-computed Optuna example with the prior centre and the magic clip", () => {
    // Centres -4, -2, 0.5, 3, 4 and the prior's 0 on [-5, 5]: sorted -4, -2, 0, 0.5, 3, 4.
    // σ(-4) = 2 (inner gap), σ(-2) = max(2, 2), σ(0.5) = max(0.5, 2.5), σ(3) = max(2.5, 1),
    // σ(4) = 1 → clipped up to 10/min(100, 1 + 6); the prior gets the range, 10.
    const est = buildParzenEstimator(
      [{ kind: "continuous", low: -5, high: 5 }],
      Float64Array.of(-4, -2, 0.5, 3, 4),
    );
    const ker = est.kernels[0] as NumericalKernels;
    expect(Array.from(ker.sigmas)).toEqual([2, 2, 2.5, 2.5, 10 / 7, 10]);
    expect(Array.from(ker.mus)).toEqual([-4, -2, 0.5, 3, 4, 0]);
  });

  it("is unchanged when the caller supplies the sorting order (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.boolean(), (seed, prior) => {
        const rng = Rng.fromSeed(seed);
        const n = rng.int(0, 60);
        // Rounded values make ties common.
        const obs = Float64Array.from({ length: n }, () => Math.round(rng.uniform(0, 10) * 2) / 2);
        const dim = [{ kind: "continuous", low: 0, high: 10 } as const];
        const a = buildParzenEstimator(dim, obs, { considerPrior: prior });
        const b = buildParzenEstimator(dim, obs, { considerPrior: prior, order: [stableOrder(obs)] });
        expect(Array.from((b.kernels[0] as NumericalKernels).sigmas)).toEqual(
          Array.from((a.kernels[0] as NumericalKernels).sigmas),
        );
      }),
    );
  });
});

describe("stableOrder", () => {
  it("sorts ascending with ties in index order, like a stable comparator sort (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 50 }), (xs) => {
        const v = Float64Array.from(xs);
        const expected = xs.map((_, i) => i).sort((i, j) => xs[i]! - xs[j]! || i - j);
        expect(Array.from(stableOrder(v))).toEqual(expected);
      }),
    );
  });

  it("puts -0 and 0 together and handles infinities", () => {
    expect(
      Array.from(stableOrder(Float64Array.of(0, -0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY))),
    ).toEqual([2, 0, 1, 3]);
  });
});

describe("scaledRangeBandwidth and scottBandwidth", () => {
  it("scaled-range: factor·n^(-1/(D+4))·range (Optuna's multivariate rule)", () => {
    expect(scaledRangeBandwidth(30, 4, 10, 0.2)).toBeCloseTo(0.2 * 30 ** (-1 / 8) * 10, 15);
    expect(scaledRangeBandwidth(0, 1, 1, 0.2)).toBe(0.2); // max(n, 1)
  });

  it("scott: 1.059·min(sd, IQR/1.34)·m^(-1/5) in 1-D, worked by hand", () => {
    // Centres 1, 2, 3, 4: sd = √(5/3) = 1.2910; quartiles at positions 0.75 and 2.25 give
    // 1.75 and 3.25, IQR/1.34 = 1.1194 < sd; 1.059·1.1194·4^(-1/5) = 0.89846.
    expect(scottBandwidth(Float64Array.of(4, 1, 3, 2), 1, 1.059)).toBeCloseTo(
      1.059 * (1.5 / 1.34) * 4 ** -0.2,
      14,
    );
    expect(scottBandwidth(Float64Array.of(1), 1, 1.059)).toBe(0);
    expect(scottBandwidth(Float64Array.of(2, 2, 2), 3, 1.059)).toBe(0);
  });

  it("clipBounds: (range/min(100, 1 + K), range) under the magic clip, else (1e-12, range)", () => {
    expect(clipBounds(10, 6, { considerMagicClip: true })).toEqual([10 / 7, 10]);
    expect(clipBounds(10, 500, { considerMagicClip: true })).toEqual([0.1, 10]);
    expect(clipBounds(10, 6, { considerMagicClip: false })).toEqual([1e-12, 10]);
  });

  it("the estimator applies the rule, clips it, and gives the prior the range", () => {
    const obs = Float64Array.from({ length: 16 }, (_, i) => 1 + (i % 8));
    const dims = [
      { kind: "continuous", low: 0, high: 10 },
      { kind: "continuous", low: 0, high: 10 },
    ] as const;
    const est = buildParzenEstimator(dims, obs, { bandwidth: { kind: "scaled-range" } });
    const s = (est.kernels[0] as NumericalKernels).sigmas;
    // n = 8, D = 2: 0.2·8^(-1/6)·10 = 1.4142, above the clip 10/(1 + 9).
    expect(s[0]).toBeCloseTo(0.2 * 8 ** (-1 / 6) * 10, 14);
    expect(s[8]).toBe(10);
    const tight = buildParzenEstimator(dims, obs, { bandwidth: { kind: "scaled-range", factor: 0.01 } });
    expect((tight.kernels[0] as NumericalKernels).sigmas[0]).toBeCloseTo(10 / 10, 14); // clipped to range/(1 + K)
    const unclipped = buildParzenEstimator(dims, obs, {
      bandwidth: { kind: "scaled-range", factor: 0.01 },
      considerMagicClip: false,
    });
    expect((unclipped.kernels[0] as NumericalKernels).sigmas[0]).toBeCloseTo(0.01 * 8 ** (-1 / 6) * 10, 14);
    const wide = buildParzenEstimator(dims, obs, { bandwidth: { kind: "scaled-range", factor: 50 } });
    expect((wide.kernels[0] as NumericalKernels).sigmas[0]).toBe(10); // clipped to the range
  });
});
