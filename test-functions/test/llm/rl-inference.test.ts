import { describe, expect, it } from "vitest";
import { llmNominalLearningRate } from "../../src/llm/finetune.js";
import { llmInference } from "../../src/llm/inference.js";
import { goldReward, llmRlFinetune } from "../../src/llm/rl.js";

describe("goldReward", () => {
  it("is Gao et al.'s d(α - β ln d): 0 at d = 0, maximal (= R_max) at d* = 10", () => {
    expect(goldReward(0, 1)).toBe(0);
    expect(goldReward(10, 1)).toBeCloseTo(1, 12);
    for (const d of [1, 5, 9.9, 10.1, 20, 40]) expect(goldReward(d, 1)).toBeLessThan(1);
    expect(goldReward(40, 1)).toBeLessThan(0.5); // over-optimization
  });
});

describe("llmRlFinetune", () => {
  const cfg = { model: "7B" as const, method: "lora" as const, learningRate: 3e-4, klCoefficient: 0.04 };

  it("is deterministic per seed and reports one point per evaluation", () => {
    const a = llmRlFinetune(cfg, 1);
    expect(Array.from(llmRlFinetune(cfg, 1).goldReward)).toEqual(Array.from(a.goldReward));
    expect(a.steps.length).toBe(20);
    expect(a.steps[19]).toBe(500);
    expect(a.finalKl).toBeCloseTo(a.kl[19]!, 15);
    expect(llmRlFinetune(cfg, 2).finalGoldReward).not.toBe(a.finalGoldReward);
  });

  it("needs no rank: rank 1 and rank 128 give the same reward at their optimal LR", () => {
    const at = (loraRank: number): number => {
      const lr = llmNominalLearningRate({ model: "7B", method: "lora", loraRank, microBatchSize: 64 });
      return llmRlFinetune({ ...cfg, loraRank, learningRate: lr }, 3).finalGoldReward;
    };
    expect(at(1)).toBeCloseTo(at(128), 12);
  });

  it("grows the KL over the run, less with a larger coefficient, and diverges at very high LR", () => {
    const r = llmRlFinetune(cfg, 1);
    for (let i = 1; i < r.kl.length; i++) expect(r.kl[i]).toBeGreaterThan(r.kl[i - 1]!);
    expect(llmRlFinetune({ ...cfg, klCoefficient: 0.5 }, 1).finalKl).toBeLessThan(r.finalKl);
    const hot = llmRlFinetune({ ...cfg, learningRate: 3e-2 }, 1);
    expect(hot.diverged).toBe(true);
    expect(hot.finalGoldReward).toBeNaN();
  });

  it("rejects invalid arguments", () => {
    expect(() => llmRlFinetune({ ...cfg, klCoefficient: -1 }, 1)).toThrow(
      /llmRlFinetune: klCoefficient must be a finite number in \[0, 100\]/,
    );
    expect(() => llmRlFinetune({ ...cfg, steps: 0 }, 1)).toThrow(/steps must be an integer/);
    expect(() => llmRlFinetune({ ...cfg, batchSize: 1.5 }, 1)).toThrow(/batchSize/);
    expect(() => llmRlFinetune({ ...cfg, learningRate: Number.NaN }, 1)).toThrow(
      /llmRlFinetune: learningRate/,
    );
  });
});

describe("llmInference", () => {
  it("reproduces Holtzman et al.'s repetition: greedy 73.66%, beam 16 28.94%, nucleus 0.95 0.36%", () => {
    expect(llmInference({ model: "7B", temperature: 0 }).repetitionRate).toBeCloseTo(0.7366, 12);
    expect(llmInference({ model: "7B", temperature: 0.7, beamWidth: 16 }).repetitionRate).toBeCloseTo(
      0.2894,
      12,
    );
    expect(llmInference({ model: "7B", temperature: 1, topP: 0.95 }).repetitionRate).toBeCloseTo(0.0036, 12);
    expect(llmInference({ model: "7B", temperature: 1, topK: 1 }).mode).toBe("greedy");
  });

  it("keeps accuracy up to a repetition penalty of 1.2, loses it above 1.3, and cuts repetition", () => {
    const acc = (repetitionPenalty: number): number =>
      llmInference({ model: "1.5B", temperature: 0, repetitionPenalty }).accuracy;
    expect(acc(1.2)).toBe(acc(1));
    expect(acc(1.5)).toBeLessThan(acc(1.3));
    expect(acc(1.3)).toBeLessThan(acc(1));
    expect(
      llmInference({ model: "1.5B", temperature: 0, repetitionPenalty: 1.2 }).repetitionRate,
    ).toBeLessThan(0.2);
  });

  it("multiplies decode cost and KV memory by the beam width", () => {
    const one = llmInference({ model: "7B", temperature: 0 });
    const four = llmInference({ model: "7B", temperature: 0, beamWidth: 4 });
    expect(four.kvCacheGB).toBeCloseTo(4 * one.kvCacheGB, 12);
    expect(one.decodeTokensPerSecond).toBeCloseTo(4 * four.decodeTokensPerSecond, 9);
    expect(four.accuracy).toBe(one.accuracy);
    // Qwen2.5-7B: 28 layers × 4 KV heads × 128 × 2 (K, V) × 2 bytes = 57 kB per token
    expect(one.kvCacheGB).toBeCloseTo((57344 * 512) / 1e9, 12);
  });

  it("cuts the harm of high temperatures with nucleus and top-k truncation", () => {
    const hot = llmInference({ model: "7B", temperature: 1.8 }).accuracy;
    expect(llmInference({ model: "7B", temperature: 1.8, topP: 0.5 }).accuracy).toBeGreaterThan(hot);
    expect(llmInference({ model: "7B", temperature: 1.8, topK: 5 }).accuracy).toBeGreaterThan(hot);
  });

  it("ties accuracy to the fine-tuned loss (lower loss, higher accuracy) and orders models by size", () => {
    expect(llmInference({ model: "7B", temperature: 0, finetunedLoss: 0.55 }).accuracy).toBeGreaterThan(
      llmInference({ model: "7B", temperature: 0, finetunedLoss: 0.65 }).accuracy,
    );
    const by = (model: "0.5B" | "1.5B" | "7B"): number => llmInference({ model, temperature: 0 }).accuracy;
    expect(by("0.5B")).toBeLessThan(by("1.5B"));
    expect(by("1.5B")).toBeLessThan(by("7B"));
  });

  it("rejects invalid arguments", () => {
    expect(() => llmInference({ model: "7B", temperature: -0.1 })).toThrow(
      /llmInference: temperature must be a finite number in \[0, 5\]/,
    );
    expect(() => llmInference({ model: "7B", temperature: 1, topP: 0 })).toThrow(
      /topP must be a finite number in \(0, 1\]/,
    );
    expect(() => llmInference({ model: "7B", temperature: 1, topK: -1 })).toThrow(/topK must be an integer/);
    expect(() => llmInference({ model: "7B", temperature: 1, beamWidth: 0 })).toThrow(/beamWidth/);
    expect(() => llmInference({ model: "7B", temperature: 1, repetitionPenalty: 0.9 })).toThrow(
      /repetitionPenalty/,
    );
    expect(() => llmInference({ model: "7B", temperature: 1, finetunedLoss: Number.NaN })).toThrow(
      /finetunedLoss/,
    );
    expect(() => llmInference({ model: "2B" as "7B", temperature: 1 })).toThrow(/model must be one of/);
  });
});
