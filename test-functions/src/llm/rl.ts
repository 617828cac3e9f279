/**
 * The RL variant of the fine-tuning surrogate: policy optimization against a learned reward
 * model with a KL penalty, scored by the gold reward.
 *
 * Gao et al., "Scaling laws for reward model overoptimization" (arXiv 2210.10760), fit the
 * gold reward of RL against the distance d = √KL(π‖π_init) as R(d) = d·(α - β·ln d) [P]:
 * it rises, peaks at d* = e^(α/β - 1), then falls as the policy over-optimizes the proxy.
 * The KL coefficient β_KL holds the policy back: d = d_target·(1 - e^(-2q)) with
 * d_target = d_max/(1 + β_KL/0.02) [D] (0.02: InstructGPT's default coefficient, Ouyang et
 * al. 2022) and q the progress relative to a reference run [D]. So the gold reward is an
 * inverted U in β_KL: too small over-optimizes, too large never moves.
 *
 * Learning rate: the optimum follows supervised fine-tuning, LoRA 10× full [P] ("LoRA Without
 * Regret": the same ratio in RL); rank does not matter (rank 1 suffices for RL [P]), so there
 * is no rank gap. Constants: d_max = 30, d* = 10, gold reward at d* = the model's
 * `rlMaxReward` [D].
 */
import { Rng } from "@tunelab/math/random";
import {
  checkInteger,
  checkNumber,
  type LlmMethod,
  type LlmPrecision,
  type LlmSchedule,
  resolveLlmFinetuneConfig,
} from "./config.js";
import { effectiveLrMultiplier, noiseBatch, nominalEffectiveLr } from "./learning-rate.js";
import { LLM_CALIBRATION, type LlmModelSize } from "./models.js";
import { type ScheduleShape, scheduleArea } from "./schedule.js";

/** An RL fine-tuning run (PPO/GRPO-like, with a KL penalty to the initial policy). */
export interface LlmRlConfig {
  readonly model: LlmModelSize;
  readonly method: LlmMethod;
  /** Peak learning rate, > 0. */
  readonly learningRate: number;
  /** KL penalty coefficient β_KL, in [0, 100]. */
  readonly klCoefficient: number;
  /** @defaultValue 16 */
  readonly loraRank?: number;
  /** @defaultValue 32 */
  readonly loraAlpha?: number;
  /** @defaultValue false */
  readonly rsLora?: boolean;
  /** @defaultValue "bf16" ("nf4" for QLoRA) */
  readonly precision?: LlmPrecision;
  /** Policy-update steps, integer ≥ 1. @defaultValue 500 */
  readonly steps?: number;
  /** Prompts per step, integer ≥ 1. @defaultValue 64 */
  readonly batchSize?: number;
  /** @defaultValue "constant" */
  readonly schedule?: LlmSchedule;
  /** @defaultValue 0 */
  readonly warmupFraction?: number;
  /** Evaluations of the gold reward over the run, integer ≥ 1. @defaultValue 20 */
  readonly evaluations?: number;
}

/** What a simulated RL run reports. */
export interface LlmRlResult {
  readonly kind: "llm-rl";
  /** The step of each evaluation, the last = `steps`. */
  readonly steps: Float64Array;
  /** Gold reward at each evaluation (higher is better); NaN from divergence on. */
  readonly goldReward: Float64Array;
  /** KL(π‖π_init) in nats at each evaluation. */
  readonly kl: Float64Array;
  readonly finalGoldReward: number;
  readonly finalKl: number;
  readonly diverged: boolean;
}

const D_MAX = 30;
const D_STAR = 10;
const KL_REF = 0.02;
const REF_PROGRESS = 500 * (64 / (1 + 64 / 64));

/** The gold reward R(d) = d·(α - β ln d) of Gao et al. (2022) with peak R_max at d* = 10 [P form, D constants]. */
export function goldReward(d: number, maxReward: number): number {
  if (d <= 0) return 0;
  const beta = maxReward / D_STAR;
  const alpha = beta * (1 + Math.log(D_STAR));
  return d * (alpha - beta * Math.log(d));
}

