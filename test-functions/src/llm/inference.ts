/**
 * The inference variant of the surrogate: decoding hyperparameters of a fine-tuned model,
 * mapped to task accuracy, repetition and decode cost. Deterministic (expected values).
 *
 * - Temperature: no significant effect on accuracy from 0 to 1.0 (Renze and Guven, "The
 *   effect of sampling temperature on problem solving in large language models",
 *   arXiv 2402.05201) [P]; beyond 1 accuracy decays towards chance as
 *   exp(-((T - 1)·m/0.5)²), m the truncation factor below [D].
 * - Truncation: m = top-p × (1 - e^(-k/20) when top-k is on) [D]: nucleus and top-k sampling
 *   cut the tail that makes high temperatures harmful.
 * - Repetition (share of repeated n-grams in open-ended text, Holtzman et al., "The curious
 *   case of neural text degeneration", arXiv 1904.09751, Table 1) [P]: greedy 73.66%, beam
 *   width 16 28.94%, nucleus p = 0.95 0.36%, human 0.28%. Modeled as greedy·w^(-0.337) for beam
 *   width w and greedy·e^(-5.60·T·m) for sampling [F to those values]; a repetition penalty θ
 *   multiplies it by e^(-8(θ - 1)) [D].
 * - Repetition penalty (Keskar et al., CTRL, arXiv 1909.05858): neutral up to 1.2 [P],
 *   harmful above 1.3 [D]: accuracy excess × max(0, 1 - ((θ - 1.2)⁺/0.5)²).
 * - Beam width w multiplies decode cost and KV-cache memory by w [D]; accuracy as greedy.
 */
import { checkChoice, checkInteger, checkNumber, LLM_GPUS, type LlmGpu } from "./config.js";
import { GPU_BANDWIDTH } from "./cost.js";
import { ACCURACY_CHANCE, accuracyFromLoss } from "./finetune.js";
import { LLM_CALIBRATION, LLM_MODEL_SIZES, type LlmModelSize, QWEN25_SHAPES } from "./models.js";

/** Decoding settings. Beam search (`beamWidth` > 1) ignores temperature, top-k and top-p. */
export interface LlmInferenceConfig {
  readonly model: LlmModelSize;
  /** Sampling temperature, in [0, 5]; 0 is greedy. */
  readonly temperature: number;
  /** Keep the k most likely tokens, integer ≥ 0; 0 turns it off. @defaultValue 0 */
  readonly topK?: number;
  /** Nucleus mass, in (0, 1]. @defaultValue 1 */
  readonly topP?: number;
  /** CTRL repetition penalty θ, in [1, 3]. @defaultValue 1 */
  readonly repetitionPenalty?: number;
  /** Beam width, integer in [1, 64]. @defaultValue 1 */
  readonly beamWidth?: number;
  /** Validation loss of the fine-tuned model (> 0); sets the accuracy ceiling. @defaultValue the model's L* */
  readonly finetunedLoss?: number;
  /** Tokens generated per answer, integer in [1, 32768]. @defaultValue 512 */
  readonly generationLength?: number;
  /** @defaultValue "H100" */
  readonly gpu?: LlmGpu;
}

/** What the decoding surrogate reports. */
export interface LlmInferenceResult {
  readonly kind: "llm-inference";
  /** How tokens are chosen. */
  readonly mode: "greedy" | "beam" | "sampling";
  /** Task accuracy in [chance, 1]. */
  readonly accuracy: number;
  /** Share of repeated n-grams in open-ended generations, in [0, 1]. */
  readonly repetitionRate: number;
  /** Generated tokens per second for one request (memory-bound decode, 60% of bandwidth [D]). */
  readonly decodeTokensPerSecond: number;
  /** KV cache of one request at the full generation length, GB (16-bit). */
  readonly kvCacheGB: number;
}

const GREEDY_REPETITION = 0.7366;
const BEAM_EXPONENT = Math.log(GREEDY_REPETITION / 0.2894) / Math.log(16);
const SAMPLING_RATE = Math.log(GREEDY_REPETITION / 0.0036) / 0.95;

/**
 * The decoding surrogate.
 * @throws RangeError naming any invalid field and its allowed range.
 * @example llmInference({ model: "7B", temperature: 0.7, topP: 0.95 }).repetitionRate // 0.018 (greedy: 0.737)
 */
export function llmInference(config: LlmInferenceConfig): LlmInferenceResult {
  const where = "llmInference";
  const model = checkChoice(where, "model", config.model, LLM_MODEL_SIZES);
  const temperature = checkNumber(where, "temperature", config.temperature, 0, 5);
  const topK = checkInteger(where, "topK", config.topK ?? 0, 0, 1e6);
  const topP = checkNumber(where, "topP", config.topP ?? 1, 0, 1, true);
  const penalty = checkNumber(where, "repetitionPenalty", config.repetitionPenalty ?? 1, 1, 3);
  const beam = checkInteger(where, "beamWidth", config.beamWidth ?? 1, 1, 64);
  const loss = checkNumber(
    where,
    "finetunedLoss",
    config.finetunedLoss ?? LLM_CALIBRATION[model].bestLoss,
    0,
    Number.MAX_VALUE,
    true,
  );
  const length = checkInteger(where, "generationLength", config.generationLength ?? 512, 1, 32768);
  const gpu = checkChoice(where, "gpu", config.gpu ?? "H100", LLM_GPUS);

  const mode = beam > 1 ? "beam" : temperature === 0 || topK === 1 ? "greedy" : "sampling";
  const truncation = topP * (topK === 0 ? 1 : 1 - Math.exp(-topK / 20));
  let excess = accuracyFromLoss(loss) - ACCURACY_CHANCE;
  if (mode === "sampling" && temperature > 1)
    excess *= Math.exp(-((((temperature - 1) * truncation) / 0.5) ** 2));
  excess *= Math.max(0, 1 - (Math.max(0, penalty - 1.2) / 0.5) ** 2);
  let repetition: number;
  if (mode === "greedy") repetition = GREEDY_REPETITION;
  else if (mode === "beam") repetition = GREEDY_REPETITION * beam ** -BEAM_EXPONENT;
  else repetition = GREEDY_REPETITION * Math.exp(-SAMPLING_RATE * temperature * truncation);
  repetition *= Math.exp(-8 * (penalty - 1));

  const shape = QWEN25_SHAPES[model];
  const kvPerToken = 2 * shape.layers * shape.kvHeads * shape.headDim * 2; // K and V, 16-bit
  const kvBytes = kvPerToken * length * beam;
  // One sequence: each decode step reads the 16-bit weights and the cache at half length on
  // average; w beams cost w times that [D].
  const bytesPerStep = 2 * shape.params + (kvPerToken * length) / 2;
  const decodeTokensPerSecond = (0.6 * GPU_BANDWIDTH[gpu]) / bytesPerStep / beam;
  return {
    kind: "llm-inference",
    mode,
    accuracy: ACCURACY_CHANCE + excess,
    repetitionRate: repetition,
    decodeTokensPerSecond,
    kvCacheGB: kvBytes / 1e9,
  };
}
