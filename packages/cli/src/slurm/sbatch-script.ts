/**
 * The sbatch script of `tunelab slurm submit`: a job array whose every task runs one
 * `tunelab worker` for M trials of a study, so that the task's start-up (node preparation,
 * imports, loading a model) is paid once for M trials.
 *
 * What the script does, and why:
 * - `#SBATCH --signal=B:TERM@<s>`: SLURM sends SIGTERM to the batch shell `s` seconds before
 *   the time limit. The script `exec`s the worker, so the batch shell *is* the worker: it
 *   gets the signal, stops its objective command and hands its trial back before SLURM's
 *   own SIGTERM and SIGKILL at the limit. (Without `B:`, SLURM signals job steps only, and a
 *   worker started directly by the batch script is not in one.)
 * - `--open-mode=append`: a task that SLURM requeues (pre-emption, node failure) appends to
 *   its log instead of truncating it.
 * - `--chdir`: the directory of the submission, so relative paths in the objective command
 *   and in worker options (`--search-space @space.json`) mean what they meant there.
 * - `TUNELAB_STORAGE` and `TUNELAB_STUDY` are exported, so the objective command (and any
 *   `tunelab` command it runs) sees the study too.
 * - The worker's arguments and the objective command are quoted word by word for the shell
 *   ({@link shellQuote}); `#SBATCH` values are written in double quotes when they hold
 *   spaces (sbatch strips them), and a value with a double quote or a newline is refused.
 */
import { UsageError } from "../exit-codes.js";
import { shellJoin, shellQuote } from "./shell-quote.js";

/** The script's first line of output: which task runs where, for the log. */
const TASK_BANNER =
  "echo \"tunelab: task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname) at $(date '+%Y-%m-%dT%H:%M:%S%z')\" >&2";

/** Everything the script says. Paths are absolute. */
export interface SbatchScriptSpec {
  /** `#SBATCH --job-name`. */
  readonly jobName: string;
  /** `#SBATCH --array` (checked by `parseArraySpec`). */
  readonly array: string;
  /** Directory of the task logs, `<jobName>-<array job id>_<task id>.out`. */
  readonly logDir: string;
  /** `#SBATCH --chdir`: where the worker and its command run. */
  readonly workDir: string;
  /** Seconds before the time limit at which the worker gets SIGTERM (`--signal=B:TERM@<s>`). */
  readonly signalBefore: number;
  /** `#SBATCH --time`, or null for the partition's default. */
  readonly time: string | null;
  /** `#SBATCH --partition`, or null for the cluster's default. */
  readonly partition: string | null;
  /** `#SBATCH --gpus`, or null. */
  readonly gpus: string | null;
  /** `#SBATCH --cpus-per-task`, or null. */
  readonly cpusPerTask: number | null;
  /** `#SBATCH --mem`, or null. */
  readonly mem: string | null;
  /** `#SBATCH --requeue` when true. */
  readonly requeue: boolean;
  /** Further `#SBATCH` lines, each one sbatch option as the user wrote it (`--account=ml`). */
  readonly sbatchArgs: readonly string[];
  /** The storage URL (absolute paths for files). */
  readonly storage: string;
  /** The study's name. */
  readonly study: string;
  /** How the job runs tunelab: a shell command prefix written into the script as it is. */
  readonly tunelab: string;
  /** `--n-trials` of each task's worker. */
  readonly trialsPerTask: number;
  /** Further `tunelab worker` options, passed word by word. */
  readonly workerArgs: readonly string[];
  /** The objective command, word by word. */
  readonly command: readonly string[];
}

/**
 * The text of the sbatch script for `spec`.
 * @throws UsageError naming the flag whose value cannot go into an `#SBATCH` line (a double
 *   quote or a newline), or an `--sbatch-arg` that is not an option.
 * @example
 * ```ts
 * renderSbatchScript({ jobName: "tunelab-lr", array: "0-3%2", trialsPerTask: 5, command: ["python", "train.py"], ... })
 * ```
 */
export function renderSbatchScript(spec: SbatchScriptSpec): string {
  const directives: string[] = [
    directive("--job-name", spec.jobName),
    directive("--array", spec.array),
    directive("--output", `${spec.logDir}/%x-%A_%a.out`),
    "#SBATCH --open-mode=append",
    directive("--chdir", spec.workDir, "the working directory (#SBATCH --chdir)"),
    `#SBATCH --signal=B:TERM@${spec.signalBefore}`,
  ];
  if (spec.time !== null) directives.push(directive("--time", spec.time));
  if (spec.partition !== null) directives.push(directive("--partition", spec.partition));
  if (spec.gpus !== null) directives.push(directive("--gpus", spec.gpus));
  if (spec.cpusPerTask !== null) directives.push(`#SBATCH --cpus-per-task=${spec.cpusPerTask}`);
  if (spec.mem !== null) directives.push(directive("--mem", spec.mem));
  if (spec.requeue) directives.push("#SBATCH --requeue");
  for (const arg of spec.sbatchArgs) directives.push(extraDirective(arg));

  const worker = [
    "worker",
    "--storage",
    '"$TUNELAB_STORAGE"',
    "--study",
    '"$TUNELAB_STUDY"',
    "--n-trials",
    String(spec.trialsPerTask),
    ...spec.workerArgs.map(shellQuote),
    "--",
    shellJoin(spec.command),
  ].join(" ");
  return [
    "#!/bin/bash",
    "# Written by `tunelab slurm submit`: a job array of tunelab workers sharing one study.",
    `# Each task runs \`tunelab worker\` for ${spec.trialsPerTask} trial(s) in one process, so its start-up is`,
    `# paid once per task. SIGTERM reaches the worker ${spec.signalBefore} s before the time limit (and on`,
    "# scancel or pre-emption): it stops the objective command and hands its trial back.",
    "# Submit it again with: sbatch <this file>",
    ...directives,
    "",
    `export TUNELAB_STORAGE=${shellQuote(spec.storage)}`,
    `export TUNELAB_STUDY=${shellQuote(spec.study)}`,
    TASK_BANNER,
    `exec ${spec.tunelab} ${worker}`,
    "",
  ].join("\n");
}

/**
 * One `#SBATCH --flag=value` line; the value in double quotes when it holds whitespace or a
 * single quote (sbatch reads both quote kinds and strips them).
 */
function directive(option: string, value: string, flag: string = option): string {
  if (/["\n\r]/.test(value)) {
    throw new UsageError(
      `${flag}: the value cannot hold a double quote or a line break, got ${JSON.stringify(value)}`,
    );
  }
  const quoted = /[\s']/.test(value) ? `"${value}"` : value;
  return `#SBATCH ${option}=${quoted}`;
}

/** An `--sbatch-arg` value: one sbatch option, written after `#SBATCH` as it is. */
function extraDirective(arg: string): string {
  const a = arg.trim();
  if (!a.startsWith("-")) {
    throw new UsageError(
      `--sbatch-arg: expected one sbatch option such as --account=ml or --qos=high, got ${JSON.stringify(arg)}`,
    );
  }
  if (/[\n\r]/.test(a)) {
    throw new UsageError(`--sbatch-arg: the value cannot hold a line break, got ${JSON.stringify(arg)}`);
  }
  return `#SBATCH ${a}`;
}
