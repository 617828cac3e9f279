/**
 * Cost of a fine-tuning run: peak GPU memory, throughput and GPU-hours.
 *
 * Notation: N parameters, h hidden size, L layers, a attention heads, V vocabulary, s
 * sequence length, b micro-batch, B = b·accumulation, r LoRA rank, p_r LoRA parameters per
 * unit rank. Memory in GB = 1e9 bytes.
 *
 * Peak memory = weights + master weights + gradients + optimizer state + activations +
 * logits + CUDA context 1.3 GB [P]. Full fine-tuning with mixed-precision AdamW comes to
 * 2 + 4 + 4 + 8 = 18 bytes/param, fp32 to 4 + 4 + 8 = 16 [P]; LoRA/QLoRA base weights take
 * 2 / 1 / 0.516 bytes/param (bf16 / int8 / NF4 with double quantization, Dettmers et al.,
 * "QLoRA", arXiv 2305.14314, §3) and the adapters 18 [P]. Activations per layer: s·b·h·34
 * bytes with flash attention, s·b·h·(34 + 5·a·s/h) without, and 2·s·b·h with full
 * checkpointing (Korthikanti et al., "Reducing activation recomputation in large
 * transformer models", arXiv 2205.05198, §4) [P].
 *
 * Throughput (tokens/s) = MFU·peak/(k·N + 6·L·s·h) with k = 6 for full fine-tuning and 4 for
 * LoRA, +2 with gradient checkpointing [P] (Kaplan et al., arXiv 2001.08361, §2.1 for the
 * FLOP count); MFU = 0.40·(1 - e^(-b·s/4096)) [D].
 */
import type { ResolvedLlmFinetuneConfig } from "./config.js";
import { type LlmModelShape, loraParamsPerRank, QWEN25_SHAPES } from "./models.js";

/** GPU memory of the 80 GB A100 and H100, in GB, used for `fitsInMemory` [D]. */
export const GPU_MEMORY_GB = 80;
/** CUDA context and allocator overhead, GB [P]. */
export const CUDA_CONTEXT_GB = 1.3;
/** Dense bf16 tensor-core peak, FLOP/s [P] (NVIDIA A100 and H100 SXM data sheets). */
export const GPU_PEAK_FLOPS: Readonly<Record<"A100" | "H100", number>> = { A100: 312e12, H100: 989e12 };
/** HBM bandwidth, bytes/s [P] (A100 80GB SXM 2.04 TB/s, H100 SXM 3.35 TB/s). */
export const GPU_BANDWIDTH: Readonly<Record<"A100" | "H100", number>> = { A100: 2.039e12, H100: 3.35e12 };

/** Optimizer state bytes per trainable parameter: Adam 8, 8-bit Adam 2, SGD momentum 4 [P]; Lion 4, Adafactor ≈ 0 [D]. */
export function optimizerStateBytes(optimizer: ResolvedLlmFinetuneConfig["optimizer"]): number {
  switch (optimizer) {
    case "adamw":
      return 8;
    case "adamw-8bit":
      return 2;
    case "adafactor":
      return 0;
    default:
      return 4; // lion, sgd-momentum
  }
}

/** Trainable parameters: N for full fine-tuning, r·p_r for LoRA and QLoRA. */
export function trainableParams(
  config: ResolvedLlmFinetuneConfig,
  shape: LlmModelShape = QWEN25_SHAPES[config.model],
): number {
  return config.method === "full" ? shape.params : config.loraRank * loraParamsPerRank(shape);
}

/** The terms of the peak-memory estimate, GB each. */
export interface LlmMemoryBreakdown {
  readonly kind: "llm-memory";
  /** Model weights as stored for compute (16-bit, fp32, or quantized base plus adapters). */
  readonly weights: number;
  /** fp32 master copy of the trainable weights under mixed precision. */
  readonly masterWeights: number;
  /** fp32 gradients of the trainable weights. */
  readonly gradients: number;
  /** Optimizer state of the trainable weights. */
  readonly optimizer: number;
  /** Stored activations. */
  readonly activations: number;
  /** fp32 logits s·b·V·4 [D]. */
  readonly logits: number;
  /** CUDA context. */
  readonly context: number;
  /** The sum. */
  readonly total: number;
}

/** Bytes per base-model weight. */
function baseWeightBytes(precision: ResolvedLlmFinetuneConfig["precision"]): number {
  switch (precision) {
    case "fp32":
      return 4;
    case "int8":
      return 1;
    case "nf4":
      return 0.516;
    default:
      return 2;
  }
}

/**
 * The peak GPU memory of a configuration, term by term. It depends on the micro-batch, the
 * sequence length, the rank, the precision, checkpointing and flash attention, never on the
 * learning rate, epochs or gradient accumulation.
 * @param shape - the architecture; defaults to the config's Qwen2.5 model (pass another
 * shape to check the formula against published measurements of other models).
 */
