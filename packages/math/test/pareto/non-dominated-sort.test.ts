import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dominates,
  nonDominatedRanks,
  paretoFrontIndices,
  paretoFronts,
} from "../../src/pareto/non-dominated-sort.js";
import { Rng } from "../../src/random/rng.js";
import { bruteDominates, bruteRanks, rows } from "./brute.js";

/** Small integer points: many ties and duplicates. */
const smallInstance = fc
  .integer({ min: 1, max: 5 })
  .chain((m) =>
    fc.tuple(
      fc.constant(m),
      fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }), { maxLength: 30 }),
    ),
  );

describe("nonDominatedRanks", () => {
  it("equals brute-force peeling for 1 to 5 objectives, duplicates included (property)", () => {
    fc.assert(
      fc.property(smallInstance, ([m, pts]) => {
        const points = Float64Array.from(pts.flat());
        expect(Array.from(nonDominatedRanks(points, m))).toEqual(bruteRanks(points, m));
      }),
      { numRuns: 300 },
    );
  });

  it("satisfies the front invariants on larger random sets (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 2, max: 4 }), (seed, m) => {
        const rng = Rng.fromSeed(seed);
        const n = 300;
        const points = Float64Array.from({ length: n * m }, () => Math.round(rng.uniform(0, 20)));
        const ranks = nonDominatedRanks(points, m);
        const ps = rows(points, m);
        for (let i = 0; i < n; i++) {
          // Nobody of the same rank dominates i; someone of the previous rank does.
          let byPrev = ranks[i] === 0;
          for (let j = 0; j < n; j++) {
            if (ranks[j] === ranks[i] && bruteDominates(ps[j]!, ps[i]!)) return false;
            if (ranks[j] === ranks[i]! - 1 && bruteDominates(ps[j]!, ps[i]!)) byPrev = true;
          }
          if (!byPrev) return false;
        }
        return true;
      }),
      { numRuns: 10 },
    );
  });

  it("the 1- and 2-objective fast paths agree with the general algorithm (constant extra objectives)", () => {
    const rng = Rng.fromSeed(3);
    const n = 3000;
    const two = Float64Array.from({ length: 2 * n }, () => Math.floor(rng.uniform(0, 50)));
    const three = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) three.set([two[2 * i]!, two[2 * i + 1]!, 7], 3 * i);
    expect(Array.from(nonDominatedRanks(two, 2))).toEqual(Array.from(nonDominatedRanks(three, 3)));
    const one = Float64Array.from({ length: n }, (_, i) => two[2 * i]!);
    const oneTwo = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) oneTwo.set([one[i]!, 1], 2 * i);
    expect(Array.from(nonDominatedRanks(one, 1))).toEqual(Array.from(nonDominatedRanks(oneTwo, 2)));
  });

  it("ranks a constructed 2-D set, with duplicates and infinities", () => {
    const pts = Float64Array.of(
      1,
      5,
      2,
      2,
      5,
      1,
      2,
      2,
      3,
      3,
      6,
      6,
      1,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      9,
    );
    // (-∞, 9) is non-dominated; (1, ∞) is dominated by (1, 5); the duplicates (2, 2) share rank 0.
    expect(Array.from(nonDominatedRanks(pts, 2))).toEqual([0, 0, 0, 0, 1, 2, 1, 0]);
  });

  it("handles empty input and rejects NaN and bad shapes", () => {
    expect(nonDominatedRanks(new Float64Array(0), 3)).toHaveLength(0);
    expect(() => nonDominatedRanks(Float64Array.of(1, Number.NaN), 2)).toThrow(
      /nonDominatedRanks: objective 1 of point 0 must be a number, got NaN/,
    );
    expect(() => nonDominatedRanks(Float64Array.of(1, 2, 3), 2)).toThrow(
      /points length 3 is not a multiple of nObjectives=2/,
    );
    expect(() => nonDominatedRanks(Float64Array.of(1), 0)).toThrow(
      /nObjectives must be an integer >= 1, got 0/,
    );
    expect(() => nonDominatedRanks([1, 2] as unknown as Float64Array, 2)).toThrow(/must be a Float64Array/);
  });
});

describe("paretoFronts / paretoFrontIndices / dominates", () => {
  it("groups indices by rank and extracts the first front", () => {
    const pts = Float64Array.of(1, 2, 2, 1, 2, 2, 3, 3, 1, 2);
    expect(paretoFronts(nonDominatedRanks(pts, 2)).map((f) => Array.from(f))).toEqual([[0, 1, 4], [2], [3]]);
    expect(Array.from(paretoFrontIndices(pts, 2))).toEqual([0, 1, 4]);
    expect(paretoFronts([])).toEqual([]);
    expect(() => paretoFronts([0, -1])).toThrow(/paretoFronts: ranks\[1\] must be an integer >= 0, got -1/);
  });

  it("dominates is strict somewhere and weak everywhere", () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
    expect(dominates([Number.NEGATIVE_INFINITY], [0])).toBe(true);
    expect(() => dominates([1], [1, 2])).toThrow(
      /dominates: points must have the same positive length, got 1 and 2/,
    );
    expect(() => dominates([], [])).toThrow(/dominates/);
  });
});
