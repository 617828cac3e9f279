import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nonDominatedRanks } from "../../src/pareto/non-dominated-sort.js";
import { type Nsga3Memory, nsga3Normalization } from "../../src/pareto/nsga3-normalization.js";
import { nsga3Select } from "../../src/pareto/nsga3-selection.js";
import { Rng } from "../../src/random/rng.js";
import { dasDennis } from "../../src/refdirs/das-dennis.js";
import pymoo from "../fixtures/pareto/pymoo_nsga3.json" with { type: "json" };

/** N points of the linear front Σ_k (f_k − z_k)/a_k = 1 (f ≥ z), the M vertices first. */
function linearFront(n: number, z: number[], a: number[], rng: Rng): Float64Array {
  const m = z.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const w = new Float64Array(m);
    if (i < m) w[i] = 1;
    else {
      let s = 0;
      for (let k = 0; k < m; k++) s += w[k] = -Math.log(rng.randomOpen());
      for (let k = 0; k < m; k++) w[k] = w[k]! / s;
    }
    for (let k = 0; k < m; k++) out[i * m + k] = z[k]! + a[k]! * w[k]!;
  }
  return out;
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe("nsga3Normalization", () => {
  it("recovers the intercepts of a known linear front, 2 to 6 objectives (property)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((m) =>
            fc.tuple(
              fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: m, maxLength: m }),
              fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: m, maxLength: m }),
              fc.integer({ min: 0, max: 1000 }),
            ),
          ),
        ([z, a, seed]) => {
          const m = z.length;
          const pts = linearFront(40, z, a, Rng.fromSeed(seed));
          const norm = nsga3Normalization(pts, m, all(40));
          expect(norm.hyperplane).toBe(true);
          for (let k = 0; k < m; k++) {
            expect(norm.ideal[k]).toBeCloseTo(z[k]!, 9);
            expect(Math.abs(norm.nadir[k]! - (z[k]! + a[k]!))).toBeLessThan(
              1e-7 * (1 + Math.abs(z[k]!) + a[k]!),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("cuts intercepts beyond the worst point seen to that point", () => {
    // Points on f1/2 + f2/4 + f3/8 = 1 shifted by (1, 1, 1), without the vertices: the ideal
    // lies above (1, 1, 1), so the plane through the extremes, measured from the ideal, has
    // intercepts beyond the population; the nadir is cut to the worst point.
    const pts = linearFront(200, [1, 1, 1], [2, 4, 8], Rng.fromSeed(3)).subarray(9);
    const n = pts.length / 3;
    const norm = nsga3Normalization(pts, 3, all(n));
    expect(norm.hyperplane).toBe(true);
    for (let k = 0; k < 3; k++) {
      let worst = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) worst = Math.max(worst, pts[i * 3 + k]!);
      expect(norm.nadir[k]).toBeLessThanOrEqual(worst);
      expect(norm.nadir[k]! - norm.ideal[k]!).toBeGreaterThan(1);
    }
  });

  it("falls back without NaN on degenerate fronts", () => {
    // Every point identical: ranges taken as 1.
    const same = Float64Array.of(2, 3, 2, 3, 2, 3);
    const n1 = nsga3Normalization(same, 2, [0, 1, 2]);
    expect(Array.from(n1.ideal)).toEqual([2, 3]);
    expect(Array.from(n1.nadir)).toEqual([3, 4]);
    expect(n1.hyperplane).toBe(false);
    // A front on a line in 3-D (f3 = f1): the extremes are dependent, the system singular.
    const line = Float64Array.of(0, 1, 0, 0.5, 0.5, 0.5, 1, 0, 1, 0.25, 0.75, 0.25);
    const n2 = nsga3Normalization(line, 3, [0, 1, 2, 3]);
    expect(n2.hyperplane).toBe(false);
    expect(Array.from(n2.nadir)).toEqual([1, 1, 1]); // worst of the front
    // A negative intercept: extremes (1, 0, 0), (0, 1, 0) and (0.9, 0.9, 0.1) (the best ASF
    // along axis 3) span the plane f1 + f2 − 8 f3 = 1: intercept −1/8 in f3, refused.
    const tilted = Float64Array.of(1, 0, 0, 0, 1, 0, 0.9, 0.9, 0.1);
    const n3 = nsga3Normalization(tilted, 3, [0, 1, 2]);
    expect(Array.from(n3.extremes)).toEqual([1, 0, 0, 0, 1, 0, 0.9, 0.9, 0.1]);
    expect(n3.hyperplane).toBe(false);
    expect(Array.from(n3.nadir)).toEqual([1, 1, 0.1]);
    // A front flat in one objective takes that objective's range from the population.
    const flat = Float64Array.of(0, 5, 1, 5, 0.5, 9);
    const n4 = nsga3Normalization(flat, 2, [0, 1]);
    expect(n4.nadir[1]).toBe(9);
  });

  it("normalizes degenerate and random sets to finite values (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: m, maxLength: m }), {
              minLength: 1,
              maxLength: 15,
            }),
          ),
        ),
        ([m, rows]) => {
          const pts = Float64Array.from(rows.flat());
          const ranks = nonDominatedRanks(pts, m);
          const front = all(rows.length).filter((i) => ranks[i] === 0);
          const norm = nsga3Normalization(pts, m, front);
          for (let k = 0; k < m; k++) {
            expect(Number.isFinite(norm.nadir[k])).toBe(true);
            expect(norm.nadir[k]! - norm.ideal[k]!).toBeGreaterThan(1e-6);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("carries the ideal, worst and extremes across generations in its memory", () => {
    const first = nsga3Normalization(Float64Array.of(0, 4, 4, 0, 2, 2), 2, [0, 1, 2]);
    expect(JSON.parse(JSON.stringify(first.memory))).toEqual(first.memory);
    // The next population lies further out: the ideal and extremes remembered still count.
    const next = nsga3Normalization(Float64Array.of(1, 5, 5, 1), 2, [0, 1], first.memory);
    expect(Array.from(next.ideal)).toEqual([0, 0]);
    expect(Array.from(next.extremes)).toEqual([4, 0, 0, 4]);
    expect(Array.from(next.nadir)).toEqual([4, 4]);
    expect(() =>
      nsga3Normalization(Float64Array.of(1, 5), 2, [0], { ideal: [0], worst: [1, 1], extremes: [] }),
    ).toThrow(
      /nsga3Normalization: memory must hold ideal and worst of 2 finite numbers and extremes of 0 or 4, got 1, 2, 0/,
    );
  });

  it("matches pymoo 0.6.2's extremes and nadir on 40 populations and their second generations (fixture)", () => {
    // fixtures/pareto/pymoo_nsga3.py: random, tied, scaled linear and singular (f1 = f2) sets;
    // the second generation is normalized with the first one's memory.
    const close = (a: ArrayLike<number>, b: number[]): boolean =>
      b.every((v, i) => Math.abs(a[i]! - v) <= 1e-9 * (1 + Math.abs(v)));
    expect(pymoo.cases).toHaveLength(40);
    for (const [c, { m, generations }] of pymoo.cases.entries()) {
      let memory: Nsga3Memory | undefined;
      for (const [g, gen] of generations.entries()) {
        const norm = nsga3Normalization(Float64Array.from(gen.points), m, gen.front, memory);
        expect(close(norm.extremes, gen.extremes), `case ${c} generation ${g} extremes`).toBe(true);
        expect(close(norm.nadir, gen.nadir), `case ${c} generation ${g} nadir`).toBe(true);
        memory = norm.memory;
      }
    }
  });

  it("rejects bad arguments", () => {
    expect(() => nsga3Normalization(Float64Array.of(1, Number.POSITIVE_INFINITY), 2, [0])).toThrow(
      /nsga3Normalization: objective 1 of point 0 must be finite, got Infinity/,
    );
    expect(() => nsga3Normalization(Float64Array.of(1, 2), 2, [])).toThrow(
      /nsga3Normalization: front must hold at least 1 index/,
    );
    expect(() => nsga3Normalization(Float64Array.of(1, 2), 2, [1])).toThrow(
      /nsga3Normalization: front\[0\] must be an index in 0..0, got 1/,
    );
  });
});