export function llmMemoryBreakdown(
  config: ResolvedLlmFinetuneConfig,
  shape: LlmModelShape = QWEN25_SHAPES[config.model],
): LlmMemoryBreakdown {
  const fp32 = config.precision === "fp32";
  const trainable = trainableParams(config, shape);
  const s = config.sequenceLength;
  const b = config.microBatchSize;
  const h = shape.hidden;
  let weights = shape.params * baseWeightBytes(config.precision);
  if (config.method !== "full") weights += trainable * (fp32 ? 4 : 2);
  const masterWeights = fp32 ? 0 : trainable * 4;
  const gradients = trainable * 4;
  const optimizer = trainable * optimizerStateBytes(config.optimizer);
  const perLayer = s * b * h * (34 + (config.flashAttention ? 0 : (5 * shape.heads * s) / h));
  // [D] With full checkpointing one layer's activations are rebuilt at a time on top of the
  // stored layer inputs; fp32 activations take twice the 16-bit bytes.
  let activations = config.gradientCheckpointing
    ? 2 * s * b * h * shape.layers + perLayer
    : perLayer * shape.layers;
  if (fp32) activations *= 2;
  const logits = s * b * shape.vocab * 4;
  const context = CUDA_CONTEXT_GB * 1e9;
  const total = weights + masterWeights + gradients + optimizer + activations + logits + context;
  return {
    kind: "llm-memory",
    weights: weights / 1e9,
    masterWeights: masterWeights / 1e9,
    gradients: gradients / 1e9,
    optimizer: optimizer / 1e9,
    activations: activations / 1e9,
    logits: logits / 1e9,
    context: CUDA_CONTEXT_GB,
    total: total / 1e9,
  };
}

/** Throughput and run time of a configuration. */
export interface LlmThroughput {
  readonly kind: "llm-throughput";
  /** Training tokens per second on one GPU. */
  readonly tokensPerSecond: number;
  /** Training sequences per second. */
  readonly sequencesPerSecond: number;
  /** Model FLOPs utilization of the matrix multiplications. */
  readonly mfu: number;
  /** Training FLOPs per token. */
  readonly flopsPerToken: number;
  /** GPU-hours of the whole run: epochs · examples · s / (tokens/s) / 3600. */
  readonly gpuHours: number;
}

/**
 * Tokens and sequences per second, and GPU-hours, of a configuration.
 *
 * Beyond the specification's FLOP formula, two terms [D]: the adapters' own compute
 * 6·r·p_r per token (up to a few percent at high rank), and the optimizer step, a
 * memory-bound pass reading and writing the trainable weights' state once per B sequences
 * (bytes: gradients 4, master or fp32 weights 8, state 2× its size, 16-bit copy 2).
 * Without flash attention the attention term takes twice as long [D]. QLoRA with NF4 runs at
 * 0.7× (0.6-0.8× published [P]); with an int8 base at 0.6× [D]. fp32 runs on TF32 tensor
 * cores at half the bf16 peak [P].
 */
export function llmThroughput(
  config: ResolvedLlmFinetuneConfig,
  shape: LlmModelShape = QWEN25_SHAPES[config.model],
): LlmThroughput {
  const s = config.sequenceLength;
  const b = config.microBatchSize;
  const trainable = trainableParams(config, shape);
  const k = (config.method === "full" ? 6 : 4) + (config.gradientCheckpointing ? 2 : 0);
  const attention = 6 * shape.layers * s * shape.hidden * (config.flashAttention ? 1 : 2);
  const adapters = config.method === "full" ? 0 : 6 * trainable;
  const flopsPerToken = k * shape.params + attention + adapters;
  const mfu = 0.4 * (1 - Math.exp((-b * s) / 4096));
  let peak = GPU_PEAK_FLOPS[config.gpu];
  if (config.precision === "fp32") peak *= 0.5;
  if (config.precision === "nf4") peak *= 0.7;
  if (config.precision === "int8") peak *= 0.6;
  const tokensPerStep = b * config.gradientAccumulation * s;
  const computeSeconds = (tokensPerStep * flopsPerToken) / (mfu * peak);
  const stateBytes =
    4 + 8 + 2 * optimizerStateBytes(config.optimizer) + (config.precision === "fp32" ? 0 : 2);
  const optimizerSeconds = (trainable * stateBytes) / GPU_BANDWIDTH[config.gpu];
  const tokensPerSecond = tokensPerStep / (computeSeconds + optimizerSeconds);
  return {
    kind: "llm-throughput",
    tokensPerSecond,
    sequencesPerSecond: tokensPerSecond / s,
    mfu,
    flopsPerToken,
    gpuHours: (config.epochs * config.datasetSize * s) / tokensPerSecond / 3600,
  };
}
