/**
 * The hyperparameters of a fine-tuning run as the surrogate sees them, their defaults, and
 * their validation. Every error names the function, the argument and the allowed range.
 */
import { LLM_MODEL_SIZES, type LlmModelSize, QWEN25_SHAPES } from "./models.js";

/** How the weights are trained: all of them, low-rank adapters, or adapters on a quantized base. */
export type LlmMethod = "full" | "lora" | "qlora";
/** The optimizer. */
export type LlmOptimizer = "adamw" | "adamw-8bit" | "lion" | "adafactor" | "sgd-momentum";
/** The learning-rate schedule after warmup (linear and cosine decay to 0). */
export type LlmSchedule = "constant" | "linear" | "cosine";
/**
 * Numeric precision: `fp32`, `bf16` or `fp16` training (mixed precision for the 16-bit
 * ones) for full fine-tuning and LoRA; `int8` or `nf4` (4-bit NormalFloat with double
 * quantization) base weights for QLoRA, with bf16 adapters and compute.
 */
export type LlmPrecision = "fp32" | "bf16" | "fp16" | "int8" | "nf4";
/** The GPU (80 GB parts). */
export type LlmGpu = "A100" | "H100";

/** The methods, optimizers, schedules, precisions and GPUs accepted. */
export const LLM_METHODS: readonly LlmMethod[] = ["full", "lora", "qlora"];
/** @see LlmOptimizer */
export const LLM_OPTIMIZERS: readonly LlmOptimizer[] = [
  "adamw",
  "adamw-8bit",
  "lion",
  "adafactor",
  "sgd-momentum",
];
/** @see LlmSchedule */
export const LLM_SCHEDULES: readonly LlmSchedule[] = ["constant", "linear", "cosine"];
/** @see LlmPrecision */
export const LLM_PRECISIONS: readonly LlmPrecision[] = ["fp32", "bf16", "fp16", "int8", "nf4"];
/** @see LlmGpu */
export const LLM_GPUS: readonly LlmGpu[] = ["A100", "H100"];

/** A supervised fine-tuning run. LoRA fields are ignored when `method` is "full". */
export interface LlmFinetuneConfig {
  /** The base model. */
  readonly model: LlmModelSize;
  /** Full fine-tuning, LoRA, or QLoRA. */
  readonly method: LlmMethod;
  /** Peak learning rate η (before α scaling for LoRA), > 0. */
  readonly learningRate: number;
  /** @defaultValue "adamw" */
  readonly optimizer?: LlmOptimizer;
  /** @defaultValue "linear" */
  readonly schedule?: LlmSchedule;
  /** Fraction of the steps spent in linear warmup, in [0, 1). @defaultValue 0 */
  readonly warmupFraction?: number;
  /** Sequences per forward pass (memory depends on it), integer ≥ 1. @defaultValue 8 */
  readonly microBatchSize?: number;
  /** Micro-batches per optimizer step, integer ≥ 1. @defaultValue 1 */
  readonly gradientAccumulation?: number;
  /** Passes over the data set, > 0 (fractions allowed). @defaultValue 1 */
  readonly epochs?: number;
  /** Decoupled weight decay, in [0, 1]. @defaultValue 0 */
  readonly weightDecay?: number;
  /** LoRA rank r, integer in [1, hidden size]. @defaultValue 16 */
  readonly loraRank?: number;
  /** LoRA α, > 0. @defaultValue 32 */
  readonly loraAlpha?: number;
  /** LoRA dropout, in [0, 1). @defaultValue 0 */
  readonly loraDropout?: number;
  /** Rank-stabilized LoRA scaling α/√r instead of α/r (Kalajdzievski 2023). @defaultValue false */
  readonly rsLora?: boolean;
  /** @defaultValue "bf16" for full and LoRA, "nf4" for QLoRA */
  readonly precision?: LlmPrecision;
  /** Tokens per training sequence (packed), integer in [16, 32768]. @defaultValue 1024 */
  readonly sequenceLength?: number;
  /** Recompute activations in the backward pass. @defaultValue false */
  readonly gradientCheckpointing?: boolean;
  /** Fused attention that never stores the s×s score matrix. @defaultValue true */
  readonly flashAttention?: boolean;
  /** @defaultValue "H100" */
  readonly gpu?: LlmGpu;
  /** Training examples (sequences) in the data set, integer ≥ 1. @defaultValue 10000 */
  readonly datasetSize?: number;
  /** Validation evaluations per epoch, integer ≥ 1. @defaultValue 10 */
  readonly evalsPerEpoch?: number;
}

/** A configuration with every default filled in and every value checked. */
export type ResolvedLlmFinetuneConfig = Required<LlmFinetuneConfig>;

/** The default values of the optional fields (precision depends on the method). */
export const LLM_FINETUNE_DEFAULTS: Readonly<
  Omit<ResolvedLlmFinetuneConfig, "model" | "method" | "learningRate" | "precision">
> = {
  optimizer: "adamw",
  schedule: "linear",
  warmupFraction: 0,
  microBatchSize: 8,
  gradientAccumulation: 1,
  epochs: 1,
  weightDecay: 0,
  loraRank: 16,
  loraAlpha: 32,
  loraDropout: 0,
  rsLora: false,
  sequenceLength: 1024,
  gradientCheckpointing: false,
  flashAttention: true,
  gpu: "H100",
  datasetSize: 10_000,
  evalsPerEpoch: 10,
};

