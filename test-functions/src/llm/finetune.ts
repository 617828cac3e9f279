/**
 * The LLM fine-tuning surrogate: from hyperparameters to a validation-loss learning curve,
 * final loss, perplexity, accuracy and cost, deterministic for a given seed and cheap
 * (closed forms only; O(evaluations) per run).
 *
 * The contract is `test-functions/LLM-SURROGATE.md`; constants are tagged [P]
 * published, [F] fitted to published data, [D] design choice of this surrogate.
 *
 * Notation (per model: L* best loss, Δ decade excess; see `models.ts`):
 * - T = ⌈epochs·N/B⌉ steps, B = micro-batch·accumulation, N examples, t a step.
 * - ρ = η_eff/η*, η* the nominal rate (`learning-rate.ts`); A(t), S2(t) the clipped LR area and the annealed
 *   fraction (`schedule.ts`).
 * - Progress P(t) = A(t)·B/(1 + B/Bn): McCandlish et al.'s examples/steps trade-off
 *   (arXiv 1812.06162, §2.2) [P]; P_ref the progress of the reference run (100k examples,
 *   B = 32, linear decay, no warmup, η = η*) with the same Bn.
 * - Excess E(t) = K·(P/P_ref)^(-a), a = 0.24 [F], the power law in the LR area of Tissue et
 *   al. (arXiv 2408.11029, eq. (1)) [P], softly capped at the start loss: E_c = (E⁻⁴ + E₀⁻⁴)^(-¼),
 *   E₀ = 1.25·L* - L_floor [F start loss; D cap].
 * - LoRA of rank r: P is replaced by C_r·(P/C_r)^θ beyond its capacity C_r = κ·r·p_r.
 * - Overshoot Ω = 1 + ln⁺ρ: P → P·Ω^(-s) and E_c → E_c·Ω^(a(1-s)), s = ½ [D].
 * - L(t) = L_floor + E_c·(1 - c·S2·fade) + overfit + offsets, then transient spikes and
 *   noise multiply it; without them (their mean) it is `llmNoiseFreeLoss`.
 *
 * Every [D] choice is named where it is made.
 */
import { Rng } from "@tunelab/math/random";
import {
  checkChoice,
  type LlmFinetuneConfig,
  type ResolvedLlmFinetuneConfig,
  resolveLlmFinetuneConfig,
} from "./config.js";
import { GPU_MEMORY_GB, llmMemoryBreakdown, llmThroughput, trainableParams } from "./cost.js";
import { effectiveLrMultiplier, noiseBatch, nominalEffectiveLr } from "./learning-rate.js";
import {
  LLM_CALIBRATION,
  LLM_MODEL_SIZES,
  type LlmModelSize,
  loraParamsPerRank,
  QWEN25_SHAPES,
} from "./models.js";
import { type ScheduleShape, scheduleAnnealed, scheduleArea } from "./schedule.js";

/** The reference run that L* and P_ref are defined on [F]: 100k examples, B = 32, linear decay, no warmup. */
export const LLM_REFERENCE_RUN: Readonly<{ examples: number; batch: number }> = {
  examples: 100_000,
  batch: 32,
};

/** Exponent a of the loss-versus-LR-area power law [F] (0.12-0.37 across the sweep). */
export const PROGRESS_EXPONENT = 0.24;
/** Start loss as a multiple of L* [F]. */
export const START_LOSS_RATIO = 1.25;
/**
 * c: the fraction of the excess E_c that a full decay anneals away [D], so that the bonus at
 * the end of a linear or cosine decay is 1.6-2.7% of L* (the specification's 1-3% [D]) and
 * c > a/(1 + a) = 0.19, which makes the truncation property hold for linear decay. The bonus
 * fades for runs that have learned almost nothing: × (1 - e^(-P/P_min)), P_min = 0.1% of
 * P_ref [D] (without it an untrained run would "anneal" below its start loss).
 */
