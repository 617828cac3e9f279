import { describe, expect, it } from "vitest";
import { type LlmFinetuneConfig, resolveLlmFinetuneConfig } from "../../src/llm/config.js";
import { accuracyFromLoss, llmFinetune, llmOptimalLearningRate } from "../../src/llm/finetune.js";
import { referenceConfig } from "./helpers.js";

const base: LlmFinetuneConfig = {
  model: "1.5B",
  method: "lora",
  learningRate: 5e-4,
  loraRank: 32,
  datasetSize: 5000,
};

describe("llmFinetune: determinism", () => {
  it("gives identical results for the same config and seed, in any order of calls", () => {
    const a = llmFinetune(base, 7);
    llmFinetune({ ...base, learningRate: 1e-3 }, 8);
    const b = llmFinetune(base, 7);
    expect(Array.from(b.curve)).toEqual(Array.from(a.curve));
    expect(b.finalLoss).toBe(a.finalLoss);
    expect(b.gpuHours).toBe(a.gpuHours);
  });

  it("gives different noise for different seeds (numbers and strings) but the same cost", () => {
    const a = llmFinetune(base, 1);
    const b = llmFinetune(base, 2);
    const c = llmFinetune(base, "run-a");
    expect(a.finalLoss).not.toBe(b.finalLoss);
    expect(c.finalLoss).not.toBe(a.finalLoss);
    expect(Math.abs(a.finalLoss / b.finalLoss - 1)).toBeLessThan(0.002);
    expect(a.peakMemoryGB).toBe(b.peakMemoryGB);
  });

  it("is pinned for one configuration (a change to the model must be deliberate)", () => {
    const r = llmFinetune(base, 42);
    expect(r.totalSteps).toBe(625);
    expect(r.finalLoss).toBeCloseTo(0.796611539001017, 10);
  });
});

