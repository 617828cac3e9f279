/**
 * The fine-tuning surrogate as test functions (`../types.ts`): a single-objective one (final
 * validation loss), a multi-objective one (loss vs GPU-hours), and a constrained one (loss
 * under peak memory ≤ 80 GB), each with a learning-curve accessor for pruners.
 *
 * Purity and noise: `evaluate(params)` runs the surrogate with a seed derived from the
 * instance seed and the parameter values, so the same parameters always give the same value
 * while different configurations see independent seeded noise, as separate training runs
 * would. `run(params, seed)` and `curve(params, seed)` take an explicit seed for replicates.
 *
 * Divergence: a diverged run evaluates to NaN (a failed trial).
 */
import type { MultiObjectiveFunction, ParamSpec, Params, SingleObjectiveFunction } from "../types.js";
import {
  checkChoice,
  LLM_GPUS,
  type LlmFinetuneConfig,
  type LlmGpu,
  type LlmMethod,
  type LlmOptimizer,
  type LlmSchedule,
  resolveLlmFinetuneConfig,
} from "./config.js";
import { GPU_MEMORY_GB, llmThroughput } from "./cost.js";
import { type LlmFinetuneResult, llmFinetune, START_LOSS_RATIO } from "./finetune.js";
import { LLM_CALIBRATION, LLM_MODEL_SIZES, type LlmModelSize } from "./models.js";

/** Fixed settings of a surrogate test function (not searched). */
export interface LlmTestFunctionOptions {
  /** @defaultValue "1.5B" ("7B" for the constrained function) */
  readonly model?: LlmModelSize;
  /** Training examples, integer ≥ 1. @defaultValue 10000 */
  readonly datasetSize?: number;
  /** Tokens per sequence. @defaultValue 1024 */
  readonly sequenceLength?: number;
  /** @defaultValue "H100" */
  readonly gpu?: LlmGpu;
  /** Evaluations per epoch (the curve's resolution). @defaultValue 10 */
  readonly evalsPerEpoch?: number;
  /** Instance seed, mixed with the parameter values into each run's seed. @defaultValue 0 */
  readonly seed?: number;
}

/** A learning curve: validation loss after each evaluation (NaN after divergence). */
export interface LlmCurve {
  readonly kind: "llm-curve";
  /** Training step of each evaluation. */
  readonly steps: Float64Array;
  /** Validation loss of each evaluation; report values[i] at step i to a pruner. */
  readonly values: Float64Array;
}

/** What the surrogate test functions add to the plain records. */
export interface LlmSurrogateAccessors {
  /** The surrogate configuration of a parameter record (fixed options filled in). */
  toConfig(params: Params): LlmFinetuneConfig;
  /** The whole simulated run; `seed` defaults to the one `evaluate` uses for these params. */
  run(params: Params, seed?: number | string): LlmFinetuneResult;
  /** The validation-loss learning curve (its last value is what `evaluate` returns). */
  curve(params: Params, seed?: number | string): LlmCurve;
}

/** The single-objective or constrained surrogate. */
export type LlmFinetuneLossFunction = SingleObjectiveFunction & LlmSurrogateAccessors;
/** The loss-vs-GPU-hours surrogate. */
export type LlmFinetuneCostFunction = MultiObjectiveFunction & LlmSurrogateAccessors;

const LORA_ONLY = { parent: "method", values: ["lora", "qlora"] } as const;

/** The LoRA parameters, present only when method is "lora" or "qlora". */
const LORA_SPACE: readonly ParamSpec[] = [
  { kind: "int", name: "loraRank", low: 1, high: 256, log: true, condition: LORA_ONLY },
  { kind: "float", name: "loraAlpha", low: 1, high: 256, log: true, condition: LORA_ONLY },
  { kind: "float", name: "loraDropout", low: 0, high: 0.1, condition: LORA_ONLY },
  { kind: "categorical", name: "rsLora", choices: [false, true], condition: LORA_ONLY },
];