export const ANNEALING_FRACTION = 0.25;
const ANNEALING_MIN_PROGRESS = 0.001;
/**
 * s: the share of the cost of a peak above η* taken as lost progress [D]. A peak ratio ρ > 1
 * applies the overshoot factor Ω = 1 + ln ρ: progress P → P·Ω^(-s), and the rest as damage to
 * what was learned, E_c → E_c·Ω^(a(1-s)). For full fine-tuning (and LoRA within its capacity)
 * the two shares act alike, as P·Ω^(-1) through the power law; for a LoRA adapter past its
 * capacity lost progress matters only θ times as much and the damage fully, so an adapter's
 * U stays about as steep as full fine-tuning's instead of flattening (s = 1) or steepening
 * about threefold (s = 0). Ω grows with slope 1 in ln ρ at ρ = 1, as fast as the clipped area of a linear or
 * cosine decay (d ln A/d ln ρ = 1 there, `schedule.ts`), and faster beyond, so a sweep with a
 * decaying schedule has its minimum at η*, flat to first order. Half a decade above, a linear
 * decay loses ln Ω - ln(2 - 1/ρ) = 0.245 of ln P, +5.9% of the excess: +0.26-1.25% of the
 * loss over the 45 configurations of `test/llm/report.ts` (published +0.2-1.6%); cosine decay
 * gains less area and pays a little more, constant LR gains none and pays +1.2-3.0%.
 */
export const OVERSHOOT_WASTE = 0.5;
/** Seeded noise: σ/L = 0.02% up to η* [F], rising log-linearly in log ρ to 1.5% near divergence [F/D]. */
const NOISE_LOW = 2e-4;
const NOISE_HIGH = 1.5e-2;
/** Divergence at ρ > D·(1 + 2w), D = 5.5·e^(0.2·z), z ~ N(0, 1) clamped to ±2, so D ∈ [3.7, 8.2] [F 3-10×; D spread]. */
const DIVERGENCE_RATIO = 5.5;
const DIVERGENCE_SPREAD = 0.2;
/** Overfitting constant c_o relative to L* [D], onset e₀ = 1 epoch [D]. */
const OVERFIT_SCALE = 1.3e-3;
const OVERFIT_ONSET = 1;
/**
 * Capacity of a LoRA adapter in effective examples per adapter parameter [D]: a rank-r adapter
 * learns like full fine-tuning until its progress reaches C_r = κ·r·p_r (capacity ∝ LoRA
 * parameters [P shape]), then more slowly (see {@link LlmModelConstants.rankSlowdown}). κ is
 * chosen so that rank gaps stay < 0.5% at step 20 of the calibration sweep.
 */
const LORA_CAPACITY_PER_PARAM = 3.5e-4;
/** The calibration sweep where rank gaps are published: batch 128, 780 steps, linear decay, Bn = 64. */
const SWEEP_PROGRESS = (780 / 2) * (128 / (1 + 128 / 64));
/** Its reference progress P_ref for LoRA (Bn = 64). */
const LORA_REF_PROGRESS = 50_000 / (1 + 32 / 64);

/** Accuracy = chance + (ceiling - chance)·σ((L_thr - L)/τ) [D]: a 4-way multiple-choice task. */
export const ACCURACY_CHANCE = 0.25;
const ACCURACY_CEILING = 0.9;
const ACCURACY_THRESHOLD = 0.8;
const ACCURACY_SCALE = 0.1;

/** The accuracy the surrogate reports for a final validation loss [D]; NaN for NaN. */
export function accuracyFromLoss(loss: number): number {
  return (
    ACCURACY_CHANCE +
    (ACCURACY_CEILING - ACCURACY_CHANCE) / (1 + Math.exp((loss - ACCURACY_THRESHOLD) / ACCURACY_SCALE))
  );
}

