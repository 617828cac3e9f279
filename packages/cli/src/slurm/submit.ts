/**
 * What `tunelab slurm submit` does: checks the command line, writes the sbatch script
 * (`sbatch-script.ts`), and with `--dry-run` prints it; otherwise opens the study (it must
 * exist), submits the script with `sbatch --parsable`, keeps it as `<job-name>-<job id>.sbatch`
 * beside the logs, records the job in the study, and prints the job id.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { oneLine, withStudy } from "../options/open-study.js";
import { showStorageUrl } from "../options/storage-url.js";
import { studyTarget } from "../options/study-options.js";
import { parseArraySpec } from "./array-spec.js";
import { clusterStorage } from "./cluster-storage.js";
import { recordSubmittedJob } from "./job-record.js";
import { submitSbatchScript } from "./sbatch.js";
import { renderSbatchScript, type SbatchScriptSpec } from "./sbatch-script.js";
import { shellQuote } from "./shell-quote.js";
import { splitAtDoubleDash } from "./split-command.js";
import {
  DEFAULT_OUTPUT_DIR,
  DEFAULT_SIGNAL_BEFORE,
  SUBMIT_EXAMPLE,
  type SubmitOptionValues,
} from "./submit-command.js";
import { parseTimeLimit } from "./time-limit.js";
import { defaultTunelabCommand } from "./tunelab-command.js";
import { checkWorkerLine } from "./worker-args.js";

/**
 * Runs `tunelab slurm submit` with the parsed options of `self`.
 * @throws UsageError for a wrong command line (naming the flag); CliError when the study
 *   cannot be opened, sbatch is missing or refuses the job.
 */
export async function submit(opts: SubmitOptionValues, self: Command, io: CliIo): Promise<void> {
  const cwd = process.cwd();
  const target = studyTarget(opts, io);
  const storage = clusterStorage(target.storage, cwd);
  if (opts.array === undefined)
    throw new UsageError(`--array: required, e.g. --array 0-9%2; ${SUBMIT_EXAMPLE}`);
  const array = parseArraySpec(opts.array);
  if (opts.trialsPerTask === undefined) {
    throw new UsageError(
      `--trials-per-task: required (trials each task runs in one process), e.g. --trials-per-task 5`,
    );
  }
  const trialsPerTask = positiveInteger(opts.trialsPerTask, "--trials-per-task");
  const { passThrough, command } = splitAtDoubleDash(self, SUBMIT_EXAMPLE);
  const workerArgs = passThrough;
  const worker = await checkWorkerLine(
    { storage: storage.url, study: target.study, trialsPerTask, workerArgs, command },
    io,
  );
  const timeSeconds = opts.time === undefined ? null : parseTimeLimit(opts.time);
  const signalBefore = signalLead(opts.signalBefore, timeSeconds, opts.time);
  const warnings = [...storage.warnings];
  if (signalBefore < worker.killGrace + 5) {
    warnings.push(
      `--signal-before ${signalBefore} s leaves the worker less than its --kill-grace (${worker.killGrace} s) and 5 s more to stop its command before the time limit; SLURM may kill the command first, and the trial is then left to the heartbeat`,
    );
  }
  const logDir = resolve(cwd, opts.output ?? DEFAULT_OUTPUT_DIR);
  if (logDir.includes("%")) {
    throw new UsageError(
      `--output: SLURM reads % in log paths as a pattern; choose a directory without %, got ${JSON.stringify(logDir)}`,
    );
  }
  const tunelab = opts.tunelab ?? defaultTunelab(opts.dryRun === true, io);
  const spec: SbatchScriptSpec = {
    jobName: opts.jobName ?? defaultJobName(target.study),
    array: array.text,
    logDir,
    workDir: cwd,
    signalBefore,
    time: opts.time?.trim() ?? null,
    partition: plain(opts.partition, "--partition"),
    gpus: checked(
      opts.gpus,
      "--gpus",
      /^([A-Za-z0-9_.-]+:)?\d+$/,
      "a count such as 1 or type:count such as a100:2",
    ),
    cpusPerTask: opts.cpusPerTask === undefined ? null : positiveInteger(opts.cpusPerTask, "--cpus-per-task"),
    mem: checked(opts.mem, "--mem", /^\d+[KMGT]?$/i, "a size such as 16G, 4000M or 4000 (megabytes)"),
    requeue: opts.requeue === true,
    sbatchArgs: opts.sbatchArg ?? [],
    storage: storage.url,
    study: target.study,
    tunelab,
    trialsPerTask,
    workerArgs,
    command,
  };
  const script = renderSbatchScript(spec);
  for (const w of warnings) io.stderr.write(`tunelab: warning: ${w}\n`);
  if (opts.dryRun === true) {
    io.stdout.write(script);
    return;
  }
  await withStudy({ storage: storage.url, study: target.study }, io, {}, async (study) => {
    mkdirSync(logDir, { recursive: true });
    // The script holds the storage URL, a password included: readable by its owner only.
    const pending = join(logDir, `${spec.jobName}-submitting-${process.pid}.sbatch`);
    writeFileSync(pending, script, { mode: 0o600 });
    let job: Awaited<ReturnType<typeof submitSbatchScript>>;
    try {
      job = await submitSbatchScript(pending, io.env);
    } catch (e) {
      rmSync(pending, { force: true });
      throw e;
    }
    const scriptPath = join(logDir, `${spec.jobName}-${job.jobId}.sbatch`);
    renameSync(pending, scriptPath);
    io.stdout.write(`${job.jobId}\n`);
    const limit = array.throttle === null ? "" : `, at most ${array.throttle} at once`;
    io.stderr.write(
      `tunelab: submitted job ${job.jobId}${job.cluster === null ? "" : ` on cluster ${job.cluster}`}: ${array.indices.length} task(s)${limit}, ${trialsPerTask} trial(s) each; script ${scriptPath}, logs ${join(logDir, `${spec.jobName}-${job.jobId}_<task>.out`)}\n`,
    );
    try {
      await recordSubmittedJob(study, {
        jobId: job.jobId,
        cluster: job.cluster,
        array: array.text,
        trialsPerTask,
        script: scriptPath,
        submitted: new Date().toISOString(),
      });
    } catch (e) {
      // The job runs whatever happens here; say how to find it without the record.
      io.stderr.write(
        `tunelab: warning: the job was submitted but not recorded in the study (${oneLine(e)}); tunelab slurm status --job ${job.jobId} shows it\n`,
      );
    }
  }).catch((e: unknown) => {
    if (e instanceof CliError && e.message.startsWith("--study: no study named")) {
      throw new CliError(
        `${e.message}; create it before submitting: tunelab study create --storage ${showStorageUrl(storage.parsed)} --study ${shellQuote(target.study)}`,
      );
    }
    throw e;
  });
}

