import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { llmFinetune } from "../../src/llm/finetune.js";
import {
  LLM_COST_SPACE,
  LLM_LOSS_SPACE,
  llmFinetuneLoss,
  llmFinetuneLossConstrained,
  llmFinetuneLossVsCost,
} from "../../src/llm/test-functions.js";
import type { ParamSpec, Params, ParamValue } from "../../src/types.js";

/** Draws a parameter record from a declared space (conditional parameters only when active). */
function arbitraryParams(space: readonly ParamSpec[]): fc.Arbitrary<Params> {
  const arbs: Record<string, fc.Arbitrary<ParamValue>> = {};
  for (const p of space) {
    if (p.kind === "categorical") arbs[p.name] = fc.constantFrom(...p.choices);
    else if (p.kind === "int") arbs[p.name] = fc.integer({ min: p.low, max: p.high });
    else if (p.log) {
      arbs[p.name] = fc
        .double({ min: Math.log(p.low), max: Math.log(p.high), noNaN: true })
        .map((x) => Math.min(p.high, Math.max(p.low, Math.exp(x))));
    } else arbs[p.name] = fc.double({ min: p.low, max: p.high, noNaN: true });
  }
  return fc.record(arbs).map((all) => {
    const out: Record<string, ParamValue> = {};
    for (const p of space) {
      if (p.condition && !p.condition.values.includes(out[p.condition.parent]!)) continue;
      out[p.name] = all[p.name]!;
    }
    return out;
  });
}

const loraParams: Params = {
  method: "lora",
  optimizer: "adamw",
  learningRate: 6e-4,
  schedule: "cosine",
  warmupFraction: 0.03,
  batchSize: 32,
  epochs: 2,
  weightDecay: 0.01,
  loraRank: 32,
  loraAlpha: 32,
  loraDropout: 0.05,
  rsLora: false,
};
const fullCostParams: Params = {
  method: "full",
  optimizer: "adamw",
  learningRate: 3e-5,
  schedule: "linear",
  warmupFraction: 0,
  microBatchSize: 4,
  gradientAccumulation: 8,
  gradientCheckpointing: false,
  epochs: 1,
  weightDecay: 0,
};

describe("search spaces", () => {
  it("declare the LR on a log scale and the LoRA parameters conditional on method ∈ {lora, qlora}", () => {
    for (const space of [LLM_LOSS_SPACE, LLM_COST_SPACE]) {
      const lr = space.find((p) => p.name === "learningRate");
      expect(lr).toMatchObject({ kind: "float", log: true, low: 1e-6, high: 1e-2 });
      for (const name of ["loraRank", "loraAlpha", "loraDropout", "rsLora"]) {
        expect(space.find((p) => p.name === name)!.condition).toEqual({
          parent: "method",
          values: ["lora", "qlora"],
        });
      }
      const names = space.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      // a condition's parent is declared before the child (runners suggest in order)
      space.forEach((p, i) => {
        if (p.condition) expect(names.indexOf(p.condition.parent)).toBeLessThan(i);
      });
    }
    expect(LLM_COST_SPACE.map((p) => p.name)).toEqual(
      expect.arrayContaining(["microBatchSize", "gradientAccumulation", "gradientCheckpointing"]),
    );
  });
});

