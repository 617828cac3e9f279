/**
 * The LLM fine-tuning surrogate: learning curves, final metrics and cost of supervised
 * fine-tuning (full, LoRA, QLoRA), an RL variant (gold reward vs KL coefficient), an
 * inference variant (decoding settings), and the test functions built on them.
 * See `test-functions/LLM-SURROGATE.md`.
 * @packageDocumentation
 */
export {
  LLM_FINETUNE_DEFAULTS,
  LLM_GPUS,
  LLM_METHODS,
  LLM_OPTIMIZERS,
  LLM_PRECISIONS,
  LLM_SCHEDULES,
  type LlmFinetuneConfig,
  type LlmGpu,
  type LlmMethod,
  type LlmOptimizer,
  type LlmPrecision,
  type LlmSchedule,
  type ResolvedLlmFinetuneConfig,
  resolveLlmFinetuneConfig,
} from "./config.js";
export {
  GPU_MEMORY_GB,
  type LlmMemoryBreakdown,
  type LlmThroughput,
  llmMemoryBreakdown,
  llmThroughput,
} from "./cost.js";
export {
  accuracyFromLoss,
  LLM_REFERENCE_RUN,
  type LlmConfigWithoutLr,
  type LlmFinetuneResult,
  type LlmLossConstants,
  type LlmModelConstants,
  llmFinetune,
  llmLossConstants,
  llmNoiseFreeLoss,
  llmNominalLearningRate,
  llmOptimalLearningRate,
} from "./finetune.js";
export { type LlmInferenceConfig, type LlmInferenceResult, llmInference } from "./inference.js";
export {
  LLM_CALIBRATION,
  LLM_MODEL_SIZES,
  type LlmModelCalibration,
  type LlmModelShape,
  type LlmModelSize,
  loraParamsPerRank,
  QWEN25_SHAPES,
} from "./models.js";
export { goldReward, type LlmRlConfig, type LlmRlResult, llmRlFinetune } from "./rl.js";
export {
  LLM_COST_SPACE,
  LLM_LOSS_SPACE,
  type LlmCurve,
  type LlmFinetuneCostFunction,
  type LlmFinetuneLossFunction,
  type LlmSurrogateAccessors,
  type LlmTestFunctionOptions,
  llmFinetuneLoss,
  llmFinetuneLossConstrained,
  llmFinetuneLossVsCost,
} from "./test-functions.js";
export {
  type LlmFinetuneCostCurveFunction,
  type LlmVectorCurve,
  llmFinetuneLossVsCostCurves,
} from "./vector-curve.js";
