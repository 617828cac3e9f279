import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binomialCrossover,
  currentToPBest1Mutant,
  midpointRepair,
  rand1Mutant,
} from "../../src/population/index.js";
import { Rng } from "../../src/random/index.js";

const vec = (d: number) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d });

describe("rand1Mutant", () => {
  it("equals x_r1 + F (x_r2 − x_r3) coordinate by coordinate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((d) => fc.tuple(vec(d), vec(d), vec(d))),
        fc.double({ min: 0, max: 2, noNaN: true }),
        ([a, b, c], f) => {
          const v = rand1Mutant(a, b, c, f);
          for (let j = 0; j < a.length; j++) expect(v[j]).toBe(a[j]! + f * (b[j]! - c[j]!));
        },
      ),
    );
  });
  it("for given indices of a population", () => {
    const pop = [
      [0.1, 0.2],
      [0.5, 0.9],
      [0.3, 0.3],
      [0.7, 0.1],
    ];
    // r1 = 1, r2 = 3, r3 = 2, F = 0.5: (0.5 + 0.5·0.4, 0.9 + 0.5·(−0.2)).
    expect(Array.from(rand1Mutant(pop[1]!, pop[3]!, pop[2]!, 0.5))).toEqual([
      0.5 + 0.5 * (0.7 - 0.3),
      0.9 + 0.5 * (0.1 - 0.3),
    ]);
  });
});

describe("currentToPBest1Mutant", () => {
  it("equals x_i + F (x_pbest − x_i) + F (x_r1 − x_r2)", () => {
    const v = currentToPBest1Mutant([1, 2], [0, 0], [3, 1], [1, 1], 0.5);
    expect(Array.from(v)).toEqual([1 + 0.5 * (0 - 1) + 0.5 * (3 - 1), 2 + 0.5 * (0 - 2) + 0.5 * (1 - 1)]);
  });
});

describe("binomialCrossover", () => {
  it("takes at least one coordinate (j_rand) from the mutant, every other from one of the two", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (d, cr, seed) => {
          const rng = Rng.fromSeed(seed);
          const target = Float64Array.from({ length: d }, (_, j) => j);
          const mutant = Float64Array.from({ length: d }, (_, j) => 100 + j);
          const jRand = rng.int(0, d - 1);
          const u = binomialCrossover(target, mutant, cr, jRand, () => rng.random());
          expect(u[jRand]).toBe(mutant[jRand]);
          for (let j = 0; j < d; j++) expect(u[j] === target[j] || u[j] === mutant[j]).toBe(true);
        },
      ),
    );
  });
  it("CR = 0 takes only j_rand from the mutant; CR = 1 takes all", () => {
    const rng = Rng.fromSeed(3);
    const t = [0, 0, 0, 0];
    const m = [1, 1, 1, 1];
    expect(Array.from(binomialCrossover(t, m, 0, 2, () => 0.5))).toEqual([0, 0, 1, 0]);
    expect(Array.from(binomialCrossover(t, m, 1, 2, () => rng.random()))).toEqual([1, 1, 1, 1]);
  });
  it("takes about CR·(d − 1) + 1 mutant coordinates on average", () => {
    const rng = Rng.fromSeed(5);
    const d = 10;
    let count = 0;
    const runs = 4000;
    for (let r = 0; r < runs; r++) {
      const u = binomialCrossover(
        new Float64Array(d),
        new Float64Array(d).fill(1),
        0.3,
        rng.int(0, d - 1),
        () => rng.random(),
      );
      count += u.reduce((s, v) => s + v, 0);
    }
    // Mean 0.3·9 + 1 = 3.7; the standard error of the mean over 4000 runs is about 0.022.
    expect(Math.abs(count / runs - 3.7)).toBeLessThan(0.1);
  });
});

describe("midpointRepair", () => {
  it("moves a violated coordinate to the midpoint of the target and the bound", () => {
    const v = midpointRepair(Float64Array.of(-1, 0.5, 3), [0.4, 0.2, 0.8], [0, 0, 0], [1, 1, 1]);
    expect(Array.from(v)).toEqual([0.2, 0.5, 0.9]);
  });
  it("always returns a point of the box (target inside)", () => {
    fc.assert(
      fc.property(
        vec(4),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (v, t) => {
          const r = midpointRepair(Float64Array.from(v), t, [0, 0, 0, 0], [1, 1, 1, 1]);
          for (const x of r) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