/**
 * The soft cap (E⁻ᵖ + E₀⁻ᵖ)^(-1/p) with p = 4 [D] (sharp enough to move the reference loss by
 * < 0.05%, smooth at the start), written with square roots for speed.
 */
function softCap(excess: number, cap: number): number {
  const a = 1 / (excess * excess);
  const b = 1 / (cap * cap);
  return 1 / Math.sqrt(Math.sqrt(a * a + b * b));
}

/** Per-model constants derived once from the calibration. */
export interface LlmModelConstants {
  readonly bestLoss: number;
  /** K of E = K·(P/P_ref)^(-a). */
  readonly k: number;
  /** L_floor. */
  readonly floor: number;
  /** E₀ = start loss - L_floor. */
  readonly startExcess: number;
  /** Capacity per unit rank κ·p_r, effective examples. */
  readonly capacityPerRank: number;
  /**
   * θ: beyond its capacity C_r a LoRA adapter's progress grows as C_r·(P/C_r)^θ [F]: slower,
   * never backwards, so more training never hurts. Solved per model so that the gap between
   * ranks 4 and 128 at the end of the calibration sweep is the published one
   * (`rankGap4to128`): θ = 0.31, 0.14, 0.28 for 0.5B, 1.5B, 7B. The gap then falls with rank
   * about as r^-0.5 at ranks 4-16 (the specification's ∝ r^(-0.5) [F]) and faster above,
   * where the capacity is not reached.
   */
  readonly rankSlowdown: number;
}

/** LoRA's effective progress: P up to the capacity C, then C·(P/C)^θ. */
function loraProgress(progress: number, capacity: number, theta: number): number {
  return progress <= capacity ? progress : capacity * (progress / capacity) ** theta;
}

/**
 * Solves for K and L_floor so that, with the soft cap, the reference run ends at L* and the
 * same run one decade below η* ends at L*·(1 + Δ) exactly (a fixed point, converged to
 * machine precision; the cap moves them by < 0.1%). Without the cap:
 * K = L*·Δ/((10^a - 1)(1 - c)), L_floor = L* - K(1 - c). Then θ by bisection.
 */
function deriveConstants(model: LlmModelSize): LlmModelConstants {
  const cal = LLM_CALIBRATION[model];
  const ls = cal.bestLoss;
  const a = PROGRESS_EXPONENT;
  const keep = 1 - ANNEALING_FRACTION; // the bonus has fully faded in at the reference
  let k = (ls * cal.decadeExcess) / ((10 ** a - 1) * keep);
  let floor = ls - k * keep;
  for (let i = 0; i < 200; i++) {
    const e0 = START_LOSS_RATIO * ls - floor;
    floor = ls - keep * softCap(k, e0);
    k *= (ls * cal.decadeExcess) / (keep * (softCap(k * 10 ** a, e0) - softCap(k, e0)));
  }
  const e0 = START_LOSS_RATIO * ls - floor;
  const capacityPerRank = LORA_CAPACITY_PER_PARAM * loraParamsPerRank(QWEN25_SHAPES[model]);
  const finalLoss = (rank: number, theta: number): number => {
    const p = loraProgress(SWEEP_PROGRESS, capacityPerRank * rank, theta);
    return floor + keep * softCap(k * (p / LORA_REF_PROGRESS) ** -a, e0);
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    const gap = finalLoss(4, mid) / finalLoss(128, mid) - 1;
    if (gap > cal.rankGap4to128) lo = mid;
    else hi = mid;
  }
  return { bestLoss: ls, k, floor, startExcess: e0, capacityPerRank, rankSlowdown: 0.5 * (lo + hi) };
}

/** The derived constants of the loss model for one base model (for reports and docs). */
export interface LlmLossConstants extends LlmModelConstants {
  readonly kind: "llm-loss-constants";
}

/**
 * The constants the loss model derives from the calibration at load time: K, L_floor, E₀,
 * the LoRA capacity per unit rank and the slowdown θ beyond it.
 * @example llmLossConstants("7B").floor // L_floor of the 7B model
 */
