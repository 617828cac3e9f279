import { referencePoint } from "@tunelab/math/pareto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EPS, hypervolumeWeights, type SplitCandidates, selectBelow } from "../../src/tpe/split.js";

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

/** Brute-force dominance ranks by repeated peeling of the non-dominated set. */
function bruteRanks(points: number[][]): number[] {
  const dominates = (a: number[], b: number[]): boolean =>
    a.every((v, j) => v <= b[j]!) && a.some((v, j) => v < b[j]!);
  const rank = points.map(() => -1);
  for (let r = 0; rank.includes(-1); r++) {
    const left = points.map((_, i) => i).filter((i) => rank[i] === -1);
    for (const i of left) if (!left.some((j) => dominates(points[j]!, points[i]!))) rank[i] = r;
  }
  return rank;
}

/** The split by a full sort of composite keys (the definition in split.ts). */
function referenceBelow(c: SplitCandidates, nBelow: number): number[] {
  const cmp = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
  const key = (i: number): number[] => {
    const v = c.violation === null ? 0 : c.violation[i]!;
    if (v > 0) return [2, v, i];
    if (c.kind[i] === 0) return [0, c.loss[i * c.nObjectives]!, i];
    return [1, c.stepKey[i]!, c.loss[i * c.nObjectives]!, i];
  };
  const idx = Array.from({ length: c.n }, (_, i) => i).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let t = 0; t < Math.min(ka.length, kb.length); t++) {
      const d = cmp(ka[t]!, kb[t]!);
      if (d !== 0) return d;
    }
    return 0;
  });
  return idx.slice(0, nBelow).sort((a, b) => a - b);
}

const lossValue = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe("selectBelow (single objective)", () => {
  it("takes feasible COMPLETE trials by value, then PRUNED by (later step, value), then infeasible by violation (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pruned: fc.boolean(),
            loss: lossValue,
            step: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.constant(1)),
            violation: fc.oneof(
              fc.constant(0),
              fc.constant(0),
              fc.integer({ min: 1, max: 3 }),
              fc.constant(Infinity),
            ),
          }),
          { maxLength: 60 },
        ),
        fc.boolean(),
        fc.nat(),
        (rows, constrained, k) => {
          const c: SplitCandidates = {
            n: rows.length,
            nObjectives: 1,
            kind: Uint8Array.from(rows, (r) => (r.pruned ? 1 : 0)),
            loss: Float64Array.from(rows, (r) => r.loss),
            stepKey: Float64Array.from(rows, (r) => r.step),
            violation: constrained ? Float64Array.from(rows, (r) => r.violation) : null,
          };
          const nBelow = rows.length === 0 ? 0 : k % (rows.length + 1);
          expect(Array.from(selectBelow(c, nBelow))).toEqual(referenceBelow(c, nBelow));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("uses a full sort when nBelow is large, with the same result", () => {
    const n = 700;
    const loss = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 101);
    const c: SplitCandidates = {
      n,
      nObjectives: 1,
      kind: new Uint8Array(n),
      loss,
      stepKey: new Float64Array(n),
      violation: null,
    };
    expect(Array.from(selectBelow(c, 300))).toEqual(referenceBelow(c, 300));
  });

  it("worked example: ties go to the earlier trial; pruned trials rank after every complete one", () => {
    const c: SplitCandidates = {
      n: 5,
      nObjectives: 1,
      kind: Uint8Array.of(0, 1, 0, 0, 1),
      loss: Float64Array.of(2, -100, 1, 1, -50),
      stepKey: Float64Array.of(0, -3, 0, 0, -4),
      violation: null,
    };
    expect(Array.from(selectBelow(c, 2))).toEqual([2, 3]);
    // Then the pruned trial with the later step (4) before the one at step 3.
    expect(Array.from(selectBelow(c, 4))).toEqual([0, 2, 3, 4]);
  });

  it("rejects nBelow outside 0..n", () => {
    const c: SplitCandidates = {
      n: 2,
      nObjectives: 1,
      kind: new Uint8Array(2),
      loss: new Float64Array(2),
      stepKey: new Float64Array(2),
      violation: null,
    };
    expect(() => selectBelow(c, 3)).toThrow(/nBelow must be an integer in 0\.\.2, got 3/);
    expect(() => selectBelow(c, -1)).toThrow(RangeError);
    expect(() => selectBelow(c, 0.5)).toThrow(RangeError);
  });
});

describe("selectBelow (multi-objective, MOTPE)", () => {
  it("fills whole non-domination fronts, then the greedy hypervolume subset of the next (property)", () => {
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
        (pts, k) => {
          const n = pts.length;
          const nBelow = k % (n + 1);
          const c: SplitCandidates = {
            n,
            nObjectives: 2,
            kind: new Uint8Array(n),
            loss: Float64Array.from(pts.flat()),
            stepKey: new Float64Array(n),
            violation: null,
          };
          const got = Array.from(selectBelow(c, nBelow));
          expect(got.length).toBe(nBelow);
          // Whole fronts first: every chosen trial's front is full or the last one used.
          const rank = bruteRanks(pts);
          const last = got.length === 0 ? -1 : Math.max(...got.map((i) => rank[i]!));
          for (let i = 0; i < n; i++) if (rank[i]! < last) expect(got).toContain(i);
          const partial = got.filter((i) => rank[i] === last);
          const front = pts.map((_, i) => i).filter((i) => rank[i] === last);
          if (partial.length === front.length || partial.length === 0) return;
          // The partial front: as much hypervolume as plain greedy selection (a near-tie may
          // pick another point of equal gain), with the reference point of that front.
          const ref = referencePoint(Float64Array.from(front.flatMap((i) => pts[i]!)), 2)!;
          const greedy: number[] = [];
          while (greedy.length < partial.length) {
            const base = bruteHypervolume(
              greedy.map((i) => pts[i]!),
              ref,
            );
            let best = -1;
            let bestGain = Number.NEGATIVE_INFINITY;
            for (const i of front) {
              if (greedy.includes(i)) continue;
              const gain =
                bruteHypervolume(
                  [...greedy, i].map((t) => pts[t]!),
                  ref,
                ) - base;
              if (gain > bestGain + 1e-12) {
                bestGain = gain;
                best = i;
              }
            }
            greedy.push(best);
          }
          const hvGot = bruteHypervolume(
            partial.map((i) => pts[i]!),
            ref,
          );
          const hvGreedy = bruteHypervolume(
            greedy.map((i) => pts[i]!),
            ref,
          );
          expect(hvGot).toBeGreaterThanOrEqual(hvGreedy - 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("worked example: the first front whole, then the point adding most hypervolume", () => {
    // Front 0: (0, 3), (3, 0); front 1: (1, 4), (2, 3.5), (4, 1) with reference (4.4, 4.4):
    // alone they add 3.4·0.4 = 1.36, 2.4·0.9 = 2.16 and 0.4·3.4 = 1.36.
    const pts = [0, 3, 3, 0, 1, 4, 2, 3.5, 4, 1];
    const c: SplitCandidates = {
      n: 5,
      nObjectives: 2,
      kind: new Uint8Array(5),
      loss: Float64Array.from(pts),
      stepKey: new Float64Array(5),
      violation: null,
    };
    expect(Array.from(selectBelow(c, 3))).toEqual([0, 1, 3]);
    expect(Array.from(selectBelow(c, 2))).toEqual([0, 1]);
  });
});

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
});
