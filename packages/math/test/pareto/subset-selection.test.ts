import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "../../src/pareto/hypervolume.js";
import { hypervolumeSubsetSelection } from "../../src/pareto/subset-selection.js";
import { Rng } from "../../src/random/rng.js";
import { gridHypervolume, subset } from "./brute.js";

/** Plain greedy with cell-counting hypervolume: argmax gain, ties to the lowest index. */
function bruteGreedy(points: Float64Array, m: number, k: number, ref: number[]): number[] {
  const n = points.length / m;
  const chosen: number[] = [];
  for (let r = 0; r < k; r++) {
    const base = gridHypervolume(subset(points, m, chosen), m, ref);
    let best = -1;
    let bestGain = -1;
    for (let i = 0; i < n; i++) {
      if (chosen.includes(i)) continue;
      const g = gridHypervolume(subset(points, m, [...chosen, i]), m, ref) - base;
      if (g > bestGain) {
        bestGain = g;
        best = i;
      }
    }
    chosen.push(best);
  }
  return chosen;
}

function* combinations(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = start; i < n; i++) yield* combinations(n, k, i + 1, [...prefix, i]);
}

const instance = fc
  .integer({ min: 1, max: 4 })
  .chain((m) =>
    fc.tuple(
      fc.constant(m),
      fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: m, maxLength: m }), {
        minLength: 1,
        maxLength: 9,
      }),
    ),
  )
  .chain(([m, pts]) => fc.tuple(fc.constant(m), fc.constant(pts), fc.integer({ min: 0, max: pts.length })));

describe("hypervolumeSubsetSelection", () => {
  it("chooses exactly what plain greedy chooses, in the same order (property)", () => {
    fc.assert(
      fc.property(instance, ([m, pts, k]) => {
        const points = Float64Array.from(pts.flat());
        const ref = new Array(m).fill(5);
        expect(Array.from(hypervolumeSubsetSelection(points, m, k, ref))).toEqual(
          bruteGreedy(points, m, k, ref),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("reaches at least (1 - 1/e) of the best subset's hypervolume (property)", () => {
    fc.assert(
      fc.property(instance, ([m, pts, k]) => {
        const points = Float64Array.from(pts.flat());
        const ref = new Array(m).fill(5);
        const n = pts.length;
        let best = 0;
        for (const c of combinations(n, k))
          best = Math.max(best, gridHypervolume(subset(points, m, c), m, ref));
        const got = gridHypervolume(
          subset(points, m, Array.from(hypervolumeSubsetSelection(points, m, k, ref))),
          m,
          ref,
        );
        expect(got).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it("on a 3-D front of 200 points, each choice is the best remaining gain", () => {
    const rng = Rng.fromSeed(4);
    const n = 200;
    const pts = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const a = rng.random();
      const b = rng.random();
      pts.set([a, b, 2 - a - b], 3 * i);
    }
    const ref = [1.5, 1.5, 2.5];
    const sel = Array.from(hypervolumeSubsetSelection(pts, 3, 6, ref));
    for (let r = 0; r < sel.length; r++) {
      const base = hypervolume(subset(pts, 3, sel.slice(0, r)), 3, ref);
      const chosenGain = hypervolume(subset(pts, 3, sel.slice(0, r + 1)), 3, ref) - base;
      for (let i = 0; i < n; i++) {
        if (sel.slice(0, r + 1).includes(i)) continue;
        expect(hypervolume(subset(pts, 3, [...sel.slice(0, r), i]), 3, ref) - base).toBeLessThanOrEqual(
          chosenGain + 1e-12,
        );
      }
    }
  });

  it("puts zero-gain points (dominated, beyond the reference) last by index, and rejects bad k", () => {
    const pts = Float64Array.of(9, 9, 1, 1, 2, 2, 0, 3);
    expect(Array.from(hypervolumeSubsetSelection(pts, 2, 4, [4, 4]))).toEqual([1, 3, 0, 2]);
    expect(hypervolumeSubsetSelection(pts, 2, 0, [4, 4])).toHaveLength(0);
    expect(() => hypervolumeSubsetSelection(pts, 2, 5, [4, 4])).toThrow(
      /hypervolumeSubsetSelection: k must be an integer in 0..4, got 5/,
    );
    expect(() => hypervolumeSubsetSelection(pts, 2, -1, [4, 4])).toThrow(/k must be an integer/);
    expect(() => hypervolumeSubsetSelection(pts, 2, 1.5, [4, 4])).toThrow(/k must be an integer/);
    expect(() => hypervolumeSubsetSelection(Float64Array.of(Number.NaN, 1), 2, 1, [4, 4])).toThrow(
      /hypervolumeSubsetSelection: objective 0/,
    );
  });
});
