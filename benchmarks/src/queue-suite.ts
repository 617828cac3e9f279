/**
 * The `queue` suite of `npm run bench` (issue 15): the resource-queue simulator's scenario
 * grids (`@tunelab/runner/queue-sim`) on the LLM fine-tuning surrogate, median over seeds,
 * as terminal tables, `<out>/summary.md` and `<out>/report.html` (each table with the median
 * best value against wall-clock hours and against GPU-hours). The grids are not
 * sampler × function cells, so this suite does not go through the run planner: it is
 * dispatched by name in `cli.ts`, and `benchmarks/queue/run.ts` calls the same function.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  jobSizeScenarios,
  packingScenarios,
  parallelismScenarios,
  type QueueReportSection,
  renderQueueHtml,
  renderQueueTable,
  runScenarios,
  type Scenario,
  type ScenarioSummary,
  samplerRankingScenarios,
} from "@tunelab/runner/queue-sim";

/** The grids, in the order `all` runs them. */
export const QUEUE_GRID_NAMES: readonly string[] = ["parallelism", "packing", "job-size", "samplers"];

/** What `npm run bench -- list` prints for the suite. */
export const QUEUE_SUITE_DESCRIPTION: string =
  "resource-queue simulator (issue 15), LLM surrogate, 10 seeds: sequential/batch/async, trials per task, job size, samplers vs workers (grids: parallelism, packing, job-size, samplers)";

/** One grid: a title and its scenarios. */
export interface QueueGrid {
  readonly name: string;
  readonly title: string;
  readonly scenarios: readonly Scenario[];
}

/**
 * The grid named `name` at loss target `target`; `trials` replaces each grid's trial count
 * (64 for parallelism and job-size, 128 for packing and samplers) when given.
 * @throws RangeError naming the grids, or when `trials` is not an integer >= 1.
 */
export function queueGrid(name: string, target: number, trials?: number): QueueGrid {
  if (trials !== undefined && (!Number.isSafeInteger(trials) || trials < 1))
    throw new RangeError(`queueGrid: trials must be an integer >= 1, got ${trials}`);
  const n = (def: number): number => trials ?? def;
  switch (name) {
    case "parallelism":
      return {
        name,
        title: `1. sequential vs batch vs async, 16 workers, ${n(64)} trials, TPE, no overhead`,
        scenarios: parallelismScenarios(target, n(64), 16),
      };
    case "packing":
      return {
        name,
        title: `2. m trials per task, 16 tasks at once, ${n(128)} trials, 20-min job overhead, 10-min trials, TPE`,
        scenarios: packingScenarios(target, [1, 2, 4, 8, 16, 32], n(128), 16),
      };
    case "job-size":
      return {
        name,
        title: `3. one 8-GPU job vs eight 1-GPU jobs, load 0.8, ${n(64)} trials, 4 per GPU, default overheads, TPE`,
        scenarios: jobSizeScenarios(target, 0.8, n(64), 4),
      };
    case "samplers":
      return {
        name,
        title: `4. samplers vs asynchronous workers, ${n(128)} trials, no overhead`,
        scenarios: samplerRankingScenarios([1, 4, 16, 64], ["tpe", "tpe-no-liar", "random", "cmaes"], n(128)),
      };
    default:
      throw new RangeError(
        `queueGrid: grid must be one of ${QUEUE_GRID_NAMES.join(", ")} or all, got ${name}`,
      );
  }
}

