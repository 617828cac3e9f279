/**
 * What `tunelab slurm status` does: reads the study (trial counts by state, best trial) and
 * the jobs recorded in it or named with `--job`, asks SLURM for their tasks, and prints a
 * table or JSON.
 */
import type { FrozenTrial, JsonValue, Study } from "@tunelab/study";
import { UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { withStudy } from "../options/open-study.js";
import { studyTarget } from "../options/study-options.js";
import { type ArrayTasks, countTaskStates, queryArrayTasks } from "./array-tasks.js";
import { recordedJobs, type SubmittedJobRecord } from "./job-record.js";
import type { JobStatus, SlurmStatus, StatusOptionValues } from "./status-command.js";

/** The trial states, in the order they are shown. */
const TRIAL_STATES = ["COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"] as const;

/**
 * Runs `tunelab slurm status`.
 * @throws UsageError for a `--job` that is not a job id; CliError when the study cannot be
 *   opened or squeue is not on PATH.
 */
export async function status(opts: StatusOptionValues, io: CliIo): Promise<void> {
  const target = studyTarget(opts, io);
  for (const id of opts.job ?? []) {
    if (!/^\d+$/.test(id.trim()))
      throw new UsageError(`--job: expected a SLURM job id such as 4242, got ${JSON.stringify(id)}`);
  }
  const { summary, records } = await withStudy(target, io, {}, async (study) => ({
    summary: studySummary(study),
    records: recordedJobs(study.systemAttrs),
  }));
  const wanted: { id: string; record: SubmittedJobRecord | null }[] =
    opts.job === undefined
      ? records.map((r) => ({ id: r.jobId, record: r }))
      : opts.job.map((id) => ({ id: id.trim(), record: records.find((r) => r.jobId === id.trim()) ?? null }));
  const jobs: JobStatus[] = [];
  for (const { id, record } of wanted) {
    const tasks = await queryArrayTasks(id, io.env);
    jobs.push({
      ...tasks,
      record,
      states: Object.fromEntries(countTaskStates(tasks.tasks)),
      note: sourceNote(tasks),
    });
  }
  const result: SlurmStatus = { ...summary, jobs };
  if (opts.format === "json") {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.stdout.write(renderStatus(result, opts.tasks === true, opts.job === undefined));
}

function studySummary(study: Study): Omit<SlurmStatus, "jobs"> {
  const trials: Record<string, number> = {};
  for (const s of TRIAL_STATES) trials[s] = 0;
  for (const t of study.trials) trials[t.state] = (trials[t.state] ?? 0) + 1;
  let best: FrozenTrial | null = null;
  if (study.directions.length === 1 && (trials.COMPLETE ?? 0) > 0) {
    try {
      best = study.bestTrial;
    } catch {
      best = null;
    }
  }
  return {
    study: study.studyName,
    trials,
    best:
      best === null
        ? null
        : { number: best.number, values: best.values ?? [], params: best.params as unknown as JsonValue },
  };
}

function sourceNote(t: ArrayTasks): string {
  switch (t.source) {
    case "sacct":
      return "from sacct";
    case "squeue":
      return "from squeue (sacct is not available: finished tasks are listed only for MinJobAge after they end, 300 s by default)";
    case "none":
      return "not known to sacct or squeue (no accounting here, and squeue forgets a job MinJobAge after it ends, 300 s by default)";
  }
}

/** The table form of `slurm status`. */
export function renderStatus(s: SlurmStatus, listTasks: boolean, fromRecords: boolean): string {
  const lines: string[] = [];
  const total = Object.values(s.trials).reduce((a, b) => a + b, 0);
  lines.push(`study ${JSON.stringify(s.study)}: ${total} trial(s)`);
  lines.push(
    `  ${Object.entries(s.trials)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  if (s.best !== null) {
    lines.push(
      `  best: trial ${s.best.number}, value ${s.best.values.join(", ")}, params ${JSON.stringify(s.best.params)}`,
    );
  }
  if (s.jobs.length === 0 && fromRecords) {
    lines.push(
      "no SLURM jobs recorded for this study (tunelab slurm submit records them; name one with --job ID)",
    );
  }
  for (const j of s.jobs) {
    const count = j.tasks.reduce((a, t) => a + t.count, 0);
    const about =
      j.record === null
        ? ""
        : ` (array ${j.record.array}, ${j.record.trialsPerTask} trial(s) per task, submitted ${j.record.submitted})`;
    lines.push(`job ${j.jobId}${about}: ${count} task(s), ${j.note}`);
    if (count > 0)
      lines.push(
        `  ${Object.entries(j.states)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      );
    if (listTasks) {
      for (const t of j.tasks) {
        lines.push(`  ${[t.id, t.state, t.elapsed, t.nodes, t.detail].filter((x) => x !== "").join("  ")}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
