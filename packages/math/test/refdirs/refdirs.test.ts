import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/random/rng.js";
import { dasDennis, dasDennisCount } from "../../src/refdirs/das-dennis.js";
import { rieszEnergy, rieszEnergyDirections } from "../../src/refdirs/riesz-energy.js";
import { twoLayerDirections } from "../../src/refdirs/two-layer.js";

function expectOnSimplex(dirs: Float64Array, m: number, tol = 1e-12): void {
  expect(dirs.length % m).toBe(0);
  for (let i = 0; i < dirs.length / m; i++) {
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const v = dirs[i * m + k]!;
      expect(v).toBeGreaterThanOrEqual(0);
      sum += v;
    }
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(tol);
  }
}

function distinctRows(dirs: Float64Array, m: number): number {
  const keys = new Set<string>();
  for (let i = 0; i < dirs.length / m; i++) keys.add(Array.from(dirs.subarray(i * m, (i + 1) * m)).join(","));
  return keys.size;
}

/** N uniform points of the simplex (normalized exponentials), seeded. */
function randomSimplex(n: number, m: number, rng: Rng): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += out[i * m + k] = -Math.log(rng.randomOpen());
    for (let k = 0; k < m; k++) out[i * m + k] = out[i * m + k]! / s;
  }
  return out;
}