export function llmLossConstants(model: LlmModelSize): LlmLossConstants {
  return {
    kind: "llm-loss-constants",
    ...CONSTANTS[checkChoice("llmLossConstants", "model", model, LLM_MODEL_SIZES)],
  };
}

const CONSTANTS: Readonly<Record<LlmModelSize, LlmModelConstants>> = Object.fromEntries(
  LLM_MODEL_SIZES.map((m) => [m, deriveConstants(m)]),
) as Record<LlmModelSize, LlmModelConstants>;

/** Everything a simulated fine-tuning run reports. */
export interface LlmFinetuneResult {
  readonly kind: "llm-finetune";
  /** The configuration with defaults filled in. */
  readonly config: ResolvedLlmFinetuneConfig;
  /** Total optimizer steps T = ⌈epochs·N/B⌉. */
  readonly totalSteps: number;
  /** The training step of each evaluation, increasing, the last = T. */
  readonly steps: Float64Array;
  /** Validation loss (nats/token) at each evaluation; NaN from the step a run diverges. */
  readonly curve: Float64Array;
  /** Whether the run produced NaN (divergence, or fp16 overflow). */
  readonly diverged: boolean;
  /** The first training step whose loss is NaN, or null. */
  readonly divergenceStep: number | null;
  /** Loss at the last evaluation L(T) (NaN if diverged). */
  readonly finalLoss: number;
  /** exp(finalLoss). */
  readonly perplexity: number;
  /** Task accuracy from the final loss (NaN if diverged) [D]. */
  readonly accuracy: number;
  /** GPU-hours of the whole run. */
  readonly gpuHours: number;
  /** Training tokens per second. */
  readonly tokensPerSecond: number;
  /** Training sequences per second. */
  readonly sequencesPerSecond: number;
  /** Peak GPU memory, GB. */
  readonly peakMemoryGB: number;
  /** Whether the peak memory fits an 80 GB GPU. */
  readonly fitsInMemory: boolean;
}

/** A configuration whose learning rate may be omitted. */
export type LlmConfigWithoutLr = Omit<LlmFinetuneConfig, "learningRate"> & { readonly learningRate?: number };

/**
 * The nominal learning rate of a configuration: the peak η at which η_eff equals the
 * scaling-law rate η* of `learning-rate.ts` (ρ = 1). It accounts for the method, rank, α,
 * rsLoRA, optimizer and batch size, not for epochs or data set size. The divergence
 * threshold, the noise level and the transient spikes are set in multiples of it. It is the
 * loss-minimizing rate when the run does not overfit (one epoch, or a large data set); with
 * several epochs on a small data set the minimizer is lower: see {@link llmOptimalLearningRate}.
 * @throws RangeError as {@link llmFinetune} for invalid fields (`learningRate` may be omitted).
 * @example llmNominalLearningRate({ model: "7B", method: "full" }) // 1.15e-5 at the default batch 8 (3.2e-5 at 128)
 */
export function llmNominalLearningRate(config: LlmConfigWithoutLr): number {
  const cfg = resolveLlmFinetuneConfig(
    { ...config, learningRate: config.learningRate ?? 1 },
    "llmNominalLearningRate",
  );
  return nominalEffectiveLr(cfg) / effectiveLrMultiplier(cfg);
}

/**
 * The expected final validation loss of a run over seeds: the loss model without seed noise
 * (mean zero), transient spikes or divergence. It equals the median final loss of
 * {@link llmFinetune} over seeds wherever runs neither spike nor diverge (peak LR ≤ 2× the
 * nominal rate), and is finite at any learning rate.
 * @throws RangeError as {@link llmFinetune} for invalid fields.
 * @example llmNoiseFreeLoss({ model: "7B", method: "full", learningRate: 2.11e-5, microBatchSize: 32, datasetSize: 100_000 }) // 0.590: L* of the reference run
 */
