import { createFrozenTrial } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  completedRungKey,
  currentRung,
  estimateMinResource,
  isPromotable,
  SuccessiveHalvingPruner,
} from "../../src/successive-halving/index.js";
import { replay } from "../helpers/replay.js";

prunerContract("SuccessiveHalvingPruner", () => new SuccessiveHalvingPruner());
prunerContract(
  "SuccessiveHalvingPruner (minResource 2, reductionFactor 3)",
  () => new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3 }),
);

describe("SuccessiveHalvingPruner", () => {
  it("validates its options", () => {
    expect(() => new SuccessiveHalvingPruner({ minResource: 0 })).toThrow(
      /SuccessiveHalvingPruner: minResource must be an integer >= 1, got 0/,
    );
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(
      /reductionFactor must be an integer >= 2/,
    );
    expect(() => new SuccessiveHalvingPruner({ minEarlyStoppingRate: -1 })).toThrow(/minEarlyStoppingRate/);
    expect(() => new SuccessiveHalvingPruner({ bootstrapCount: 1 })).toThrow(
      /bootstrapCount must be 0 when minResource is "auto"/,
    );
    expect(() => new SuccessiveHalvingPruner({ minResource: Number.NaN })).toThrow(RangeError);
  });

  it("closed form: η = 2, r = 1 keeps a trial only while it is in the top half of its rung", async () => {
    // Rung 0 at step 1, rung 1 at step 2. Values per trial are constant over steps.
    const curves = [
      [5, 5, 5],
      [4, 4, 4],
      [6, 6, 6],
      [3, 3, 3],
    ];
    const { records, trials } = await replay(
      new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
      curves,
      "minimize",
    );
    // trial 0: alone at rung 0 → best → promoted; rung 1 alone → promoted; completes.
    // trial 1: rung 0 {5,4}: top ⌊2/2⌋=1 → 4 is best → promoted; rung 1 {5,4} → promoted.
    // trial 2: rung 0 {5,4,6}: top 1 → 6 is not → pruned at step 1.
    // trial 3: 3 is the best everywhere.
    expect(records).toEqual([
      { lastStep: 2, pruned: false },
      { lastStep: 2, pruned: false },
      { lastStep: 1, pruned: true },
      { lastStep: 2, pruned: false },
    ]);
    expect(trials[2]!.systemAttrs[completedRungKey(0)]).toBe(6);
    expect(trials[3]!.systemAttrs[completedRungKey(1)]).toBe(3);
  });

  it("never prunes before the first rung r·η^s", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 30, maxLength: 30 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (r, eta, s, curves) => {
          const { records } = await replay(
            new SuccessiveHalvingPruner({ minResource: r, reductionFactor: eta, minEarlyStoppingRate: s }),
            curves,
            "minimize",
          );
          const first = r * eta ** s;
          for (const rec of records) {
            if (rec.pruned) {
              expect(rec.lastStep).toBeGreaterThanOrEqual(first);
              // pruning happens exactly at a rung step
              const k = Math.log(rec.lastStep! / r) / Math.log(eta);
              expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
            }
          }
          // the first trial is alone at every rung, so it is never pruned
          expect(records[0]!.pruned).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("estimates minResource from the first completed trial", () => {
    const t = (state: "COMPLETE" | "PRUNED", n: number) =>
      createFrozenTrial({
        state,
        ...(state === "COMPLETE" ? { value: 0 } : {}),
        intermediateValues: Object.fromEntries(Array.from({ length: n }, (_, i) => [i, 0])),
      });
    expect(estimateMinResource([])).toBeNull();
    expect(estimateMinResource([t("PRUNED", 500)])).toBeNull();
    expect(estimateMinResource([t("COMPLETE", 50)])).toBe(1);
    expect(estimateMinResource([t("COMPLETE", 301), t("COMPLETE", 10)])).toBe(3);
  });

  it("isPromotable and currentRung", () => {
    expect(isPromotable(1, [3, 1, 2], 3, "minimize")).toBe(true);
    expect(isPromotable(2, [3, 1, 2], 3, "minimize")).toBe(false);
    expect(isPromotable(3, [3, 1, 2], 3, "maximize")).toBe(true);
    expect(isPromotable(2, [1, 2, 3, 4, 5, 6], 3, "minimize")).toBe(true);
    expect(isPromotable(3, [1, 2, 3, 4, 5, 6], 3, "minimize")).toBe(false);
    const t = createFrozenTrial({
      state: "RUNNING",
      systemAttrs: { completed_rung_0: 1, completed_rung_1: 2 },
    });
    expect(currentRung(t)).toBe(2);
  });
});
