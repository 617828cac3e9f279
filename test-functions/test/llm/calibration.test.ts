/**
 * Calibration against the specification's published table (Thinking Machines' LoRA sweep on
 * tulu3, `tinker_cookbook/recipes/chat_sl/results/sft_sweep.md`, and the model table).
 */
import { describe, expect, it } from "vitest";
import { resolveLlmFinetuneConfig } from "../../src/llm/config.js";
import { llmMemoryBreakdown } from "../../src/llm/cost.js";
import { llmFinetune, llmOptimalLearningRate } from "../../src/llm/finetune.js";
import { fullFinetuneOptimalLr } from "../../src/llm/learning-rate.js";
import {
  LLM_CALIBRATION,
  type LlmModelShape,
  loraParamsPerRank,
  QWEN25_SHAPES,
} from "../../src/llm/models.js";
import { lossAtNominal, MODELS, median, referenceConfig, sweepArgmin, sweepConfig } from "./helpers.js";

describe("model table", () => {
  it("has LoRA parameters per unit rank 0.55M, 1.15M, 2.52M (all 7 linear maps)", () => {
    expect(loraParamsPerRank(QWEN25_SHAPES["0.5B"]) / 1e6).toBeCloseTo(0.55, 2);
    expect(loraParamsPerRank(QWEN25_SHAPES["1.5B"]) / 1e6).toBeCloseTo(1.15, 2);
    expect(loraParamsPerRank(QWEN25_SHAPES["7B"]) / 1e6).toBeCloseTo(2.52, 2);
  });

  it("has embedding sizes consistent with the parameter counts (tied for 0.5B and 1.5B)", () => {
    for (const m of MODELS) {
      const s = QWEN25_SHAPES[m];
      const emb = (s.params - s.nonEmbeddingParams) / (s.vocab * s.hidden);
      expect(emb).toBeCloseTo(m === "7B" ? 2 : 1, 1);
    }
  });

  it("gives η*_full = 5e-5·(2000/h)^0.781 = 9.4e-5, 6.1e-5, 3.2e-5", () => {
    expect(fullFinetuneOptimalLr("0.5B")).toBeCloseTo(9.4e-5, 6);
    expect(fullFinetuneOptimalLr("1.5B")).toBeCloseTo(6.1e-5, 6);
    expect(fullFinetuneOptimalLr("7B")).toBeCloseTo(3.2e-5, 6);
  });
});

describe("best losses and learning rates", () => {
  it.each(MODELS)(
    "%s: the reference run at η* ends at L* (0.90, 0.75, 0.59; median of 21 seeds)",
    (model) => {
      const ls = LLM_CALIBRATION[model].bestLoss;
      const final = median(Array.from({ length: 21 }, (_, s) => lossAtNominal(referenceConfig(model), 1, s)));
      expect(final / ls - 1).toBeCloseTo(0, 4);
    },
  );

  it("orders the best losses by size with a log-log slope of about -0.153", () => {
    const size = (m: "0.5B" | "7B"): number => QWEN25_SHAPES[m].params;
    const slope =
      Math.log(LLM_CALIBRATION["7B"].bestLoss / LLM_CALIBRATION["0.5B"].bestLoss) /
      Math.log(size("7B") / size("0.5B"));
    expect(slope).toBeCloseTo(-0.153, 2);
  });

  it.each(MODELS)("%s: one decade below η* costs exactly Δ (6%%, 5%%, 3.5%%)", (model) => {
    const cfg = referenceConfig(model);
    expect(lossAtNominal(cfg, 0.1, 3) / lossAtNominal(cfg, 1, 3) - 1).toBeCloseTo(
      LLM_CALIBRATION[model].decadeExcess,
      6,
    );
  });

  it.each(MODELS)(
    "%s: a sweep of the calibration setup finds the full-FT optimum at η*_full and LoRA at ~10-12×",
    (model) => {
      const full = sweepArgmin(sweepConfig(model, { method: "full" }));
      expect(Math.abs(Math.log10(full.lr / fullFinetuneOptimalLr(model)))).toBeLessThan(0.03);
      const lora = sweepArgmin(sweepConfig(model)); // rank 128: 10·(128/16)^0.1 = 12.3
      expect(lora.lr / full.lr).toBeGreaterThan(10);
      expect(lora.lr / full.lr).toBeLessThan(14);
    },
  );

  it("reproduces the sweep's table shape: the best LR of the grid {4e-5 ... 1e-3} sits at 1e-3 or 3e-4", () => {
    // Published: 1B, 3B, Qwen3-8B best at 1e-3; Llama-8B at 3e-4 (both diverge at 3e-3).
    const grid = [4e-5, 1e-4, 3e-4, 1e-3];
    for (const model of MODELS) {
      const losses = grid.map((lr) => llmFinetune({ ...sweepConfig(model), learningRate: lr }, 1).finalLoss);
      const best = grid[losses.indexOf(Math.min(...losses))];
      expect([3e-4, 1e-3]).toContain(best);
      // the loss falls steadily from 4e-5 to 3e-4, as in every published row
      expect(losses[0]).toBeGreaterThan(losses[1]!);
      expect(losses[1]).toBeGreaterThan(losses[2]!);
    }
  });
});