export function llmNoiseFreeLoss(config: LlmFinetuneConfig): number {
  const cfg = resolveLlmFinetuneConfig(config, "llmNoiseFreeLoss");
  const model = runModel(cfg, (cfg.learningRate * effectiveLrMultiplier(cfg)) / nominalEffectiveLr(cfg));
  return model.lossAt(model.totalSteps);
}

/** The search interval of {@link llmOptimalLearningRate} in log₁₀ ρ, and its grid step. */
const OPTIMUM_LOW = -4;
const OPTIMUM_HIGH = Math.log10(4);
const OPTIMUM_GRID = 0.05;

/**
 * The loss-minimizing peak learning rate η of a configuration (the value to pass as
 * `learningRate`): the minimizer of {@link llmNoiseFreeLoss} over η, for this configuration as
 * given, epochs and data set size included. Found numerically on ρ = η/η_nominal ∈
 * [1e-4, 4] (the result never leaves that interval): a grid of step 0.05 in log₁₀ ρ, then
 * golden-section search around the best grid point to 1e-9 in log₁₀ ρ; the nominal rate wins ties, so a run that does not overfit gets
 * exactly {@link llmNominalLearningRate}. Several epochs on a small data set overfit less at a
 * lower rate, so there the minimizer is below the nominal rate (7B full fine-tuning, 2,000
 * examples, 3 epochs: 0.093× the nominal rate, noise-free loss 0.670 instead of 0.803).
 * @throws RangeError as {@link llmFinetune} for invalid fields (`learningRate` may be omitted).
 * @example llmOptimalLearningRate({ model: "7B", method: "full" }) // 1.15e-5: the nominal rate (one epoch of 10,000)
 */
export function llmOptimalLearningRate(config: LlmConfigWithoutLr): number {
  const cfg = resolveLlmFinetuneConfig(
    { ...config, learningRate: config.learningRate ?? 1 },
    "llmOptimalLearningRate",
  );
  const nominal = nominalEffectiveLr(cfg) / effectiveLrMultiplier(cfg);
  const f = (x: number): number => {
    const m = runModel(cfg, 10 ** x);
    return m.lossAt(m.totalSteps);
  };
  let bestX = 0;
  let best = f(0);
  const n = Math.round((OPTIMUM_HIGH - OPTIMUM_LOW) / OPTIMUM_GRID);
  const h = (OPTIMUM_HIGH - OPTIMUM_LOW) / n;
  for (let i = 0; i <= n; i++) {
    const x = OPTIMUM_LOW + h * i;
    const v = f(x);
    if (v < best) {
      best = v;
      bestX = x;
    }
  }
  // Golden-section search on [bestX - step, bestX + step] (Kiefer 1953; Press et al.,
  // Numerical Recipes, 3rd ed., §10.2).
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = Math.max(OPTIMUM_LOW, bestX - h);
  let hi = Math.min(OPTIMUM_HIGH, bestX + h);
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > 1e-9) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  const x = 0.5 * (lo + hi);
  return f(x) < best ? nominal * 10 ** x : nominal * 10 ** bestX;
}

