import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blxAlphaCrossover,
  CROSSOVER_KINDS,
  type Crossover,
  type CrossoverSpec,
  clipInto,
  crossover,
  crossoverFromSpec,
  reflectInto,
  sbxCrossover,
  spxCrossover,
  undxCrossover,
  uniformCrossover,
  vsbxCrossover,
} from "../../src/genetic/index.js";
import { Rng } from "../../src/random/index.js";

const SPECS: CrossoverSpec[] = [
  { kind: "uniform" },
  { kind: "blx-alpha" },
  { kind: "sbx", eta: 2 },
  { kind: "vsbx", eta: 2 },
  { kind: "spx" },
  { kind: "undx" },
];

/** n draws of gene 0 of the child of fixed parents (box [lo, hi] on every gene). */
function draws(op: Crossover, parents: Float64Array[], n: number, lo = 0, hi = 1, seed = 1): Float64Array[] {
  const rng = Rng.fromSeed(seed);
  const d = parents[0]!.length;
  const box = { lower: new Float64Array(d).fill(lo), upper: new Float64Array(d).fill(hi) };
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) out.push(crossover(op, parents, rng, { box, repair: { kind: "clip" } }));
  return out;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

function column(children: Float64Array[], j: number): Float64Array {
  return Float64Array.from(children, (c) => c[j]!);
}

