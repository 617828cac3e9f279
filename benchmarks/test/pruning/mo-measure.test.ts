import { describe, expect, it } from "vitest";
import {
  bestLossAtSteps,
  compareToBaseline,
  firstReaching,
  gpuHoursAtSteps,
  hypervolumeAtSteps,
  hypervolumeCurve,
  quartiles,
  toHvSpace,
} from "../../pruning/mo-measure.js";
import type { MoRunRecord, MoTrialRecord } from "../../pruning/mo-run.js";
import { parseSeeds } from "../../pruning/seeds.js";

const C = (steps: number, loss: number, hours: number, epochs = 1): MoTrialRecord => ({
  state: "C",
  steps,
  gpuHours: hours,
  values: [loss, hours],
  epochs,
});
const P = (steps: number, hours: number): MoTrialRecord => ({
  state: "P",
  steps,
  gpuHours: hours,
  values: null,
  epochs: 5,
});
const run = (method: string, trials: MoTrialRecord[]): MoRunRecord => ({ method, seed: 1, trials, cpuMs: 0 });

// reference (1, log10 100 = 2); points in (loss, log10 hours)
const REF: [number, number] = [1, 2];

describe("hypervolumeCurve", () => {
  it("is the hypervolume of the COMPLETE trials finished so far, in (loss, log10 GPU-hours)", () => {
    const r = run("none", [
      C(10, 0.5, 1),
      P(2, 0.1),
      C(10, 0.8, 0.1),
      { state: "F", steps: 4, gpuHours: 0.2, values: null, epochs: 2 },
    ]);
    const curve = hypervolumeCurve(r, REF);
    expect(curve.map((p) => p.steps)).toEqual([10, 12, 22, 26]);
    expect(curve.map((p) => p.gpuHours)).toEqual([1, 1.1, 1.2000000000000002, 1.4000000000000001]);
    // (0.5, 0): (1 - 0.5)·(2 - 0) = 1; with (0.8, -1): + (1 - 0.8)·(0 - (-1)) = 0.2
    expect(curve[0]!.hv).toBeCloseTo(1, 12);
    expect(curve[1]!.hv).toBeCloseTo(1, 12);
    expect(curve[2]!.hv).toBeCloseTo(1.2, 12);
    expect(curve[3]!.hv).toBeCloseTo(1.2, 12);
    expect(toHvSpace([0.5, 10])).toEqual([0.5, 1]);
  });

  it("leaves out diverged values (NaN loss) and points outside the reference", () => {
    const r = run("none", [C(5, Number.NaN, 1), C(5, 1.5, 1), C(5, 0.9, 1000)]);
    expect(hypervolumeCurve(r, REF).map((p) => p.hv)).toEqual([0, 0, 0]);
  });

  it("rejects a reference that is not two finite numbers", () => {
    expect(() => hypervolumeCurve(run("none", []), [1, Number.NaN])).toThrow(
      "hypervolumeCurve: reference must be two finite numbers",
    );
  });
});