/** Offsets that do not change over the run, relative to L*. */
function constantOffsets(cfg: ResolvedLlmFinetuneConfig, batch: number): number {
  let off = 0;
  // Optimizer [P/D]: AdamW 0; 8-bit AdamW +0.1% [D]; Lion ±1%, better at large batch (Chen et
  // al. 2023 report its gain grows with batch) [D shape]; Adafactor +0.75% [D in 0.5-1%];
  // SGD with momentum +3-10%, growing with batch (arXiv 2402.19449, 2506.12543) [P/D].
  switch (cfg.optimizer) {
    case "adamw-8bit":
      off += 0.001;
      break;
    case "lion":
      off -= 0.01 * Math.tanh(Math.log(batch / 128));
      break;
    case "adafactor":
      off += 0.0075;
      break;
    case "sgd-momentum":
      off += 0.03 + 0.07 * (1 - Math.exp(-batch / 256));
      break;
    default:
      break;
  }
  // Precision: bf16 ≡ fp32 within 0.5% [P] (fp32 -0.1% [D]); int8 base +0.25% [D in 0-0.5%];
  // NF4 +0.8% over bf16 [D in the published 0.5-1.5%].
  switch (cfg.precision) {
    case "fp32":
      off -= 0.001;
      break;
    case "int8":
      off += 0.0025;
      break;
    case "nf4":
      off += 0.008;
      break;
    default:
      break;
  }
  // Weight decay: a cost of 0.25%·(wd/0.1)² [D] (< 0.3% on [0, 0.1]); Lion's decay is
  // counted √30 weaker since it wants 3-10× more (arXiv 2302.06675) [P].
  const wd = effectiveWeightDecay(cfg);
  off += 0.0025 * (wd / 0.1) ** 2;
  // LoRA dropout: ±0.3% per 0.1, helping 7B most [P direction, D size]; beyond 0.1 a growing cost [D].
  if (cfg.method !== "full") {
    const d = cfg.loraDropout / 0.1;
    off += LLM_CALIBRATION[cfg.model].dropoutEffect * d + 0.003 * Math.max(0, d - 1) ** 2;
  }
  return off;
}

function effectiveWeightDecay(cfg: ResolvedLlmFinetuneConfig): number {
  return cfg.optimizer === "lion" ? cfg.weightDecay / Math.sqrt(30) : cfg.weightDecay;
}

/** The deterministic part of one run: its length and its loss at step t before spikes and noise. */
interface RunModel {
  /** Total optimizer steps T. */
  readonly totalSteps: number;
  /** The loss at step t ∈ (0, T] without transient spikes, noise or divergence. */
  lossAt(t: number): number;
}

/**
 * The loss model of a configuration at the peak ratio ρ = η_eff/η* (see the header): every
 * constant of the run computed once, the loss at step t in O(1).
 */
function runModel(cfg: ResolvedLlmFinetuneConfig, rho: number): RunModel {
  const mc = CONSTANTS[cfg.model];
  const ls = mc.bestLoss;
  const batch = cfg.microBatchSize * cfg.gradientAccumulation;
  const totalSteps = Math.ceil((cfg.epochs * cfg.datasetSize) / batch);
  const warmupSteps = cfg.warmupFraction * totalSteps;
  const bn = noiseBatch(cfg.method);
  const shape: ScheduleShape = { schedule: cfg.schedule, totalSteps, warmupSteps, ratio: rho };
  // Overshoot [D]: Ω = 1 + ln⁺ρ, progress × Ω^(-s), excess × Ω^(a(1-s)) (OVERSHOOT_WASTE).
  const lnOmega = rho > 1 ? Math.log1p(Math.log(rho)) : 0;
  const perArea = (batch / (1 + batch / bn)) * Math.exp(-OVERSHOOT_WASTE * lnOmega);
  const damage = Math.exp(PROGRESS_EXPONENT * (1 - OVERSHOOT_WASTE) * lnOmega);
  const refBatch = LLM_REFERENCE_RUN.batch;
  const refProgress = ((LLM_REFERENCE_RUN.examples / refBatch) * 0.5 * refBatch) / (1 + refBatch / bn);
  const minProgress = ANNEALING_MIN_PROGRESS * refProgress;
  const lora = cfg.method !== "full";
  const capacity = lora ? mc.capacityPerRank * cfg.loraRank : Number.POSITIVE_INFINITY;
  // Overfitting: c_o·L*·min(ρ,1)·max(0, e - e₀)²·√(trainable/training tokens), reduced by
  // LoRA dropout and weight decay by 1/(1 + 5·dropout + 10·wd) [D].
  const wd = effectiveWeightDecay(cfg);
  const overfitScale =
    (OVERFIT_SCALE *
      ls *
      Math.min(rho, 1) *
      Math.sqrt(trainableParams(cfg) / (cfg.datasetSize * cfg.sequenceLength))) /
    (1 + 5 * (lora ? cfg.loraDropout : 0) + 10 * wd);
  const offsets = ls * constantOffsets(cfg, batch);
  const c = ANNEALING_FRACTION;
  return {
    totalSteps,
    lossAt(t: number): number {
      const progress = scheduleArea(shape, t) * perArea;
      // LoRA learns like full fine-tuning up to its capacity κ·r·p_r, then more slowly [P shape, F θ].
      const effective = lora ? loraProgress(progress, capacity, mc.rankSlowdown) : progress;
      const excess =
        effective > 0 ? mc.k * (effective / refProgress) ** -PROGRESS_EXPONENT : Number.POSITIVE_INFINITY;
      const fade = 1 - Math.exp(-progress / minProgress);
      let loss =
        mc.floor + softCap(excess, mc.startExcess) * (1 - c * fade * scheduleAnnealed(shape, t)) * damage;
      const epochsSeen = (t * batch) / cfg.datasetSize;
      if (epochsSeen > OVERFIT_ONSET) loss += overfitScale * (epochsSeen - OVERFIT_ONSET) ** 2;
      return loss + offsets;
    },
  };
}

