import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NonDominatedSortAlgorithm, nonDominatedRanks } from "../../src/pareto/non-dominated-sort.js";
import { Rng } from "../../src/random/rng.js";
import { bruteDominates, bruteRanks, rows } from "./brute.js";

const general: NonDominatedSortAlgorithm[] = ["auto", "deb", "ens-ss", "ens-bs"];

/** 2 to 6 objectives on a small integer grid (ties and duplicates), with a few infinities. */
const instance = fc
  .integer({ min: 2, max: 6 })
  .chain((m) =>
    fc.tuple(
      fc.constant(m),
      fc.array(
        fc.array(
          fc.oneof(
            { weight: 12, arbitrary: fc.integer({ min: 0, max: 3 }) },
            { weight: 1, arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
          ),
          { minLength: m, maxLength: m },
        ),
        { maxLength: 40 },
      ),
    ),
  );

describe("nonDominatedRanks: algorithms", () => {
  it("deb, ens-ss, ens-bs (and sweep2d for m = 2) equal brute-force peeling, 2 to 6 objectives (property)", () => {
    fc.assert(
      fc.property(instance, ([m, pts]) => {
        const points = Float64Array.from(pts.flat());
        const expected = bruteRanks(points, m);
        const algorithms = m === 2 ? [...general, "sweep2d" as const] : general;
        for (const algorithm of algorithms) {
          expect(Array.from(nonDominatedRanks(points, m, { algorithm })), algorithm).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agree with each other on 2,000 real-valued and 2,000 heavily tied points, 3 and 5 objectives", () => {
    for (const m of [3, 5]) {
      const rng = Rng.fromSeed(m);
      const real = Float64Array.from({ length: 2000 * m }, () => rng.random());
      const tied = Float64Array.from({ length: 2000 * m }, () => rng.int(0, 4));
      for (const points of [real, tied]) {
        const deb = Array.from(nonDominatedRanks(points, m, { algorithm: "deb" }));
        expect(Array.from(nonDominatedRanks(points, m, { algorithm: "ens-ss" }))).toEqual(deb);
        expect(Array.from(nonDominatedRanks(points, m, { algorithm: "ens-bs" }))).toEqual(deb);
      }
    }
  });

  it("auto's hybrid search (sequential, then binary past 16 fronts) agrees on sets with hundreds of fronts", () => {
    for (const m of [3, 4, 6]) {
      const rng = Rng.fromSeed(10 + m);
      const n = 1500;
      const points = new Float64Array(n * m);
      for (let i = 0; i < n; i++) {
        const t = rng.int(0, 400);
        for (let k = 0; k < m; k++) points[i * m + k] = t + rng.int(0, 3);
      }
      const deb = Array.from(nonDominatedRanks(points, m, { algorithm: "deb" }));
      expect(Math.max(...deb)).toBeGreaterThan(100);
      expect(Array.from(nonDominatedRanks(points, m))).toEqual(deb);
      expect(Array.from(nonDominatedRanks(points, m, { algorithm: "ens-bs" }))).toEqual(deb);
    }
  });

  it("rejects an unknown algorithm and sweep2d outside two objectives", () => {
    const p = Float64Array.of(1, 2, 3);
    expect(() => nonDominatedRanks(p, 3, { algorithm: "sweep2d" })).toThrow(
      /nonDominatedRanks: algorithm "sweep2d" needs nObjectives = 2, got 3/,
    );
    expect(() => nonDominatedRanks(p, 3, { algorithm: "nsga" as NonDominatedSortAlgorithm })).toThrow(
      /nonDominatedRanks: algorithm must be one of auto, deb, ens-ss, ens-bs, sweep2d, got nsga/,
    );
    expect(nonDominatedRanks(new Float64Array(0), 2, { algorithm: "deb" })).toHaveLength(0);
  });
});

/** Constrained domination written out (Deb 2000): the brute-force reference. */
function bruteConstrainedRanks(points: Float64Array, m: number, v: number[]): number[] {
  const ps = rows(points, m);
  const cd = (a: number, b: number): boolean => {
    const fa = v[a]! <= 0;
    const fb = v[b]! <= 0;
    if (fa && fb) return bruteDominates(ps[a]!, ps[b]!);
    if (fa !== fb) return fa;
    return v[a]! < v[b]!;
  };
  const rank = new Array<number>(ps.length).fill(-1);
  for (let r = 0, left = ps.length; left > 0; r++) {
    const front = ps
      .map((_, i) => i)
      .filter((i) => rank[i] === -1 && !ps.some((_, j) => rank[j] === -1 && cd(j, i)));
    for (const i of front) rank[i] = r;
    left -= front.length;
  }
  return rank;
}

describe("nonDominatedRanks: constrained domination", () => {
  it("equals the constrained-domination peeling for every algorithm (property)", () => {
    fc.assert(
      fc.property(
        instance.chain(([m, pts]) =>
          fc.tuple(
            fc.constant(m),
            fc.constant(pts),
            fc.array(fc.oneof(fc.constant(0), fc.constant(-1), fc.integer({ min: 1, max: 3 })), {
              minLength: pts.length,
              maxLength: pts.length,
            }),
          ),
        ),
        ([m, pts, v]) => {
          const points = Float64Array.from(pts.flat());
          const expected = bruteConstrainedRanks(points, m, v);
          for (const algorithm of general) {
            expect(Array.from(nonDominatedRanks(points, m, { algorithm, violations: v }))).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("ranks every feasible point before every infeasible one, infeasible by violation", () => {
    // Point 2 is the best in every objective but infeasible.
    const points = Float64Array.of(1, 2, 2, 1, 0, 0, 3, 3, 5, 5);
    const ranks = nonDominatedRanks(points, 2, { violations: [0, 0, 0.5, 0, 0.25] });
    expect(Array.from(ranks)).toEqual([0, 0, 3, 1, 2]);
    // Equal violations share a rank; Infinity is the worst violation.
    const r2 = nonDominatedRanks(points, 2, { violations: [1, 1, Number.POSITIVE_INFINITY, 2, 0] });
    expect(Array.from(r2)).toEqual([1, 1, 3, 2, 0]);
  });

  it("rejects violations of the wrong length or NaN", () => {
    const p = Float64Array.of(1, 2, 2, 1);
    expect(() => nonDominatedRanks(p, 2, { violations: [0] })).toThrow(
      /nonDominatedRanks: violations must have N=2 entries, got 1/,
    );
    expect(() => nonDominatedRanks(p, 2, { violations: [0, Number.NaN] })).toThrow(
      /nonDominatedRanks: violations\[1\] must be a number, got NaN/,
    );
  });
});
