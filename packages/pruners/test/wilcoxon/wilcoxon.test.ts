import { createFrozenTrial, type FrozenTrial, type StudyView } from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { signedRankPValue, WilcoxonPruner } from "../../src/wilcoxon/index.js";
import { replayReports } from "../helpers/replay-reports.js";

prunerContract("WilcoxonPruner", () => new WilcoxonPruner());
prunerContract(
  "WilcoxonPruner({ pThreshold: 0.01, nStartupSteps: 5 })",
  () => new WilcoxonPruner({ pThreshold: 0.01, nStartupSteps: 5 }),
);

function view(trials: FrozenTrial[], direction: "minimize" | "maximize" = "minimize"): StudyView {
  return {
    studyName: "s",
    directions: [direction],
    getTrials: (filter) => (filter?.states ? trials.filter((t) => filter.states!.includes(t.state)) : trials),
    systemAttrs: {},
    setTrialSystemAttr: () => {},
    setSystemAttr: () => {},
    stop: () => {},
  };
}
const complete = (value: number, iv: Record<number, number>, number = 0) => ({
  ...createFrozenTrial({ state: "COMPLETE", value, intermediateValues: iv }),
  number,
});
const running = (iv: Record<number, number>) => ({
  ...createFrozenTrial({ state: "RUNNING", intermediateValues: iv }),
  number: 99,
});
const range = (n: number, f: (i: number) => number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [i, f(i)]));

// The best trial: loss i/10 on instance i. A trial worse on every instance by 1 (p = 2^-n).
const best = complete(
  0.45,
  range(10, (i) => i / 10),
);
const worse = (n: number) => running(range(n, (i) => i / 10 + 1));

describe("WilcoxonPruner", () => {
  it("validates its options with clear errors", () => {
    expect(() => new WilcoxonPruner({ pThreshold: 1.5 })).toThrow(
      "WilcoxonPruner: pThreshold must be a number in [0, 1], got 1.5",
    );
    expect(() => new WilcoxonPruner({ pThreshold: Number.NaN })).toThrow(/pThreshold/);
    expect(() => new WilcoxonPruner({ nStartupSteps: -1 })).toThrow(
      "WilcoxonPruner: nStartupSteps must be an integer >= 0, got -1",
    );
  });

  it("has Optuna's defaults", () => {
    const p = new WilcoxonPruner();
    expect([p.pThreshold, p.nStartupSteps]).toEqual([0.1, 2]);
  });

  it("prunes once the one-sided p-value falls below pThreshold", () => {
    const p = new WilcoxonPruner({ pThreshold: 0.1 });
    // n differences, all equal to 1 (ties: the sign-flip path): p = 2^-n,
    // 0.125 for n = 3, 0.0625 for n = 4
    expect(signedRankPValue([1, 1, 1], "greater")).toBe(0.125);
    expect(p.prune(view([best]), worse(3))).toBe(false);
    expect(p.prune(view([best]), worse(4))).toBe(true);
  });

  it("too few shared instances: no decision below max(2, nStartupSteps)", () => {
    const p1 = new WilcoxonPruner({ pThreshold: 1, nStartupSteps: 0 });
    expect(p1.prune(view([best]), worse(1))).toBe(false);
    expect(p1.prune(view([best]), worse(2))).toBe(true);
    const p5 = new WilcoxonPruner({ pThreshold: 1, nStartupSteps: 5 });
    expect(p5.prune(view([best]), worse(4))).toBe(false);
    expect(p5.prune(view([best]), worse(5))).toBe(true);
  });

  it("pairs by step: instances the best trial lacks are ignored", () => {
    const p = new WilcoxonPruner({ pThreshold: 0.1 });
    // steps 20..29 are unknown to the best trial: only 0..2 are paired → p = 0.125
    const extra = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [20 + i, 5]));
    expect(p.prune(view([best]), running({ ...range(3, (i) => i / 10 + 1), ...extra }))).toBe(false);
    // steps 0, 2, 7, 9: four pairs → p = 0.0625
    expect(p.prune(view([best]), running({ 7: 1.7, 2: 1.2, 9: 1.9, 0: 1 }))).toBe(true);
  });

  it("compares with the best COMPLETE trial (lowest number on a tie; maximize mirrors)", () => {
    const p = new WilcoxonPruner({ pThreshold: 0.1 });
    const other = complete(
      0.45,
      range(10, (i) => i / 10 + 2),
      1,
    ); // same value, later number
    const pruned = {
      ...createFrozenTrial({ state: "PRUNED", value: -5, intermediateValues: range(10, () => -5) }),
      number: 2,
    };
    expect(p.prune(view([best, other, pruned]), worse(4))).toBe(true);
    // the same two values with the numbers swapped: the trial is compared with "other"
    const bestLater = complete(
      0.45,
      range(10, (i) => i / 10),
      1,
    );
    const otherFirst = complete(
      0.45,
      range(10, (i) => i / 10 + 2),
      0,
    );
    expect(p.prune(view([otherFirst, bestLater]), worse(4))).toBe(false);
    // maximizing: the trial is worse when its values are lower
    const bestMax = complete(
      10,
      range(10, (i) => i / 10),
    );
    const lower = running(range(4, (i) => i / 10 - 1));
    expect(p.prune(view([bestMax], "maximize"), lower)).toBe(true);
    expect(p.prune(view([bestMax], "maximize"), worse(4))).toBe(false);
  });

  it("safety: never prunes a trial whose mean is at least as good as the best trial's", () => {
    const p = new WilcoxonPruner({ pThreshold: 1 });
    // worse on instances 0..3, but its mean (0.2) is below the best trial's mean (0.45)
    const easyFirst = running(range(4, (i) => i / 10 + 0.05));
    expect(p.prune(view([best]), easyFirst)).toBe(false);
  });

  it("no decision without a COMPLETE trial, with a best trial that reported nothing, or with NaN/±Infinity", () => {
    const p = new WilcoxonPruner({ pThreshold: 1 });
    expect(p.prune(view([]), worse(5))).toBe(false);
    expect(p.prune(view([complete(0, {})]), worse(5))).toBe(false);
    expect(p.prune(view([best]), running({}))).toBe(false);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(p.prune(view([best]), running({ ...range(5, (i) => i + 1), 6: bad }))).toBe(false);
      expect(p.prune(view([complete(0.5, { ...range(9, (i) => i / 10), 9: bad })]), worse(5))).toBe(false);
    }
  });

  it("throws in a multi-objective study", () => {
    const mo = { ...view([best]), directions: ["minimize", "minimize"] as const };
    expect(() => new WilcoxonPruner().prune(mo, worse(5))).toThrow(/multi-objective/);
  });

  it("prunes a clearly worse trial early, reporting instances in a shuffled order", async () => {
    const ids = [3, 7, 0, 9, 1, 5, 8, 2, 6, 4];
    const trialOf = (shift: number) => ids.map((i) => [i, i / 10 + shift] as const);
    const d = await replayReports(
      new WilcoxonPruner({ pThreshold: 0.05 }),
      [trialOf(0), trialOf(0.5), trialOf(-0.1)],
      {
        direction: "minimize",
        finalValue: "mean",
      },
    );
    expect(d[0]!.every((x) => !x)).toBe(true);
    expect(d[1]).toEqual([false, false, false, false, true]); // 2^-5 < 0.05 at the fifth instance
    expect(d[2]!.every((x) => !x)).toBe(true);
  });
});
