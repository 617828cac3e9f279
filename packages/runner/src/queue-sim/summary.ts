/**
 * Summaries of simulated runs over seeds, and the terminal table.
 *
 * Every figure is the median over the seeds of one scenario (Hyndman and Fan's type 7
 * quantile, linear interpolation, R's default). Time to target is the median over seeds
 * counting a seed that never reached the target as +Infinity, so the median is finite only
 * when at least half the seeds reached it; `reached` says how many did.
 */
import { median } from "@tunelab/math/stats";
import { type ProgressPoint, type SimulationResult, timeToTarget } from "./simulate.js";

/** The medians of one scenario over its seeds. */
export interface ScenarioSummary {
  readonly kind: "queue-sim-summary";
  readonly name: string;
  readonly seeds: number;
  /** Median best value at the end. */
  readonly best: number;
  /** Median wall-clock hours, first submission to last job end. */
  readonly hours: number;
  /** Median GPU-hours held (overhead and idle slots included). */
  readonly gpuHours: number;
  /** Median shares of held GPU time: computing, overhead, idle. */
  readonly computeShare: number;
  readonly overheadShare: number;
  readonly idleShare: number;
  /** Median mean queue wait per job, hours. */
  readonly queueHours: number;
  /** Median time-averaged share of the account's GPUs held (NaN without a GPU count). */
  readonly utilization: number;
  /** The target, if one was given. */
  readonly target: number | null;
  /** Seeds whose best reached the target. */
  readonly reached: number;
  /** Median wall-clock hours and GPU-hours to the target (Infinity if fewer than half reached it). */
  readonly hoursToTarget: number;
  readonly gpuHoursToTarget: number;
}

/**
 * Summarizes the runs of one scenario (one per seed).
 * @throws RangeError when `runs` is empty.
 */
export function summarizeScenario(
  name: string,
  runs: readonly SimulationResult[],
  target: number | null = null,
): ScenarioSummary {
  if (runs.length === 0)
    throw new RangeError(`summarizeScenario: runs must not be empty (scenario "${name}")`);
  const med = (f: (r: SimulationResult) => number): number => median(runs.map(f));
  const hits: (ProgressPoint | null)[] =
    target === null ? [] : runs.map((r) => timeToTarget(r.progress, target));
  return {
    kind: "queue-sim-summary",
    name,
    seeds: runs.length,
    best: med((r) => r.best),
    hours: med((r) => r.makespan / 3600),
    gpuHours: med((r) => r.gpuHours),
    computeShare: med((r) => r.computeShare),
    overheadShare: med((r) => r.overheadShare),
    idleShare: med((r) => r.idleShare),
    queueHours: med((r) => r.meanQueueSeconds / 3600),
    utilization: med((r) => r.utilization),
    target,
    reached: hits.filter((h) => h !== null).length,
    hoursToTarget:
      target === null ? Number.NaN : median(hits.map((h) => (h === null ? Infinity : h.time / 3600))),
    gpuHoursToTarget:
      target === null ? Number.NaN : median(hits.map((h) => (h === null ? Infinity : h.gpuHours))),
  };
}

function fmt(x: number, digits: number): string {
  if (Number.isNaN(x)) return "-";
  if (x === Number.POSITIVE_INFINITY) return "never";
  return x.toFixed(digits);
}

/**
 * A plain-text table of scenario summaries, one row each, columns aligned.
 * @example console.log(renderQueueTable([summarizeScenario("async-16", runs, 0.80)]))
 */
export function renderQueueTable(rows: readonly ScenarioSummary[]): string {
  const head = [
    "scenario",
    "best",
    "wall h",
    "GPU-h",
    "compute",
    "overhead",
    "idle",
    "queue h/job",
    "target",
    "reached",
    "h to target",
    "GPU-h to target",
  ];
  const body = rows.map((r) => [
    r.name,
    fmt(r.best, 4),
    fmt(r.hours, 2),
    fmt(r.gpuHours, 2),
    `${fmt(100 * r.computeShare, 0)}%`,
    `${fmt(100 * r.overheadShare, 0)}%`,
    `${fmt(100 * r.idleShare, 0)}%`,
    fmt(r.queueHours, 2),
    r.target === null ? "-" : fmt(r.target, 4),
    r.target === null ? "-" : `${r.reached}/${r.seeds}`,
    fmt(r.hoursToTarget, 2),
    fmt(r.gpuHoursToTarget, 2),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((row) => row[j]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