/** @throws RangeError unless `value` is one of `allowed`. */
export function checkChoice<T>(where: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    const list = allowed.map((a) => JSON.stringify(a)).join(", ");
    throw new RangeError(
      `${where}: ${name} must be one of ${list}, got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value as T;
}

/** @throws RangeError unless `value` is a finite number in [low, high] (or (low, high] if `openLow`). */
export function checkNumber(
  where: string,
  name: string,
  value: unknown,
  low: number,
  high: number,
  openLow = false,
): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (openLow ? value > low : value >= low) &&
    value <= high;
  if (!ok) {
    const range = `${openLow ? "(" : "["}${low}, ${high}]`;
    throw new RangeError(`${where}: ${name} must be a finite number in ${range}, got ${String(value)}`);
  }
  return value as number;
}

/** @throws RangeError unless `value` is an integer in [low, high]. */
export function checkInteger(where: string, name: string, value: unknown, low: number, high: number): number {
  if (!(typeof value === "number" && Number.isInteger(value) && value >= low && value <= high)) {
    throw new RangeError(`${where}: ${name} must be an integer in [${low}, ${high}], got ${String(value)}`);
  }
  return value;
}

/** @throws RangeError unless `value` is a boolean. */
export function checkBoolean(where: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean")
    throw new RangeError(`${where}: ${name} must be true or false, got ${String(value)}`);
  return value;
}

/**
 * Fills in the defaults of a fine-tuning configuration and checks every field.
 * @param where - the name of the calling function, for error messages.
 * @throws RangeError naming the field and its allowed range for any invalid value, for a
 * precision that does not fit the method (int8/nf4 need "qlora"; "qlora" needs int8/nf4),
 * and for a LoRA rank above the model's hidden size.
 * @example resolveLlmFinetuneConfig({ model: "7B", method: "lora", learningRate: 3e-4 }).loraRank // 16
 */
export function resolveLlmFinetuneConfig(
  config: LlmFinetuneConfig,
  where = "llmFinetune",
): ResolvedLlmFinetuneConfig {
  if (config === null || typeof config !== "object") {
    throw new TypeError(`${where}: config must be an object, got ${String(config)}`);
  }
  const d = LLM_FINETUNE_DEFAULTS;
  const model = checkChoice(where, "model", config.model, LLM_MODEL_SIZES);
  const method = checkChoice(where, "method", config.method, LLM_METHODS);
  const learningRate = checkNumber(where, "learningRate", config.learningRate, 0, Number.MAX_VALUE, true);
  const precision = checkChoice(
    where,
    "precision",
    config.precision ?? (method === "qlora" ? "nf4" : "bf16"),
    LLM_PRECISIONS,
  );
  const quantized = precision === "int8" || precision === "nf4";
  if (quantized !== (method === "qlora")) {
    throw new RangeError(
      method === "qlora"
        ? `${where}: precision must be "int8" or "nf4" when method is "qlora", got "${precision}"`
        : `${where}: precision must be "fp32", "bf16" or "fp16" when method is "${method}", got "${precision}"`,
    );
  }
  const hidden = QWEN25_SHAPES[model].hidden;
  return {
    model,
    method,
    learningRate,
    optimizer: checkChoice(where, "optimizer", config.optimizer ?? d.optimizer, LLM_OPTIMIZERS),
    schedule: checkChoice(where, "schedule", config.schedule ?? d.schedule, LLM_SCHEDULES),
    warmupFraction: checkWarmup(where, config.warmupFraction ?? d.warmupFraction),
    microBatchSize: checkInteger(
      where,
      "microBatchSize",
      config.microBatchSize ?? d.microBatchSize,
      1,
      65536,
    ),
    gradientAccumulation: checkInteger(
      where,
      "gradientAccumulation",
      config.gradientAccumulation ?? d.gradientAccumulation,
      1,
      65536,
    ),
    epochs: checkNumber(where, "epochs", config.epochs ?? d.epochs, 0, 1000, true),
    weightDecay: checkNumber(where, "weightDecay", config.weightDecay ?? d.weightDecay, 0, 1),
    loraRank: checkInteger(where, "loraRank", config.loraRank ?? d.loraRank, 1, hidden),
    loraAlpha: checkNumber(where, "loraAlpha", config.loraAlpha ?? d.loraAlpha, 0, 1e6, true),
    loraDropout: checkDropout(where, config.loraDropout ?? d.loraDropout),
    rsLora: checkBoolean(where, "rsLora", config.rsLora ?? d.rsLora),
    precision,
    sequenceLength: checkInteger(
      where,
      "sequenceLength",
      config.sequenceLength ?? d.sequenceLength,
      16,
      32768,
    ),
    gradientCheckpointing: checkBoolean(
      where,
      "gradientCheckpointing",
      config.gradientCheckpointing ?? d.gradientCheckpointing,
    ),
    flashAttention: checkBoolean(where, "flashAttention", config.flashAttention ?? d.flashAttention),
    gpu: checkChoice(where, "gpu", config.gpu ?? d.gpu, LLM_GPUS),
    datasetSize: checkInteger(where, "datasetSize", config.datasetSize ?? d.datasetSize, 1, 1e9),
    evalsPerEpoch: checkInteger(where, "evalsPerEpoch", config.evalsPerEpoch ?? d.evalsPerEpoch, 1, 10000),
  };
}

function checkWarmup(where: string, value: unknown): number {
  if (!(typeof value === "number" && value >= 0 && value < 1)) {
    throw new RangeError(`${where}: warmupFraction must be a number in [0, 1), got ${String(value)}`);
  }
  return value;
}

function checkDropout(where: string, value: unknown): number {
  if (!(typeof value === "number" && value >= 0 && value < 1)) {
    throw new RangeError(`${where}: loraDropout must be a number in [0, 1), got ${String(value)}`);
  }
  return value;
}
