import { describe, expect, it } from "vitest";
import { CmaEs } from "../../src/cmaes/cma.js";
import {
  checkTermination,
  FunctionHistory,
  resolveTermination,
  type TerminationView,
} from "../../src/cmaes/termination.js";
import { Rng } from "../../src/random/rng.js";
import { generation, sphere } from "./helpers.js";

function view(patch: Partial<TerminationView> = {}): TerminationView {
  return {
    generation: 5,
    evaluations: 50,
    sigma: 1,
    initialScale: 1,
    mean: Float64Array.of(1, 2),
    diagC: Float64Array.of(1, 1),
    pc: Float64Array.of(0.1, 0.1),
    d: Float64Array.of(1, 1),
    b: null,
    ...patch,
  };
}

const thresholds = resolveTermination("test", {}, 1);

describe("checkTermination", () => {
  it("returns null for a healthy state", () => {
    expect(checkTermination(view(), new FunctionHistory(2, 6), thresholds)).toBeNull();
  });

  it("fires each criterion on a state built to trigger it (Hansen 2016, Appendix B)", () => {
    const h = new FunctionHistory(2, 6);
    expect(checkTermination(view({ d: Float64Array.of(1e-8, 1) }), h, thresholds)).toMatchObject({
      kind: "conditionCov",
      value: 1e16,
      threshold: 1e14,
    });
    expect(checkTermination(view({ sigma: 2e4 }), h, thresholds)).toMatchObject({
      kind: "tolXUp",
      threshold: 1e4,
    });
    expect(checkTermination(view({ mean: Float64Array.of(1e20, 2) }), h, thresholds)).toMatchObject({
      kind: "noEffectCoord",
      value: 0,
    });
    // Axis 5 mod 2 = 1 is along a tiny principal direction that is not a coordinate.
    const b = Float64Array.of(Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2);
    const tiny = view({
      mean: Float64Array.of(1e6, 1e6),
      d: Float64Array.of(1, 1e-12),
      b,
      diagC: Float64Array.of(1, 1),
    });
    expect(checkTermination(tiny, h, resolveTermination("t", { tolConditionCov: 1e30 }, 1))).toMatchObject({
      kind: "noEffectAxis",
      value: 1,
    });
    expect(
      checkTermination(view({ sigma: 1e-13, pc: Float64Array.of(1e-3, 0) }), h, thresholds),
    ).toMatchObject({ kind: "tolX", threshold: 1e-12 });
    // σ·|p_c| = 1e-11 is still above tolX: no stop.
    expect(checkTermination(view({ sigma: 1e-13, pc: Float64Array.of(1e2, 0) }), h, thresholds)).toBeNull();
  });

  it("respects `disabled` and maxEvaluations", () => {
    const h = new FunctionHistory(2, 6);
    const t = resolveTermination("t", { disabled: ["conditionCov"], maxEvaluations: 40 }, 1);
    expect(checkTermination(view({ d: Float64Array.of(1e-8, 1), evaluations: 30 }), h, t)).toBeNull();
    expect(checkTermination(view({ evaluations: 40 }), h, t)).toMatchObject({
      kind: "maxEvaluations",
      value: 40,
    });
  });
});

describe("FunctionHistory", () => {
  it("measures ranges over h = 10 + ⌈30n/λ⌉ generations", () => {
    const h = new FunctionHistory(10, 10);
    expect(h.length).toBe(40);
    for (let g = 1; g < 40; g++) {
      h.record(Float64Array.of(g, g + 5), g);
      expect(h.bestRange()).toBeNull();
    }
    h.record(Float64Array.of(40, 45), 40);
    expect(h.bestRange()).toBe(39);
    expect(h.funRange()).toBe(44);
    h.record(Float64Array.of(41, 100), 41);
    expect(h.bestRange()).toBe(39); // 2..41
    expect(h.funRange()).toBe(98);
  });

  it("detects stagnation when neither best nor median improves (Hansen 2009)", () => {
    const h = new FunctionHistory(2, 6); // window ≥ 130
    for (let g = 1; g <= 200; g++) h.record(Float64Array.of(10 - g * 0.01, 20 - g * 0.01), g);
    expect(h.stagnation()).toBeNull(); // still improving
    for (let g = 201; g <= 600; g++) h.record(Float64Array.of(5, 7), g);
    expect(h.stagnation()).not.toBeNull();
  });
});

describe("CmaEs termination on real runs", () => {
  it("stops a flat function by tolFunHist (EqualFunValues) after exactly h generations", () => {
    const es = new CmaEs({ mean: [0, 0, 0, 0], sigma: 1, seed: 1 });
    const h = 10 + Math.ceil((30 * 4) / es.populationSize);
    let g = 0;
    while (!es.shouldStop()) {
      generation(es, () => 7);
      g++;
    }
    expect(g).toBe(h);
    expect(es.terminationReason()).toEqual({ kind: "tolFunHist", value: 0, threshold: 0 });
  });

  it("stops a linear function by tolXUp (σ grows without bound)", () => {
    const es = new CmaEs({ mean: [0, 0, 0], sigma: 1e-3, seed: 2 });
    let g = 0;
    while (!es.shouldStop() && g++ < 5000) generation(es, (x) => x[0]!);
    expect(es.terminationReason()?.kind).toBe("tolXUp");
  });

  it("stops pure noise by stagnation", () => {
    const rng = Rng.fromSeed(3);
    const es = new CmaEs({
      mean: [0, 0],
      sigma: 1,
      seed: 3,
      termination: { disabled: ["tolXUp", "conditionCov", "noEffectAxis", "noEffectCoord", "tolX"] },
    });
    let g = 0;
    while (!es.shouldStop() && g++ < 20000) generation(es, () => rng.random());
    expect(es.terminationReason()?.kind).toBe("stagnation");
    expect(es.generation).toBeGreaterThanOrEqual(Math.ceil(120 + 30 * (2 / es.populationSize)));
  });

  it("stops the sphere by tolFun once f no longer changes, and maxEvaluations counts solutions", () => {
    const es = new CmaEs({ mean: [1, 1, 1], sigma: 1, seed: 4 });
    let g = 0;
    while (!es.shouldStop() && g++ < 5000) generation(es, sphere);
    expect(es.terminationReason()?.kind).toBe("tolFun");
    const capped = new CmaEs({ mean: [1, 1, 1], sigma: 1, seed: 4, termination: { maxEvaluations: 35 } });
    while (!capped.shouldStop()) generation(capped, sphere);
    expect(capped.evaluations).toBe(35);
  });

  it("fires noEffectCoord when σ is negligible against the mean", () => {
    const es = new CmaEs({ mean: [1e17, 0], sigma: 1, seed: 5 });
    expect(es.terminationReason()).toMatchObject({ kind: "noEffectCoord", value: 0 });
  });
});
