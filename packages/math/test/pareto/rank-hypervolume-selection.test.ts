import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankHypervolumeSelection } from "../../src/pareto/rank-hypervolume-selection.js";
import { referencePoint } from "../../src/pareto/reference-point.js";
import { bruteRanks, inclusionExclusionHypervolume, subset } from "./brute.js";

describe("rankHypervolumeSelection", () => {
  it("fills whole fronts, then a greedy hypervolume subset of the next with its own reference point (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
            fc.tuple(fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true })),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        fc.nat(),
        (pts, kk) => {
          const n = pts.length;
          const k = kk % (n + 1);
          const points = Float64Array.from(pts.flat());
          const got = Array.from(rankHypervolumeSelection(points, 2, k));
          expect(got.length).toBe(k);
          expect(new Set(got).size).toBe(k);
          // Whole fronts first: every front before the last one used is complete.
          const rank = bruteRanks(points, 2);
          const last = k === 0 ? -1 : Math.max(...got.map((i) => rank[i]!));
          for (let i = 0; i < n; i++) if (rank[i]! < last) expect(got).toContain(i);
          const partial = got.filter((i) => rank[i] === last);
          const front = pts.map((_, i) => i).filter((i) => rank[i] === last);
          if (partial.length === front.length || partial.length === 0) return;
          // The cut front: as much hypervolume as plain greedy selection (a near-tie may pick
          // another point of equal gain), with the reference point of that front.
          const ref = Array.from(referencePoint(subset(points, 2, front), 2)!);
          const hv = (idx: number[]) => inclusionExclusionHypervolume(subset(points, 2, idx), 2, ref);
          const greedy: number[] = [];
          while (greedy.length < partial.length) {
            const base = hv(greedy);
            let best = -1;
            let bestGain = Number.NEGATIVE_INFINITY;
            for (const i of front) {
              if (greedy.includes(i)) continue;
              const gain = hv([...greedy, i]) - base;
              if (gain > bestGain + 1e-12) {
                bestGain = gain;
                best = i;
              }
            }
            greedy.push(best);
          }
          expect(hv(partial)).toBeGreaterThanOrEqual(hv(greedy) - 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("worked example: the first front whole, then the point adding most hypervolume", () => {
    // Front 0: (0, 3), (3, 0); front 1: (1, 4), (2, 3.5), (4, 1) with reference (4.4, 4.4):
    // alone they add 3.4·0.4 = 1.36, 2.4·0.9 = 2.16 and 0.4·3.4 = 1.36.
    const pts = Float64Array.of(0, 3, 3, 0, 1, 4, 2, 3.5, 4, 1);
    expect(Array.from(rankHypervolumeSelection(pts, 2, 3))).toEqual([0, 1, 3]);
    // Then (4, 1) adds 1.36 - 0.4·0.9 = 1.0 beside (2, 3.5), and (1, 4) only 1·0.4.
    expect(Array.from(rankHypervolumeSelection(pts, 2, 4))).toEqual([0, 1, 3, 4]);
    expect(Array.from(rankHypervolumeSelection(pts, 2, 2))).toEqual([0, 1]);
    expect(Array.from(rankHypervolumeSelection(pts, 2, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(rankHypervolumeSelection(pts, 2, 0)).toHaveLength(0);
  });

  it("takes a cut front's first points when it holds an infinite value (no finite reference)", () => {
    // One front: (0, Infinity), (1, 2), (2, 1).
    const pts = Float64Array.of(0, Number.POSITIVE_INFINITY, 1, 2, 2, 1);
    expect(Array.from(rankHypervolumeSelection(pts, 2, 2))).toEqual([0, 1]);
  });

  it("works with one and with three objectives", () => {
    expect(Array.from(rankHypervolumeSelection(Float64Array.of(3, 1, 2, 1), 1, 2))).toEqual([1, 3]);
    // Front 0: (0, 0, 1), (1, 0, 0); front 1: (1, 1, 1), (0, 2, 2).
    const pts = Float64Array.of(1, 1, 1, 0, 0, 1, 0, 2, 2, 1, 0, 0);
    expect(Array.from(rankHypervolumeSelection(pts, 3, 2))).toEqual([1, 3]);
    expect(rankHypervolumeSelection(pts, 3, 3)).toHaveLength(3);
  });

  it("rejects k out of range and NaN", () => {
    expect(() => rankHypervolumeSelection(Float64Array.of(1, 2), 2, 2)).toThrow(
      /k must be an integer in 0..1/,
    );
    expect(() => rankHypervolumeSelection(Float64Array.of(1, 2), 2, -1)).toThrow(RangeError);
    expect(() => rankHypervolumeSelection(Float64Array.of(Number.NaN, 2), 2, 1)).toThrow(/NaN/);
  });
});