describe("nsga3Select", () => {
  it("keeps whole fronts, then fills empty niches first with their nearest points", () => {
    // dasDennis(2, 4): directions (1, 0), (0.75, 0.25), ..., (0, 1), numbered 0 to 4.
    // Front 1: five points near the lines of the 5 directions; choosing 3 of them must take
    // the three niches front 0 leaves empty (directions 1, 2, 3).
    const dirs = dasDennis(2, 4);
    // Front 0 is (0, 0.5) and (0.5, 0), so the nadir is (0.5, 0.5) and f̃ = 2f.
    const pts = Float64Array.of(
      0,
      0.5,
      0.5,
      0,
      0.05,
      1.2, // near (0, 1): its niche already holds (0, 0.5)
      0.3,
      0.95, // near (0.25, 0.75)
      0.6,
      0.62, // near (0.5, 0.5)
      0.95,
      0.3, // near (0.75, 0.25)
      1.2,
      0.05, // near (1, 0)
    );
    const ranks = nonDominatedRanks(pts, 2);
    expect(Array.from(ranks)).toEqual([0, 0, 1, 1, 1, 1, 1]);
    for (const seed of [1, 2, 3]) {
      const sel = nsga3Select(pts, 2, ranks, dirs, 5, Rng.fromSeed(seed));
      expect(Array.from(sel.indices.subarray(0, 2))).toEqual([0, 1]);
      expect(Array.from(sel.indices.subarray(2)).sort()).toEqual([3, 4, 5]);
      expect(Array.from(sel.niche)).toEqual([4, 0, 4, 3, 2, 1, 0]);
    }
  });

  it("returns K distinct indices including every front before the last (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.boolean(),
        (m, n, seed, tied) => {
          const rng = Rng.fromSeed(seed);
          const pts = Float64Array.from({ length: n * m }, () => (tied ? rng.int(0, 3) : rng.random()));
          const ranks = nonDominatedRanks(pts, m);
          const k = rng.int(0, n);
          const sel = nsga3Select(pts, m, ranks, dasDennis(m, 3), k, rng);
          expect(sel.indices.length).toBe(k);
          expect(new Set(sel.indices).size).toBe(k);
          const lastRank = k === 0 ? -1 : Math.max(...Array.from(sel.indices, (i) => ranks[i]!));
          for (let i = 0; i < n; i++) if (ranks[i]! < lastRank) expect(sel.indices).toContain(i);
          for (const i of sel.indices) {
            expect(sel.niche[i]).toBeGreaterThanOrEqual(0);
            expect(Number.isFinite(sel.distance[i])).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("spreads the survivors of one large front over the directions", () => {
    // 300 points of the 3-objective linear front, 91 directions: choosing 91 leaves no
    // direction that has points without a survivor.
    const m = 3;
    const pts = linearFront(300, [0, 0, 0], [1, 1, 1], Rng.fromSeed(4));
    const dirs = dasDennis(m, 12);
    const sel = nsga3Select(pts, m, nonDominatedRanks(pts, m), dirs, 91, Rng.fromSeed(5));
    const covered = new Set(Array.from(sel.indices, (i) => sel.niche[i]));
    const withPoints = new Set(Array.from(sel.niche));
    expect(covered.size).toBe(withPoints.size > 91 ? 91 : withPoints.size);
  });

  it("is deterministic for a seed and threads its memory", () => {
    const rng = Rng.fromSeed(8);
    const pts = Float64Array.from({ length: 3 * 50 }, () => rng.random());
    const ranks = nonDominatedRanks(pts, 3);
    const dirs = dasDennis(3, 4);
    const a = nsga3Select(pts, 3, ranks, dirs, 20, Rng.fromSeed(1));
    const b = nsga3Select(pts, 3, ranks, dirs, 20, Rng.fromSeed(1));
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    const c = nsga3Select(
      pts.map((v) => v + 1),
      3,
      ranks,
      dirs,
      20,
      Rng.fromSeed(1),
      a.memory,
    );
    expect(Array.from(c.normalization.ideal)).toEqual(Array.from(a.normalization.ideal));
  });

  it("associates points with directions as pymoo 0.6.2 does (fixture)", () => {
    // Same perpendicular distance everywhere; the same direction except at exact ties (a point
    // equally far from two directions), which rounding breaks one way or the other: the
    // fixture holds two, both on tied integer points.
    let ties = 0;
    for (const [c, { m, generations }] of pymoo.cases.entries()) {
      const gen = generations[0]!;
      const points = Float64Array.from(gen.points);
      const n = points.length / m;
      // Selecting every point puts all of them in S_t, so every one is associated.
      const sel = nsga3Select(
        points,
        m,
        nonDominatedRanks(points, m),
        Float64Array.from(gen.directions!),
        n,
        Rng.fromSeed(c),
      );
      for (let i = 0; i < n; i++) {
        expect(Math.abs(sel.distance[i]! - gen.distance![i]!), `case ${c} point ${i}`).toBeLessThan(1e-9);
        if (sel.niche[i] !== gen.niche![i]) ties++;
      }
    }
    expect(ties).toBeLessThanOrEqual(2);
  });

  it("rejects bad arguments", () => {
    const pts = Float64Array.of(0, 1, 1, 0);
    const dirs = dasDennis(2, 2);
    const rng = Rng.fromSeed(1);
    expect(() => nsga3Select(pts, 2, [0], dirs, 1, rng)).toThrow(
      /nsga3Select: ranks must have N=2 entries, got 1/,
    );
    expect(() => nsga3Select(pts, 2, [0, 0], dirs, 3, rng)).toThrow(
      /nsga3Select: nSelect must be an integer in 0..2, got 3/,
    );
    expect(() => nsga3Select(pts, 2, [0, 0], Float64Array.of(1, 0, 0), 1, rng)).toThrow(
      /nsga3Select: refDirs must be a non-empty Float64Array of H×nObjectives=2 values, got length 3/,
    );
    expect(() => nsga3Select(pts, 2, [0, 0], Float64Array.of(0, 0), 1, rng)).toThrow(
      /nsga3Select: refDirs\[0\] must not be all zero/,
    );
    expect(() => nsga3Select(pts, 2, [0, 0], Float64Array.of(-1, 2), 1, rng)).toThrow(
      /nsga3Select: refDirs\[0\]\[0\] must be finite and >= 0, got -1/,
    );
    expect(() => nsga3Select(pts, 2, [1, 1], dirs, 1, rng)).toThrow(/nsga3Select: ranks must contain rank 0/);
    expect(() => nsga3Select(pts, 2, [0, -1], dirs, 1, rng)).toThrow(
      /nsga3Select: ranks\[1\] must be an integer >= 0, got -1/,
    );
  });
});
