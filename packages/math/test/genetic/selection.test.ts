import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binaryTournament,
  constrainedRanks,
  crowdedComparison,
  nsgaIISurvival,
  selectDistinct,
} from "../../src/genetic/index.js";
import { crowdingDistance, nonDominatedRanks } from "../../src/pareto/index.js";
import { Rng } from "../../src/random/index.js";

describe("tournaments", () => {
  it("binary tournament picks member i with probability (2(n−i)−1)/n² when members are totally ordered", () => {
    const n = 4;
    const counts = new Float64Array(n);
    const rng = Rng.fromSeed(3);
    for (let t = 0; t < 40000; t++) counts[binaryTournament(rng, n, (a, b) => a < b)]!++;
    for (let i = 0; i < n; i++) expect(counts[i]! / 40000).toBeCloseTo((2 * (n - i) - 1) / (n * n), 2);
  });

  it("selectDistinct returns k distinct members, deterministic per seed (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const k = 1 + (seed % n);
        const s = selectDistinct(Rng.fromSeed(seed), n, k, (a, b) => a < b);
        expect(new Set(s).size).toBe(k);
        for (const v of s) expect(v >= 0 && v < n).toBe(true);
        expect(selectDistinct(Rng.fromSeed(seed), n, k, (a, b) => a < b)).toEqual(s);
      }),
    );
  });

  it("crowded comparison: lower rank first, then larger crowding", () => {
    const better = crowdedComparison([0, 0, 1], [1, 2, Number.POSITIVE_INFINITY]);
    expect(better(0, 2)).toBe(true);
    expect(better(1, 0)).toBe(true);
    expect(better(0, 1)).toBe(false);
    expect(better(2, 1)).toBe(false);
  });

  it("bad arguments are one-line errors", () => {
    expect(() => binaryTournament(Rng.fromSeed(1), 0, () => false)).toThrow(
      /binaryTournament: n must be an integer >= 1, got 0/,
    );
    expect(() => selectDistinct(Rng.fromSeed(1), 2, 3, () => false)).toThrow(
      /selectDistinct: k must be <= n=2, got 3/,
    );
  });
});

describe("constrained ranks and NSGA-II survival", () => {
  it("without violations equal the non-dominated ranks", () => {
    const pts = Float64Array.of(1, 4, 2, 2, 4, 1, 3, 3, 5, 5);
    expect(constrainedRanks(pts, 2, null)).toEqual(nonDominatedRanks(pts, 2));
    expect(constrainedRanks(pts, 2, [0, 0, 0, 0, 0])).toEqual(nonDominatedRanks(pts, 2));
  });

  it("rank feasible points first, then infeasible ones by violation (ties share a rank)", () => {
    // Point 0 is the best in objectives but infeasible.
    const pts = Float64Array.of(0, 0, 1, 4, 4, 1, 3, 3, 9, 9, 8, 8);
    const ranks = constrainedRanks(pts, 2, [2, 0, 0, 0, 1, 2]);
    // Feasible (1,4), (4,1), (3,3) are mutually non-dominated: rank 0; violations 1 then 2.
    expect(Array.from(ranks)).toEqual([2, 0, 0, 0, 1, 2]);
    // Infinite violations (NsgaIISampler's trials without constraint values) share the last rank.
    const inf = Number.POSITIVE_INFINITY;
    expect(Array.from(constrainedRanks(Float64Array.of(1, 2, 3, 4), 1, [inf, 0, inf, 5]))).toEqual([
      2, 0, 2, 1,
    ]);
  });

  it("keeps whole fronts, then the cut front by crowding distance", () => {
    // Front 0: four points on a line; front 1: one point. Keep 3: the two extremes of front 0
    // (infinite crowding), then the interior point with the larger distance.
    const pts = Float64Array.of(0, 10, 1, 9, 5, 5, 10, 0, 11, 11);
    const d = crowdingDistance(pts, 2, [0, 1, 2, 3]);
    expect(d[2]! > d[1]!).toBe(true);
    const s = nsgaIISurvival(pts, 2, 3);
    expect(Array.from(s.indices)).toEqual([0, 3, 2]);
    expect(Array.from(s.ranks)).toEqual([0, 0, 0]);
    const all = nsgaIISurvival(pts, 2, 10);
    expect(Array.from(all.indices)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(all.ranks)).toEqual([0, 0, 0, 0, 1]);
  });

  it("survivors are never dominated by a non-survivor (property), and infinite values are accepted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const rng = Rng.fromSeed(seed);
        const m = 1 + (seed % 3);
        const pts = Float64Array.from({ length: n * m }, () => Math.round(rng.uniform(0, 5)));
        if (seed % 5 === 0) pts[0] = Number.POSITIVE_INFINITY;
        const size = 1 + (seed % n);
        const s = nsgaIISurvival(pts, m, size);
        expect(s.indices.length).toBe(size);
        const ranks = nonDominatedRanks(pts, m);
        const kept = new Set(s.indices);
        const worstKept = Math.max(...Array.from(s.indices, (i) => ranks[i]!));
        for (let i = 0; i < n; i++) if (!kept.has(i)) expect(ranks[i]).toBeGreaterThanOrEqual(worstKept);
      }),
    );
  });

  it("bad arguments are one-line errors", () => {
    expect(() => nsgaIISurvival(Float64Array.of(1, 2), 1, -1)).toThrow(
      /nsgaIISurvival: size must be an integer >= 0/,
    );
    expect(() => constrainedRanks(Float64Array.of(1, 2), 1, [0])).toThrow(
      /violations must have N=2 entries, got 1/,
    );
    expect(() => constrainedRanks(Float64Array.of(1, 2), 1, [0, Number.NaN])).toThrow(
      /violations\[1\] must be a number, got NaN/,
    );
  });
});
