import {
  createFrozenTrial,
  type FrozenTrial,
  floatDistribution,
  type StudyDirection,
  type TrialState,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { TrialColumns } from "../../src/columns/trial-columns.js";
import { splitTrials } from "../../src/tpe/study-split.js";

const X = floatDistribution(0, 10);

function trial(
  number: number,
  state: TrialState,
  init: { values?: number[]; iv?: Record<number, number>; constraints?: Record<string, number> } = {},
): FrozenTrial {
  const t = createFrozenTrial({
    state,
    ...(state === "COMPLETE" ? { values: init.values ?? [number] } : {}),
    params: { x: number % 10 },
    distributions: { x: X },
    ...(init.iv === undefined ? {} : { intermediateValues: init.iv }),
    ...(init.constraints === undefined ? {} : { systemAttrs: { constraints: init.constraints } }),
  });
  return { ...t, number, trialId: number };
}

function split(
  trials: FrozenTrial[],
  nBelow: number,
  options: {
    constantLiar?: boolean;
    constraints?: boolean;
    self?: number;
    directions?: StudyDirection[];
  } = {},
) {
  const table = new TrialColumns(options.directions ?? ["minimize"]);
  const unfinished = table.update(trials);
  const s = splitTrials(table, unfinished, options.self ?? -1, nBelow, {
    constantLiar: options.constantLiar ?? true,
    constraints: options.constraints ?? true,
  });
  return { below: Array.from(s.below), above: Array.from(s.above), weights: s.belowWeight };
}

describe("splitTrials on constructed studies", () => {
  it("puts the best COMPLETE trials below (minimize and maximize), the rest above", () => {
    const values = [5, 3, 8, 1, 9, 3];
    const trials = values.map((v, i) => trial(i, "COMPLETE", { values: [v] }));
    expect(split(trials, 2)).toMatchObject({ below: [1, 3], above: [0, 2, 4, 5] });
    expect(split(trials, 3, { directions: ["maximize"] })).toMatchObject({ below: [0, 2, 4] });
    expect(split(trials, 0).below).toEqual([]);
  });

  it("ranks PRUNED trials after COMPLETE ones, by latest step then the value reported there", () => {
    const trials = [
      trial(0, "COMPLETE", { values: [10] }),
      trial(1, "PRUNED", { iv: { 1: -100 } }),
      trial(2, "PRUNED", { iv: { 1: 0, 4: 3 } }),
      trial(3, "PRUNED", { iv: { 4: 2 } }),
      trial(4, "PRUNED"),
      trial(5, "FAIL"),
    ];
    expect(split(trials, 1).below).toEqual([0]);
    expect(split(trials, 2).below).toEqual([0, 3]);
    expect(split(trials, 3).below).toEqual([0, 2, 3]);
    expect(split(trials, 4).below).toEqual([0, 1, 2, 3]);
    // The FAIL trial is in neither set.
    expect(split(trials, 4).above).toEqual([4]);
  });

  it("counts RUNNING trials (not the one being sampled) as above under the constant liar", () => {
    const trials = [
      trial(0, "COMPLETE", { values: [1] }),
      trial(1, "RUNNING"),
      trial(2, "COMPLETE", { values: [0] }),
      trial(3, "RUNNING"),
      trial(4, "WAITING"),
    ];
    expect(split(trials, 1, { self: 3 })).toMatchObject({ below: [2], above: [0, 1] });
    expect(split(trials, 1, { self: 3, constantLiar: false })).toMatchObject({ below: [2], above: [0] });
  });

  it("ranks feasible trials by value, then infeasible ones by total violation, then those without constraint values", () => {
    const trials = [
      trial(0, "COMPLETE", { values: [0], constraints: { a: 3 } }),
      trial(1, "COMPLETE", { values: [5], constraints: { a: -1, b: 0 } }),
      trial(2, "COMPLETE", { values: [1], constraints: { a: 0.5, b: 0.25 } }),
      trial(3, "COMPLETE", { values: [-9] }),
      trial(4, "COMPLETE", { values: [7], constraints: { a: -2 } }),
      trial(5, "PRUNED", { iv: { 2: 0 }, constraints: { a: 0 } }),
    ];
    expect(split(trials, 2).below).toEqual([1, 4]);
    expect(split(trials, 3).below).toEqual([1, 4, 5]);
    expect(split(trials, 4).below).toEqual([1, 2, 4, 5]);
    expect(split(trials, 5).below).toEqual([0, 1, 2, 4, 5]);
    // Without constraint handling, values alone.
    expect(split(trials, 2, { constraints: false }).below).toEqual([0, 3]);
  });

  it("multi-objective: non-domination ranks, pruned trials above, hypervolume weights below", () => {
    const trials = [
      trial(0, "COMPLETE", { values: [1, 4] }),
      trial(1, "COMPLETE", { values: [2, 2] }),
      trial(2, "COMPLETE", { values: [4, 1] }),
      trial(3, "COMPLETE", { values: [3, 3] }),
      trial(4, "PRUNED"),
    ];
    const s = split(trials, 3, { directions: ["minimize", "minimize"] });
    expect(s.below).toEqual([0, 1, 2]);
    expect(s.above).toEqual([3, 4]);
    // Reference (4.4, 4.4): exclusive contributions 1·0.4, 2·2 and 0.4·1 (+ EPS each),
    // divided by the largest.
    const w = Array.from(s.weights!);
    expect(w[0]).toBeCloseTo(0.1, 9);
    expect(w[1]).toBe(1);
    expect(w[2]).toBeCloseTo(0.1, 9);
  });
});