describe("llmFinetuneLoss", () => {
  const f = llmFinetuneLoss();

  it("is a single-objective record with unknown optimum", () => {
    expect(f.kind).toBe("single");
    expect(f.name).toBe("llm-finetune-loss-1.5B");
    expect(f.optimum).toBeNull();
    expect(f.optimizers).toEqual([]);
    expect(f.tags).toEqual(expect.arrayContaining(["surrogate", "noisy", "conditional", "mixed"]));
  });

  it("is pure, and its value is the last point of its curve and the surrogate's final loss", () => {
    const v = f.evaluate(loraParams);
    expect(f.evaluate(loraParams)).toBe(v);
    const c = f.curve(loraParams);
    expect(c.kind).toBe("llm-curve");
    expect(c.values[c.values.length - 1]).toBe(v);
    expect(c.values.length).toBe(20); // 2 epochs × 10
    expect(f.run(loraParams).finalLoss).toBe(v);
    expect(v).toBeGreaterThan(0.7);
    expect(v).toBeLessThan(0.85);
  });

  it("gives different seeded noise to different configurations and to explicit replicates", () => {
    const a = f.run(loraParams);
    const b = f.run({ ...loraParams, weightDecay: 0.0100001 });
    const noiseA = a.finalLoss / llmFinetune(f.toConfig(loraParams), 0).finalLoss;
    const noiseB =
      b.finalLoss / llmFinetune(f.toConfig({ ...loraParams, weightDecay: 0.0100001 }), 0).finalLoss;
    expect(noiseA).not.toBeCloseTo(noiseB, 8);
    expect(f.curve(loraParams, 1).values[0]).not.toBe(f.curve(loraParams, 2).values[0]);
    expect(llmFinetuneLoss({ seed: 1 }).evaluate(loraParams)).not.toBe(f.evaluate(loraParams));
  });

  it("accepts every point of its space and returns a positive loss or NaN (fast-check)", () => {
    fc.assert(
      fc.property(arbitraryParams(LLM_LOSS_SPACE), (params) => {
        const v = f.evaluate(params);
        return Number.isNaN(v) || (v > 0.5 && v < 5);
      }),
      { numRuns: 200 },
    );
  });

  it("maps the parameters to the surrogate, ignoring absent LoRA ones for full fine-tuning", () => {
    const { loraRank: _r, loraAlpha: _a, loraDropout: _d, rsLora: _s, ...rest } = loraParams;
    const cfg = f.toConfig({ ...rest, method: "full", learningRate: 5e-5 });
    expect(cfg).toMatchObject({ model: "1.5B", method: "full", microBatchSize: 32, gradientAccumulation: 1 });
    expect(cfg.loraRank).toBeUndefined();
    expect(Number.isFinite(f.evaluate({ ...rest, method: "full", learningRate: 5e-5 }))).toBe(true);
  });

  it("rejects missing or invalid parameters and options with clear errors", () => {
    const { loraRank: _, ...noRank } = loraParams;
    expect(() => f.evaluate(noRank)).toThrow(/llmFinetuneLoss: missing parameter "loraRank"/);
    expect(() => f.evaluate({ ...loraParams, learningRate: -1 })).toThrow(
      /learningRate must be a finite number/,
    );
    expect(() => f.evaluate({ ...loraParams, optimizer: "sgd" })).toThrow(/optimizer must be one of/);
    expect(() => f.evaluate(null as unknown as Params)).toThrow(TypeError);
    expect(() => llmFinetuneLoss({ model: "13B" as "7B" })).toThrow(/llmFinetuneLoss: model must be one of/);
    expect(() => llmFinetuneLoss({ datasetSize: 0 })).toThrow(/datasetSize/);
    expect(() => llmFinetuneLoss({ seed: 0.5 })).toThrow(/seed must be a safe integer/);
  });

  it("reports NaN for a diverged run", () => {
    expect(f.evaluate({ ...loraParams, learningRate: 1e-2, loraAlpha: 256 })).toBeNaN();
  });
});

describe("llmFinetuneLossConstrained", () => {
  const f = llmFinetuneLossConstrained();

  it("defaults to 7B, where full fine-tuning never fits 80 GB and small-batch LoRA does", () => {
    expect(f.name).toBe("llm-finetune-loss-memory-7B");
    expect(f.tags).toContain("constrained");
    expect(f.constraints!(fullCostParams)[0]).toBeGreaterThan(0);
    const lora = {
      ...fullCostParams,
      method: "lora",
      learningRate: 4e-4,
      loraRank: 16,
      loraAlpha: 32,
      loraDropout: 0,
      rsLora: false,
    };
    expect(f.constraints!(lora)[0]).toBeLessThan(0);
    expect(f.constraints!({ ...lora, microBatchSize: 64 })[0]).toBeGreaterThan(0);
    expect(f.constraints!({ ...lora, microBatchSize: 64, gradientCheckpointing: true })[0]).toBeLessThan(
      f.constraints!({ ...lora, microBatchSize: 64 })[0]!,
    );
    expect(f.constraints!(lora)[0]).toBeCloseTo(f.run(lora).peakMemoryGB - 80, 12);
  });

  it("has a feasible and an infeasible region over its space (fast-check)", () => {
    let feasible = 0;
    let infeasible = 0;
    fc.assert(
      fc.property(arbitraryParams(LLM_COST_SPACE), (p) => {
        const [g] = f.constraints!(p);
        if (g! <= 0) feasible++;
        else infeasible++;
        return Number.isFinite(g);
      }),
      { numRuns: 200 },
    );
    expect(feasible).toBeGreaterThan(20);
    expect(infeasible).toBeGreaterThan(20);
  });
});

describe("llmFinetuneLossVsCost", () => {
  const f = llmFinetuneLossVsCost();

  it("returns [final loss, GPU-hours] with a reference point that dominates the space", () => {
    expect(f.kind).toBe("multi");
    expect(f.nObjectives).toBe(2);
    const [loss, hours] = f.evaluate(fullCostParams);
    expect(loss).toBe(f.run(fullCostParams).finalLoss);
    expect(hours).toBe(f.run(fullCostParams).gpuHours);
    expect(f.referencePoint[0]).toBeCloseTo(1.25 * 0.75, 12);
    fc.assert(
      fc.property(
        arbitraryParams(LLM_COST_SPACE),
        (p) => f.evaluate(p)[1]! <= f.referencePoint[1]! * (1 + 1e-12),
      ),
      { numRuns: 200 },
    );
    expect(f.paretoFront(10)).toEqual([]); // unknown
  });

  it("trades loss for cost: more epochs cost more GPU-hours", () => {
    const one = f.evaluate(fullCostParams);
    const three = f.evaluate({ ...fullCostParams, epochs: 3 });
    expect(three[1]).toBeCloseTo(3 * one[1]!, 9);
  });
});
