/**
 * One worker: opens (or creates) the study with heartbeats, then runs trials with
 * `study.optimize`, each trial on the objective command (a process per trial, or one persistent
 * process), until `--n-trials`, `--timeout`, the study's end, or a signal.
 *
 * Signals (SLURM sends SIGTERM at pre-emption and at the time limit, then SIGKILL after its
 * KillWait, 30 s by default): the first SIGTERM or SIGINT stops starting trials and sends
 * SIGTERM to the command's process group (SIGKILL after `--kill-grace`); the running trial is
 * stored as FAIL with the reason and, with `--on-interrupt requeue` (the default), its
 * parameters are enqueued again as a WAITING trial (as `RetryFailedTrialCallback` does), so
 * no trial is left RUNNING. A second signal kills the group at once. The worker then exits
 * with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
 */
import {
  type Distribution,
  DuplicatedStudyError,
  type FrozenTrial,
  loadStudy,
  type ParamValue,
  RetryFailedTrialCallback,
  type Study,
  type StudyDirection,
  StudyNotFoundError,
  StudyStoppedError,
  StudyTrial,
  setLogHandler,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { setKey } from "@tunelab/study/records";
import { CliError, UsageError } from "../exit-codes.js";
import { askJson } from "../format/ask-json.js";
import type { CliIo } from "../io.js";
import { logToStderr, openCliStorage } from "../options/open-study.js";
import { buildPruner, DEFAULT_PRUNER, PRUNER_ATTR } from "../options/pruners.js";
import { buildSampler, SAMPLER_ATTR } from "../options/samplers.js";
import { type ClassChoice, choiceToJson, storedChoice } from "../options/stored-choice.js";
import { CommandTrialError, WorkerInterrupted } from "./errors.js";
import { type ObjectiveCommand, PersistentCommand, ProcessPerTrialCommand } from "./objective-command.js";
import { addTrial, describeProgress, NO_PROGRESS, type Progress } from "./progress.js";
import { PROTOCOL_ENV, PROTOCOL_VERSION } from "./protocol.js";
import { StatusLine } from "./status-line.js";

/** What to do with the running trial when the worker gets SIGTERM or SIGINT. */
export type OnInterrupt = "requeue" | "fail";

/** Everything one worker runs with (parsed from the command line by `worker/settings.ts`). */
export interface WorkerSettings {
  readonly storage: string;
  readonly study: string;
  /** The distributions of `--search-space`, by parameter name. */
  readonly searchSpace: Readonly<Record<string, Distribution>>;
  /** The objective command and its arguments (after `--`). */
  readonly command: string;
  readonly args: readonly string[];
  /** `--n-trials`: trials this worker runs. @defaultValue null (no limit) */
  readonly nTrials: number | null;
  /** `--timeout`: seconds after which this worker starts no trial. @defaultValue null */
  readonly timeout: number | null;
  /** `--trial-timeout`: seconds one trial's command may run. @defaultValue null */
  readonly trialTimeout: number | null;
  /** `--persistent`: one command process for many trials. @defaultValue false */
  readonly persistent: boolean;
  /** `--direction`/`--directions` of a study created here, or null (minimize, or the study's own). */
  readonly directions: readonly StudyDirection[] | null;
  /** `--sampler`/`--sampler-kwargs`, or null for the study's stored choice (else TPE). */
  readonly sampler: ClassChoice | null;
  /** `--pruner`/`--pruner-kwargs`, or null for the study's stored choice (else MedianPruner). */
  readonly pruner: ClassChoice | null;
  /** `--heartbeat-interval` in seconds; 0 for no heartbeats. @defaultValue 60 */
  readonly heartbeatInterval: number;
  /** `--grace-period` in seconds, or null for 2 × the interval. */
  readonly gracePeriod: number | null;
  /** `--max-retry`: how often one trial's parameters are run again. @defaultValue 3 */
  readonly maxRetry: number;
  /** `--on-interrupt`. @defaultValue "requeue" */
  readonly onInterrupt: OnInterrupt;
  /** `--kill-grace` in seconds. @defaultValue 10 */
  readonly killGrace: number;
  /** `--prune-grace` in seconds. @defaultValue 10 */
  readonly pruneGrace: number;
}

/** Signal numbers, for the exit code 128 + n. */
const SIGNAL_NUMBER: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The signals a worker handles. */
export const WORKER_SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

/** A message a child worker of `--processes` sends its parent after each trial. */
export interface ProgressMessage {
  readonly kind: "tunelab-worker-progress";
  readonly progress: Progress;
}

/**
 * Runs one worker to its end.
 * @returns the exit code: 0, or 128 + n after signal n.
 * @throws CliError (exit 1) when the command cannot be started or the storage fails;
 *   UsageError (exit 2) when the search space does not fit the study.
 */
export async function runWorker(settings: WorkerSettings, io: CliIo): Promise<number> {
  const status = new StatusLine(io.stderr);
  const print = (stream: NodeJS.WritableStream, line: string): void => status.print(stream, `${line}\n`);
  // The study's log (one line per finished trial at level info, as Optuna's optimize prints)
  // goes to stderr above the progress line; TUNELAB_LOG_LEVEL changes the level.
  logToStderr({ ...io, env: { ...io.env, TUNELAB_LOG_LEVEL: io.env.TUNELAB_LOG_LEVEL ?? "info" } });
  setLogHandler((level, message) => print(io.stderr, `[tunelab ${level}] ${message}`));
  const retry = new RetryFailedTrialCallback({ maxRetry: settings.maxRetry });
  let study: Study;
  try {
    study = await openStudy(settings, retry);
  } catch (e) {
    setLogHandler(null);
    throw e;
  }

  const command: ObjectiveCommand = new (settings.persistent ? PersistentCommand : ProcessPerTrialCommand)({
    command: settings.command,
    args: settings.args,
    env: {
      ...io.env,
      PYTHONUNBUFFERED: io.env.PYTHONUNBUFFERED ?? "1",
      [PROTOCOL_ENV.protocol]: String(PROTOCOL_VERSION),
      [PROTOCOL_ENV.study]: settings.study,
      [PROTOCOL_ENV.storage]: settings.storage,
    },
    output: { stdout: (line) => print(io.stdout, line), stderr: (line) => print(io.stderr, line) },
    limits: {
      trialTimeoutMs: settings.trialTimeout === null ? null : settings.trialTimeout * 1000,
      killGraceMs: settings.killGrace * 1000,
      pruneGraceMs: settings.pruneGrace * 1000,
    },
  });

  // The first signal stops the worker; a second one kills the command at once.
  const stopper = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== null) {
      command.killNow();
      return;
    }
    received = signal;
    stopper.abort(new WorkerInterrupted(signal));
    print(io.stderr, `tunelab worker: ${signal} received: stopping the running trial`);
  };
  const handlers = WORKER_SIGNALS.map((s) => [s, () => onSignal(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  // A child of `--processes` whose parent died (its IPC channel closed) stops as on SIGTERM.
  const onDisconnect = (): void => onSignal("SIGTERM");
  const child = io.env.TUNELAB_WORKER_CHILD === "1" && typeof process.send === "function";
  if (child) process.once("disconnect", onDisconnect);

  let progress = NO_PROGRESS;
  const interrupted = new Set<number>();
  const handedBack: string[] = [];
  const onFinished = async (s: Study, trial: FrozenTrial): Promise<void> => {
    if (interrupted.has(trial.number) && trial.state === "FAIL") {
      handedBack.push(await handBack(s, trial, settings, retry));
    }
    progress = addTrial(progress, trial, s);
    status.set(`tunelab worker: ${describeProgress(progress)}`);
    if (child) process.send?.({ kind: "tunelab-worker-progress", progress } satisfies ProgressMessage);
  };

  try {
    status.set(`tunelab worker: study ${JSON.stringify(settings.study)}, starting`);
    await study.optimize(objective(settings, command, stopper.signal, interrupted), {
      ...(settings.nTrials === null ? {} : { nTrials: settings.nTrials }),
      ...(settings.timeout === null ? {} : { timeout: settings.timeout }),
      signal: stopper.signal,
      catch: [CommandTrialError],
      callbacks: [onFinished],
    });
  } finally {
    // The handlers stay while the command and the storage close: a signal meanwhile must not
    // end the worker before its persistent command (a second one kills the command).
    try {
      await command.close();
      await study.storage.close();
    } finally {
      for (const [s, h] of handlers) process.off(s, h);
      if (child) process.off("disconnect", onDisconnect);
      status.clear();
      setLogHandler(null);
    }
  }
  io.stderr.write(
    `tunelab worker: ${describeProgress(progress)}${settings.persistent ? `; the command was started ${command.starts} time(s)` : ""}\n`,
  );
  if (received === null) return 0;
  const signal: NodeJS.Signals = received;
  const what = handedBack.length > 0 ? `; ${handedBack.join("; ")}` : "";
  throw new CliError(`worker: stopped by ${signal}${what}`, 128 + (SIGNAL_NUMBER[signal] ?? 0));
}

/**
 * Opens the study, creating it when missing (with `--direction(s)`, and the `--sampler` and
 * `--pruner` choices stored as `tunelab study create` stores them, so that `tunelab ask` and
 * `should-prune` on this study decide as the worker does). The sampler is `--sampler`, else
 * the study's stored choice, else TPE; the pruner `--pruner`, else the stored choice, else
 * MedianPruner (Optuna's default, as `tunelab should-prune` has it). Heartbeats on, with
 * `RetryFailedTrialCallback` for the trials of dead workers.
 */
async function openStudy(settings: WorkerSettings, retry: RetryFailedTrialCallback): Promise<Study> {
  const { storage } = await openCliStorage(settings.storage, false);
  try {
    const wanted = settings.directions;
    let studyId: number;
    try {
      studyId = await storage.getStudyIdFromName(settings.study);
    } catch (e) {
      if (!(e instanceof StudyNotFoundError)) throw e;
      try {
        studyId = await storage.createStudy(wanted ?? ["minimize"], settings.study);
        if (settings.sampler !== null) {
          await storage.setStudySystemAttr(studyId, SAMPLER_ATTR, choiceToJson(settings.sampler));
        }
        if (settings.pruner !== null) {
          await storage.setStudySystemAttr(studyId, PRUNER_ATTR, choiceToJson(settings.pruner));
        }
      } catch (e2) {
        // Another worker created it first (several workers start at once).
        if (!(e2 instanceof DuplicatedStudyError)) throw e2;
        studyId = await storage.getStudyIdFromName(settings.study);
      }
    }
    const directions = await storage.getStudyDirections(studyId);
    if (wanted !== null && wanted.join(",") !== directions.join(",")) {
      throw new UsageError(
        `${wanted.length > 1 ? "--directions" : "--direction"}: the study ${JSON.stringify(settings.study)} exists with direction(s) ${directions.join(", ")}, not ${wanted.join(", ")}`,
      );
    }
    const attrs = await storage.getStudySystemAttrs(studyId);
    const samplerChoice = settings.sampler ?? storedChoice(attrs, SAMPLER_ATTR);
    const prunerChoice = settings.pruner ?? storedChoice(attrs, PRUNER_ATTR) ?? DEFAULT_PRUNER;
    const samplerFlag = settings.sampler !== null ? "--sampler" : `the study's ${SAMPLER_ATTR}`;
    const prunerFlag = settings.pruner !== null ? "--pruner" : `the study's ${PRUNER_ATTR}`;
    return await loadStudy({
      storage,
      studyName: settings.study,
      sampler: await buildSampler(samplerChoice, samplerFlag),
      pruner: await buildPruner(prunerChoice, prunerFlag),
      ...(settings.heartbeatInterval > 0
        ? {
            heartbeatInterval: settings.heartbeatInterval,
            ...(settings.gracePeriod === null ? {} : { gracePeriod: settings.gracePeriod }),
            failedTrialCallback: retry.callback,
          }
        : {}),
    });
  } catch (e) {
    await storage.close();
    throw e;
  }
}

/** The objective `optimize` runs: suggest the search space, run the command, read its outcome. */
function objective(
  settings: WorkerSettings,
  command: ObjectiveCommand,
  stopping: AbortSignal,
  interrupted: Set<number>,
): (trial: Trial) => Promise<number | number[]> {
  return async (trial) => {
    const params: Record<string, ParamValue> = {};
    for (const name of Object.keys(settings.searchSpace)) {
      try {
        setKey(params, name, trial.suggest(name, settings.searchSpace[name]!));
      } catch (e) {
        throw new UsageError(`--search-space: ${(e as Error).message}`);
      }
    }
    // The params and the first heartbeat are in the storage before the command starts: a
    // worker killed from then on leaves a trial that other workers can fail and retry.
    if (trial instanceof StudyTrial) await trial.flush();
    // The command is stopped by a signal to the worker, or when another worker already
    // finished this trial (its heartbeat was judged stopped); not by `--timeout`, which only
    // keeps new trials from starting.
    const kill = new AbortController();
    const onTrialAbort = (): void => {
      const reason: unknown = trial.signal.reason;
      if (!(reason instanceof StudyStoppedError)) kill.abort(reason);
    };
    const onStop = (): void => kill.abort(stopping.reason);
    trial.signal.addEventListener("abort", onTrialAbort);
    stopping.addEventListener("abort", onStop);
    if (stopping.aborted) onStop();
    else if (trial.signal.aborted) onTrialAbort();
    try {
      const line = askJson(trial.number, params, trial.distributions, false);
      const outcome = await command.run({
        number: trial.number,
        line,
        paramsJson: paramsOf(line, trial.number) ?? JSON.stringify(params),
        stop: kill.signal,
        report: async (step, value) => {
          await trial.report(value, step);
          return trial.shouldPrune();
        },
      });
      switch (outcome.kind) {
        case "values":
          return outcome.values.length === 1 ? outcome.values[0]! : outcome.values.slice();
        case "pruned":
          throw new TrialPruned();
        case "fail":
          if (outcome.signal !== undefined && WORKER_SIGNALS.includes(outcome.signal)) {
            // A scheduler's cancel (scancel, pre-emption) signals every process of the job, so
            // the command may die of it before the worker's own handler has run: give that
            // signal a moment to arrive, and if it does, the trial was interrupted, not failed.
            await abortedWithin(stopping, SIGNAL_RACE_MS);
            if (stopping.aborted) interrupted.add(trial.number);
          }
          throw new CommandTrialError(outcome.reason);
        case "stopped":
          if (stopping.aborted) interrupted.add(trial.number);
          throw new CommandTrialError(outcome.reason);
        case "fatal":
          throw fatalError(outcome.error, settings.command);
      }
    } finally {
      trial.signal.removeEventListener("abort", onTrialAbort);
      stopping.removeEventListener("abort", onStop);
    }
  };
}

/** How long a worker waits for a termination signal that killed its command to reach it too. */
const SIGNAL_RACE_MS = 500;

/** Resolves when `signal` aborts or after `ms`, whichever comes first. */
function abortedWithin(signal: AbortSignal, ms: number): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/** The params object of a trial line `{"number": N, "params": {...}}` (null if it has another shape). */
function paramsOf(line: string, number: number): string | null {
  const head = `{"number": ${number}, "params": `;
  return line.startsWith(head) && line.endsWith("}") ? line.slice(head.length, -1) : null;
}

/** The error that ends the worker: a command that cannot start, a storage that fails. */
function fatalError(error: unknown, command: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (e instanceof Error && typeof e.syscall === "string" && e.syscall.startsWith("spawn")) {
    const why =
      e.code === "ENOENT"
        ? "no such program (not found in PATH)"
        : e.code === "EACCES"
          ? "permission denied (not executable)"
          : e.message;
    return new CliError(`worker: cannot start the command ${JSON.stringify(command)}: ${why}`);
  }
  return error;
}

/** Enqueues an interrupted trial's parameters again (`--on-interrupt requeue`); says what it did. */
async function handBack(
  study: Study,
  trial: FrozenTrial,
  settings: WorkerSettings,
  retry: RetryFailedTrialCallback,
): Promise<string> {
  if (settings.onInterrupt === "fail") return `trial ${trial.number} is FAIL (--on-interrupt fail)`;
  const attempts = RetryFailedTrialCallback.retryHistory(trial).length + 1;
  if (attempts > settings.maxRetry) {
    return `trial ${trial.number} is FAIL and was not enqueued again: its parameters ran ${attempts} times (--max-retry ${settings.maxRetry})`;
  }
  await retry.retry(study, trial);
  return `trial ${trial.number} is FAIL and its parameters were enqueued again as a WAITING trial`;
}
