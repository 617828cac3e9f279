/**
 * The output folder of a benchmark and the rules that keep its finished runs safe.
 *
 * - `runs.jsonl` is the record of every finished run, one JSON line each, appended as runs
 *   finish. It is only ever appended to, except by an explicit `overwrite` (which empties it)
 *   and by the repair of corrupt lines (a rewrite through a temporary file and a rename, the
 *   dropped lines saved to `runs.jsonl.bad`). A plan narrower than the file's runs leaves the
 *   other runs in place.
 * - `results.json`, `summary.md` and `report.html` describe the last plan that finished in the
 *   folder. A run removes them when it starts and writes them when it ends, each through a
 *   temporary file and a rename: they are never half-written and never describe older runs
 *   than `runs.jsonl` holds for their plan.
 * - A folder that already holds finished runs (in `runs.jsonl` or `results.json`) is used only
 *   with `resume` (keep them, run what is missing) or `overwrite` (discard them).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunRecord } from "./types.js";

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

/** A line of runs.jsonl that is not a run record (1-based line number, its text). */
export interface CorruptLine {
  readonly line: number;
  readonly text: string;
}

/** What a runs.jsonl file holds. */
export interface RunsFileContents {
  /** The run records, in file order (a cell may appear more than once, e.g. a retried error). */
  readonly records: RunRecord[];
  /** The text of each record's line, parallel to `records`. */
  readonly lines: string[];
  /** Lines that do not parse as a run record (an interrupted write, an edit by hand). */
  readonly corrupt: CorruptLine[];
  /** False when the last line lacks its newline (the next append would join it). */
  readonly endsWithNewline: boolean;
}

function isRunRecord(v: unknown): v is RunRecord {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.key === "string" && typeof r.cell === "object" && r.cell !== null && Array.isArray(r.values)
  );
}

/**
 * Reads a runs.jsonl file (missing: empty), keeping apart the lines that are not run records.
 * @example readRuns("bench-results/quick/runs.jsonl").corrupt // [{ line: 146, text: "{\"key\":\"bra" }]
 */
export function readRuns(path: string): RunsFileContents {
  const records: RunRecord[] = [];
  const lines: string[] = [];
  const corrupt: CorruptLine[] = [];
  if (!existsSync(path)) return { records, lines, corrupt, endsWithNewline: true };
  const text = readFileSync(path, "utf8");
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (isRunRecord(parsed)) {
      records.push(parsed);
      lines.push(line);
    } else corrupt.push({ line: i + 1, text: line });
  });
  return { records, lines, corrupt, endsWithNewline: text === "" || text.endsWith("\n") };
}

/** Records of a runs.jsonl file; lines that are not run records are skipped (see {@link readRuns}). */
export function readRunsFile(path: string): RunRecord[] {
  return readRuns(path).records;
}

/**
 * Writes a file through a temporary file in the same folder and a rename, so that a reader (or
 * an interruption) sees the old file or the new one, never a part.
 */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Thrown by `runBenchmark` when the output folder already holds finished runs and neither
 * `resume` nor `overwrite` was given. Nothing in the folder has been changed.
 */
export class OutputFolderInUseError extends Error {
  /** The folder (absolute). */
  readonly dir: string;
  /** Finished runs found (records in runs.jsonl, or else in results.json). */
  readonly finishedRuns: number;
  /** Which files hold them. */
  readonly sources: readonly ("runs.jsonl" | "results.json")[];
  /** What the folder holds, in words: "145 finished runs (runs.jsonl) and results.json". */
  readonly holds: string;
  constructor(dir: string, finishedRuns: number, sources: readonly ("runs.jsonl" | "results.json")[]) {
    const runs = `${finishedRuns} finished run${finishedRuns === 1 ? "" : "s"}`;
    const holds =
      sources.length === 2
        ? `${runs} (runs.jsonl) and results.json`
        : finishedRuns > 0
          ? `${runs} (${sources[0]})`
          : "a results.json whose runs cannot be read";
    super(
      `runBenchmark: ${dir} already holds ${holds}; nothing was changed. Pass resume: true to keep ` +
        "them and run only what the plan is missing, or overwrite: true to discard them (or choose " +
        "another output folder).",
    );
    this.name = "OutputFolderInUseError";
    this.dir = dir;
    this.finishedRuns = finishedRuns;
    this.sources = sources;
    this.holds = holds;
  }
}

