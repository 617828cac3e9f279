import { createFrozenTrial, type StudyView } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ThresholdPruner } from "../../src/threshold/index.js";
import { replayReports } from "../helpers/replay-reports.js";

prunerContract("ThresholdPruner({ upper: 1.5 })", () => new ThresholdPruner({ upper: 1.5 }));
prunerContract(
  "ThresholdPruner({ lower: 0.2, upper: 2, nWarmupSteps: 3, intervalSteps: 2 })",
  () => new ThresholdPruner({ lower: 0.2, upper: 2, nWarmupSteps: 3, intervalSteps: 2 }),
);

const view: StudyView = {
  studyName: "s",
  directions: ["minimize"],
  getTrials: () => [],
  systemAttrs: {},
  setTrialSystemAttr: () => {},
  setSystemAttr: () => {},
  stop: () => {},
};
const running = (iv: Record<number, number>) =>
  createFrozenTrial({ state: "RUNNING", intermediateValues: iv });

describe("ThresholdPruner", () => {
  it("validates its options with clear errors", () => {
    expect(() => new ThresholdPruner({})).toThrow(
      "ThresholdPruner: lower or upper (or both) must be given, got neither",
    );
    expect(() => new ThresholdPruner({ lower: Number.NaN })).toThrow(
      "ThresholdPruner: lower must be a number in [-Infinity, Infinity] (not NaN), got NaN",
    );
    expect(() => new ThresholdPruner({ upper: Number.NaN })).toThrow(
      /ThresholdPruner: upper must be a number/,
    );
    expect(() => new ThresholdPruner({ lower: 2, upper: 1 })).toThrow(
      "ThresholdPruner: lower must be <= upper, got lower 2 and upper 1",
    );
    expect(() => new ThresholdPruner({ upper: 1, nWarmupSteps: -1 })).toThrow(
      "ThresholdPruner: nWarmupSteps must be an integer >= 0, got -1",
    );
    expect(() => new ThresholdPruner({ upper: 1, intervalSteps: 0 })).toThrow(
      "ThresholdPruner: intervalSteps must be an integer >= 1, got 0",
    );
    expect(() => new ThresholdPruner({ upper: 1, intervalSteps: 1.5 })).toThrow(RangeError);
  });

  it("has Optuna's defaults: open bounds, no warm-up, every step", () => {
    const p = new ThresholdPruner({ upper: 3 });
    expect([p.lower, p.upper, p.nWarmupSteps, p.intervalSteps]).toEqual([Number.NEGATIVE_INFINITY, 3, 0, 1]);
    expect(new ThresholdPruner({ lower: -1 }).upper).toBe(Number.POSITIVE_INFINITY);
  });

  it("prunes outside [lower, upper] and keeps values on the bounds", () => {
    const p = new ThresholdPruner({ lower: 0, upper: 1 });
    expect(p.prune(view, running({ 0: 0 }))).toBe(false);
    expect(p.prune(view, running({ 0: 1 }))).toBe(false);
    expect(p.prune(view, running({ 0: 0.5 }))).toBe(false);
    expect(p.prune(view, running({ 0: -1e-12 }))).toBe(true);
    expect(p.prune(view, running({ 0: 1 + 1e-12 }))).toBe(true);
  });

  it("prunes NaN, and ±Infinity only past a bound", () => {
    expect(new ThresholdPruner({ upper: 1 }).prune(view, running({ 0: Number.NaN }))).toBe(true);
    expect(new ThresholdPruner({ lower: -1 }).prune(view, running({ 0: Number.NaN }))).toBe(true);
    expect(new ThresholdPruner({ upper: 1 }).prune(view, running({ 0: Number.POSITIVE_INFINITY }))).toBe(
      true,
    );
    expect(new ThresholdPruner({ upper: 1 }).prune(view, running({ 0: Number.NEGATIVE_INFINITY }))).toBe(
      false,
    );
    expect(new ThresholdPruner({ lower: 1 }).prune(view, running({ 0: Number.POSITIVE_INFINITY }))).toBe(
      false,
    );
    expect(new ThresholdPruner({ lower: 1 }).prune(view, running({ 0: Number.NEGATIVE_INFINITY }))).toBe(
      true,
    );
  });

  it("judges the value at the largest step, not the one reported last", () => {
    const p = new ThresholdPruner({ upper: 1 });
    // reported in the order 5, 2: the step judged is 5
    const t = createFrozenTrial({ state: "RUNNING", intermediateValues: { 5: 0.5, 2: 9 } });
    expect(p.prune(view, t)).toBe(false);
    expect(p.prune(view, running({ 2: 0.5, 5: 9 }))).toBe(true);
  });

  it("never prunes a trial without reports, nor before the warm-up", () => {
    const p = new ThresholdPruner({ upper: 1, nWarmupSteps: 3 });
    expect(p.prune(view, running({}))).toBe(false);
    expect(p.prune(view, running({ 0: 9, 1: 9, 2: 9 }))).toBe(false);
    expect(p.prune(view, running({ 0: 9, 1: 9, 2: 9, 3: 9 }))).toBe(true);
  });

  it("judges the first reported step of each interval, also with missing steps", () => {
    // pruning points 2, 5, 8, ...
    const p = new ThresholdPruner({ upper: 1, nWarmupSteps: 2, intervalSteps: 3 });
    expect(p.prune(view, running({ 0: 9, 2: 9 }))).toBe(true);
    expect(p.prune(view, running({ 2: 0, 3: 9 }))).toBe(false); // 3 is inside the interval of 2
    expect(p.prune(view, running({ 2: 0, 3: 0, 6: 9 }))).toBe(true); // 5 missing: 6 is first after it
    expect(p.prune(view, running({ 2: 0, 6: 0, 7: 9 }))).toBe(false);
  });

  it("throws in a multi-objective study", () => {
    const mo = { ...view, directions: ["minimize", "minimize"] as const };
    expect(() => new ThresholdPruner({ upper: 1 }).prune(mo, running({ 0: 2 }))).toThrow(
      /ThresholdPruner.prune: pruning is not supported in multi-objective studies/,
    );
  });

  it("does not read other trials: the first trial of a study is judged alone", async () => {
    const d = await replayReports(
      new ThresholdPruner({ upper: 1 }),
      [
        [
          [0, 0.5],
          [1, 2],
        ],
      ],
      {
        direction: "maximize",
      },
    );
    expect(d).toEqual([[false, true]]);
  });

  it("property: pruned exactly when the value at the last step is NaN or outside the bounds", () => {
    fc.assert(
      fc.property(
        fc.double({ noDefaultInfinity: true, noNaN: true, min: -10, max: 10 }),
        fc.double({ noDefaultInfinity: true, noNaN: true, min: 0, max: 10 }),
        fc.array(fc.oneof(fc.double({ min: -20, max: 20, noNaN: true }), fc.constant(Number.NaN)), {
          minLength: 1,
          maxLength: 8,
        }),
        (lower, width, values) => {
          const p = new ThresholdPruner({ lower, upper: lower + width });
          const iv = Object.fromEntries(values.map((v, i) => [i, v]));
          const last = values[values.length - 1]!;
          const expected = Number.isNaN(last) || last < lower || last > lower + width;
          expect(p.prune(view, running(iv))).toBe(expected);
        },
      ),
    );
  });
});