/** The job name from the study name: SLURM-friendly characters only. */
function defaultJobName(study: string): string {
  const name = study.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
  return `tunelab-${name === "" ? "study" : name}`;
}

function defaultTunelab(dryRun: boolean, io: CliIo): string {
  const d = defaultTunelabCommand();
  if (!d.built) {
    const why = `the job would run ${d.binPath}, which does not exist (in the tunelab repository, run npm run build first), or pass --tunelab 'tunelab' to run tunelab from PATH on the node`;
    if (!dryRun) throw new CliError(`--tunelab: ${why}`);
    io.stderr.write(`tunelab: warning: ${why}\n`);
  }
  return d.command;
}

/** `--signal-before`, checked against `--time`. */
function signalLead(value: string | undefined, timeSeconds: number | null, time: string | undefined): number {
  if (value === undefined) {
    const quarter = timeSeconds === null ? DEFAULT_SIGNAL_BEFORE : Math.floor(timeSeconds / 4);
    return Math.max(1, Math.min(DEFAULT_SIGNAL_BEFORE, quarter));
  }
  const s = positiveInteger(value, "--signal-before");
  // SLURM keeps the signal time in 16 bits.
  if (s > 65535) throw new UsageError(`--signal-before: at most 65535 seconds (SLURM's limit), got ${value}`);
  if (timeSeconds !== null && s >= timeSeconds) {
    throw new UsageError(
      `--signal-before: ${s} s is not shorter than --time ${time} (${timeSeconds} s); the worker must get SIGTERM before the limit`,
    );
  }
  return s;
}

function positiveInteger(text: string, flag: string): number {
  const t = text.trim();
  const n = /^\+?\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag}: must be a whole number >= 1, got ${JSON.stringify(text)}`);
  }
  return n;
}

function plain(value: string | undefined, flag: string): string | null {
  return checked(value, flag, /^[^\s"']+$/, "a name without spaces or quotes");
}

function checked(value: string | undefined, flag: string, form: RegExp, what: string): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (!form.test(v)) throw new UsageError(`${flag}: expected ${what}, got ${JSON.stringify(value)}`);
  return v;
}
