/**
 * The command line of `tunelab worker` turned into {@link WorkerSettings}: every flag checked,
 * each error one line naming the flag and what it accepts.
 */
import type { StudyDirection } from "@tunelab/study";
import { UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { prunerChoice } from "../options/pruners.js";
import { samplerChoice } from "../options/samplers.js";
import { type StudyOptionValues, studyTarget } from "../options/study-options.js";
import { parseSearchSpace } from "../search-space.js";
import { MAX_PROCESSES, WORKER_DEFAULTS } from "./defaults.js";
import type { WorkerSettings } from "./run-worker.js";

/** The options commander hands the worker's action (camel-cased flags, all as given). */
export interface WorkerFlags extends StudyOptionValues {
  readonly searchSpace?: string;
  readonly nTrials?: string;
  readonly timeout?: string;
  readonly trialTimeout?: string;
  readonly processes?: string;
  readonly persistent?: boolean;
  readonly direction?: string;
  readonly directions?: string[];
  readonly sampler?: string;
  readonly samplerKwargs?: string;
  readonly pruner?: string;
  readonly prunerKwargs?: string;
  readonly heartbeatInterval?: string;
  readonly gracePeriod?: string;
  readonly maxRetry?: string;
  readonly onInterrupt?: string;
  readonly killGrace?: string;
  readonly pruneGrace?: string;
}

/**
 * Reads the worker's flags and its command (the operands after `--`).
 * @param operands - what commander collected as arguments.
 * @param sawDoubleDash - whether `--` was on the command line.
 * @returns the settings and `--processes`.
 * @throws UsageError naming the flag at fault.
 */
export function parseWorkerSettings(
  flags: WorkerFlags,
  operands: readonly string[],
  sawDoubleDash: boolean,
  io: CliIo,
): { settings: WorkerSettings; processes: number } {
  if (!sawDoubleDash) {
    throw new UsageError(
      operands.length === 0
        ? "--: the objective command is missing; put it after --, e.g. tunelab worker --study s --storage journal:./s.log --search-space @space.json -- python3 train.py"
        : `--: put -- before the objective command, e.g. tunelab worker [options] -- ${operands.join(" ")}`,
    );
  }
  const [command, ...args] = operands;
  if (command === undefined || command === "") {
    throw new UsageError("--: no command after --; e.g. -- python3 train.py");
  }
  const { storage, study } = studyTarget(flags, io);
  if (flags.searchSpace === undefined) {
    throw new UsageError(
      `--search-space: required: the parameters to suggest, as JSON or @file, e.g. --search-space '{"x": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}}'`,
    );
  }
  const searchSpace = parseSearchSpace(flags.searchSpace, "--search-space");
  if (Object.keys(searchSpace).length === 0) {
    throw new UsageError("--search-space: the search space is empty; name at least one parameter");
  }
  if (flags.direction !== undefined && flags.directions !== undefined) {
    throw new UsageError("--direction: give --direction or --directions, not both");
  }
  const directionList = flags.directions ?? (flags.direction === undefined ? null : [flags.direction]);
  let directions: StudyDirection[] | null = null;
  if (directionList !== null) {
    const flag = flags.directions !== undefined ? "--directions" : "--direction";
    directions = directionList.map((d) => {
      if (d !== "minimize" && d !== "maximize") {
        throw new UsageError(`${flag}: expected minimize or maximize, got ${JSON.stringify(d)}`);
      }
      return d;
    });
  }
  const onInterrupt = flags.onInterrupt ?? WORKER_DEFAULTS.onInterrupt;
  if (onInterrupt !== "requeue" && onInterrupt !== "fail") {
    throw new UsageError(`--on-interrupt: expected requeue or fail, got ${JSON.stringify(onInterrupt)}`);
  }
  const heartbeatInterval =
    seconds("--heartbeat-interval", flags.heartbeatInterval, { zero: true }) ??
    WORKER_DEFAULTS.heartbeatInterval;
  const gracePeriod = seconds("--grace-period", flags.gracePeriod);
  if (gracePeriod !== null) {
    if (heartbeatInterval === 0) {
      throw new UsageError("--grace-period: needs heartbeats; --heartbeat-interval 0 turns them off");
    }
    if (gracePeriod < heartbeatInterval) {
      throw new UsageError(
        `--grace-period: must be at least --heartbeat-interval (${heartbeatInterval} s), got ${gracePeriod}`,
      );
    }
  }
  const settings: WorkerSettings = {
    storage,
    study,
    searchSpace,
    command,
    args,
    nTrials: integer("--n-trials", flags.nTrials, 0),
    timeout: seconds("--timeout", flags.timeout),
    trialTimeout: seconds("--trial-timeout", flags.trialTimeout),
    persistent: flags.persistent === true,
    directions,
    sampler: samplerChoice(flags.sampler, flags.samplerKwargs),
    pruner: prunerChoice(flags.pruner, flags.prunerKwargs),
    heartbeatInterval,
    gracePeriod,
    maxRetry: integer("--max-retry", flags.maxRetry, 0) ?? WORKER_DEFAULTS.maxRetry,
    onInterrupt,
    killGrace: seconds("--kill-grace", flags.killGrace, { zero: true }) ?? WORKER_DEFAULTS.killGrace,
    pruneGrace: seconds("--prune-grace", flags.pruneGrace, { zero: true }) ?? WORKER_DEFAULTS.pruneGrace,
  };
  const processes = integer("--processes", flags.processes, 1, MAX_PROCESSES) ?? WORKER_DEFAULTS.processes;
  return { settings, processes };
}

/** An integer flag in [min, max], or null when not given. */
function integer(
  flag: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | null {
  if (text === undefined) return null;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new UsageError(`${flag}: expected ${range}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** A number of seconds (> 0, or >= 0 with `zero`), or null when not given. */
function seconds(flag: string, text: string | undefined, options: { zero?: boolean } = {}): number | null {
  if (text === undefined) return null;
  const n = /^\s*(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  const ok = Number.isFinite(n) && (options.zero ? n >= 0 : n > 0);
  if (!ok) {
    throw new UsageError(
      `${flag}: expected a number of seconds ${options.zero ? ">= 0" : "> 0"}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}
