/**
 * Statistics of samples: quantiles (sorted, or by selection), quartile summaries, average
 * ranks, and the rank tests of SciPy 1.10.1 — Wilcoxon signed-rank, Mann-Whitney U, Friedman
 * with Conover's post-hoc test and Holm's adjustment — used by the benchmark reports and the
 * pruners.
 * @packageDocumentation
 */
export { type Summary, sortedFinite, summarize } from "./descriptive.js";
export { type ConoverResult, conoverFriedman, type FriedmanResult, friedmanTest, holm } from "./friedman.js";
export {
  MANN_WHITNEY_EXACT_MAX_N,
  type MannWhitneyAlternative,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  mannWhitneyCountAtMost,
  mannWhitneyU,
} from "./mann-whitney.js";
export { median, type QuantileMethod, type QuantileOptions, quantile, quantileSorted } from "./quantile.js";
export { quickselect } from "./quickselect.js";
export { averageRanks, blockRanks } from "./ranks.js";
export {
  WILCOXON_EXACT_MAX_N,
  type WilcoxonAlternative,
  type WilcoxonOptions,
  type WilcoxonResult,
  wilcoxonSignedRank,
} from "./wilcoxon.js";