/**
 * Simulates an RL fine-tuning run.
 * @throws RangeError naming any invalid field and its allowed range.
 * @example llmRlFinetune({ model: "7B", method: "lora", learningRate: 3e-4, klCoefficient: 0.04 }, 1).finalGoldReward // ≈ 1
 */
export function llmRlFinetune(config: LlmRlConfig, seed: number | string): LlmRlResult {
  const where = "llmRlFinetune";
  const beta = checkNumber(where, "klCoefficient", config.klCoefficient, 0, 100);
  const steps = checkInteger(where, "steps", config.steps ?? 500, 1, 1e7);
  const batch = checkInteger(where, "batchSize", config.batchSize ?? 64, 1, 65536);
  const nEvals = Math.min(steps, checkInteger(where, "evaluations", config.evaluations ?? 20, 1, 1e5));
  const cfg = resolveLlmFinetuneConfig(
    {
      model: config.model,
      method: config.method,
      learningRate: config.learningRate,
      loraRank: config.loraRank,
      loraAlpha: config.loraAlpha,
      rsLora: config.rsLora,
      precision: config.precision,
      schedule: config.schedule ?? "constant",
      warmupFraction: config.warmupFraction,
      microBatchSize: batch,
    },
    where,
  );
  const rng = Rng.fromSeed(seed);
  const maxReward = LLM_CALIBRATION[cfg.model].rlMaxReward;
  const rho = (cfg.learningRate * effectiveLrMultiplier(cfg)) / nominalEffectiveLr(cfg);
  const shape: ScheduleShape = {
    schedule: cfg.schedule,
    totalSteps: steps,
    warmupSteps: cfg.warmupFraction * steps,
    ratio: rho,
  };
  const perArea = batch / (1 + batch / noiseBatch("lora"));
  const target = D_MAX / (1 + beta / KL_REF);
  // Divergence as in supervised fine-tuning [F/D]; an LR above η* also wastes reward:
  // ×(1 - 0.2·log₁₀⁺ρ) [D]. Noise: 2% of R_max, ×5 at the divergence threshold [D].
  const divRatio =
    5.5 * Math.exp(0.2 * Math.max(-2, Math.min(2, rng.fork(1).normal()))) * (1 + 2 * cfg.warmupFraction);
  const nanFrom =
    rho > divRatio
      ? (shape.warmupSteps * divRatio) / rho + 1 / Math.log(rho / divRatio)
      : Number.POSITIVE_INFINITY;
  const waste = Math.max(0, 1 - 0.2 * Math.max(0, Math.log10(rho)));
  const level = rho <= 1 ? 0 : Math.min(1, Math.log(rho) / Math.log(divRatio));
  const sigma = 0.02 * maxReward * 5 ** level;
  const noise = rng.fork(4);
  const at = new Float64Array(nEvals);
  const reward = new Float64Array(nEvals);
  const kl = new Float64Array(nEvals);
  for (let i = 0; i < nEvals; i++) {
    const t = i === nEvals - 1 ? steps : Math.round(((i + 1) * steps) / nEvals);
    at[i] = t;
    const z = noise.normal();
    if (t >= nanFrom) {
      reward[i] = Number.NaN;
      kl[i] = Number.NaN;
      continue;
    }
    const q = (scheduleArea(shape, t) * perArea) / REF_PROGRESS;
    const d = target * (1 - Math.exp(-2 * q));
    kl[i] = d * d;
    reward[i] = goldReward(d, maxReward) * waste + sigma * z;
  }
  const diverged = nanFrom <= steps;
  return {
    kind: "llm-rl",
    steps: at,
    goldReward: reward,
    kl,
    finalGoldReward: reward[nEvals - 1]!,
    finalKl: kl[nEvals - 1]!,
    diverged,
  };
}
