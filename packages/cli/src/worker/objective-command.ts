/**
 * The objective command as the worker runs it: a process per trial (the default), or one
 * persistent process serving many trials (`--persistent`), behind one interface.
 */
import { type CommandOutput, CommandProcess } from "./command-process.js";
import { PROTOCOL_ENV } from "./protocol.js";
import { type TrialLimits, type TrialOutcome, type TrialRequest, TrialSession } from "./trial-session.js";

/** What the worker needs to start its command. */
export interface CommandSpec {
  /** The program (looked up in PATH). */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Its environment, the protocol's study variables included (the trial's are added per trial). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where its output lines go. */
  readonly output: CommandOutput;
  /** Time limits of each trial. */
  readonly limits: TrialLimits;
}

/** Runs trials on the objective command. */
export interface ObjectiveCommand {
  /** Runs one trial to its end (the command's process group is gone or idle afterwards). */
  run(request: TrialRequest): Promise<TrialOutcome>;
  /** Ends the command (a persistent process is told there are no more trials, then stopped). */
  close(): Promise<void>;
  /** Sends SIGKILL to the running command's process group at once (a second Ctrl-C). */
  killNow(): void;
  /** How many times the command was started. */
  readonly starts: number;
}

/** An environment without the variables set to undefined (spawn would pass them as text). */
function envOf(
  base: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of [base, extra]) {
    for (const key of Object.keys(source)) {
      const v = source[key];
      if (v === undefined) delete env[key];
      else env[key] = v;
    }
  }
  return env;
}

/**
 * A new process for every trial: params in `TUNELAB_PARAMS` and in the trial line, the only
 * line of its stdin (closed after it).
 */
export class ProcessPerTrialCommand implements ObjectiveCommand {
  private readonly spec: CommandSpec;
  private current: CommandProcess | null = null;
  private started = 0;

  constructor(spec: CommandSpec) {
    this.spec = spec;
  }

  get starts(): number {
    return this.started;
  }

  async run(request: TrialRequest): Promise<TrialOutcome> {
    const { spec } = this;
    const env = envOf(spec.env, {
      [PROTOCOL_ENV.mode]: "trial",
      [PROTOCOL_ENV.params]: request.paramsJson,
      [PROTOCOL_ENV.trialNumber]: String(request.number),
    });
    const proc = CommandProcess.start(spec.command, spec.args, env, spec.output, spec.limits.killGraceMs);
    this.started++;
    this.current = proc;
    const session = new TrialSession(proc, request, "trial");
    proc.setHandler(session.handle);
    proc.send(request.line);
    proc.endInput();
    try {
      return (await session.supervise(spec.limits)).outcome;
    } finally {
      this.current = null;
    }
  }

  async close(): Promise<void> {}

  killNow(): void {
    this.current?.group.signal("SIGKILL");
  }
}

/**
 * One process for many trials: started at the first trial, handed each trial as a line
 * `{"number": N, "params": {...}}` on stdin, answering with `tunelab:result`, `tunelab:pruned`
 * or `tunelab:fail`. A process that dies (or is killed for a timeout or a prune it ignored)
 * fails its trial and is started again for the next one.
 */
export class PersistentCommand implements ObjectiveCommand {
  private readonly spec: CommandSpec;
  private proc: CommandProcess | null = null;
  private exited = true;
  private started = 0;

  constructor(spec: CommandSpec) {
    this.spec = spec;
  }

  get starts(): number {
    return this.started;
  }

  async run(request: TrialRequest): Promise<TrialOutcome> {
    const proc = this.process();
    proc.stderrTail.clear();
    const session = new TrialSession(proc, request, "persistent");
    proc.setHandler(session.handle);
    proc.send(request.line);
    const { outcome, alive } = await session.supervise(this.spec.limits);
    proc.setHandler(null);
    if (!alive) this.proc = null;
    return outcome;
  }

  /** The running process, started when there is none (or it died since the last trial). */
  private process(): CommandProcess {
    if (this.proc !== null && !this.exited) return this.proc;
    const { spec } = this;
    const env = envOf(spec.env, {
      [PROTOCOL_ENV.mode]: "persistent",
      [PROTOCOL_ENV.params]: undefined,
      [PROTOCOL_ENV.trialNumber]: undefined,
    });
    const proc = CommandProcess.start(spec.command, spec.args, env, spec.output, spec.limits.killGraceMs);
    this.started++;
    this.exited = false;
    proc.done.then(() => {
      if (this.proc === proc) this.exited = true;
    });
    this.proc = proc;
    return proc;
  }

  async close(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (proc === null) return;
    proc.endInput();
    const graceMs = this.spec.limits.killGraceMs;
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      proc.done.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!ended) await proc.group.terminate(graceMs);
    await proc.done;
  }

  killNow(): void {
    this.proc?.group.signal("SIGKILL");
  }
}