describe("crossovers", () => {
  it("every spec kind builds its operator with the documented number of parents", () => {
    expect(SPECS.map((s) => s.kind)).toEqual(CROSSOVER_KINDS);
    expect(SPECS.map((s) => crossoverFromSpec(s).nParents)).toEqual([2, 2, 2, 2, 3, 3]);
    expect(crossoverFromSpec({ kind: "spx", nParents: 5 }).nParents).toBe(5);
  });

  it("keep children in the box under every repair (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc.constantFrom("resample", "clip", "reflect"),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (spec, repair, d, seed) => {
          const rng = Rng.fromSeed(seed);
          const op = crossoverFromSpec(spec);
          const lower = Float64Array.from({ length: d }, () => rng.uniform(-3, 0));
          const upper = Float64Array.from(lower, (l) => l + rng.uniform(0, 4));
          const parents = Array.from({ length: op.nParents }, () =>
            Float64Array.from({ length: d }, (_, i) => rng.uniform(lower[i]!, upper[i]!)),
          );
          const child = crossover(op, parents, rng, {
            box: { lower, upper },
            repair: repair === "resample" ? { kind: "resample", maxTries: 3 } : { kind: repair },
          });
          for (let i = 0; i < d; i++) {
            expect(child[i]).toBeGreaterThanOrEqual(lower[i]!);
            expect(child[i]).toBeLessThanOrEqual(upper[i]!);
          }
        },
      ),
    );
  });

  it("SBX stays in the box by itself and leaves parents unchanged (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (seed, eta) => {
          const rng = Rng.fromSeed(seed);
          const a = Float64Array.from({ length: 5 }, () => rng.random());
          const b = Float64Array.from({ length: 5 }, () => rng.random());
          const a0 = Float64Array.from(a);
          const out = new Float64Array(5);
          sbxCrossover({ eta, useChildGeneProb: 1 }).cross(
            [a, b],
            rng,
            { lower: new Float64Array(5), upper: new Float64Array(5).fill(1) },
            out,
          );
          for (const v of out) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          expect(a).toEqual(a0);
        },
      ),
    );
  });

  it("are deterministic for a seed and differ across seeds", () => {
    for (const spec of SPECS) {
      const op = crossoverFromSpec(spec);
      const parents = Array.from({ length: op.nParents }, (_, k) =>
        Float64Array.of(0.2 + 0.2 * k, 0.7 - 0.1 * k, 0.5),
      );
      const a = draws(op, parents, 20, 0, 1, 7);
      const b = draws(op, parents, 20, 0, 1, 7);
      const c = draws(op, parents, 20, 0, 1, 8);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    }
  });

  it("uniform takes each gene from one parent, the second with probability swappingProb", () => {
    const a = new Float64Array(1000).fill(0);
    const b = new Float64Array(1000).fill(1);
    const child = crossover(uniformCrossover({ swappingProb: 0.3 }), [a, b], Rng.fromSeed(3));
    expect(child.every((v) => v === 0 || v === 1)).toBe(true);
    expect(mean(child)).toBeCloseTo(0.3, 1);
  });

  it("BLX-α is uniform on the parents' interval extended by α·width on each side", () => {
    const kids = column(
      draws(blxAlphaCrossover({ alpha: 0.5 }), [Float64Array.of(0.4), Float64Array.of(0.6)], 20000),
      0,
    );
    expect(Math.min(...kids)).toBeGreaterThanOrEqual(0.3);
    expect(Math.max(...kids)).toBeLessThan(0.7);
    expect(mean(kids)).toBeCloseTo(0.5, 2);
    // Uniform on [0.3, 0.7]: variance 0.4²/12, each quarter holds 1/4.
    const m = mean(kids);
    const v = mean(kids.map((x) => (x - m) ** 2));
    expect(v).toBeCloseTo(0.16 / 12, 3);
    for (let q = 0; q < 4; q++) {
      const share = kids.filter((x) => x >= 0.3 + 0.1 * q && x < 0.4 + 0.1 * q).length / kids.length;
      expect(Math.abs(share - 0.25)).toBeLessThan(0.015);
    }
  });

  it("SBX children are symmetric about the parents' mean and spread less as eta grows", () => {
    const parents = [Float64Array.of(0.4), Float64Array.of(0.6)];
    const spread = (eta: number): number => {
      const kids = column(draws(sbxCrossover({ eta, useChildGeneProb: 1 }), parents, 20000), 0);
      expect(mean(kids)).toBeCloseTo(0.5, 2);
      const below = kids.filter((x) => x < 0.5).length / kids.length;
      expect(Math.abs(below - 0.5)).toBeLessThan(0.015);
      return mean(kids.map((x) => Math.abs(x - 0.5)));
    };
    const s = [0, 2, 20, 200].map(spread);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]!);
    // η → ∞: the children are the parents.
    expect(s[3]).toBeCloseTo(0.1, 2);
  });

  it("SBX near a bound keeps the child inside by truncating the spread, not by clipping", () => {
    const kids = column(
      draws(
        sbxCrossover({ eta: 0, useChildGeneProb: 1 }),
        [Float64Array.of(0.01), Float64Array.of(0.2)],
        5000,
      ),
      0,
    );
    expect(Math.min(...kids)).toBeGreaterThanOrEqual(0);
    // No pile-up at the bound: clipping would put mass exactly at 0.
    expect(kids.filter((x) => x === 0).length).toBe(0);
  });

  it("vSBX children are symmetric about the parents' mean and spread less as eta grows", () => {
    const parents = [Float64Array.of(0.45), Float64Array.of(0.55)];
    const spread = (eta: number): number => {
      const kids = column(draws(vsbxCrossover({ eta, useChildGeneProb: 1 }), parents, 20000, -100, 100), 0);
      const med = [...kids].sort((x, y) => x - y)[10000];
      expect(med).toBeCloseTo(0.5, 1);
      return [...kids.map((x) => Math.abs(x - 0.5))].sort((x, y) => x - y)[10000]!;
    };
    const s = [2, 20, 200].map(spread);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]!);
  });

  it("SPX children have the parents' centroid as mean and stay in the expanded simplex", () => {
    const p = [Float64Array.of(0, 0), Float64Array.of(1, 0), Float64Array.of(0, 1)];
    const kids = draws(spxCrossover(), p, 20000, -100, 100);
    expect(mean(column(kids, 0))).toBeCloseTo(1 / 3, 2);
    expect(mean(column(kids, 1))).toBeCloseTo(1 / 3, 2);
    // ε = 2 about G = (1/3, 1/3): the triangle (-1/3, -1/3), (5/3, -1/3), (-1/3, 5/3).
    const outside = kids.filter(
      (c) => c[0]! < -1 / 3 - 1e-12 || c[1]! < -1 / 3 - 1e-12 || c[0]! + c[1]! > 4 / 3 + 1e-12,
    );
    expect(outside).toHaveLength(0);
    // Uniform in that triangle: its covariance is the parents' (ε = √(k+1)): var(x) = 2/9.
    const x = column(kids, 0);
    expect(mean(x.map((v) => (v - 1 / 3) ** 2))).toBeCloseTo(2 / 9, 2);
  });

  it("UNDX children have the primary parents' midpoint as mean, σ_ξ·|d| along d and D·σ_η across", () => {
    const p = [Float64Array.of(0, 0, 0), Float64Array.of(2, 0, 0), Float64Array.of(1, 1, 0)];
    const kids = draws(undxCrossover({ sigmaXi: 0.5, sigmaEta: 0.3 }), p, 20000, -100, 100);
    expect(mean(column(kids, 0))).toBeCloseTo(1, 1);
    expect(Math.abs(mean(column(kids, 1)))).toBeLessThan(0.01);
    expect(Math.abs(mean(column(kids, 2)))).toBeLessThan(0.01);
    const sd = (xs: Float64Array, m: number): number => Math.sqrt(mean(xs.map((v) => (v - m) ** 2)));
    expect(sd(column(kids, 0), 1)).toBeCloseTo(0.5 * 2, 1); // ξ·d with |d| = 2
    expect(sd(column(kids, 1), 0)).toBeCloseTo(0.3, 2); // D = 1
    expect(sd(column(kids, 2), 0)).toBeCloseTo(0.3, 2);
  });

  it("repairs: clip moves to the nearer bound, reflect mirrors at the crossed bound", () => {
    const lower = Float64Array.of(0, 0, 0);
    const upper = Float64Array.of(1, 1, 1);
    expect(Array.from(clipInto(Float64Array.of(-0.5, 0.5, 1.25), lower, upper))).toEqual([0, 0.5, 1]);
    expect(Array.from(reflectInto(Float64Array.of(-0.25, 0.5, 1.25), lower, upper))).toEqual([
      0.25, 0.5, 0.75,
    ]);
    expect(reflectInto(Float64Array.of(3.5), lower.subarray(0, 1), upper.subarray(0, 1))[0]).toBeCloseTo(
      0.5,
      12,
    );
  });

  it("bad options and arguments are one-line errors naming the argument", () => {
    expect(() => uniformCrossover({ swappingProb: 1.5 })).toThrow(
      /uniformCrossover: swappingProb must be a number in \[0, 1\], got 1.5/,
    );
    expect(() => blxAlphaCrossover({ alpha: -1 })).toThrow(
      /blxAlphaCrossover: alpha must be a finite number >= 0/,
    );
    expect(() => sbxCrossover({ eta: Number.NaN })).toThrow(/sbxCrossover: eta/);
    expect(() => sbxCrossover({ useChildGeneProb: 0 })).toThrow(
      /useChildGeneProb must be a number in \(0, 1\]/,
    );
    expect(() => vsbxCrossover({ uniformCrossoverProb: 2 })).toThrow(/vsbxCrossover: uniformCrossoverProb/);
    expect(() => spxCrossover({ nParents: 1 })).toThrow(/spxCrossover: nParents must be an integer >= 2/);
    expect(() => spxCrossover({ epsilon: -1 })).toThrow(/spxCrossover: epsilon/);
    expect(() => undxCrossover({ sigmaXi: -1 })).toThrow(/undxCrossover: sigmaXi/);
    expect(() => undxCrossover({ sigmaEta: Number.POSITIVE_INFINITY })).toThrow(/undxCrossover: sigmaEta/);
    expect(() => crossoverFromSpec({ kind: "pmx" } as unknown as CrossoverSpec)).toThrow(
      /kind must be one of uniform, blx-alpha/,
    );
    const rng = Rng.fromSeed(1);
    const op = sbxCrossover();
    expect(() => crossover(op, [Float64Array.of(0.5)], rng)).toThrow(
      /crossover: parents must be an array of 2/,
    );
    expect(() => crossover(op, [Float64Array.of(0.5), Float64Array.of(0.5, 1)], rng)).toThrow(
      /parents\[1\] has length 2/,
    );
    expect(() => crossover(op, [Float64Array.of(Number.NaN), Float64Array.of(0.5)], rng)).toThrow(
      /parents\[0\]\[0\] must be finite/,
    );
    expect(() =>
      crossover(op, [Float64Array.of(0.5), Float64Array.of(0.5)], rng, {
        box: { lower: Float64Array.of(1), upper: Float64Array.of(0) },
      }),
    ).toThrow(/box gene 0 must have finite lower <= upper/);
    expect(() =>
      crossover(op, [Float64Array.of(0.5), Float64Array.of(0.5)], rng, {
        repair: { kind: "resample", maxTries: 0 },
      }),
    ).toThrow(/repair.maxTries must be an integer >= 1/);
    expect(() =>
      crossover(op, [Float64Array.of(0.5), Float64Array.of(0.5)], rng, { repair: { kind: "wrap" } as never }),
    ).toThrow(/repair.kind must be/);
  });
});