/**
 * Simulates a supervised fine-tuning run.
 * @param config - the hyperparameters; see {@link LlmFinetuneConfig} for defaults.
 * @param seed - a safe integer or string; the same config and seed always give the same
 * result, and the noise of evaluation k depends only on the seed and k (so sweeps over one
 * hyperparameter with a fixed seed are smooth).
 * @throws RangeError for any invalid field, naming it and its allowed range; TypeError if
 * `config` is not an object; RangeError from `Rng.fromSeed` for a non-integer numeric seed.
 * @example
 * ```ts
 * const run = llmFinetune({ model: "1.5B", method: "lora", learningRate: 6e-4, loraRank: 32 }, 1);
 * run.curve;      // Float64Array of validation losses, one per evaluation
 * run.finalLoss;  // ≈ 0.78
 * run.gpuHours;   // cost of the run
 * ```
 */
export function llmFinetune(config: LlmFinetuneConfig, seed: number | string): LlmFinetuneResult {
  const cfg = resolveLlmFinetuneConfig(config, "llmFinetune");
  const rng = Rng.fromSeed(seed);
  const rho = (cfg.learningRate * effectiveLrMultiplier(cfg)) / nominalEffectiveLr(cfg);
  const model = runModel(cfg, rho);
  const totalSteps = model.totalSteps;
  const warmupSteps = cfg.warmupFraction * totalSteps;
  const lora = cfg.method !== "full";

  // Divergence threshold, per seed [F/D]; warmup lets a higher LR survive: ×(1 + 2w)
  // (Kalra and Barkeshli, arXiv 2406.09405) [P direction, D factor].
  const zDiv = rng.fork(1).normal();
  const medianDivRatio = DIVERGENCE_RATIO * (1 + 2 * cfg.warmupFraction);
  const divRatio =
    DIVERGENCE_RATIO *
    Math.exp(DIVERGENCE_SPREAD * Math.max(-2, Math.min(2, zDiv))) *
    (1 + 2 * cfg.warmupFraction);
  let nanFrom = Number.POSITIVE_INFINITY;
  if (rho > divRatio) {
    // [D] Instability starts where the warmup ramp crosses the threshold and blows up after
    // 1/ln(ρ/D) more steps (at once far above it, after many steps just above it).
    nanFrom = (warmupSteps * divRatio) / rho + 1 / Math.log(rho / divRatio);
  }
  if (cfg.precision === "fp16") {
    // fp16 overflow [P/D]: probability 0.02·ρ²·(s/2048), at a uniform point of the run.
    const r = rng.fork(2);
    const p = Math.min(1, 0.02 * rho * rho * (cfg.sequenceLength / 2048));
    const u = r.random();
    const at = totalSteps * (0.1 + 0.9 * r.random());
    if (u < p && at < nanFrom) nanFrom = at;
  }

  // Transient spikes between 2× η* and divergence [P]: Poisson(3·λ) of them, λ the log-position
  // of ρ between 2 and the median divergence ratio, +5-10% each (larger at low rank, ×(16/r)^¼ clamped to [0.5, 2]),
  // recovering with time constant 2% of the run [D].
  const spikeAt: number[] = [];
  const spikeSize: number[] = [];
  if (rho > 2) {
    const r = rng.fork(3);
    const lambda = 3 * Math.min(1, Math.log(rho / 2) / Math.log(medianDivRatio / 2));
    const u = r.random();
    let n = 0;
    let pk = Math.exp(-lambda);
    let cdf = pk;
    while (u > cdf && n < 20) {
      n++;
      pk *= lambda / n;
      cdf += pk;
    }
    const rankScale = lora ? Math.max(0.5, Math.min(2, (16 / cfg.loraRank) ** 0.25)) : 1;
    for (let i = 0; i < n; i++) {
      spikeAt.push(totalSteps * r.random());
      spikeSize.push((0.05 + 0.05 * r.random()) * rankScale);
    }
  }
  const spikeTau = Math.max(1, 0.02 * totalSteps);

  // Noise level: 0.02% up to η*, log-linear in log ρ to 1.5% at the median divergence ratio
  // 5.5·(1 + 2w) [D: the median rather than this seed's threshold, so that "near divergence"
  // means the same LR for every seed].
  const level = rho <= 1 ? 0 : Math.min(1, Math.log(rho) / Math.log(medianDivRatio));
  const sigma = NOISE_LOW * (NOISE_HIGH / NOISE_LOW) ** level;
  const noise = rng.fork(4);

  const nEvals = Math.min(totalSteps, Math.max(1, Math.round(cfg.epochs * cfg.evalsPerEpoch)));
  const steps = new Float64Array(nEvals);
  const curve = new Float64Array(nEvals);
  for (let i = 0; i < nEvals; i++) {
    const t = i === nEvals - 1 ? totalSteps : Math.round(((i + 1) * totalSteps) / nEvals);
    steps[i] = t;
    const z = noise.normal(); // drawn for every evaluation, so evaluation k's noise depends on k only
    if (t >= nanFrom) {
      curve[i] = Number.NaN;
      continue;
    }
    const loss = model.lossAt(t);
    let spike = 1;
    for (let j = 0; j < spikeAt.length; j++) {
      const dt = t - spikeAt[j]!;
      if (dt >= 0) spike += spikeSize[j]! * Math.exp(-dt / spikeTau);
    }
    curve[i] = loss * spike * (1 + sigma * z);
  }

  const finalLoss = curve[nEvals - 1]!;
  const diverged = Number.isFinite(nanFrom) && nanFrom <= totalSteps;
  const throughput = llmThroughput(cfg);
  const memory = llmMemoryBreakdown(cfg).total;
  return {
    kind: "llm-finetune",
    config: cfg,
    totalSteps,
    steps,
    curve,
    diverged,
    divergenceStep: diverged ? Math.max(1, Math.ceil(nanFrom)) : null,
    finalLoss,
    perplexity: Math.exp(finalLoss),
    accuracy: accuracyFromLoss(finalLoss),
    gpuHours: throughput.gpuHours,
    tokensPerSecond: throughput.tokensPerSecond,
    sequencesPerSecond: throughput.sequencesPerSecond,
    peakMemoryGB: memory,
    fitsInMemory: memory <= GPU_MEMORY_GB,
  };
}
