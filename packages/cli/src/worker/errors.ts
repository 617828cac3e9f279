/**
 * The errors a worker's trials end with. Their names appear in the trials' fail reasons
 * (`fail_reason`), where the study writes `<name>: <message>`.
 */

/** A trial whose command failed (exit code, no number, timeout, ...): the trial is FAIL and the worker goes on. */
export class CommandTrialError extends Error {
  override readonly name: string = "CommandTrialError";
}

/** Why a worker stops its running command: it received a signal (SIGTERM from SLURM, Ctrl-C). */
export class WorkerInterrupted extends Error {
  override readonly name: string = "WorkerInterrupted";
  /** The signal the worker received. */
  readonly signal: NodeJS.Signals;

  constructor(signal: NodeJS.Signals, detail = "") {
    super(`tunelab worker received ${signal}${detail}`);
    this.signal = signal;
  }
}
