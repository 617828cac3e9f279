import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LLM_COST_SPACE, llmFinetuneLossVsCost } from "../../src/llm/test-functions.js";
import { llmFinetuneLossVsCostCurves } from "../../src/llm/vector-curve.js";
import type { Params, ParamValue } from "../../src/types.js";

/** A parameter record of the cost space (conditional parameters only when active). */
const costParams: fc.Arbitrary<Params> = fc
  .record({
    method: fc.constantFrom("full", "lora", "qlora"),
    optimizer: fc.constantFrom("adamw", "adamw-8bit", "lion", "adafactor"),
    lrExp: fc.double({ min: -6, max: -2, noNaN: true }),
    schedule: fc.constantFrom("constant", "linear", "cosine"),
    warmupFraction: fc.double({ min: 0, max: 0.2, noNaN: true }),
    microBatchSize: fc.integer({ min: 1, max: 64 }),
    gradientAccumulation: fc.integer({ min: 1, max: 64 }),
    gradientCheckpointing: fc.boolean(),
    epochs: fc.integer({ min: 1, max: 5 }),
    weightDecay: fc.double({ min: 0, max: 0.1, noNaN: true }),
    loraRank: fc.integer({ min: 1, max: 256 }),
    loraAlpha: fc.double({ min: 1, max: 256, noNaN: true }),
    loraDropout: fc.double({ min: 0, max: 0.1, noNaN: true }),
    rsLora: fc.boolean(),
  })
  .map(({ lrExp, ...rest }) => {
    const out: Record<string, ParamValue> = { ...rest, learningRate: 10 ** lrExp };
    if (rest.method === "full") {
      for (const k of ["loraRank", "loraAlpha", "loraDropout", "rsLora"]) delete out[k];
    }
    return out;
  });

const fullParams: Params = {
  method: "full",
  optimizer: "adamw",
  learningRate: 3e-5,
  schedule: "linear",
  warmupFraction: 0,
  microBatchSize: 4,
  gradientAccumulation: 8,
  gradientCheckpointing: false,
  epochs: 2,
  weightDecay: 0,
};

describe("llmFinetuneLossVsCostCurves", () => {
  const f = llmFinetuneLossVsCostCurves();
  const base = llmFinetuneLossVsCost();

  it("is llmFinetuneLossVsCost (name, space, reference point, values) with a vector curve", () => {
    expect(f.name).toBe(base.name);
    expect(f.space).toBe(LLM_COST_SPACE);
    expect(f.referencePoint).toEqual(base.referencePoint);
    expect(f.nObjectives).toBe(2);
    expect(f.evaluate(fullParams)).toEqual(base.evaluate(fullParams));
  });

  it("reports (loss at step t, projected full-run GPU-hours) at each evaluation; the last vector is evaluate()", () => {
    fc.assert(
      fc.property(costParams, (params) => {
        const c = f.vectorCurve(params);
        const r = base.run(params);
        expect(c.kind).toBe("llm-vector-curve");
        expect(c.vectors.length).toBe(r.curve.length);
        expect(c.totalSteps).toBe(r.totalSteps);
        expect(c.gpuHours).toBe(r.gpuHours);
        expect(Number.isFinite(c.gpuHours) && c.gpuHours > 0).toBe(true);
        for (let i = 0; i < c.vectors.length; i++) {
          expect(Object.is(c.vectors[i]![0], r.curve[i]!)).toBe(true);
          expect(c.vectors[i]![1]).toBe(r.gpuHours);
        }
        const last = c.vectors[c.vectors.length - 1]!;
        const value = f.evaluate(params);
        expect(Object.is(last[0], value[0]!)).toBe(true);
        expect(last[1]).toBe(value[1]);
      }),
      { numRuns: 60 },
    );
  });

  it("charges a run stopped after evaluation i the share t_i/T of its GPU-hours", () => {
    fc.assert(
      fc.property(costParams, (params) => {
        const c = f.vectorCurve(params);
        const n = c.vectors.length;
        let previous = 0;
        for (let i = 0; i < n; i++) {
          const spent = c.gpuHoursSpent[i]!;
          expect(spent).toBeCloseTo((c.gpuHours * c.steps[i]!) / c.totalSteps, 12);
          expect(spent).toBeGreaterThan(previous);
          previous = spent;
        }
        expect(c.gpuHoursSpent[n - 1]).toBeCloseTo(c.gpuHours, 12);
      }),
      { numRuns: 60 },
    );
    // 2 epochs at 10 evaluations per epoch: halfway through, half the hours
    const c = f.vectorCurve(fullParams);
    expect(c.vectors.length).toBe(20);
    expect(c.gpuHoursSpent[9]! / c.gpuHours).toBeCloseTo(0.5, 2);
  });

  it("keeps a finite cost in the vectors of a diverged run (NaN losses)", () => {
    const diverging = { ...fullParams, learningRate: 1e-2 };
    const c = f.vectorCurve(diverging);
    expect(c.vectors.some((v) => Number.isNaN(v[0]))).toBe(true);
    for (const v of c.vectors) expect(Number.isFinite(v[1])).toBe(true);
  });

  it("takes an explicit seed for replicates, and validates options like the base function", () => {
    const a = f.vectorCurve(fullParams, 1);
    const b = f.vectorCurve(fullParams, 2);
    expect(a.gpuHours).toBe(b.gpuHours);
    expect(a.loss).not.toEqual(b.loss);
    expect(f.vectorCurve(fullParams, 1).loss).toEqual(a.loss);
    expect(() => llmFinetuneLossVsCostCurves({ seed: 0.5 })).toThrow(
      "llmFinetuneLossVsCost: seed must be a safe integer, got 0.5",
    );
  });
});
