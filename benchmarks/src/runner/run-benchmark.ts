/**
 * Runs a planned benchmark: prepares the output folder (`output.ts`: refuses one that holds
 * finished runs unless told to resume or overwrite; with resume, keeps every finished record of
 * `<out>/runs.jsonl`, including those of cells outside the plan), runs the plan's missing cells
 * over the pool (appending each record to that file as it completes, so an interrupted run
 * loses at most the runs in flight), then summarizes the plan's cells and writes the results:
 * `results.json`, `summary.md` and `report.html`, each atomically.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import { type BenchmarkSummary, summarizeRecords } from "../report/summary.js";
import { methodLabel } from "../samplers/registry.js";
import type { CellExecutor } from "./executors.js";
import { type BenchmarkFiles, benchmarkFiles, prepareOutput, writeFileAtomic } from "./output.js";
import type { ResolvedPlan } from "./plan.js";
import { runPool } from "./pool.js";
import { cellKey, type RunCell, type RunRecord } from "./types.js";

/** Schema tag of results.json. */
export const RESULTS_SCHEMA = "tunelab-bench/1";

/** The results file. */
export interface BenchmarkResults {
  readonly schema: string;
  readonly plan: Omit<ResolvedPlan, "cells">;
  /** Every planned cell's record, in plan order. */
  readonly runs: RunRecord[];
  readonly summary: BenchmarkSummary;
  /** Run conditions and timings: not a function of the plan. */
  readonly meta: {
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly wallSeconds: number;
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly parallel: number;
    readonly resumedRuns: number;
    readonly peer: { readonly requested: boolean; readonly available: boolean; readonly message: string };
    readonly command: string;
  };
}

export {
  type BenchmarkFiles,
  benchmarkFiles,
  type CorruptLine,
  OutputFolderInUseError,
  type RunsFileContents,
  readRuns,
  readRunsFile,
} from "./output.js";

/** Options of {@link runBenchmark}. */
export interface RunBenchmarkOptions {
  /** Output folder (created). */
  readonly out: string;
  /** Parallel runs (worker threads / Python processes). @defaultValue 1 */
  readonly parallel?: number;
  /** Force worker threads with parallel 1. @defaultValue false */
  readonly threads?: boolean;
  /**
   * Keep the finished runs of `<out>/runs.jsonl` (all of them, planned or not) and run only the
   * planned cells without a finished record (a record with an error is run again).
   * @defaultValue false
   */
  readonly resume?: boolean;
  /**
   * Discard the runs and reports already in `<out>`. Without `resume` or `overwrite`, a folder
   * that holds finished runs is refused ({@link OutputFolderInUseError}).
   * @defaultValue false
   */
  readonly overwrite?: boolean;
  /** Receives warnings about the output folder (corrupt lines of runs.jsonl). @defaultValue console.warn */
  readonly onWarning?: (message: string) => void;
  /** Builds an Optuna executor; null when the peer is unavailable. */
  readonly optunaExecutor?: (() => CellExecutor) | null;
  /** What the peer check said (shown in reports). */
  readonly peer?: { readonly requested: boolean; readonly available: boolean; readonly message: string };
  /**
   * Called once the output folder is ready, before the first run: the planned runs already
   * finished (kept from runs.jsonl) and the planned runs in all.
   */
  readonly onStart?: (resumed: number, total: number) => void;
  /** Called after each record (done, total, record). */
  readonly onProgress?: (done: number, total: number, record: RunRecord, all: readonly RunRecord[]) => void;
  /** The command line, recorded in the results. @defaultValue "" */
  readonly command?: string;
}

/** The method labels of a plan, tunelab first, in registry order (the order of tables). */
export function planMethods(plan: Pick<ResolvedPlan, "samplers" | "pruners">): string[] {
  const out: string[] = [];
  for (const side of ["tunelab", "optuna"] as const) {
    for (const sampler of plan.samplers[side]) {
      for (const pruner of plan.pruners) {
        const label = methodLabel({ side, sampler, pruner });
        if (!out.includes(label)) out.push(label);
      }
    }
  }
  return out;
}

/**
 * The finished record of each key among `records`: the first without an error, else the last
 * with one (so a run that failed and then succeeded counts once, as the success).
 */
function finishedByKey(records: readonly RunRecord[]): Map<string, RunRecord> {
  const out = new Map<string, RunRecord>();
  for (const r of records) {
    const had = out.get(r.key);
    if (had === undefined || had.error !== null) out.set(r.key, r);
  }
  return out;
}

