/** Shared configurations and small statistics for the surrogate tests (not a test file). */
import type { LlmFinetuneConfig } from "../../src/llm/config.js";
import { llmFinetune, llmNominalLearningRate, llmOptimalLearningRate } from "../../src/llm/finetune.js";
import type { LlmModelSize } from "../../src/llm/models.js";

export const MODELS: readonly LlmModelSize[] = ["0.5B", "1.5B", "7B"];

/** The reference run of L*: 100k examples, batch 32, linear decay, no warmup, 1 epoch. */
export function referenceConfig(
  model: LlmModelSize,
  extra: Partial<LlmFinetuneConfig> = {},
): Omit<LlmFinetuneConfig, "learningRate"> {
  return { model, method: "full", microBatchSize: 32, datasetSize: 100_000, schedule: "linear", ...extra };
}

/** The Thinking Machines calibration sweep: LoRA, batch 128, 780 steps, linear decay, α = 32. */
export function sweepConfig(
  model: LlmModelSize,
  extra: Partial<LlmFinetuneConfig> = {},
): Omit<LlmFinetuneConfig, "learningRate"> {
  return {
    model,
    method: "lora",
    loraRank: 128,
    loraAlpha: 32,
    microBatchSize: 128,
    datasetSize: 780 * 128,
    schedule: "linear",
    evalsPerEpoch: 39, // one evaluation every 20 steps
    ...extra,
  };
}

/** The final loss at `multiple` × the configuration's loss-minimizing learning rate. */
export function lossAt(config: Omit<LlmFinetuneConfig, "learningRate">, multiple: number, seed = 1): number {
  return llmFinetune({ ...config, learningRate: multiple * llmOptimalLearningRate(config) }, seed).finalLoss;
}

/** The final loss at `multiple` × the configuration's nominal learning rate (ρ = multiple). */
export function lossAtNominal(
  config: Omit<LlmFinetuneConfig, "learningRate">,
  multiple: number,
  seed = 1,
): number {
  return llmFinetune({ ...config, learningRate: multiple * llmNominalLearningRate(config) }, seed).finalLoss;
}

/** A named variation of a configuration (not of its model or method). */
export interface Setting {
  readonly name: string;
  readonly extra: Omit<Partial<LlmFinetuneConfig>, "model" | "method">;
}

/** A named method with its LoRA settings. */
export interface MethodSetting {
  readonly name: string;
  readonly extra: Omit<Partial<LlmFinetuneConfig>, "model"> & Pick<LlmFinetuneConfig, "method">;
}

/** Methods the learning-rate properties are checked for: full fine-tuning and LoRA of rank 16 and 128. */
export const LR_METHODS: readonly MethodSetting[] = [
  { name: "full", extra: { method: "full" } },
  { name: "LoRA r=16", extra: { method: "lora", loraRank: 16 } },
  { name: "LoRA r=128", extra: { method: "lora", loraRank: 128 } },
];

/**
 * Data set sizes, batches and epoch counts the learning-rate properties are checked over (with
 * linear decay, the published sweep's schedule): runs of 780 to 3,125 steps of 1-2 epochs, where
 * no configuration overfits enough to move its optimum far from the nominal rate. The regimes
 * outside (several epochs on small data sets, runs of a few hundred steps, constant LR) are
 * measured in `report.ts` and documented in LLM-SURROGATE.md.
 */
export const LR_SETTINGS: readonly Setting[] = [
  {
    name: "100k examples, B=32, 1 epoch (reference run)",
    extra: { datasetSize: 100_000, microBatchSize: 32 },
  },
  { name: "10k examples, B=8, 1 epoch (defaults)", extra: {} },
  { name: "20k examples, B=16, 2 epochs", extra: { datasetSize: 20_000, microBatchSize: 16, epochs: 2 } },
  {
    name: "99,840 examples, B=128, 1 epoch (calibration sweep)",
    extra: { datasetSize: 780 * 128, microBatchSize: 128 },
  },
  { name: "50k examples, B=64, 2 epochs", extra: { datasetSize: 50_000, microBatchSize: 64, epochs: 2 } },
];

/** The learning rate minimizing the final loss over a log grid (step 0.01 decade), and that loss. */
export function sweepArgmin(
  config: Omit<LlmFinetuneConfig, "learningRate">,
  seed = 1,
  lowDecade = -6,
  highDecade = -1.5,
): { lr: number; loss: number } {
  let best = Number.POSITIVE_INFINITY;
  let lr = Number.NaN;
  for (let e = lowDecade; e <= highDecade + 1e-9; e += 0.01) {
    const l = llmFinetune({ ...config, learningRate: 10 ** e }, seed).finalLoss;
    if (l < best) {
      best = l;
      lr = 10 ** e;
    }
  }
  return { lr, loss: best };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function meanAndSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(v) };
}

/** R² of the least-squares line through (x, y). */
export function rSquared(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return (sxy * sxy) / (sxx * syy);
}