/** Options of {@link runQueueSuite}. */
export interface QueueSuiteOptions {
  /** Grid names, or ["all"]. @defaultValue ["all"] */
  readonly grids?: readonly string[];
  /** Seeds; each fixes a whole simulation. @defaultValue 1..10 */
  readonly seeds?: readonly number[];
  /** Loss target of "time to target". @defaultValue 0.79 */
  readonly target?: number;
  /** Trials per campaign instead of each grid's own. @defaultValue unset: the grid's */
  readonly trials?: number;
  /** Folder for report.html and summary.md. @defaultValue unset: no files */
  readonly out?: string;
  /** The command line to print in summary.md. @defaultValue unset */
  readonly command?: string;
  /** Called with each grid's title, table and CPU seconds as soon as it is done. @defaultValue unset */
  readonly onGrid?: (title: string, table: string, cpuSeconds: number) => void;
  /** Called after each scenario (done, total over all grids). @defaultValue unset */
  readonly onProgress?: (done: number, total: number, scenario: string) => void;
}

/** What {@link runQueueSuite} returns. */
export interface QueueSuiteResult {
  readonly sections: QueueReportSection[];
  readonly summaries: ScenarioSummary[][];
  /** report.html and summary.md, when `out` was given. */
  readonly files: { readonly html: string; readonly markdown: string } | null;
}

/** Runs the grids one scenario after another in this thread and writes the reports. */
export async function runQueueSuite(options: QueueSuiteOptions = {}): Promise<QueueSuiteResult> {
  const seeds = options.seeds ?? Array.from({ length: 10 }, (_, i) => i + 1);
  if (seeds.length === 0) throw new RangeError("runQueueSuite: seeds must not be empty");
  const target = options.target ?? 0.79;
  if (!Number.isFinite(target))
    throw new RangeError(`runQueueSuite: target must be a finite number, got ${target}`);
  const names = options.grids ?? ["all"];
  const gridNames = names.includes("all") ? QUEUE_GRID_NAMES : [...new Set(names)];
  const grids = gridNames.map((g) => queueGrid(g, target, options.trials));
  const total = grids.reduce((s, g) => s + g.scenarios.length, 0);
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  const seedText =
    seeds.length === 1
      ? `seed ${seeds[0]}`
      : consecutive
        ? `seeds ${seeds[0]}-${seeds[seeds.length - 1]}`
        : `seeds ${seeds.join(",")}`;
  const sections: QueueReportSection[] = [];
  const summaries: ScenarioSummary[][] = [];
  let done = 0;
  for (const grid of grids) {
    const t0 = process.cpuUsage();
    const sums: ScenarioSummary[] = [];
    const runs: QueueReportSection["scenarios"][number][] = [];
    for (const sc of grid.scenarios) {
      const r = await runScenarios([sc], seeds);
      sums.push(r.summaries[0]!);
      runs.push({ name: sc.name, runs: r.runs[0]! });
      options.onProgress?.(++done, total, sc.name);
    }
    const cpu = process.cpuUsage(t0);
    const title = `${grid.title} (median over ${seedText})`;
    const table = renderQueueTable(sums);
    options.onGrid?.(title, table, (cpu.user + cpu.system) / 1e6);
    sections.push({ title, table, target: grid.scenarios[0]?.target ?? null, scenarios: runs });
    summaries.push(sums);
  }
  let files: QueueSuiteResult["files"] = null;
  if (options.out !== undefined) {
    mkdirSync(options.out, { recursive: true });
    files = { html: join(options.out, "report.html"), markdown: join(options.out, "summary.md") };
    writeFileSync(files.html, renderQueueHtml(sections));
    writeFileSync(files.markdown, queueSummaryMarkdown(sections, options.command));
  }
  return { sections, summaries, files };
}

/** summary.md: the command, then each grid's title and table. */
export function queueSummaryMarkdown(sections: readonly QueueReportSection[], command?: string): string {
  const lines = ["# queue suite: the resource-queue simulator (issue 15)", ""];
  if (command !== undefined) lines.push("```sh", command, "```", "");
  lines.push(
    "LLM fine-tuning surrogate (Qwen2.5-1.5B, 10,000 examples, H100), medians over seeds; columns as in packages/runner/src/queue-sim/README.md.",
    "",
  );
  for (const s of sections) lines.push(`## ${s.title}`, "", "```", s.table, "```", "");
  return lines.join("\n");
}
