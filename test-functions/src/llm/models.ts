/**
 * The base models of the LLM fine-tuning surrogate: Qwen2.5 0.5B, 1.5B and 7B shapes from
 * their published `config.json` files (Qwen team, "Qwen2.5 Technical Report",
 * arXiv 2412.15115), and the per-model constants of the loss model.
 *
 * Tags, as in the specification (summarized in `test-functions/LLM-SURROGATE.md`): [P] published,
 * [F] fitted to published data, [D] a design choice of this surrogate.
 */

/** The base models the surrogate knows. */
export type LlmModelSize = "0.5B" | "1.5B" | "7B";

/** The model sizes, smallest first. */
export const LLM_MODEL_SIZES: readonly LlmModelSize[] = ["0.5B", "1.5B", "7B"];

/** The architecture numbers that cost and memory depend on. */
export interface LlmModelShape {
  readonly kind: "llm-model-shape";
  /** A readable name, e.g. "Qwen2.5-7B". */
  readonly name: string;
  /** All parameters N (embeddings included, tied embeddings counted once). */
  readonly params: number;
  /** Parameters outside the embedding and output matrices. */
  readonly nonEmbeddingParams: number;
  /** Hidden size h. */
  readonly hidden: number;
  /** Number of transformer layers L. */
  readonly layers: number;
  /** Attention heads a. */
  readonly heads: number;
  /** Key/value heads (grouped-query attention). */
  readonly kvHeads: number;
  /** Size of one attention head. */
  readonly headDim: number;
  /** Width of the MLP. */
  readonly intermediate: number;
  /** Vocabulary size V. */
  readonly vocab: number;
}

/**
 * LoRA parameters per unit of rank when adapters sit on all 7 linear maps of every layer
 * (q, k, v, o, gate, up, down): Σ (fan-in + fan-out) per layer, times the layers. Qwen2.5:
 * 0.55M, 1.15M, 2.52M (as in the specification's table).
 * @example loraParamsPerRank(QWEN25_SHAPES["7B"]) // 2_523_136
 */
export function loraParamsPerRank(shape: LlmModelShape): number {
  const h = shape.hidden;
  const kv = shape.kvHeads * shape.headDim;
  const q = 2 * h;
  const k = h + kv;
  const v = h + kv;
  const o = 2 * h;
  const mlp = 3 * (h + shape.intermediate);
  return (q + k + v + o + mlp) * shape.layers;
}

/** Qwen2.5 shapes [P] (Hugging Face `Qwen/Qwen2.5-*` config files). */
export const QWEN25_SHAPES: Readonly<Record<LlmModelSize, LlmModelShape>> = {
  "0.5B": {
    kind: "llm-model-shape",
    name: "Qwen2.5-0.5B",
    params: 0.494e9,
    nonEmbeddingParams: 0.358e9,
    hidden: 896,
    layers: 24,
    heads: 14,
    kvHeads: 2,
    headDim: 64,
    intermediate: 4864,
    vocab: 151936,
  },
  "1.5B": {
    kind: "llm-model-shape",
    name: "Qwen2.5-1.5B",
    params: 1.544e9,
    nonEmbeddingParams: 1.31e9,
    hidden: 1536,
    layers: 28,
    heads: 12,
    kvHeads: 2,
    headDim: 128,
    intermediate: 8960,
    vocab: 151936,
  },
  "7B": {
    kind: "llm-model-shape",
    name: "Qwen2.5-7B",
    params: 7.616e9,
    nonEmbeddingParams: 6.525e9,
    hidden: 3584,
    layers: 28,
    heads: 28,
    kvHeads: 4,
    headDim: 128,
    intermediate: 18944,
    vocab: 152064,
  },
};

/** Per-model constants of the loss model. */
export interface LlmModelCalibration {
  /**
   * L*: the final validation loss (nats per token) of the reference run at its optimal
   * learning rate [F]: the Llama best losses of the Thinking Machines sweep extrapolated
   * with a log-log slope of -0.153 against size.
   */
  readonly bestLoss: number;
  /** Δ: relative loss excess one decade below the optimal learning rate [F]. */
  readonly decadeExcess: number;
  /**
   * Relative gap between LoRA ranks 4 and 128 at the best learning rate, at the end of the
   * calibration sweep (batch 128, 780 steps) [F]: the Llama gaps 5.1% (1B), 3.8% (3B),
   * 1.6% (8B) interpolated in log size (capped at 6% for 0.5B).
   */
  readonly rankGap4to128: number;
  /**
   * Loss change per 0.1 of LoRA dropout, relative to L* [D]; negative helps. "Helps 7B
   * more" [P] (QLoRA, Dettmers et al. 2023, §4).
   */
  readonly dropoutEffect: number;
  /** Maximum gold reward of the RL variant, ordered by size [D]. */
  readonly rlMaxReward: number;
}

/** Calibration per model size (see each field for its tag). */
export const LLM_CALIBRATION: Readonly<Record<LlmModelSize, LlmModelCalibration>> = {
  "0.5B": { bestLoss: 0.9, decadeExcess: 0.06, rankGap4to128: 0.06, dropoutEffect: 0.001, rlMaxReward: 0.6 },
  "1.5B": {
    bestLoss: 0.75,
    decadeExcess: 0.05,
    rankGap4to128: 0.048,
    dropoutEffect: -0.001,
    rlMaxReward: 0.8,
  },
  "7B": { bestLoss: 0.59, decadeExcess: 0.035, rankGap4to128: 0.017, dropoutEffect: -0.003, rlMaxReward: 1 },
};