/**
 * Runs the plan and writes the results. Returns the results and the file paths.
 * @throws RangeError if the plan has no cells or lists a cell twice, or if `resume` and
 * `overwrite` are both set.
 * @throws OutputFolderInUseError if `<out>` holds finished runs and neither `resume` nor
 * `overwrite` is set (nothing is changed).
 * @throws Error if the output folder cannot be written.
 */
export async function runBenchmark(
  plan: ResolvedPlan,
  options: RunBenchmarkOptions,
): Promise<{ results: BenchmarkResults; files: BenchmarkFiles }> {
  if (plan.cells.length === 0) throw new RangeError("runBenchmark: the plan has no runs");
  const planned = new Map<string, RunCell>();
  for (const c of plan.cells) {
    const key = cellKey(c);
    if (planned.has(key)) throw new RangeError(`runBenchmark: the plan lists the run ${key} twice`);
    planned.set(key, c);
  }
  const files = benchmarkFiles(options.out);
  const kept = prepareOutput(files, {
    resume: options.resume ?? false,
    overwrite: options.overwrite ?? false,
    ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}),
  });
  const done = new Map<string, RunRecord>();
  for (const [key, r] of finishedByKey(kept)) {
    // Keep completed and skipped records of planned cells; an error is worth another try.
    if (planned.has(key) && r.error === null) done.set(key, r);
  }
  const resumedRuns = done.size;
  const todo = plan.cells.filter((c) => !done.has(cellKey(c)));
  options.onStart?.(resumedRuns, plan.cells.length);
  const startedAt = new Date();
  const all: RunRecord[] = [...done.values()];
  await runPool(todo, {
    parallel: options.parallel ?? 1,
    threads: options.threads ?? false,
    optunaExecutor: options.optunaExecutor ?? null,
    onRecord: (r) => {
      appendFileSync(files.runs, `${JSON.stringify(r)}\n`);
      done.set(r.key, r);
      all.push(r);
      options.onProgress?.(all.length, plan.cells.length, r, all);
    },
  });
  const runs = plan.cells.map((c) => done.get(cellKey(c))!);
  const summary = summarizeRecords(runs, planMethods(plan));
  const finishedAt = new Date();
  const { cells: _cells, ...planInfo } = plan;
  const results: BenchmarkResults = {
    schema: RESULTS_SCHEMA,
    plan: planInfo,
    runs,
    summary,
    meta: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      wallSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      parallel: options.parallel ?? 1,
      resumedRuns,
      peer: options.peer ?? { requested: false, available: false, message: "not requested" },
      command: options.command ?? "",
    },
  };
  await writeReports(files, results);
  return { results, files };
}

/** Writes results.json, summary.md and report.html, each atomically. */
async function writeReports(files: BenchmarkFiles, results: BenchmarkResults): Promise<void> {
  writeFileAtomic(files.results, `${JSON.stringify(results)}\n`);
  writeFileAtomic(files.markdown, renderMarkdown(results));
  writeFileAtomic(files.html, await renderHtml(results));
}

/**
 * Recomputes the summary of a results file from its runs and rewrites its summary.md and
 * report.html (after a change to the statistics or the reports; the runs are not repeated).
 * @throws Error if `dir` has no readable results.json (e.g. a run that was interrupted: resuming
 * it writes one).
 */
export async function rerenderReports(dir: string): Promise<BenchmarkFiles> {
  const files = benchmarkFiles(dir);
  if (!existsSync(files.results)) {
    throw new Error(
      `rerenderReports: ${files.dir} has no results.json${existsSync(files.runs) ? " (an interrupted run? resume it to finish it and write its results)" : ""}`,
    );
  }
  const old = JSON.parse(readFileSync(files.results, "utf8")) as BenchmarkResults;
  const results: BenchmarkResults = { ...old, summary: summarizeRecords(old.runs, planMethods(old.plan)) };
  await writeReports(files, results);
  return files;
}

/**
 * The results without what depends on the machine and the moment: `meta`, each run's
 * `samplerMs` and `wallMs`, and the summary's sampler timing. Two runs of the same plan give
 * equal stripped results.
 */
export function stripTimings(results: BenchmarkResults): unknown {
  const { meta: _meta, summary, runs, ...rest } = results;
  const { timing: _timing, ...summaryRest } = summary;
  return {
    ...rest,
    summary: summaryRest,
    runs: runs.map(({ samplerMs: _s, wallMs: _w, ...r }) => r),
  };
}
