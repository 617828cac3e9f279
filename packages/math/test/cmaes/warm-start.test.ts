import { describe, expect, it } from "vitest";
import { CmaEs } from "../../src/cmaes/cma.js";
import { warmStartDistribution } from "../../src/cmaes/warm-start.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { evalsToTarget, median, type Objective, sphere } from "./helpers.js";

describe("warmStartDistribution", () => {
  it("is the moment match of the top γ·N solutions with α²I (Nomura et al. 2021), det C = 1", () => {
    const src = [
      { x: [0, 0], value: 5 },
      { x: [1, 3], value: 1 },
      { x: [3, 1], value: 2 },
      { x: [9, 9], value: 7 },
    ];
    const ws = warmStartDistribution(src, { gamma: 0.5, alpha: 0.1 });
    // Top 2: (1, 3) and (3, 1): mean (2, 2), covariance [[1, −1], [−1, 1]] + 0.01 I.
    expect(Array.from(ws.mean)).toEqual([2, 2]);
    const sigmaMat = [1.01, -1, -1, 1.01];
    const det = 1.01 * 1.01 - 1;
    expect(ws.sigma).toBeCloseTo(det ** (1 / 4), 12);
    for (let k = 0; k < 4; k++) expect(ws.cov[k]).toBeCloseTo(sigmaMat[k]! / Math.sqrt(det), 10);
    const values = new Float64Array(2);
    symmetricEigen(ws.cov, 2, values, new Float64Array(4));
    expect(values[0]! * values[1]!).toBeCloseTo(1, 10);
  });

  it("rejects empty input, bad γ and α, mixed lengths, NaN and an empty selection", () => {
    const src = [{ x: [0, 1], value: 1 }];
    expect(() => warmStartDistribution([])).toThrow(/non-empty array/);
    expect(() => warmStartDistribution(src, { gamma: 0 })).toThrow(/gamma must be in \(0, 1\]/);
    expect(() => warmStartDistribution(src, { gamma: 1.5 })).toThrow(/gamma/);
    expect(() => warmStartDistribution(src, { gamma: 1, alpha: -1 })).toThrow(/alpha must be/);
    expect(() => warmStartDistribution(src, { gamma: 1, alpha: Number.POSITIVE_INFINITY })).toThrow(/alpha/);
    expect(() => warmStartDistribution([...src, { x: [1], value: 0 }], { gamma: 1 })).toThrow(
      /\[1\]\.x must have length 2/,
    );
    expect(() => warmStartDistribution([{ x: [0, Number.NaN], value: 0 }], { gamma: 1 })).toThrow(
      /x\[1\] is not finite/,
    );
    expect(() => warmStartDistribution([{ x: [0, 1], value: Number.NaN }], { gamma: 1 })).toThrow(
      /value must be a number/,
    );
    expect(() => warmStartDistribution(src)).toThrow(/selects no solution/);
  });

  it("speeds up a related target task (the paper's claim) on a shifted sphere", () => {
    const n = 8;
    const optimum = 2;
    const source: Objective = (x) => sphere(x.map((v) => v - optimum));
    const target: Objective = (x) => sphere(x.map((v) => v - optimum - 0.05));
    // The source solutions are what an earlier run on the source task evaluated (the paper's
    // setting: trials of a previous hyperparameter search), here 60 generations of CmaEs.
    const previous = new CmaEs({ mean: new Float64Array(n), sigma: 2, seed: 99 });
    const sourceSolutions: { x: Float64Array; value: number }[] = [];
    for (let g = 0; g < 60; g++) {
      const xs = Array.from({ length: previous.populationSize }, () => previous.ask());
      const batch = xs.map((x) => ({ x, value: source(x) }));
      sourceSolutions.push(...batch);
      previous.tell(batch);
    }
    const ws = warmStartDistribution(sourceSolutions, { gamma: 0.1, alpha: 0.1 });
    const cold = Array.from({ length: 5 }, (_, s) =>
      evalsToTarget(new CmaEs({ mean: new Float64Array(n), sigma: 2, seed: s }), target, 1e-8, 1e5),
    );
    const warm = Array.from({ length: 5 }, (_, s) =>
      evalsToTarget(new CmaEs({ mean: ws.mean, sigma: ws.sigma, cov: ws.cov, seed: s }), target, 1e-8, 1e5),
    );
    console.log(`shifted sphere: median ${median(cold)} evaluations cold, ${median(warm)} warm-started`);
    expect(median(warm)).toBeLessThan(median(cold));
  });
});
