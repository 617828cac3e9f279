/**
 * `@tunelab/benchmarks`: suites, the parallel runner, statistics and reports that compare
 * samplers on test functions and the LLM fine-tuning surrogate (`npm run bench`).
 * @packageDocumentation
 */

// The statistical tests and quantiles live in @tunelab/math/stats; re-exported here for the
// scripts (benchmarks/compare, papers) that import them with the rest of the benchmark.
export {
  averageRanks,
  blockRanks,
  conoverFriedman,
  friedmanTest,
  holm,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  mannWhitneyU,
  median,
  quantileSorted,
  summarize,
  type WilcoxonOptions,
  type WilcoxonResult,
  wilcoxonSignedRank,
} from "@tunelab/math/stats";
export { checkOptunaPeer, evaluateInPython, OptunaExecutor, type PeerStatus } from "./peers/optuna.js";
export {
  type BenchmarkProblem,
  benchmarkProblem,
  problemObjective,
  suggestSpace,
} from "./problems/problem.js";
export { resolveProblem } from "./problems/registry.js";
export { renderHtml } from "./report/html.js";
export { renderMarkdown } from "./report/markdown.js";
export { type BenchmarkSummary, summarizeRecords } from "./report/summary.js";
export { renderTerminal } from "./report/terminal.js";
export { type PlanOptions, planBenchmark, type ResolvedPlan } from "./runner/plan.js";
export { runPool } from "./runner/pool.js";
export {
  type BenchmarkResults,
  benchmarkFiles,
  OutputFolderInUseError,
  readRuns,
  readRunsFile,
  rerenderReports,
  runBenchmark,
  stripTimings,
} from "./runner/run-benchmark.js";
export { runTunelabCell } from "./runner/run-cell.js";
export { cellKey, type RunCell, type RunRecord } from "./runner/types.js";
export {
  type MethodId,
  methodLabel,
  SAMPLERS,
  type SamplerContext,
  type SamplerEntry,
  type SamplerSide,
} from "./samplers/registry.js";
export { hypervolume, nonDominated } from "./stats/hypervolume.js";
export { PRUNERS, type PrunerEntry } from "./suites/pruners.js";
export { SUITE_NAMES, SUITES, type SuiteDefinition, suiteByName } from "./suites/suites.js";
