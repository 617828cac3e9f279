import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "../../src/pareto/hypervolume.js";
import { hypervolumeContributions } from "../../src/pareto/hypervolume-contributions.js";
import { Rng } from "../../src/random/rng.js";
import { gridHypervolume, inclusionExclusionHypervolume, subset } from "./brute.js";

const integerInstance = fc
  .integer({ min: 1, max: 5 })
  .chain((m) =>
    fc.tuple(
      fc.constant(m),
      fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: m, maxLength: m }), { maxLength: 12 }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: m, maxLength: m }),
    ),
  );

const realInstance = fc.integer({ min: 2, max: 6 }).chain((m) =>
  fc.tuple(
    fc.constant(m),
    fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: m, maxLength: m }), {
      maxLength: 9,
    }),
  ),
);

/** Points on the positive orthant of the unit sphere in m dimensions (random directions). */
function spherePoints(n: number, m: number, seed: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < m; j++) {
      const v = Math.abs(rng.normal());
      out[i * m + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < m; j++) out[i * m + j] = out[i * m + j]! / Math.sqrt(norm);
  }
  return out;
}

describe("hypervolume", () => {
  it("counts the dominated unit cells of integer instances, 1 to 5 objectives (property)", () => {
    fc.assert(
      fc.property(integerInstance, ([m, pts, ref]) => {
        const points = Float64Array.from(pts.flat());
        expect(hypervolume(points, m, ref)).toBe(gridHypervolume(points, m, ref));
      }),
      { numRuns: 300 },
    );
  });

  it("equals inclusion-exclusion on real-valued instances, 2 to 6 objectives (property)", () => {
    fc.assert(
      fc.property(realInstance, ([m, pts]) => {
        const points = Float64Array.from(pts.flat());
        const ref = new Array(m).fill(1.1);
        const want = inclusionExclusionHypervolume(points, m, ref);
        expect(Math.abs(hypervolume(points, m, ref) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, want));
      }),
      { numRuns: 200 },
    );
  });

  it("the 2-D sweep, 3-D sweep and WFG agree on large sets (constant extra objectives)", () => {
    const rng = Rng.fromSeed(1);
    const two = spherePoints(400, 2, 2);
    const three = new Float64Array(3 * 400);
    for (let i = 0; i < 400; i++) three.set([two[2 * i]!, two[2 * i + 1]!, 0.25], 3 * i);
    expect(hypervolume(three, 3, [1, 1, 1])).toBeCloseTo(0.75 * hypervolume(two, 2, [1, 1]), 13);
    const pts3 = spherePoints(300, 3, 3);
    const four = new Float64Array(4 * 300);
    for (let i = 0; i < 300; i++)
      four.set([pts3[3 * i]!, pts3[3 * i + 1]!, pts3[3 * i + 2]!, rng.random() < 2 ? 0.5 : 0], 4 * i);
    expect(hypervolume(four, 4, [1, 1, 1, 2])).toBeCloseTo(1.5 * hypervolume(pts3, 3, [1, 1, 1]), 12);
  });

  it("is exact on a linear 2-D front: N + 1 points (i/N, 1 - i/N) with reference (1, 1) give (N - 1)/(2N)", () => {
    for (const n of [1, 2, 10, 1000]) {
      const pts = new Float64Array(2 * (n + 1));
      for (let i = 0; i <= n; i++) pts.set([i / n, 1 - i / n], 2 * i);
      expect(hypervolume(pts, 2, [1, 1])).toBeCloseTo((n - 1) / (2 * n), 12);
    }
  });

  it("converges to analytic values: ZDT1's front (2/3) and the sphere fronts (1 - π/6, 1 - π²/32)", () => {
    const n = 2000;
    const zdt1 = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) zdt1.set([i / (n - 1), 1 - Math.sqrt(i / (n - 1))], 2 * i);
    const h2 = hypervolume(zdt1, 2, [1, 1]);
    expect(h2).toBeLessThan(2 / 3);
    expect(2 / 3 - h2).toBeLessThan(1 / n);
    // Random points on the sphere: the staircase approaches the analytic volume from below.
    const h3 = hypervolume(spherePoints(3000, 3, 5), 3, [1, 1, 1]);
    expect(h3).toBeLessThan(1 - Math.PI / 6);
    expect(1 - Math.PI / 6 - h3).toBeLessThan(0.03);
    const h4 = hypervolume(spherePoints(1000, 4, 6), 4, [1, 1, 1, 1]);
    expect(h4).toBeLessThan(1 - Math.PI ** 2 / 32);
    expect(1 - Math.PI ** 2 / 32 - h4).toBeLessThan(0.1);
  });

  it("ignores points outside the reference, duplicates and +Infinity; 0 for none", () => {
    expect(hypervolume(Float64Array.of(1, 2, 2, 1, 1, 2, 5, 0, 0, Number.POSITIVE_INFINITY), 2, [3, 3])).toBe(
      3,
    );
    expect(hypervolume(new Float64Array(0), 2, [1, 1])).toBe(0);
    expect(hypervolume(Float64Array.of(3, 0), 2, [3, 3])).toBe(0);
    expect(hypervolume(Float64Array.of(2), 1, [5])).toBe(3);
  });

  it("rejects NaN, -Infinity, bad references and shapes", () => {
    expect(() => hypervolume(Float64Array.of(Number.NaN, 1), 2, [2, 2])).toThrow(
      /hypervolume: objective 0 of point 0 must be a number, got NaN/,
    );
    expect(() => hypervolume(Float64Array.of(Number.NEGATIVE_INFINITY, 1), 2, [2, 2])).toThrow(
      /-Infinity \(infinite hypervolume\)/,
    );
    expect(() => hypervolume(Float64Array.of(1, 1), 2, [2])).toThrow(
      /reference must have nObjectives=2 entries, got 1/,
    );
    expect(() => hypervolume(Float64Array.of(1, 1), 2, [2, Number.POSITIVE_INFINITY])).toThrow(
      /reference\[1\] must be finite/,
    );
    expect(() => hypervolume(Float64Array.of(1, 1, 1), 2, [2, 2])).toThrow(/not a multiple/);
  });
});

