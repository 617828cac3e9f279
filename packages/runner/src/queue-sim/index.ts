/**
 * `@tunelab/runner/queue-sim`: the resource-queue simulator (issue 15). A real study (any
 * sampler, any pruner) driven with ask/tell on a virtual clock over a modelled GPU cluster:
 * job overheads, queue waits, account limits; sequential, batch and asynchronous evaluation,
 * job arrays with several trials per task. See this folder's README.
 * @packageDocumentation
 */

export {
  type Evaluation,
  type EvaluationModel,
  type LlmModelOptions,
  llmModel,
  suggestDeclaredSpace,
  type TestFunctionModelOptions,
  testFunctionModel,
} from "./evaluation.js";
export { EventQueue, type QueuedEvent } from "./event-queue.js";
export {
  EVIDENCE_SAMPLERS,
  jobSizeScenarios,
  packingScenarios,
  parallelismScenarios,
  runScenarios,
  type Scenario,
  samplerRankingScenarios,
} from "./evidence.js";
export {
  checkDurationDistribution,
  DEFAULT_OVERHEAD,
  type DurationDistribution,
  drawDuration,
  fixedJobOverhead,
  meanDuration,
  NO_OVERHEAD,
  type OverheadModel,
  resolveOverhead,
} from "./overhead.js";
export { type CampaignPlan, type PlanCandidate, type PlanOptions, planCampaign } from "./plan.js";
export {
  curvesSvg,
  type MedianCurve,
  medianCurve,
  type QueueReportSection,
  renderQueueHtml,
} from "./plot.js";
export {
  DEFAULT_QUEUE,
  meanQueueWait,
  type QueueModel,
  queueWait,
  type ResolvedQueueModel,
  resolveQueueModel,
} from "./queue-wait.js";
export {
  type ClusterModel,
  type JobShape,
  type ProgressPoint,
  type SimulationMode,
  type SimulationOptions,
  type SimulationResult,
  simulate,
  type TraceEvent,
  timeToTarget,
} from "./simulate.js";
export { renderQueueTable, type ScenarioSummary, summarizeScenario } from "./summary.js";