describe("rank gaps at the best LR (ranks 4/16/64/128, calibration sweep)", () => {
  // Published gaps (4 vs 128): Llama-1B 5.1%, 3B 3.8%, 8B 1.6%; interpolated in log size to
  // 6.0% (capped), 4.8%, 1.7% for Qwen2.5 0.5B, 1.5B, 7B.
  it.each(MODELS)("%s: the 4-vs-128 gap matches, and 16 and 64 fall in between", (model) => {
    const losses = [4, 16, 64, 128].map((r) => {
      const cfg = sweepConfig(model, { loraRank: r });
      return llmFinetune({ ...cfg, learningRate: llmOptimalLearningRate(cfg) }, 1).finalLoss;
    });
    expect(losses[0]! / losses[3]! - 1).toBeCloseTo(LLM_CALIBRATION[model].rankGap4to128, 4);
    expect(losses[0]).toBeGreaterThan(losses[1]!);
    expect(losses[1]).toBeGreaterThanOrEqual(losses[2]!);
    expect(losses[2]).toBeGreaterThanOrEqual(losses[3]!);
  });

  it("gives the 0.5B model gaps of the published Llama-1B shape: 16 about half of 4, 64 about a tenth", () => {
    const losses = [4, 16, 64, 128].map((r) => {
      const cfg = sweepConfig("0.5B", { loraRank: r });
      return llmFinetune({ ...cfg, learningRate: llmOptimalLearningRate(cfg) }, 1).finalLoss;
    });
    const g = losses.map((l) => l - losses[3]!);
    // published 1B: 0.0399, 0.0185, 0.0039 → ratios 0.46 and 0.10
    expect(g[1]! / g[0]!).toBeGreaterThan(0.35);
    expect(g[1]! / g[0]!).toBeLessThan(0.6);
    expect(g[2]! / g[0]!).toBeGreaterThan(0.04);
    expect(g[2]! / g[0]!).toBeLessThan(0.15);
  });

  it("makes rank differences vanish at very low LR", () => {
    const at = (r: number): number => {
      const cfg = sweepConfig("0.5B", { loraRank: r });
      return llmFinetune({ ...cfg, learningRate: 0.01 * llmOptimalLearningRate(cfg) }, 1).finalLoss;
    };
    expect(Math.abs(at(4) / at(128) - 1)).toBeLessThan(0.005);
  });
});

describe("memory check against torchtune", () => {
  it("puts Llama-3.1-8B LoRA at b = 2, s = 2048: weights + activations ≈ 32 GiB (30.3 GiB measured)", () => {
    const llama8b: LlmModelShape = {
      kind: "llm-model-shape",
      name: "Llama-3.1-8B",
      params: 8.03e9,
      nonEmbeddingParams: 7.0e9,
      hidden: 4096,
      layers: 32,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      intermediate: 14336,
      vocab: 128256,
    };
    const cfg = resolveLlmFinetuneConfig({
      model: "7B",
      method: "lora",
      learningRate: 1e-4,
      loraRank: 8,
      microBatchSize: 2,
      sequenceLength: 2048,
    });
    const m = llmMemoryBreakdown(cfg, llama8b);
    const gib = 1e9 / 2 ** 30;
    expect((m.weights + m.activations) * gib).toBeCloseTo(32.0, 0);
    // With fp32 logits and the CUDA context the estimate is 35.5 GiB, 17% above the
    // measurement (torchtune computes the loss in chunks, never holding the fp32 logits).
    expect(m.total * gib).toBeGreaterThan(30.3);
    expect(m.total * gib).toBeLessThan(30.3 * 1.2);
  });
});