/** Runs held by a results.json file, or null when it is missing or unreadable. */
function resultsRuns(path: string): RunRecord[] | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { runs?: unknown };
    return Array.isArray(parsed.runs) ? parsed.runs.filter(isRunRecord) : null;
  } catch {
    return null;
  }
}

/** How {@link prepareOutput} treats existing runs. */
export interface PrepareOutputOptions {
  /** Keep the finished runs and return them. @defaultValue false */
  readonly resume?: boolean;
  /** Discard the finished runs and reports. @defaultValue false */
  readonly overwrite?: boolean;
  /** Receives one message per problem found and repaired (corrupt lines). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Makes the folder ready for a run and returns the finished records to keep (empty unless
 * `resume`). Creates the folder; refuses one that holds finished runs unless `resume` or
 * `overwrite`; with `resume`, repairs runs.jsonl (corrupt lines reported with their line
 * number and set aside in runs.jsonl.bad) and adopts the runs of a results.json that has no
 * runs.jsonl beside it; removes the reports, which the run rewrites when it ends.
 * @throws OutputFolderInUseError when the folder holds finished runs and neither option is set.
 * @throws RangeError when both options are set.
 */
export function prepareOutput(files: BenchmarkFiles, options: PrepareOutputOptions = {}): RunRecord[] {
  const resume = options.resume ?? false;
  const overwrite = options.overwrite ?? false;
  if (resume && overwrite) throw new RangeError("runBenchmark: resume and overwrite exclude each other");
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const file = readRuns(files.runs);
  const fromResults = resultsRuns(files.results);
  if (!resume && !overwrite) {
    // Without finished runs (a missing, empty or wholly corrupt runs.jsonl and no results.json)
    // there is nothing to lose: the folder is used as with resume.
    const sources: ("runs.jsonl" | "results.json")[] = [];
    if (file.records.length > 0) sources.push("runs.jsonl");
    if (existsSync(files.results)) sources.push("results.json");
    if (sources.length > 0) {
      const n = sources[0] === "runs.jsonl" ? file.records.length : (fromResults?.length ?? 0);
      throw new OutputFolderInUseError(files.dir, n, sources);
    }
  }
  mkdirSync(files.dir, { recursive: true });
  const reports = [files.results, files.markdown, files.html];
  if (overwrite) {
    for (const f of [files.runs, ...reports]) rmSync(f, { force: true });
    return [];
  }
  let { records, lines } = file;
  if (file.corrupt.length > 0) {
    for (const c of file.corrupt) {
      warn(
        `${files.runs} line ${c.line} is incomplete or not a run record (an interrupted write?): ` +
          `"${c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}"; ` +
          "it is moved to runs.jsonl.bad and its run, if planned, is run again",
      );
    }
    const bad = `${files.runs}.bad`;
    const old = existsSync(bad) ? readFileSync(bad, "utf8") : "";
    writeFileAtomic(bad, old + file.corrupt.map((c) => `line ${c.line}: ${c.text}\n`).join(""));
  }
  if (fromResults === null && existsSync(files.results)) {
    // Unreadable: set aside rather than deleted, as it may be the only copy of some runs.
    renameSync(files.results, `${files.results}.unreadable`);
    warn(`${files.results} cannot be read; it is moved to results.json.unreadable`);
  }
  if (records.length === 0 && fromResults !== null && fromResults.length > 0) {
    // An output folder with results.json but no runs.jsonl: its runs become the file's records.
    records = fromResults;
    lines = fromResults.map((r) => JSON.stringify(r));
    warn(`${files.runs}: taking the ${records.length} runs of results.json as finished runs`);
  }
  if (file.corrupt.length > 0 || !file.endsWithNewline || lines !== file.lines) {
    writeFileAtomic(files.runs, lines.map((l) => `${l}\n`).join(""));
  }
  for (const f of reports) rmSync(f, { force: true });
  return records;
}