describe("llmFinetune: the curve", () => {
  it("has round(epochs·evalsPerEpoch) evaluations at increasing steps ending at T", () => {
    const r = llmFinetune({ ...base, epochs: 3, evalsPerEpoch: 4, microBatchSize: 16 }, 1);
    expect(r.totalSteps).toBe(Math.ceil((3 * 5000) / 16));
    expect(r.steps.length).toBe(12);
    expect(r.curve.length).toBe(12);
    for (let i = 1; i < r.steps.length; i++) expect(r.steps[i]!).toBeGreaterThan(r.steps[i - 1]!);
    expect(r.steps[11]).toBe(r.totalSteps);
    expect(r.finalLoss).toBe(r.curve[11]);
    expect(r.perplexity).toBeCloseTo(Math.exp(r.finalLoss), 12);
    expect(r.accuracy).toBeCloseTo(accuracyFromLoss(r.finalLoss), 12);
  });

  it("caps the evaluations at one per step and accepts fractional epochs", () => {
    const r = llmFinetune({ ...base, datasetSize: 40, microBatchSize: 8, evalsPerEpoch: 100 }, 1);
    expect(r.totalSteps).toBe(5);
    expect(Array.from(r.steps)).toEqual([1, 2, 3, 4, 5]);
    const half = llmFinetune({ ...base, epochs: 0.5 }, 1);
    expect(half.steps.length).toBe(5);
  });

  it("falls from near the start loss 1.25·L* towards L* over a run at the optimal LR", () => {
    const cfg = referenceConfig("7B", { evalsPerEpoch: 100 });
    const r = llmFinetune({ ...cfg, learningRate: llmOptimalLearningRate(cfg) }, 1);
    expect(r.curve[0]!).toBeGreaterThan(0.59 * 1.1);
    expect(r.curve[0]!).toBeLessThan(0.59 * 1.25);
    expect(r.finalLoss).toBeCloseTo(0.59, 2);
    for (let i = 1; i < r.curve.length; i++) expect(r.curve[i]!).toBeLessThan(r.curve[i - 1]! * 1.001);
  });

  it("starts at the start loss when almost nothing is trained", () => {
    const r = llmFinetune(
      { model: "0.5B", method: "full", learningRate: 1e-9, datasetSize: 1, microBatchSize: 1 },
      1,
    );
    expect(r.finalLoss / (1.25 * 0.9)).toBeCloseTo(1, 3);
  });

  it("turns NaN from the divergence step on, and stays finite before it", () => {
    const cfg = referenceConfig("1.5B", { evalsPerEpoch: 50, warmupFraction: 0.1 });
    const r = llmFinetune({ ...cfg, learningRate: 12 * llmOptimalLearningRate(cfg) }, 3);
    expect(r.diverged).toBe(true);
    const step = r.divergenceStep!;
    expect(step).toBeGreaterThan(0);
    for (let i = 0; i < r.curve.length; i++) {
      if (r.steps[i]! >= step) expect(r.curve[i]).toBeNaN();
      else expect(Number.isFinite(r.curve[i]!)).toBe(true);
    }
    expect(Number.isFinite(r.curve[0]!)).toBe(true); // warmup delays the blow-up
    expect(r.finalLoss).toBeNaN();
    expect(r.perplexity).toBeNaN();
    expect(r.accuracy).toBeNaN();
    expect(Number.isFinite(r.gpuHours)).toBe(true);
  });

  it("reports a finite, positive cost", () => {
    const r = llmFinetune(base, 1);
    for (const v of [r.gpuHours, r.tokensPerSecond, r.sequencesPerSecond, r.peakMemoryGB]) {
      expect(v).toBeGreaterThan(0);
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(r.sequencesPerSecond * 1024).toBeCloseTo(r.tokensPerSecond, 6);
    expect(r.fitsInMemory).toBe(true);
  });
});

describe("llmFinetune: input validation", () => {
  const bad: [Partial<Record<keyof LlmFinetuneConfig, unknown>>, RegExp][] = [
    [{ model: "3B" }, /llmFinetune: model must be one of "0.5B", "1.5B", "7B", got "3B"/],
    [{ method: "prefix" }, /method must be one of "full", "lora", "qlora"/],
    [{ learningRate: 0 }, /learningRate must be a finite number in \(0, /],
    [{ learningRate: -1e-4 }, /learningRate/],
    [{ learningRate: Number.NaN }, /learningRate .* got NaN/],
    [{ learningRate: Number.POSITIVE_INFINITY }, /learningRate .* got Infinity/],
    [{ optimizer: "adam" }, /optimizer must be one of/],
    [{ schedule: "step" }, /schedule must be one of "constant", "linear", "cosine"/],
    [{ warmupFraction: 1 }, /warmupFraction must be a number in \[0, 1\), got 1/],
    [{ warmupFraction: -0.1 }, /warmupFraction/],
    [{ microBatchSize: 0 }, /microBatchSize must be an integer in \[1, 65536\], got 0/],
    [{ microBatchSize: 2.5 }, /microBatchSize .* got 2.5/],
    [{ gradientAccumulation: Number.NaN }, /gradientAccumulation/],
    [{ epochs: 0 }, /epochs must be a finite number in \(0, 1000\], got 0/],
    [{ weightDecay: 1.5 }, /weightDecay must be a finite number in \[0, 1\]/],
    [{ loraRank: 0 }, /loraRank must be an integer in \[1, 1536\], got 0/],
    [{ loraRank: 2048 }, /loraRank .* got 2048/],
    [{ loraAlpha: -1 }, /loraAlpha/],
    [{ loraDropout: 1 }, /loraDropout must be a number in \[0, 1\)/],
    [{ rsLora: 1 }, /rsLora must be true or false, got 1/],
    [{ precision: "fp8" }, /precision must be one of/],
    [{ precision: "nf4" }, /precision must be "fp32", "bf16" or "fp16" when method is "lora", got "nf4"/],
    [{ sequenceLength: 8 }, /sequenceLength must be an integer in \[16, 32768\], got 8/],
    [{ gradientCheckpointing: "yes" }, /gradientCheckpointing must be true or false/],
    [{ flashAttention: "no" }, /flashAttention must be true or false, got no/],
    [{ gpu: "V100" }, /gpu must be one of "A100", "H100", got "V100"/],
    [{ datasetSize: 0 }, /datasetSize must be an integer in \[1, 1000000000\], got 0/],
    [{ evalsPerEpoch: 0 }, /evalsPerEpoch/],
  ];
  it.each(bad)("rejects %o with a clear RangeError", (patch, message) => {
    expect(() => llmFinetune({ ...base, ...patch } as LlmFinetuneConfig, 1)).toThrow(RangeError);
    expect(() => llmFinetune({ ...base, ...patch } as LlmFinetuneConfig, 1)).toThrow(message);
  });

  it("requires a quantized precision for QLoRA and defaults it to nf4", () => {
    expect(() => llmFinetune({ ...base, method: "qlora", precision: "bf16" }, 1)).toThrow(
      /precision must be "int8" or "nf4" when method is "qlora", got "bf16"/,
    );
    expect(resolveLlmFinetuneConfig({ ...base, method: "qlora" }).precision).toBe("nf4");
    expect(resolveLlmFinetuneConfig({ ...base, method: "full" }).precision).toBe("bf16");
  });

  it("rejects a non-object config and a bad seed", () => {
    expect(() => llmFinetune(null as unknown as LlmFinetuneConfig, 1)).toThrow(TypeError);
    expect(() => llmFinetune(base, 1.5)).toThrow(/seed must be a safe integer/);
    expect(() => llmFinetune(base, Number.NaN)).toThrow(/seed/);
  });

  it("ignores LoRA fields for full fine-tuning but still range-checks them", () => {
    const a = llmFinetune({ ...base, method: "full", learningRate: 5e-5, loraRank: 4 }, 1);
    const b = llmFinetune({ ...base, method: "full", learningRate: 5e-5, loraRank: 64 }, 1);
    expect(a.finalLoss).toBe(b.finalLoss);
  });
});

describe("llmOptimalLearningRate", () => {
  it("accounts for α (standard LoRA: η* ∝ 1/α) and rsLoRA (η* ∝ 1/(α√r))", () => {
    const lora = { model: "7B" as const, method: "lora" as const, loraRank: 64 };
    const a32 = llmOptimalLearningRate({ ...lora, loraAlpha: 32 });
    expect(llmOptimalLearningRate({ ...lora, loraAlpha: 16 })).toBeCloseTo(2 * a32, 15);
    expect(llmOptimalLearningRate({ ...lora, loraAlpha: 32, rsLora: true })).toBeCloseTo(a32 / 8, 15);
  });

  it("puts Lion 3-10× and SGD 100-1000× away from AdamW at the calibration batch 128", () => {
    const cfg = { model: "1.5B" as const, method: "full" as const, microBatchSize: 128 };
    const adam = llmOptimalLearningRate(cfg);
    const lion = adam / llmOptimalLearningRate({ ...cfg, optimizer: "lion" });
    const sgd = llmOptimalLearningRate({ ...cfg, optimizer: "sgd-momentum" }) / adam;
    expect(lion).toBeGreaterThanOrEqual(3);
    expect(lion).toBeLessThanOrEqual(10);
    expect(sgd).toBeGreaterThanOrEqual(100);
    expect(sgd).toBeLessThanOrEqual(1000);
  });
});
