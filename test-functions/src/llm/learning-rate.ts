/**
 * The nominal learning rate η* of a configuration, and the effective learning rate η_eff that
 * the loss model compares with it (ρ = η_eff/η*). η* is the scaling law's optimum: the
 * loss-minimizing rate of a run that does not overfit; with several epochs on a small data
 * set the overfitting term moves the minimizer below it (`llmOptimalLearningRate` finds it).
 *
 * η*_full(h) = 5e-5·(2000/h)^0.781 at batch 128 [P] (Thinking Machines'
 * `tinker_cookbook/hyperparam_utils.py`, an earlier formula-based version with per-family
 * exponents; the current version returns the sweep's empirical optima instead, and the
 * specification applies the exponent 0.781 to the Qwen2.5 shapes); LoRA: 10·η*_full·(r/16)^0.1 ("LoRA Without Regret",
 * Thinking Machines 2025: ratio 10 [P], rank drift [F]); times an optimizer factor and a
 * batch-size factor normalized to 1 at batch 128 (the calibration sweep's batch) [D].
 */
import type { LlmMethod, LlmOptimizer, ResolvedLlmFinetuneConfig } from "./config.js";
import { type LlmModelSize, QWEN25_SHAPES } from "./models.js";

/** The LoRA/full optimal learning-rate ratio at rank 16 [P] (fitted 9.8). */
export const LORA_LR_RATIO = 10;
/** Exponent of the weak rank drift (r/16)^0.1 of the LoRA optimum [F]. */
export const LORA_RANK_DRIFT = 0.1;
/** α at which η_eff = η (LoRA's learning rate is quoted at α = 32) [P]. */
export const LORA_ALPHA_REF = 32;
/** The batch of the calibration sweep, where the batch factor is 1 [D]. */
export const LR_REFERENCE_BATCH = 128;

/**
 * McCandlish et al.'s noise batch Bn (arXiv 1812.06162) in sequences: 256 for full
 * fine-tuning, 64 for LoRA and QLoRA [D], so that LoRA pays a larger large-batch penalty that
 * rank does not fix (LoRA Without Regret) [P].
 */
export function noiseBatch(method: LlmMethod): number {
  return method === "full" ? 256 : 64;
}

/**
 * The optimizer's multiplier of the optimal learning rate: Lion wants 3-10× less than AdamW
 * (Chen et al., arXiv 2302.06675) [P], here the geometric middle 1/√30 [D]; Adafactor ≈ AdamW
 * [D]; SGD with momentum 100-1000× more [D], here √1e5 ≈ 316; 8-bit AdamW = AdamW [D].
 */
export function optimizerLrFactor(optimizer: LlmOptimizer): number {
  switch (optimizer) {
    case "lion":
      return 1 / Math.sqrt(30);
    case "sgd-momentum":
      return Math.sqrt(1e5);
    default:
      return 1;
  }
}

/**
 * The batch-size factor of the optimal learning rate, normalized to 1 at
 * {@link LR_REFERENCE_BATCH}: for Adam-like optimizers ε*(B) ∝ 1/(½(√(Bn/B) + √(B/Bn))), which
 * rises then falls with B (Li et al., "Surge phenomenon in optimal learning rate and batch
 * size scaling", arXiv 2405.14578) [P]; for SGD ε*(B) ∝ 1/(1 + Bn/B) (McCandlish et al.,
 * "An empirical model of large-batch training", arXiv 1812.06162) [P].
 */
export function batchLrFactor(optimizer: LlmOptimizer, batch: number, bn: number): number {
  const shape =
    optimizer === "sgd-momentum"
      ? (b: number): number => 1 / (1 + bn / b)
      : (b: number): number => 2 / (Math.sqrt(bn / b) + Math.sqrt(b / bn));
  return shape(batch) / shape(LR_REFERENCE_BATCH);
}

/** η*_full(h) = 5e-5·(2000/h)^0.781 [P]: 9.4e-5, 6.1e-5, 3.2e-5 for 0.5B, 1.5B, 7B. */
export function fullFinetuneOptimalLr(model: LlmModelSize): number {
  return 5e-5 * (2000 / QWEN25_SHAPES[model].hidden) ** 0.781;
}

/**
 * The multiplier from the nominal learning rate η to the effective one: 1 for full
 * fine-tuning; α/32 for LoRA and QLoRA (the adapter output is scaled by α/r and AdamW
 * normalizes the 1/r away; Hu et al. 2021 §4.1, Dettmers et al. 2023) [P]; α·√r/32 with
 * rsLoRA, whose scale is α/√r (Kalajdzievski, arXiv 2312.03732) [derived].
 */
export function effectiveLrMultiplier(config: ResolvedLlmFinetuneConfig): number {
  if (config.method === "full") return 1;
  const a = config.loraAlpha / LORA_ALPHA_REF;
  return config.rsLora ? a * Math.sqrt(config.loraRank) : a;
}

/**
 * η* in effective units: the nominal rate of this configuration (method, rank, optimizer,
 * batch), the loss-minimizing effective rate when the run does not overfit.
 */
export function nominalEffectiveLr(config: ResolvedLlmFinetuneConfig): number {
  let eta = fullFinetuneOptimalLr(config.model);
  if (config.method !== "full") eta *= LORA_LR_RATIO * (config.loraRank / 16) ** LORA_RANK_DRIFT;
  const batch = config.microBatchSize * config.gradientAccumulation;
  return (
    eta *
    optimizerLrFactor(config.optimizer) *
    batchLrFactor(config.optimizer, batch, noiseBatch(config.method))
  );
}
