/**
 * One run of the objective command: its process group, its standard output read line by line
 * in order (each line handled to the end, a report's storage write included, before the next),
 * and the tail of its standard error for fail reasons.
 */
import { LineSplitter, TailBuffer } from "./lines.js";
import { type ExitStatus, ProcessGroup } from "./process-group.js";

/** Where the command's lines go. */
export interface CommandOutput {
  /** A line of the command's stdout that is not for the worker (passed through). */
  readonly stdout: (line: string) => void;
  /** A line of the command's stderr (passed through). */
  readonly stderr: (line: string) => void;
}

/** Handles the command's stdout lines while a trial runs (set by the trial's session). */
export type LineHandler = (line: string) => void | Promise<void>;

/** A started objective command. */
export class CommandProcess {
  /** The command's process group. */
  readonly group: ProcessGroup;
  /** The last lines of its stderr. */
  readonly stderrTail: TailBuffer = new TailBuffer();
  /** Resolves once the command ended, its output was read and every line handled. */
  readonly done: Promise<ExitStatus>;
  private handler: LineHandler | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly output: CommandOutput;

  private constructor(group: ProcessGroup, output: CommandOutput, killGraceMs: number) {
    this.group = group;
    this.output = output;
    const out = new LineSplitter((line) => {
      this.queue = this.queue.then(() => this.dispatch(line));
    });
    const err = new LineSplitter((line) => {
      this.stderrTail.push(line);
      output.stderr(line);
    });
    group.child.stdout.on("data", (s: string) => out.push(s));
    group.child.stdout.on("end", () => out.end());
    group.child.stderr.on("data", (s: string) => err.push(s));
    group.child.stderr.on("end", () => err.end());
    this.done = (async () => {
      const status = await group.exited;
      if (status.kind !== "spawn-error") {
        // What the command left behind in its group (a daemonized helper, a data loader)
        // holds its pipes open and its memory: the group ends with the command.
        await group.terminate(killGraceMs);
      }
      await group.closed;
      await this.queue;
      return status;
    })();
  }

  /**
   * Starts `command args...` in its own process group.
   * @param killGraceMs - time the group's leftovers get between SIGTERM and SIGKILL once the
   *   command itself exited.
   */
  static start(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
    output: CommandOutput,
    killGraceMs: number,
  ): CommandProcess {
    return new CommandProcess(ProcessGroup.spawn(command, args, env), output, killGraceMs);
  }

  /** Sets who handles stdout lines from now on (null: pass them through). */
  setHandler(handler: LineHandler | null): void {
    this.handler = handler;
  }

  /** Writes one line to the command's stdin (ignored once the command closed it). */
  send(line: string): void {
    const stdin = this.group.child.stdin;
    if (!stdin.destroyed && stdin.writable) stdin.write(`${line}\n`);
  }

  /** Passes one line of the command's own output through. */
  stdoutLine(line: string): void {
    this.output.stdout(line);
  }

  /** Closes the command's stdin (end of file: no more trials). */
  endInput(): void {
    const stdin = this.group.child.stdin;
    if (!stdin.destroyed) stdin.end();
  }

  private async dispatch(line: string): Promise<void> {
    if (this.handler === null) {
      this.output.stdout(line);
      return;
    }
    await this.handler(line);
  }
}
