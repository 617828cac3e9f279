import { createFrozenTrial, type Pruner, type StudyView } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MedianPruner } from "../../src/median/index.js";
import { PatientPruner } from "../../src/patient/index.js";

prunerContract("PatientPruner(null, { patience: 2 })", () => new PatientPruner(null, { patience: 2 }));
prunerContract(
  "PatientPruner(MedianPruner, { patience: 1, minDelta: 0.01 })",
  () => new PatientPruner(new MedianPruner(), { patience: 1, minDelta: 0.01 }),
);

const viewOf = (direction: "minimize" | "maximize"): StudyView => ({
  studyName: "s",
  directions: [direction],
  getTrials: () => [],
  systemAttrs: {},
  setTrialSystemAttr: () => {},
  setSystemAttr: () => {},
  stop: () => {},
});
const minimize = viewOf("minimize");
const maximize = viewOf("maximize");
const running = (iv: Record<number, number>) =>
  createFrozenTrial({ state: "RUNNING", intermediateValues: iv });
const curve = (...values: number[]) => running(Object.fromEntries(values.map((v, i) => [i, v])));

describe("PatientPruner", () => {
  it("validates its options with clear errors", () => {
    expect(() => new PatientPruner(null, { patience: -1 })).toThrow(
      "PatientPruner: patience must be an integer >= 0, got -1",
    );
    expect(() => new PatientPruner(null, { patience: 1.5 })).toThrow(/patience must be an integer/);
    expect(() => new PatientPruner(null, {} as { patience: number })).toThrow(
      /patience must be an integer >= 0, got undefined/,
    );
    expect(() => new PatientPruner(null, { patience: 1, minDelta: -0.1 })).toThrow(
      "PatientPruner: minDelta must be a finite number >= 0, got -0.1",
    );
    expect(() => new PatientPruner(null, { patience: 1, minDelta: Number.NaN })).toThrow(/minDelta/);
  });

  it("defaults minDelta to 0", () => {
    expect(new PatientPruner(null, { patience: 3 }).minDelta).toBe(0);
  });

  it("needs more than patience + 1 reports (too few steps: no decision)", () => {
    const p = new PatientPruner(null, { patience: 2 });
    expect(p.prune(minimize, curve())).toBe(false);
    expect(p.prune(minimize, curve(1, 2, 3))).toBe(false);
    expect(p.prune(minimize, curve(1, 2, 3, 4))).toBe(true);
  });

  it("prunes when the last patience + 1 reports did not improve on the best before them", () => {
    const p = new PatientPruner(null, { patience: 1 });
    expect(p.prune(minimize, curve(1, 0.9, 0.95, 0.95))).toBe(true); // best before 0.9, after 0.95
    expect(p.prune(minimize, curve(1, 0.9, 0.95, 0.8))).toBe(false);
    expect(p.prune(maximize, curve(1, 0.9, 0.95, 0.95))).toBe(true); // best before 1, after 0.95
    expect(p.prune(maximize, curve(1, 0.9, 0.95, 1.1))).toBe(false);
  });

  it("a tie with the best before is not a stall; minDelta widens what counts as no progress", () => {
    const p0 = new PatientPruner(null, { patience: 1 });
    expect(p0.prune(minimize, curve(1, 1, 1))).toBe(false);
    const pd = new PatientPruner(null, { patience: 1, minDelta: 0.5 });
    expect(pd.prune(minimize, curve(1, 1.4, 1.5))).toBe(false); // 1 + 0.5 < 1.4 is false
    expect(pd.prune(minimize, curve(1, 1.6, 1.7))).toBe(true);
    expect(pd.prune(maximize, curve(1, 0.6, 0.5))).toBe(false);
    expect(pd.prune(maximize, curve(1, 0.4, 0.3))).toBe(true);
  });

  it("sorts by step (reports in any order, missing steps)", () => {
    const p = new PatientPruner(null, { patience: 1 });
    // steps 10, 0, 3, 7: by step the values are 1 (0), 0.5 (3), 0.9 (7), 0.8 (10)
    const t = createFrozenTrial({ state: "RUNNING", intermediateValues: { 10: 0.8, 0: 1, 3: 0.5, 7: 0.9 } });
    expect(p.prune(minimize, t)).toBe(true);
    const u = createFrozenTrial({ state: "RUNNING", intermediateValues: { 10: 0.4, 0: 1, 3: 0.5, 7: 0.9 } });
    expect(p.prune(minimize, u)).toBe(false);
  });

  it("ignores NaN, and does not prune when a side holds only NaN", () => {
    const p = new PatientPruner(null, { patience: 1 });
    expect(p.prune(minimize, curve(Number.NaN, 0.5, 0.9, 0.9))).toBe(true);
    expect(p.prune(minimize, curve(Number.NaN, Number.NaN, 0.9, 0.9))).toBe(false);
    expect(p.prune(minimize, curve(0.5, 0.6, Number.NaN, Number.NaN))).toBe(false);
  });

  it("asks the wrapped pruner only once the trial has stalled", () => {
    const calls: number[] = [];
    const yes: Pruner = {
      prune: (_s, t) => {
        calls.push(t.intermediateValues.size);
        return true;
      },
    };
    const no: Pruner = { prune: () => false };
    expect(new PatientPruner(yes, { patience: 0 }).prune(minimize, curve(1, 0.5))).toBe(false);
    expect(calls).toEqual([]);
    expect(new PatientPruner(yes, { patience: 0 }).prune(minimize, curve(0.5, 1))).toBe(true);
    expect(calls).toEqual([2]);
    expect(new PatientPruner(no, { patience: 0 }).prune(minimize, curve(0.5, 1))).toBe(false);
  });

  it("throws in a multi-objective study", () => {
    const mo = { ...minimize, directions: ["minimize", "maximize"] as const };
    expect(() => new PatientPruner(null, { patience: 0 }).prune(mo, curve(1, 2))).toThrow(
      /PatientPruner.prune: pruning is not supported in multi-objective studies/,
    );
  });

  it("property: minimizing v prunes exactly when maximizing -v does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), { maxLength: 10 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(0, 0.5, 1),
        (values, patience, minDelta) => {
          const p = new PatientPruner(null, { patience, minDelta });
          expect(p.prune(maximize, curve(...values.map((v) => -v)))).toBe(
            p.prune(minimize, curve(...values)),
          );
        },
      ),
    );
  });
});