describe("HV and GPU-hours at a step budget", () => {
  const curve = hypervolumeCurve(run("x", [C(4, 0.5, 1), P(1, 0.5), C(4, 0.8, 0.1)]), REF);
  it("counts a trial once it has finished within the budget", () => {
    expect(hypervolumeAtSteps(curve, 3)).toBe(0);
    expect(hypervolumeAtSteps(curve, 4)).toBeCloseTo(1, 12);
    expect(hypervolumeAtSteps(curve, 8)).toBeCloseTo(1, 12);
    expect(hypervolumeAtSteps(curve, 9)).toBeCloseTo(1.2, 12);
    expect(gpuHoursAtSteps(curve, 5)).toBeCloseTo(1.5, 12);
    expect(gpuHoursAtSteps(curve, 0)).toBe(0);
    expect(bestLossAtSteps(curve, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(bestLossAtSteps(curve, 9)).toBe(0.5);
  });
  it("finds the first point reaching a hypervolume", () => {
    expect(firstReaching(curve, 1.1)!.steps).toBe(9);
    expect(firstReaching(curve, 2)).toBeNull();
  });
});

describe("compareToBaseline", () => {
  // baseline: S = 20 steps, HV0 = 1.2 (two trials of 10 steps)
  const base = run("none", [C(10, 0.5, 1), C(10, 0.8, 0.1)]);
  it("gives HV(φ·S)/HV0 and the share of steps and GPU-hours needed for 95 % of HV0", () => {
    // pruned: two stopped trials, then both fronts points within 8 steps
    const pruned = run("p", [P(1, 0.1), P(1, 0.1), C(3, 0.5, 1, 2), C(3, 0.8, 0.1), C(10, 0.4, 0.01, 4)]);
    const c = compareToBaseline(pruned, base, REF, [0.25, 0.5, 1]);
    expect(c.baselineSteps).toBe(20);
    expect(c.baselineHv).toBeCloseTo(1.2, 12);
    expect(c.hvRatios[0]).toBeCloseTo(1 / 1.2, 12); // 5 steps: the (0.5, 1) trial only
    expect(c.hvRatios[1]).toBeCloseTo(1, 12); // 10 steps: both of the baseline's points
    expect(c.stepRatio).toBe(8 / 20);
    expect(c.gpuHoursRatio).toBeCloseTo(1.3 / 1.1, 12);
    expect(c.hvRatios[2]).toBeCloseTo(2, 12); // (0.4, 0.01) dominates both: 0.6·4 = 2.4
    expect(c.gpuHoursAtFractions[1]).toBeCloseTo(1.3 / 1.1, 12);
    // best loss: 0.5 for the baseline; 0.5 within 5 and 10 steps, 0.4 within 20
    expect(c.bestLossDeltas[0]).toBe(0);
    expect(c.bestLossDeltas[2]).toBeCloseTo(-0.1, 12);
    // the epochs of the best-loss trial: 2 within 5 steps, 4 within 20; the baseline's: 1
    expect(c.bestEpochs).toEqual([2, 2, 4]);
    expect(c.baselineBestEpochs).toBe(1);
  });
  it("says Infinity when the run never reaches 95 % of HV0, and throws without a baseline HV", () => {
    const poor = run("p", [C(20, 0.9, 1)]);
    const c = compareToBaseline(poor, base, REF, [1]);
    expect(c.stepRatio).toBe(Number.POSITIVE_INFINITY);
    expect(c.gpuHoursRatio).toBe(Number.POSITIVE_INFINITY);
    expect(() => compareToBaseline(poor, run("none", [P(3, 1)]), REF, [1])).toThrow(
      "compareToBaseline: the no-pruning run of seed 1 has no hypervolume",
    );
  });
});

describe("quartiles", () => {
  it("interpolates linearly between order statistics (NumPy's default)", () => {
    expect(quartiles([4, 1, 3, 2])).toEqual({ q1: 1.75, median: 2.5, q3: 3.25 });
    expect(quartiles([7])).toEqual({ q1: 7, median: 7, q3: 7 });
    expect(quartiles([1, 2, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]).q3).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
  it("rejects empty input and NaN", () => {
    expect(() => quartiles([])).toThrow("quartiles: xs must not be empty");
    expect(() => quartiles([1, Number.NaN])).toThrow("quartiles: xs must not hold NaN");
  });
});

describe("parseSeeds", () => {
  it("reads ranges and lists", () => {
    expect(parseSeeds("--seeds", "1-3,7")).toEqual([1, 2, 3, 7]);
    expect(parseSeeds("--seeds", "0")).toEqual([0]);
  });
  it("names the argument and the allowed form", () => {
    expect(() => parseSeeds("mo-pruning: --seeds", "3-1")).toThrow(
      'mo-pruning: --seeds must be like 1-10 or 1,2,5 (integers >= 0), got "3-1"',
    );
    expect(() => parseSeeds("--seeds", "a")).toThrow("--seeds must be like");
  });
});
