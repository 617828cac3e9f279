/**
 * `tunelab slurm status`: the study's trials by state and its best value, and the tasks of
 * its job arrays by state. This file declares the command; the work is in `status.ts`,
 * loaded when the command runs.
 */

import type { JsonValue } from "@tunelab/study";
import { type Command, Option } from "commander";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues } from "../options/study-options.js";
import type { ArrayTasks } from "./array-tasks.js";
import type { SubmittedJobRecord } from "./job-record.js";

/** The options of `tunelab slurm status`. */
export interface StatusOptionValues extends StudyOptionValues {
  /** `--job`: job ids to show. @defaultValue the jobs `slurm submit` recorded in the study */
  readonly job?: readonly string[];
  /** `--tasks`: list every task, not only the counts. @defaultValue false */
  readonly tasks?: boolean;
  /** `--format`. @defaultValue "table" */
  readonly format?: "table" | "json";
}

const HELP_AFTER = `
Without --job it shows the arrays that \`tunelab slurm submit\` recorded in the study. Task
states come from sacct (SLURM's accounting: every task, finished ones included) when the
cluster keeps accounting, otherwise from squeue, which lists pending and running tasks and
finished ones only for a few minutes after they end (MinJobAge, 300 s by default).

Examples:
  $ tunelab slurm status --storage journal:/shared/hpo/study.log --study lr
  $ tunelab slurm status --study lr --job 4242 --tasks
  $ tunelab slurm status --study lr --format json

Exit codes: 0 shown, 1 the study cannot be opened or SLURM's commands are missing, 2 a wrong
command line.`;

/** Adds `status` to the `slurm` command. */
export function registerSlurmStatus(slurm: Command, io: CliIo): void {
  const cmd = slurm
    .command("status")
    .description("the study's trials by state and best value, and its job arrays' tasks by state");
  addStudyOptions(cmd)
    .option(
      "--job <id>",
      "a job id to show (repeatable; default: the jobs submitted for the study)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--tasks", "list every task with its state, time used and node")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .addHelpText("after", HELP_AFTER)
    .action(async (opts: StatusOptionValues) => {
      const { status } = await import("./status.js");
      await status(opts, io);
    });
}

/** What `slurm status` shows, as `--format json` writes it. */
export interface SlurmStatus {
  readonly study: string;
  readonly trials: Readonly<Record<string, number>>;
  readonly best: {
    readonly number: number;
    readonly values: readonly number[];
    readonly params: JsonValue;
  } | null;
  readonly jobs: readonly JobStatus[];
}

/** One job array in {@link SlurmStatus}. */
export interface JobStatus extends ArrayTasks {
  readonly record: SubmittedJobRecord | null;
  readonly states: Readonly<Record<string, number>>;
  readonly note: string;
}
