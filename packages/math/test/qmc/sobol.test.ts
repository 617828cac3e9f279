import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SOBOL_MAX_DIMENSION, Sobol, sobolDirectionNumbers } from "../../src/qmc/index.js";
import { Rng } from "../../src/random/index.js";

// Reference points: SciPy 1.10.1, Debian 12 (fixtures/qmc/qmc.py).
interface PointSet {
  d: number;
  n: number;
  skip?: number;
  points: number[][];
}
const fx = JSON.parse(readFileSync(new URL("../fixtures/qmc/qmc.json", import.meta.url), "utf8")) as {
  sobol: PointSet[];
  sobolForward: PointSet[];
};

function rows(flat: Float64Array, d: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length / d; i++) out.push(Array.from(flat.subarray(i * d, (i + 1) * d)));
  return out;
}

/** Counts of points of a base-2 net in each elementary interval of shape (k_1, …, k_d), Σ k_j = m. */
function elementaryCounts(points: Float64Array, d: number, ks: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < points.length / d; i++) {
    let key = 0;
    for (let j = 0; j < d; j++) key = key * 2 ** ks[j]! + Math.floor(points[i * d + j]! * 2 ** ks[j]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Every composition (k_1, …, k_d) of m into d non-negative parts. */
function compositions(m: number, d: number): number[][] {
  if (d === 1) return [[m]];
  const out: number[][] = [];
  for (let k = 0; k <= m; k++) for (const rest of compositions(m - k, d - 1)) out.push([k, ...rest]);
  return out;
}

/** Kolmogorov–Smirnov statistic of a sample against U(0, 1). */
function ksUniform(sample: number[]): number {
  const s = [...sample].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - s[i]!, s[i]! - i / n);
  return d;
}
/** Asymptotic 1% critical value of the KS statistic (Massey 1951): 1.628 / √n. */
const ks01 = (n: number): number => 1.628 / Math.sqrt(n);

describe("Sobol (unscrambled)", () => {
  it("first points equal the published Joe–Kuo values", () => {
    // Joe & Kuo (2008) new-joe-kuo-6.21201, first three dimensions, points 0..7.
    const published = [
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ];
    expect(rows(new Sobol({ dimension: 3, scramble: false }).random(8), 3)).toEqual(published);
  });

  it("equals scipy.stats.qmc.Sobol(d, scramble=False).random(n) exactly", () => {
    for (const set of fx.sobol) {
      const sobol = new Sobol({ dimension: set.d, scramble: false });
      expect(rows(sobol.random(set.n), set.d), `d=${set.d}`).toEqual(set.points);
      expect(sobol.index).toBe(set.n);
    }
  });

  it("equals SciPy after fast_forward(k)", () => {
    for (const set of fx.sobolForward) {
      const sobol = new Sobol({ dimension: set.d, scramble: false }).fastForward(set.skip!);
      expect(rows(sobol.random(set.n), set.d), `d=${set.d} skip=${set.skip}`).toEqual(set.points);
    }
  });

  it("ships the stated dimension limit", () => {
    expect(SOBOL_MAX_DIMENSION).toBe(1024);
    expect(sobolDirectionNumbers(SOBOL_MAX_DIMENSION).length).toBe(1024 * 32);
    // v_1 of every dimension is 2^31 (m_1 = 1).
    const v = sobolDirectionNumbers(SOBOL_MAX_DIMENSION);
    for (let j = 0; j < SOBOL_MAX_DIMENSION; j++) expect(v[j * 32]).toBe(2 ** 31);
  });
});

describe.each([false, true])("Sobol nets (scramble=%s)", (scramble) => {
  it("every 2^m prefix is a (0, m, 2)-net in dimensions (1, 2) and a (0, m, 1)-net in each dimension", () => {
    const d = 2;
    const sobol = new Sobol({ dimension: d, scramble, seed: 5 });
    const all = sobol.random(2 ** 10);
    for (let m = 0; m <= 10; m++) {
      const prefix = all.subarray(0, 2 ** m * d);
      for (const ks of compositions(m, d)) {
        const counts = elementaryCounts(prefix, d, ks);
        expect(counts.size, `m=${m} ks=${ks}`).toBe(2 ** m);
        for (const c of counts.values()) expect(c).toBe(1);
      }
    }
  });

  it("every 2^m prefix puts 2^(m-t) points in each elementary box of volume 2^(t-m) in 3-D (t = 1 for dims 1-3)", () => {
    // Dimensions 1-3 of Sobol form a (1, m, 3)-net (the t-value of the first three Joe–Kuo dimensions).
    const d = 3;
    const all = new Sobol({ dimension: d, scramble, seed: 6 }).random(2 ** 9);
    for (let m = 1; m <= 9; m++) {
      const prefix = all.subarray(0, 2 ** m * d);
      for (const ks of compositions(m - 1, d)) {
        const counts = elementaryCounts(prefix, d, ks);
        expect(counts.size).toBe(2 ** (m - 1));
        for (const c of counts.values()) expect(c).toBe(2);
      }
    }
  });
});

describe("Sobol (scrambled)", () => {
  it("is seeded: the same seed gives the same points, another seed others", () => {
    const a = new Sobol({ dimension: 4, seed: 1 }).random(16);
    const b = new Sobol({ dimension: 4, seed: 1 }).random(16);
    const c = new Sobol({ dimension: 4, seed: 2 }).random(16);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Sobol({ dimension: 4, rng: Rng.fromSeed(1) }).random(16)).toEqual(a);
  });

  it("points lie in [0, 1)", () => {
    const x = new Sobol({ dimension: 20, seed: 3 }).random(512);
    for (const v of x) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });

  it("is uniform marginally: KS test of each coordinate of 1,024 points, and of point 0 over 400 seeds", () => {
    const d = 8;
    const x = new Sobol({ dimension: d, seed: 11 }).random(1024);
    for (let j = 0; j < d; j++) {
      const col = Array.from({ length: 1024 }, (_, i) => x[i * d + j]!);
      expect(ksUniform(col)).toBeLessThan(ks01(1024));
    }
    // Randomization: the first point (the origin unscrambled) is U(0,1)^d over the seeds.
    for (const i of [0, 1, 37]) {
      for (let j = 0; j < 3; j++) {
        const col = Array.from({ length: 400 }, (_, s) => new Sobol({ dimension: 3, seed: s }).point(i)[j]!);
        expect(ksUniform(col), `point ${i} dim ${j}`).toBeLessThan(ks01(400));
      }
    }
  });
});