const COMMON_SPACE: readonly ParamSpec[] = [
  { kind: "categorical", name: "method", choices: ["full", "lora", "qlora"] },
  { kind: "categorical", name: "optimizer", choices: ["adamw", "adamw-8bit", "lion", "adafactor"] },
  { kind: "float", name: "learningRate", low: 1e-6, high: 1e-2, log: true },
  { kind: "categorical", name: "schedule", choices: ["constant", "linear", "cosine"] },
  { kind: "float", name: "warmupFraction", low: 0, high: 0.2 },
];

const TAIL_SPACE: readonly ParamSpec[] = [
  { kind: "int", name: "epochs", low: 1, high: 5 },
  { kind: "float", name: "weightDecay", low: 0, high: 0.1 },
  ...LORA_SPACE,
];

/**
 * The search space of {@link llmFinetuneLoss}: learning rate on a log scale in [1e-6, 1e-2],
 * effective batch (log) in [4, 512], and the LoRA parameters conditional on the method.
 * SGD is left out (its optimum, 100-1000× AdamW's, lies outside the LR range) [D].
 */
export const LLM_LOSS_SPACE: readonly ParamSpec[] = [
  ...COMMON_SPACE,
  { kind: "int", name: "batchSize", low: 4, high: 512, log: true },
  ...TAIL_SPACE,
];

/**
 * The search space of the cost-aware functions: as {@link LLM_LOSS_SPACE} but with the
 * micro-batch (log, [1, 64]) and gradient accumulation (log, [1, 64]) separate, since memory
 * depends on the micro-batch only, and gradient checkpointing.
 */
export const LLM_COST_SPACE: readonly ParamSpec[] = [
  ...COMMON_SPACE,
  { kind: "int", name: "microBatchSize", low: 1, high: 64, log: true },
  { kind: "int", name: "gradientAccumulation", low: 1, high: 64, log: true },
  { kind: "categorical", name: "gradientCheckpointing", choices: [false, true] },
  ...TAIL_SPACE,
];

interface Fixed {
  readonly model: LlmModelSize;
  readonly datasetSize: number;
  readonly sequenceLength: number;
  readonly gpu: LlmGpu;
  readonly evalsPerEpoch: number;
  readonly seed: number;
}

function resolveOptions(where: string, options: LlmTestFunctionOptions, defaultModel: LlmModelSize): Fixed {
  const fixed: Fixed = {
    model: checkChoice(where, "model", options.model ?? defaultModel, LLM_MODEL_SIZES),
    datasetSize: options.datasetSize ?? 10_000,
    sequenceLength: options.sequenceLength ?? 1024,
    gpu: checkChoice(where, "gpu", options.gpu ?? "H100", LLM_GPUS),
    evalsPerEpoch: options.evalsPerEpoch ?? 10,
    seed: options.seed ?? 0,
  };
  if (!Number.isSafeInteger(fixed.seed))
    throw new RangeError(`${where}: seed must be a safe integer, got ${fixed.seed}`);
  // Validate the numeric options once, through the surrogate's own checks.
  resolveLlmFinetuneConfig(
    {
      model: fixed.model,
      method: "full",
      learningRate: 1e-4,
      datasetSize: fixed.datasetSize,
      sequenceLength: fixed.sequenceLength,
      evalsPerEpoch: fixed.evalsPerEpoch,
    },
    where,
  );
  return fixed;
}

