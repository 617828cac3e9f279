import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankHypervolumeSelection } from "../../src/pareto/rank-hypervolume-selection.js";
import { type SplitCandidates, selectBelow } from "../../src/tpe/split.js";

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

  it("gives the reference split on 30,000 candidates of every class, with ties (the sizes of long studies)", () => {
    // Past about 16,000 entries the classes live in typed arrays' sizes that a JS array would
    // hold as a large object (issue 18); the result must not depend on it.
    const n = 30_000;
    const kind = Uint8Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 1 : 0));
    const loss = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1009) - 500);
    const stepKey = Float64Array.from({ length: n }, (_, i) => -((i * 31) % 5));
    const violation = Float64Array.from({ length: n }, (_, i) => (i % 11 === 5 ? (i % 3) + 1 : 0));
    for (const [nBelow, constrained] of [
      [25, false],
      [25, true],
      [26_000, true],
      [29_990, true],
    ] as const) {
      const c: SplitCandidates = {
        n,
        nObjectives: 1,
        kind,
        loss,
        stepKey,
        violation: constrained ? violation : null,
      };
      expect(Array.from(selectBelow(c, nBelow))).toEqual(referenceBelow(c, nBelow));
    }
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
  it("chooses rankHypervolumeSelection's points among the feasible COMPLETE ones, then the rest by the single-objective order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 4 }),
            fc.integer({ min: 0, max: 4 }),
            fc.integer({ min: 0, max: 3 }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        fc.nat(),
        (rows, k) => {
          const n = rows.length;
          const nBelow = k % (n + 1);
          // Kind 0..3: complete, complete, pruned, infeasible complete.
          const c: SplitCandidates = {
            n,
            nObjectives: 2,
            kind: Uint8Array.from(rows, (r) => (r[2] === 2 ? 1 : 0)),
            loss: Float64Array.from(rows.flatMap((r) => [r[0], r[1]])),
            stepKey: new Float64Array(n),
            violation: Float64Array.from(rows, (r) => (r[2] === 3 ? 1 + r[0] : 0)),
          };
          const got = Array.from(selectBelow(c, nBelow));
          expect(got.length).toBe(nBelow);
          const complete = rows.map((_, i) => i).filter((i) => rows[i]![2] < 2);
          const pts = Float64Array.from(complete.flatMap((i) => [rows[i]![0], rows[i]![1]]));
          const take = Math.min(nBelow, complete.length);
          const want =
            take === complete.length
              ? complete
              : Array.from(rankHypervolumeSelection(pts, 2, take), (r) => complete[r]!);
          // Then pruned ones by their reported value (first objective), then infeasible ones by
          // violation; ties to the earlier one.
          const byKey = (ids: number[], key: (i: number) => number) =>
            ids.sort((x, y) => key(x) - key(y) || x - y);
          const pruned = byKey(
            rows.map((_, i) => i).filter((i) => rows[i]![2] === 2),
            (i) => rows[i]![0],
          );
          const infeasible = byKey(
            rows.map((_, i) => i).filter((i) => rows[i]![2] === 3),
            (i) => c.violation![i]!,
          );
          const expected = [...want, ...pruned, ...infeasible].slice(0, nBelow).sort((x, y) => x - y);
          expect(got).toEqual(expected);
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