describe("Sobol.point and fastForward", () => {
  it("point(i) equals the i-th sequential point (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 40 }),
        fc.integer({ min: 1, max: 30 }),
        (d, scramble, start, n) => {
          const seq = new Sobol({ dimension: d, scramble, seed: 9 }).fastForward(start);
          const direct = new Sobol({ dimension: d, scramble, seed: 9 });
          const walked = seq.random(n);
          for (let i = 0; i < n; i++) {
            expect(Array.from(direct.point(start + i))).toEqual(
              Array.from(walked.subarray(i * d, (i + 1) * d)),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("fastForward(k) then random(n) equals the rows k..k+n of random(k+n)", () => {
    const d = 5;
    const all = new Sobol({ dimension: d, seed: 4 }).random(300);
    const tail = new Sobol({ dimension: d, seed: 4 }).fastForward(123).random(177);
    expect(tail).toEqual(all.subarray(123 * d));
    const s = new Sobol({ dimension: d, seed: 4 });
    s.random(10);
    s.reset();
    expect(s.random(300)).toEqual(all);
  });
});

describe("Sobol bad input", () => {
  it("names the argument and the allowed range", () => {
    expect(() => new Sobol({ dimension: 0, scramble: false })).toThrow(
      /dimension must be an integer in \[1, 1024\], got 0/,
    );
    expect(() => new Sobol({ dimension: 1025, scramble: false })).toThrow(/\[1, 1024\]/);
    expect(() => new Sobol({ dimension: 1.5, scramble: false })).toThrow(/dimension/);
    expect(() => new Sobol({ dimension: Number.NaN, scramble: false })).toThrow(/dimension/);
    expect(() => new Sobol({ dimension: 2 })).toThrow(/seed or an rng is required/);
    expect(() => new Sobol({ dimension: 2, seed: Number.NaN })).toThrow(/seed must be a finite number/);
    const s = new Sobol({ dimension: 2, scramble: false });
    expect(() => s.point(-1)).toThrow(/i must be an integer in \[0, 4294967295\], got -1/);
    expect(() => s.point(2 ** 32)).toThrow(/i must be an integer/);
    expect(() => s.point(0.5)).toThrow(/i must be an integer/);
    expect(() => s.random(-1)).toThrow(/n must be an integer in \[0, /);
    expect(() => s.fastForward(2 ** 33)).toThrow(/n must be an integer in \[0, 4294967296\]/);
    expect(() => s.point(0, new Float64Array(3))).toThrow(/out must have length 2/);
    expect(() => sobolDirectionNumbers(0)).toThrow(/dimension must be an integer in \[1, 1024\]/);
  });
});