function param(where: string, params: Params, name: string): unknown {
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${where}: params must be an object, got ${String(params)}`);
  }
  const v = params[name];
  if (v === undefined) throw new RangeError(`${where}: missing parameter "${name}"`);
  return v;
}

/** Maps a parameter record of either space to a surrogate configuration. */
function toConfig(where: string, fixed: Fixed, params: Params, costSpace: boolean): LlmFinetuneConfig {
  const method = param(where, params, "method") as LlmMethod;
  const lora = method === "lora" || method === "qlora";
  const num = (name: string): number => param(where, params, name) as number;
  return {
    model: fixed.model,
    method,
    optimizer: param(where, params, "optimizer") as LlmOptimizer,
    learningRate: num("learningRate"),
    schedule: param(where, params, "schedule") as LlmSchedule,
    warmupFraction: num("warmupFraction"),
    microBatchSize: costSpace ? num("microBatchSize") : num("batchSize"),
    gradientAccumulation: costSpace ? num("gradientAccumulation") : 1,
    gradientCheckpointing: costSpace ? (param(where, params, "gradientCheckpointing") as boolean) : false,
    epochs: num("epochs"),
    weightDecay: num("weightDecay"),
    ...(lora
      ? {
          loraRank: num("loraRank"),
          loraAlpha: num("loraAlpha"),
          loraDropout: num("loraDropout"),
          rsLora: param(where, params, "rsLora") as boolean,
        }
      : {}),
    datasetSize: fixed.datasetSize,
    sequenceLength: fixed.sequenceLength,
    gpu: fixed.gpu,
    evalsPerEpoch: fixed.evalsPerEpoch,
  };
}

/** The run seed of a parameter record: the instance seed and every present value, in space order. */
function paramsSeed(fixed: Fixed, space: readonly ParamSpec[], params: Params): string {
  let key = `${fixed.seed}`;
  for (const p of space) {
    const v = params[p.name];
    if (v !== undefined) key += `|${p.name}=${String(v)}`;
  }
  return key;
}

function accessors(
  where: string,
  fixed: Fixed,
  space: readonly ParamSpec[],
  costSpace: boolean,
): LlmSurrogateAccessors {
  const run = (params: Params, seed?: number | string): LlmFinetuneResult =>
    llmFinetune(toConfig(where, fixed, params, costSpace), seed ?? paramsSeed(fixed, space, params));
  return {
    toConfig: (params) => toConfig(where, fixed, params, costSpace),
    run,
    curve: (params, seed) => {
      const r = run(params, seed);
      return { kind: "llm-curve", steps: r.steps, values: r.curve };
    },
  };
}

const SOURCE =
  "Surrogate of LLM fine-tuning calibrated to published sweeps (Thinking Machines' LoRA sweep on tulu3); " +
  "model, constants and sources in test-functions/LLM-SURROGATE.md. Optimum unknown in closed form.";

/**
 * The final validation loss of a fine-tuning run (nats/token), minimized over the usual
 * hyperparameters ({@link LLM_LOSS_SPACE}). Optimum unknown (null). A diverged run gives NaN.
 * @throws RangeError for invalid options.
 * @example
 * ```ts
 * const f = llmFinetuneLoss({ model: "7B" });
 * const params = { method: "lora", optimizer: "adamw", learningRate: 3e-4, schedule: "cosine",
 *   warmupFraction: 0.03, batchSize: 32, epochs: 2, weightDecay: 0, loraRank: 64, loraAlpha: 32,
 *   loraDropout: 0.05, rsLora: false };
 * f.evaluate(params);          // final loss
 * f.curve(params).values;      // one value per evaluation, for trial.report
 * ```
 */
export function llmFinetuneLoss(options: LlmTestFunctionOptions = {}): LlmFinetuneLossFunction {
  const where = "llmFinetuneLoss";
  const fixed = resolveOptions(where, options, "1.5B");
  const acc = accessors(where, fixed, LLM_LOSS_SPACE, false);
  return {
    kind: "single",
    name: `llm-finetune-loss-${fixed.model}`,
    description: `Final validation loss of fine-tuning Qwen2.5-${fixed.model} on ${fixed.datasetSize} examples (surrogate).`,
    space: LLM_LOSS_SPACE,
    tags: ["surrogate", "noisy", "mixed", "conditional", "non-separable"],
    optimum: null,
    optimizers: [],
    source: SOURCE,
    evaluate: (params) => acc.run(params).finalLoss,
    ...acc,
  };
}

/**
 * Loss constrained by memory: the final validation loss over {@link LLM_COST_SPACE}, feasible
 * when the peak GPU memory is at most 80 GB (`constraints(params) = [peakMemoryGB - 80]`).
 * Defaults to the 7B model, where full fine-tuning never fits and LoRA fits only at small
 * micro-batches or with checkpointing.
 * @throws RangeError for invalid options.
 */
export function llmFinetuneLossConstrained(options: LlmTestFunctionOptions = {}): LlmFinetuneLossFunction {
  const where = "llmFinetuneLossConstrained";
  const fixed = resolveOptions(where, options, "7B");
  const acc = accessors(where, fixed, LLM_COST_SPACE, true);
  return {
    kind: "single",
    name: `llm-finetune-loss-memory-${fixed.model}`,
    description: `Final validation loss of fine-tuning Qwen2.5-${fixed.model}, subject to peak memory <= ${GPU_MEMORY_GB} GB (surrogate).`,
    space: LLM_COST_SPACE,
    tags: ["surrogate", "noisy", "mixed", "conditional", "non-separable", "constrained"],
    optimum: null,
    optimizers: [],
    source: SOURCE,
    evaluate: (params) => acc.run(params).finalLoss,
    constraints: (params) => [acc.run(params).peakMemoryGB - GPU_MEMORY_GB],
    ...acc,
  };
}

/**
 * Two objectives, both minimized: final validation loss and GPU-hours, over
 * {@link LLM_COST_SPACE}. The reference point is [start loss 1.25·L*, GPU-hours of the most
 * expensive configuration in the space] [D] (no published one exists). The true Pareto front
 * is unknown: `paretoFront` returns an empty array.
 * @throws RangeError for invalid options.
 */
export function llmFinetuneLossVsCost(options: LlmTestFunctionOptions = {}): LlmFinetuneCostFunction {
  const where = "llmFinetuneLossVsCost";
  const fixed = resolveOptions(where, options, "1.5B");
  const acc = accessors(where, fixed, LLM_COST_SPACE, true);
  // The costliest corner: 5 epochs, micro-batch 1, no accumulation, checkpointing, over every
  // method and optimizer (rank 256 for adapters).
  let maxHours = 0;
  for (const method of ["full", "lora", "qlora"] as const) {
    for (const optimizer of ["adamw", "adamw-8bit", "lion", "adafactor"] as const) {
      const cfg = resolveLlmFinetuneConfig(
        {
          model: fixed.model,
          method,
          optimizer,
          learningRate: 1e-4,
          microBatchSize: 1,
          gradientAccumulation: 1,
          gradientCheckpointing: true,
          epochs: 5,
          loraRank: 256,
          datasetSize: fixed.datasetSize,
          sequenceLength: fixed.sequenceLength,
          gpu: fixed.gpu,
        },
        where,
      );
      maxHours = Math.max(maxHours, llmThroughput(cfg).gpuHours);
    }
  }
  return {
    kind: "multi",
    name: `llm-finetune-loss-vs-gpu-hours-${fixed.model}`,
    description: `Final validation loss and GPU-hours of fine-tuning Qwen2.5-${fixed.model} (surrogate).`,
    space: LLM_COST_SPACE,
    tags: ["surrogate", "noisy", "mixed", "conditional", "non-separable", "multi-objective"],
    nObjectives: 2,
    referencePoint: [START_LOSS_RATIO * LLM_CALIBRATION[fixed.model].bestLoss, maxHours],
    source: SOURCE,
    evaluate: (params) => {
      const r = acc.run(params);
      return [r.finalLoss, r.gpuHours];
    },
    paretoFront: () => [],
    ...acc,
  };
}
