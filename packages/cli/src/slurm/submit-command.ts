/**
 * `tunelab slurm submit`: writes the sbatch script of a job array of workers on one study
 * and submits it (`--dry-run` prints it instead). This file declares the command; the work is
 * in `submit.ts`, loaded when the command runs, so that other commands (a shell loop of
 * `tunelab ask`) do not pay for loading it.
 */
import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues } from "../options/study-options.js";

/** The options of `tunelab slurm submit` (commander's camel-cased keys). */
export interface SubmitOptionValues extends StudyOptionValues {
  /** `--array`: SLURM's task indices with an optional `%K` limit. Required. */
  readonly array?: string;
  /** `--trials-per-task`: trials each task's worker runs. Required. */
  readonly trialsPerTask?: string;
  /** `--time`: the time limit of each task. @defaultValue the partition's default */
  readonly time?: string;
  /** `--partition`. @defaultValue the cluster's default partition */
  readonly partition?: string;
  /** `--gpus`: GPUs of each task (`2`, `a100:2`). @defaultValue none */
  readonly gpus?: string;
  /** `--cpus-per-task`. @defaultValue the cluster's default (1) */
  readonly cpusPerTask?: string;
  /** `--mem`: memory of each task (`16G`). @defaultValue the cluster's default */
  readonly mem?: string;
  /** `--job-name`. @defaultValue `tunelab-<study>` */
  readonly jobName?: string;
  /**
   * `--signal-before`: seconds before the time limit at which the worker gets SIGTERM.
   * @defaultValue 120, or a quarter of `--time` when that is shorter
   */
  readonly signalBefore?: string;
  /** `--requeue`: let SLURM requeue a task after pre-emption or a node failure. @defaultValue false */
  readonly requeue?: boolean;
  /** `--sbatch-arg`: further sbatch options, one per flag. @defaultValue [] */
  readonly sbatchArg?: readonly string[];
  /** `--output`: directory of the script and the task logs. @defaultValue `./tunelab-slurm` */
  readonly output?: string;
  /** `--tunelab`: how the job runs tunelab. @defaultValue this Node.js and this package's dist/bin.js, by absolute path */
  readonly tunelab?: string;
  /** `--dry-run`: print the script, submit nothing. @defaultValue false */
  readonly dryRun?: boolean;
}

/** The default of `--signal-before`, in seconds. */
export const DEFAULT_SIGNAL_BEFORE = 120;
/** The default of `--output`. */
export const DEFAULT_OUTPUT_DIR = "tunelab-slurm";

/** A command line shown in errors about a missing option or `--`. */
export const SUBMIT_EXAMPLE =
  "tunelab slurm submit --storage journal:./study.log --study lr --array 0-9%4 --trials-per-task 5 --search-space @space.json -- python train.py";

const HELP_AFTER = `
Each array task runs one \`tunelab worker\` that runs --trials-per-task trials in one
process, so the task's start-up (node preparation, imports, loading the model) is paid once
per task. Options of \`tunelab worker\` (--search-space, --persistent, --trial-timeout,
heartbeats, ...) given here are passed to every task's worker; see \`tunelab worker --help\`.

The script is written to --output as <job-name>-<job id>.sbatch beside the task logs
<job-name>-<job id>_<task>.out; the job id alone goes to standard output. The worker gets
SIGTERM --signal-before seconds before the time limit (and on scancel or pre-emption) and
hands its running trial back.

Examples:
  $ tunelab slurm submit --storage journal:/shared/hpo/study.log --study lr \\
      --array 0-19%4 --trials-per-task 10 --time 4:00:00 --partition gpu --gpus 1 \\
      --search-space @space.json --persistent -- python train.py --epochs 3
  $ tunelab slurm submit --study lr --array 0-3 --trials-per-task 5 --search-space @space.json \\
      --dry-run -- ./objective.sh
  $ tunelab slurm submit --study lr --array 1,3,5 --trials-per-task 2 --search-space @space.json \\
      --sbatch-arg=--account=ml --sbatch-arg=--qos=high -- python train.py

Exit codes: 0 submitted (or printed), 1 sbatch refused the job or the study cannot be opened,
2 a wrong command line.`;

/** Adds `submit` to the `slurm` command. */
export function registerSlurmSubmit(slurm: Command, io: CliIo): void {
  const cmd = slurm
    .command("submit")
    .description("write the sbatch script of a job array of tunelab workers on one study, and submit it")
    .usage("[options] [worker options] -- <command...>");
  addStudyOptions(cmd)
    .option("--array <indices>", "SLURM array task indices: 0-9, 0-9%2 (at most 2 at once), 1,3,5 (required)")
    .option("--trials-per-task <M>", "trials each task's worker runs, in one process (required)")
    .option("--time <limit>", "time limit of each task, as sbatch --time: 30, 4:00:00, 1-12:00:00")
    .option("--partition <name>", "SLURM partition")
    .option("--gpus <n>", "GPUs of each task, as sbatch --gpus: 1, a100:2")
    .option("--cpus-per-task <n>", "CPUs of each task")
    .option("--mem <size>", "memory of each task, as sbatch --mem: 16G, 4000M")
    .option("--job-name <name>", "job name (default: tunelab-<study>)")
    .option(
      "--signal-before <seconds>",
      `SIGTERM to the worker this long before the time limit (default: ${DEFAULT_SIGNAL_BEFORE}, or a quarter of --time if shorter)`,
    )
    .option("--requeue", "let SLURM requeue a task after pre-emption or a node failure")
    .option(
      "--sbatch-arg <option>",
      "a further sbatch option for the script, e.g. --sbatch-arg=--account=ml (repeatable)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--output <dir>", `directory of the script and the task logs (default: ./${DEFAULT_OUTPUT_DIR})`)
    .option(
      "--tunelab <command>",
      "how the job runs tunelab (default: this node and this package's dist/bin.js)",
    )
    .option("--dry-run", "print the script and submit nothing")
    .argument("[command...]", "the objective command, after --")
    .allowUnknownOption()
    .addHelpText("after", HELP_AFTER)
    .action(async (_command: string[], opts: SubmitOptionValues, self: Command) => {
      const { submit } = await import("./submit.js");
      await submit(opts, self, io);
    });
}
