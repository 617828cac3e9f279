import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referencePoint } from "../../src/pareto/reference-point.js";
import { EPS, hypervolumeWeights } from "../../src/tpe/hypervolume-weights.js";

/** Exact hypervolume of a small set by inclusion–exclusion (points minimized, box to `ref`). */
function bruteHypervolume(points: number[][], ref: ArrayLike<number>): number {
  const pts = points.filter((p) => p.every((v, j) => v < ref[j]!));
  let hv = 0;
  const n = pts.length;
  for (let mask = 1; mask < 1 << n; mask++) {
    let vol = 1;
    let bits = 0;
    for (let j = 0; j < ref.length; j++) {
      let worst = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) if (mask & (1 << i)) worst = Math.max(worst, pts[i]![j]!);
      vol *= ref[j]! - worst;
    }
    for (let i = 0; i < n; i++) if (mask & (1 << i)) bits++;
    hv += bits % 2 === 1 ? vol : -vol;
  }
  return hv;
}

describe("hypervolumeWeights", () => {
  it("equals (contribution + EPS)/max over the feasible below trials, EPS for infeasible ones (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.tuple(fc.double({ min: -2, max: 5, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        (m, rows, seed) => {
          const n = rows.length;
          // m values per row from the first value and the seed.
          const loss = new Float64Array(n * m);
          rows.forEach(([v], i) => {
            for (let j = 0; j < m; j++) loss[i * m + j] = Math.round((v + ((seed >> (i + j)) % 7)) * 4) / 4;
          });
          const feasible = rows.map(([, f]) => f);
          const w = hypervolumeWeights(loss, m, feasible);
          const idx = feasible.map((f, i) => (f ? i : -1)).filter((i) => i >= 0);
          const pts = idx.map((i) => Array.from(loss.subarray(i * m, (i + 1) * m)));
          for (let i = 0; i < n; i++) if (!feasible[i]) expect(w[i]).toBe(EPS);
          if (idx.length === 1) {
            expect(w[idx[0]!]).toBe(1);
            return;
          }
          if (idx.length === 0) return;
          const ref = referencePoint(Float64Array.from(pts.flat()), m)!;
          const total = bruteHypervolume(pts, ref);
          const contrib = pts.map(
            (_, r) =>
              total -
              bruteHypervolume(
                pts.filter((_, t) => t !== r),
                ref,
              ),
          );
          const max = Math.max(...contrib);
          // Inclusion–exclusion leaves rounding noise (~1e-15) that EPS would magnify: where no
          // trial adds volume alone (duplicates, dominated points) every weight is 1 exactly.
          if (max < 1e-9 * total) {
            for (const i of idx) expect(w[i]).toBe(1);
            return;
          }
          idx.forEach((i, r) => {
            const want =
              Math.max(0, contrib[r]!) < 1e-9 * total ? EPS / (max + EPS) : (contrib[r]! + EPS) / (max + EPS);
            expect(Math.abs(w[i]! - want)).toBeLessThan(1e-9);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("weighs duplicated and dominated trials EPS/max (they add no hypervolume alone)", () => {
    // (1, 3) and (3, 1) on the front, (2, 2) too; (2, 2) repeated; (3, 3) dominated.
    const loss = Float64Array.of(1, 3, 3, 1, 2, 2, 2, 2, 3, 3);
    const w = hypervolumeWeights(loss, 2, [true, true, true, true, true]);
    // Reference point (3.3, 3.3): (1, 3) and (3, 1) each dominate 1 × 0.3 alone.
    expect(w[0]).toBe(1);
    expect(w[1]).toBe(1);
    for (const i of [2, 3, 4]) expect(w[i]).toBeCloseTo(EPS / (0.3 + EPS), 20);
  });

  it("weighs every feasible observation 1 when a loss is infinite, EPS the infeasible ones", () => {
    const w = hypervolumeWeights(Float64Array.of(1, Number.POSITIVE_INFINITY, 2, 1, 0, 0), 2, [
      true,
      true,
      false,
    ]);
    expect(Array.from(w)).toEqual([1, 1, EPS]);
    expect(Array.from(hypervolumeWeights(Float64Array.of(1, 2), 2, [true]))).toEqual([1]);
    expect(Array.from(hypervolumeWeights(Float64Array.of(1, 2), 2, [false]))).toEqual([EPS]);
  });
});