describe("hypervolumeContributions", () => {
  it("equals HV(S) - HV(S \\ {p}) by cell counting, 1 to 5 objectives (property)", () => {
    fc.assert(
      fc.property(integerInstance, ([m, pts, ref]) => {
        const points = Float64Array.from(pts.flat());
        const n = pts.length;
        const all = gridHypervolume(points, m, ref);
        const got = hypervolumeContributions(points, m, ref);
        for (let i = 0; i < n; i++) {
          const rest = subset(
            points,
            m,
            [...Array(n).keys()].filter((j) => j !== i),
          );
          expect(got[i]).toBe(all - gridHypervolume(rest, m, ref));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("equals HV differences on larger real-valued sets in 2-D and 3-D", () => {
    for (const m of [2, 3]) {
      const pts = spherePoints(60, m, 10 + m);
      const ref = new Array(m).fill(1.2);
      const all = hypervolume(pts, m, ref);
      const got = hypervolumeContributions(pts, m, ref);
      for (let i = 0; i < 60; i++) {
        const rest = subset(
          pts,
          m,
          [...Array(60).keys()].filter((j) => j !== i),
        );
        expect(got[i]).toBeCloseTo(all - hypervolume(rest, m, ref), 12);
      }
    }
  });

  it("is 0 for duplicates, dominated points and points beyond the reference", () => {
    const c = hypervolumeContributions(Float64Array.of(1, 2, 1, 2, 2, 1, 3, 3, 0, 9), 2, [4, 4]);
    expect(Array.from(c)).toEqual([0, 0, 2, 0, 0]);
    expect(Array.from(hypervolumeContributions(Float64Array.of(1, 3, 1), 1, [5]))).toEqual([0, 0, 0]);
    expect(Array.from(hypervolumeContributions(Float64Array.of(1, 3), 1, [5]))).toEqual([2, 0]);
    expect(hypervolumeContributions(new Float64Array(0), 3, [1, 1, 1])).toHaveLength(0);
    expect(() => hypervolumeContributions(Float64Array.of(Number.NaN), 1, [1])).toThrow(
      /hypervolumeContributions/,
    );
  });
});
