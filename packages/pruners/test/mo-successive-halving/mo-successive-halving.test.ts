import { createStudy, type StudyDirection, TrialPruned } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isMoPromotable,
  MoSuccessiveHalvingPruner,
  moCompletedRungKey,
} from "../../src/mo-successive-halving/index.js";
import { SuccessiveHalvingPruner } from "../../src/successive-halving/index.js";
import { noParamSampler } from "../helpers/replay.js";
import { replayReports } from "../helpers/replay-reports.js";

prunerContract("MoSuccessiveHalvingPruner", () => new MoSuccessiveHalvingPruner());
prunerContract(
  "MoSuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1 })",
  () => new MoSuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1 }),
);

/** Runs two-objective trials one after another; trial t reports vectors[t][s] at step s. */
async function replayVectors(
  pruner: MoSuccessiveHalvingPruner,
  vectors: number[][][],
  directions: StudyDirection[] = ["minimize", "minimize"],
): Promise<{ decisions: boolean[][]; rungs: unknown[][] }> {
  const study = await createStudy({ directions, pruner, sampler: noParamSampler });
  const decisions: boolean[][] = [];
  await study.optimize(
    async (trial) => {
      const d: boolean[] = [];
      decisions.push(d);
      const curve = vectors[trial.number]!;
      for (let s = 0; s < curve.length; s++) {
        await trial.report(curve[s]!, s);
        d.push(trial.shouldPrune());
        if (d[d.length - 1]) throw new TrialPruned();
      }
      return curve[curve.length - 1]!;
    },
    { nTrials: vectors.length },
  );
  const rungs = study.trials.map((t) => [0, 1, 2].map((k) => t.systemAttrs[moCompletedRungKey(k)]));
  return { decisions, rungs };
}
const flat = (v: number[], n: number) => Array.from({ length: n }, () => v);

describe("isMoPromotable", () => {
  it("ranks by non-domination rank, then crowding distance within the front", () => {
    // front {(0,4), (1,1), (4,0)} and a dominated (2,2); crowding: extremes ∞, (1,1) finite
    const pts = Float64Array.of(0, 4, 1, 1, 4, 0, 2, 2);
    expect(isMoPromotable(pts, 2, 3, 3)).toBe(false); // three points ahead of (2,2)
    expect(isMoPromotable(pts, 2, 3, 4)).toBe(true);
    expect(isMoPromotable(pts, 2, 1, 1)).toBe(false); // (1,1): the two extremes are ahead
    expect(isMoPromotable(pts, 2, 1, 3)).toBe(true);
    expect(isMoPromotable(pts, 2, 0, 1)).toBe(true); // an extreme: nothing strictly ahead
  });

  it("ranks a finite front by crowding distance when a vector behind it holds ±Infinity", () => {
    // front {(0,4), (1,1), (4,0)}; behind it (2,2) and (5, +Infinity): (1,1) still loses to
    // the two extremes on crowding, and the infinite vector does not make it throw.
    const pts = Float64Array.of(0, 4, 1, 1, 4, 0, 2, 2, 5, Number.POSITIVE_INFINITY);
    expect(isMoPromotable(pts, 2, 1, 1)).toBe(false);
    expect(isMoPromotable(pts, 2, 1, 3)).toBe(true);
    expect(isMoPromotable(pts, 2, 4, 4)).toBe(false);
    expect(isMoPromotable(pts, 2, 4, 5)).toBe(true);
  });

  it("a front with ±Infinity is ranked by rank alone", () => {
    const pts = Float64Array.of(0, Number.POSITIVE_INFINITY, 1, 1, 4, 0, 2, 2);
    expect(isMoPromotable(pts, 2, 1, 1)).toBe(true);
  });
});

describe("MoSuccessiveHalvingPruner", () => {
  it("validates its options with clear errors", () => {
    expect(() => new MoSuccessiveHalvingPruner({ minResource: 0 })).toThrow(
      "MoSuccessiveHalvingPruner: minResource must be an integer >= 1, got 0",
    );
    expect(() => new MoSuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(
      "MoSuccessiveHalvingPruner: reductionFactor must be an integer >= 2, got 1",
    );
    expect(() => new MoSuccessiveHalvingPruner({ minEarlyStoppingRate: -1 })).toThrow(/minEarlyStoppingRate/);
  });

  it("with one objective it decides as SuccessiveHalvingPruner (numeric minResource), curve for curve", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 1 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 12, maxLength: 12 }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.constantFrom<StudyDirection>("minimize", "maximize"),
        async (r, eta, s, curves, direction) => {
          const trials = curves.map((c) => c.map((v, i) => [i, v] as const));
          const opts = { minResource: r, reductionFactor: eta, minEarlyStoppingRate: s };
          const mo = await replayReports(new MoSuccessiveHalvingPruner(opts), trials, { direction });
          const so = await replayReports(new SuccessiveHalvingPruner(opts), trials, { direction });
          expect(mo).toEqual(so);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("two objectives: a trial dominated at the rung is pruned, a trade-off goes on", async () => {
    // η = 2, r = 1: rung 0 at step 1, rung 1 at step 2
    const { decisions, rungs } = await replayVectors(new MoSuccessiveHalvingPruner({ reductionFactor: 2 }), [
      flat([1, 3], 3), // alone: goes on
      flat([3, 1], 3), // {(1,3),(3,1)}: one front of 2, both ∞ crowding: nothing ahead → on
      flat([2, 4], 3), // dominated by (1,3): 1 ahead, keep ⌊3/2⌋ = 1 → pruned at step 1
      flat([2, 2], 3), // front {(1,3), (3,1), (2,2)}: the extremes (crowding ∞) are ahead, 2 ≥ keep ⌊4/2⌋ → pruned
    ]);
    expect(decisions).toEqual([
      [false, false, false],
      [false, false, false],
      [false, true],
      [false, true],
    ]);
    expect(rungs[0]).toEqual([[1, 3], [1, 3], undefined]);
    expect(rungs[2]).toEqual([[2, 4], undefined, undefined]);
  });

  it("maximized objectives are mirrored; a NaN entry at a rung is pruned; ties go on", async () => {
    // (1,3) dominates (2,2) when the second objective is maximized; a trade-off when minimized
    const pair = [flat([1, 3], 2), flat([2, 2], 2)];
    const eta2 = () => new MoSuccessiveHalvingPruner({ reductionFactor: 2 });
    const mixed = await replayVectors(eta2(), pair, ["minimize", "maximize"]);
    expect(mixed.decisions).toEqual([
      [false, false],
      [false, true],
    ]);
    const both = await replayVectors(eta2(), pair, ["minimize", "minimize"]);
    expect(both.decisions).toEqual([
      [false, false],
      [false, false],
    ]);
    const nan = await replayVectors(new MoSuccessiveHalvingPruner({ reductionFactor: 2 }), [
      [
        [1, 1],
        [1, Number.NaN],
      ],
    ]);
    expect(nan.decisions).toEqual([[false, true]]);
    const ties = await replayVectors(new MoSuccessiveHalvingPruner({ reductionFactor: 2 }), [
      flat([1, 1], 2),
      flat([1, 1], 2),
      flat([1, 1], 2),
    ]);
    expect(ties.decisions).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
  });
});
