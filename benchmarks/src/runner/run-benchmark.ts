/**
 * Runs a planned benchmark: resumes from the records already in `<out>/runs.jsonl`, runs the
 * remaining cells over the pool (appending each record to that file as it completes, so an
 * interrupted run loses at most the runs in flight), then summarizes and writes the results:
 * `results.json`, `summary.md` and `report.html`.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import { type BenchmarkSummary, summarizeRecords } from "../report/summary.js";
import { methodLabel } from "../samplers/registry.js";
import type { Executor } from "./executors.js";
import type { ResolvedPlan } from "./plan.js";
import { runPool } from "./pool.js";
import { cellKey, type RunRecord } from "./types.js";

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

/** Options of {@link runBenchmark}. */
export interface RunBenchmarkOptions {
  /** Output folder (created). */
  readonly out: string;
  /** Parallel runs (worker threads / Python processes). @defaultValue 1 */
  readonly parallel?: number;
  /** Force worker threads with parallel 1. @defaultValue false */
  readonly threads?: boolean;
  /** Reuse records of `<out>/runs.jsonl` whose cell is planned. @defaultValue false */
  readonly resume?: boolean;
  /** Builds an Optuna executor; null when the peer is unavailable. */
  readonly optunaExecutor?: (() => Executor) | null;
  /** What the peer check said (shown in reports). */
  readonly peer?: { readonly requested: boolean; readonly available: boolean; readonly message: string };
  /** Called after each record (done, total, record). */
  readonly onProgress?: (done: number, total: number, record: RunRecord, all: readonly RunRecord[]) => void;
  /** The command line, recorded in the results. @defaultValue "" */
  readonly command?: string;
}

/** Paths of the files a benchmark writes. */
export interface BenchmarkFiles {
  readonly dir: string;
  readonly runs: string;
  readonly results: string;
  readonly markdown: string;
  readonly html: string;
}

/** The files of an output folder. */
export function benchmarkFiles(out: string): BenchmarkFiles {
  const dir = resolve(out);
  return {
    dir,
    runs: join(dir, "runs.jsonl"),
    results: join(dir, "results.json"),
    markdown: join(dir, "summary.md"),
    html: join(dir, "report.html"),
  };
}

/** Records of a runs.jsonl file (a torn last line from an interruption is ignored). */
export function readRunsFile(path: string): RunRecord[] {
  if (!existsSync(path)) return [];
  const out: RunRecord[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line) as RunRecord);
    } catch {
      // an interrupted write: that run is simply run again
    }
  }
  return out;
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
 * Runs the plan and writes the results. Returns the results and the file paths.
 * @throws Error if the output folder cannot be written.
 */
export async function runBenchmark(
  plan: ResolvedPlan,
  options: RunBenchmarkOptions,
): Promise<{ results: BenchmarkResults; files: BenchmarkFiles }> {
  const files = benchmarkFiles(options.out);
  mkdirSync(files.dir, { recursive: true });
  const planned = new Map(plan.cells.map((c) => [cellKey(c), c]));
  const done = new Map<string, RunRecord>();
  if (options.resume) {
    for (const r of readRunsFile(files.runs)) {
      // Keep completed and skipped records; an error is worth another try.
      if (planned.has(r.key) && r.error === null) done.set(r.key, r);
    }
  } else {
    writeFileSync(files.runs, "");
  }
  if (options.resume) {
    // Rewrite the file with only the kept records, so it never holds duplicates.
    writeFileSync(files.runs, [...done.values()].map((r) => `${JSON.stringify(r)}\n`).join(""));
  }
  const resumedRuns = done.size;
  const todo = plan.cells.filter((c) => !done.has(cellKey(c)));
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
  writeFileSync(files.results, `${JSON.stringify(results)}\n`);
  writeFileSync(files.markdown, renderMarkdown(results));
  writeFileSync(files.html, renderHtml(results));
  return { results, files };
}

/**
 * Recomputes the summary of a results file from its runs and rewrites its summary.md and
 * report.html (after a change to the statistics or the reports; the runs are not repeated).
 * @throws Error if `dir` has no readable results.json.
 */
export function rerenderReports(dir: string): BenchmarkFiles {
  const files = benchmarkFiles(dir);
  const old = JSON.parse(readFileSync(files.results, "utf8")) as BenchmarkResults;
  const results: BenchmarkResults = { ...old, summary: summarizeRecords(old.runs, planMethods(old.plan)) };
  writeFileSync(files.results, `${JSON.stringify(results)}\n`);
  writeFileSync(files.markdown, renderMarkdown(results));
  writeFileSync(files.html, renderHtml(results));
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
