/**
 * Loss and accuracy metrics: entropy, cross-entropy (from distributions and from logits),
 * Kullback-Leibler divergence, perplexity, accuracy and top-k accuracy. All in nats.
 * @packageDocumentation
 */
export { type AccuracyOptions, accuracy, labelAccuracy, type TieRule, topKAccuracy } from "./accuracy.js";
export {
  crossEntropy,
  crossEntropyFromLogits,
  crossEntropyPerRow,
  logSoftmax,
  perplexityFromLogits,
} from "./cross-entropy.js";
export { type DistributionOptions, entropy, perplexity } from "./entropy.js";
export { klDivergence } from "./kl-divergence.js";
export { DEFAULT_SUM_TOLERANCE } from "./validate.js";