describe("dasDennis", () => {
  it("has the published counts (91 for M=3, H=12; 210 for M=5, H=6) and sums to 1", () => {
    for (const [m, h, count] of [
      [3, 12, 91],
      [5, 6, 210],
      [2, 99, 100],
      [3, 4, 15],
      [8, 3, 120],
      [10, 3, 220],
      [15, 2, 120],
    ] as const) {
      const dirs = dasDennis(m, h);
      expect(dirs.length / m, `M=${m} H=${h}`).toBe(count);
      expect(dasDennisCount(m, h)).toBe(count);
      expectOnSimplex(dirs, m);
      expect(distinctRows(dirs, m)).toBe(count);
    }
  });

  it("lies on the 1/H lattice, holds every vertex, and matches stars and bars (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }), (m, h) => {
        const dirs = dasDennis(m, h);
        expectOnSimplex(dirs, m);
        for (const v of dirs) expect(Math.abs(v * h - Math.round(v * h))).toBeLessThan(1e-9);
        expect(dirs.length / m).toBe(dasDennisCount(m, h));
        expect(distinctRows(dirs, m)).toBe(dasDennisCount(m, h));
        for (let k = 0; k < m; k++) {
          let found = false;
          for (let i = 0; i < dirs.length / m; i++) if (dirs[i * m + k] === 1) found = true;
          expect(found).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("orders the lattice from (1, 0, ...) to (..., 0, 1)", () => {
    expect(Array.from(dasDennis(2, 2))).toEqual([1, 0, 0.5, 0.5, 0, 1]);
    expect(Array.from(dasDennis(1, 0))).toEqual([1]);
  });

  it("rejects bad arguments and sets that are too large", () => {
    expect(() => dasDennis(0, 3)).toThrow(/dasDennis: nObjectives must be an integer >= 1, got 0/);
    expect(() => dasDennis(3, 0)).toThrow(/dasDennis: divisions must be an integer >= 1, got 0/);
    expect(() => dasDennis(3, 1.5)).toThrow(/dasDennis: divisions must be an integer >= 1, got 1.5/);
    expect(() => dasDennis(20, 12)).toThrow(
      /dasDennis: C\(H \+ M - 1, M - 1\) = 141120525 directions for M=20, H=12 exceeds 1000000/,
    );
  });
});

describe("twoLayerDirections", () => {
  it("has Deb & Jain's (2014, Table I) counts and sums to 1", () => {
    for (const [m, h1, h2, count] of [
      [8, 3, 2, 156],
      [10, 3, 2, 275],
      [15, 2, 1, 135],
    ] as const) {
      const dirs = twoLayerDirections(m, h1, h2);
      expect(dirs.length / m).toBe(count);
      expectOnSimplex(dirs, m, 1e-12);
    }
  });

  it("shrinks the inside layer halfway to the centroid", () => {
    const dirs = twoLayerDirections(3, 1, 1);
    // Outer: the 3 vertices; inner: (1, 0, 0) → (2/3, 1/6, 1/6), ...
    expect(dirs.length).toBe(18);
    expect(dirs[9]).toBeCloseTo(2 / 3, 15);
    expect(dirs[10]).toBeCloseTo(1 / 6, 15);
    // Every inside point is at least (1 − τ)/M = 1/6 in each coordinate.
    for (let i = 9; i < 18; i++) expect(dirs[i]!).toBeGreaterThanOrEqual(1 / 6 - 1e-15);
    expect(() => twoLayerDirections(3, 2, 1, { shrink: 0 })).toThrow(
      /twoLayerDirections: shrink must be in \(0, 1\], got 0/,
    );
    expect(() => twoLayerDirections(1, 2, 1)).toThrow(
      /twoLayerDirections: nObjectives must be an integer >= 2, got 1/,
    );
  });
});

describe("rieszEnergy / rieszEnergyDirections", () => {
  it("computes the energy of a known configuration", () => {
    // Two vertices of the 2-simplex are √2 apart: E_2 = 1/2.
    expect(rieszEnergy(Float64Array.of(1, 0, 0, 1), 2, 2)).toBeCloseTo(0.5, 15);
    // Three vertices of the 3-simplex: 3 pairs at √2: E_4 = 3/4.
    expect(rieszEnergy(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 3, 4)).toBeCloseTo(0.75, 14);
    expect(() => rieszEnergy(Float64Array.of(1, 0), 2, 0)).toThrow(
      /rieszEnergy: s must be positive and finite, got 0/,
    );
  });

  it("gives the requested count on the simplex, with lower energy than random points (seeded)", () => {
    for (const [m, n] of [
      [3, 20],
      [3, 91],
      [5, 40],
    ] as const) {
      const dirs = rieszEnergyDirections(m, n, Rng.fromSeed(n), { maxIterations: 300 });
      expect(dirs.length / m).toBe(n);
      expectOnSimplex(dirs, m, 1e-9);
      const s = 2 * m;
      const e = rieszEnergy(dirs, m, s);
      const rng = Rng.fromSeed(1000 + n);
      for (let r = 0; r < 5; r++) expect(e).toBeLessThan(rieszEnergy(randomSimplex(n, m, rng), m, s));
      // Better spread than Das–Dennis' count-matched lattice is not claimed; closer than random is.
    }
  });

  it("lowers the energy of its farthest-point start", () => {
    const m = 3;
    const start = rieszEnergyDirections(m, 30, Rng.fromSeed(5), { maxIterations: 0 });
    const done = rieszEnergyDirections(m, 30, Rng.fromSeed(5), { maxIterations: 300 });
    expect(rieszEnergy(done, m, 6)).toBeLessThan(rieszEnergy(start, m, 6));
  });

  it("is deterministic for a seed and handles tiny counts", () => {
    const a = rieszEnergyDirections(4, 12, Rng.fromSeed(9), { maxIterations: 50 });
    const b = rieszEnergyDirections(4, 12, Rng.fromSeed(9), { maxIterations: 50 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(rieszEnergyDirections(3, 2, Rng.fromSeed(1)))).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(rieszEnergyDirections(1, 1, Rng.fromSeed(1)))).toEqual([1]);
  });

  it("rejects bad arguments", () => {
    const rng = Rng.fromSeed(1);
    expect(() => rieszEnergyDirections(3, 0, rng)).toThrow(
      /rieszEnergyDirections: nPoints must be an integer >= 1, got 0/,
    );
    expect(() => rieszEnergyDirections(3, 5, rng, { s: -1 })).toThrow(
      /rieszEnergyDirections: s must be positive and finite, got -1/,
    );
    expect(() => rieszEnergyDirections(3, 5, rng, { learningRate: 0 })).toThrow(
      /learningRate must be positive and finite, got 0/,
    );
  });
});
