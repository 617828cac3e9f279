/**
 * `tunelab worker`: runs an objective command of any language on a study's trials (the line
 * protocol is in `worker/protocol.ts`; the package README's section "Workers" documents it all).
 */
import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { addStudyOptions } from "../options/study-options.js";
import { MAX_PROCESSES, WORKER_DEFAULTS } from "../worker/defaults.js";
import { PRUNED_EXIT_CODE } from "../worker/protocol.js";
import type { WorkerFlags } from "../worker/settings.js";

const HELP_AFTER = `
The command (after --) runs once per trial, or once for many trials with --persistent.
It gets the trial as JSON: TUNELAB_PARAMS (the params) and TUNELAB_TRIAL_NUMBER in its
environment (with TUNELAB_STUDY, TUNELAB_STORAGE), and on stdin the line
{"number": N, "params": {...}} (as tunelab ask prints it). It prints on stdout:
  <value> [<value>...]            as its last line: the trial's value(s)
  tunelab:report <step> <value>   an intermediate value, for the pruner
  tunelab:result <value>...       the value(s), explicitly (needed with --persistent)
  tunelab:pruned                  it stopped as pruned (or exit code ${PRUNED_EXIT_CODE})
  tunelab:fail <reason>           the trial failed
Other lines pass through. A trial the pruner stops: its command gets SIGTERM (one
process per trial), or the answer tunelab:prune on stdin (--persistent: each report is
answered tunelab:continue or tunelab:prune). A command that exits non-zero or prints
no number fails its trial (the end of its stderr in fail_reason).
Python: examples/python/tunelab_worker.py speaks this protocol.

Signals: SIGTERM or SIGINT stops the worker: the command's process group gets SIGTERM
(SIGKILL after --kill-grace), the trial is FAIL and, with --on-interrupt requeue, its
params are enqueued again; exit code 143 (SIGTERM) or 130 (SIGINT). With heartbeats,
another worker fails and retries the trial of a worker killed with SIGKILL.

Examples:
  $ tunelab worker --storage journal:./digits.log --study digits \\
      --search-space @examples/sklearn-digits/space.json --n-trials 20 \\
      --pruner MedianPruner -- /usr/bin/python3 examples/sklearn-digits/train.py
  $ tunelab worker --storage journal:./s.log --study s --persistent --processes 4 \\
      --search-space '{"x": {"name": "FloatDistribution", "attributes": {"low": -5, "high": 5}}}' \\
      -- python3 train.py
  $ tunelab worker --storage journal:./s.log --study s --trial-timeout 3600 \\
      --search-space @space.json -- sh -c './train --lr "$(echo "$TUNELAB_PARAMS" | jq .lr)"'
`;

/** Registers `tunelab worker [options] -- <command> [args...]`. */
export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command("worker")
    .summary("run an objective command (any language) on a study's trials")
    .description(
      "Runs trials of a study on an objective command: for each trial, asks the study for params, runs the command, reports its intermediate values (pruning it when the pruner says so) and stores its value. The study is created when missing.",
    )
    .argument("[command...]", "the objective command and its arguments, after --");
  addStudyOptions(cmd)
    .option("--search-space <json|@file>", "the parameters, in Optuna's CLI JSON form (required)")
    .option("--n-trials <n>", "trials this worker runs (default: no limit)")
    .option("--timeout <seconds>", "start no trial after this many seconds (the running one finishes)")
    .option(
      "--trial-timeout <seconds>",
      "kill a trial's command (its whole process group) after this long; the trial is FAIL",
    )
    .option(
      "--processes <n>",
      `run n workers as child processes, 1 to ${MAX_PROCESSES} (default: ${WORKER_DEFAULTS.processes})`,
    )
    .option("--persistent", "one command process serves many trials (params as JSON lines on stdin)")
    .option("--direction <d>", "minimize or maximize, for a study created here (default: minimize)")
    .option("--directions <d...>", "one direction per objective, for a multi-objective study created here")
    .option(
      "--sampler <class>",
      "TPESampler (default), RandomSampler, CmaEsSampler, GPSampler, NSGAIISampler, NSGAIIISampler, QMCSampler, GridSampler, BruteForceSampler",
    )
    .option("--sampler-kwargs <json>", "the sampler's options, e.g. '{\"seed\": 0}'")
    .option(
      "--pruner <class>",
      "MedianPruner, PercentilePruner, SuccessiveHalvingPruner, HyperbandPruner, ThresholdPruner, PatientPruner, WilcoxonPruner, NopPruner (default)",
    )
    .option("--pruner-kwargs <json>", "the pruner's options, e.g. '{\"n_startup_trials\": 5}'")
    .option(
      "--heartbeat-interval <seconds>",
      `seconds between heartbeats of the running trial; 0 for none (default: ${WORKER_DEFAULTS.heartbeatInterval})`,
    )
    .option(
      "--grace-period <seconds>",
      "a RUNNING trial without a heartbeat this long is failed and retried by another worker (default: 2 x the interval)",
    )
    .option(
      "--max-retry <n>",
      `times one trial's params are run again after a lost worker or a signal (default: ${WORKER_DEFAULTS.maxRetry})`,
    )
    .option(
      "--on-interrupt <what>",
      `the running trial on SIGTERM/SIGINT: requeue or fail (default: ${WORKER_DEFAULTS.onInterrupt})`,
    )
    .option(
      "--kill-grace <seconds>",
      `SIGTERM to SIGKILL of the command's process group (default: ${WORKER_DEFAULTS.killGrace})`,
    )
    .option(
      "--prune-grace <seconds>",
      `--persistent: time the command gets after tunelab:prune to answer tunelab:pruned before its group gets SIGTERM (default: ${WORKER_DEFAULTS.pruneGrace})`,
    )
    .addHelpText("after", HELP_AFTER)
    .action(async (operands: string[], flags: WorkerFlags, self: Command) => {
      // Commander drops "--" from the operands; its rawArgs (the argv given to parse, not in
      // its typings) tell whether the command line had one.
      const raw = (self.parent as unknown as { rawArgs?: readonly string[] } | null)?.rawArgs ?? [];
      const at = raw.indexOf("worker");
      const workerArgv = at < 0 ? [] : raw.slice(at + 1);
      // The worker's modules load when it runs, not for `tunelab --help`.
      const { parseWorkerSettings } = await import("../worker/settings.js");
      const { settings, processes } = parseWorkerSettings(flags, operands, workerArgv.includes("--"), io);
      if (processes > 1) {
        const { runLocalWorkers, withoutProcesses } = await import("../worker/local-workers.js");
        await runLocalWorkers(processes, withoutProcesses(workerArgv), io);
      } else {
        const { runWorker } = await import("../worker/run-worker.js");
        await runWorker(settings, io);
      }
    });
}
