/**
 * A command run in its own process group, so that the worker can signal the command together
 * with every process it started (a shell's children, a training script's data loaders), and
 * so that a Ctrl-C in the terminal reaches the worker alone, which decides what the command
 * gets. POSIX only (Linux, macOS): the group is the child's pid (`detached: true` makes the
 * child call `setsid`), signalled with `process.kill(-pid, signal)`.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** How the group's first process (the command) ended. */
export type ExitStatus =
  | { readonly kind: "exit"; readonly code: number }
  | { readonly kind: "signal"; readonly signal: NodeJS.Signals }
  | { readonly kind: "spawn-error"; readonly error: NodeJS.ErrnoException };

/** Describes an exit status for a fail reason: "exited with code 1", "was killed by SIGKILL". */
export function describeExit(status: ExitStatus): string {
  switch (status.kind) {
    case "exit":
      return `exited with code ${status.code}`;
    case "signal":
      return `was killed by ${status.signal}`;
    case "spawn-error":
      return `could not start (${status.error.code ?? status.error.message})`;
  }
}

/** Polling period while waiting for a group to empty. */
const POLL_MS = 20;
/** How long to wait for a group to empty after SIGKILL (a process in uninterruptible sleep may take a while). */
const AFTER_KILL_MS = 5000;

/** A command running as the leader of its own process group, with piped stdin, stdout and stderr. */
export class ProcessGroup {
  /** The command's process; `child.pid` is the group id. */
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves when the command's process ends (other processes of its group may live on). */
  readonly exited: Promise<ExitStatus>;
  /** Resolves when its stdout and stderr are closed (every holder of the pipes ended). */
  readonly closed: Promise<void>;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once("error", (error: NodeJS.ErrnoException) => {
        // A failed spawn (ENOENT, EACCES) has no pid and no exit event; errors of a running
        // process (a failed kill) change nothing here.
        if (child.pid === undefined) resolve({ kind: "spawn-error", error });
      });
      child.once("exit", (code, signal) => {
        resolve(signal !== null ? { kind: "signal", signal } : { kind: "exit", code: code ?? 0 });
      });
    });
    this.closed = new Promise((resolve) => child.once("close", () => resolve()));
    // Writes to a command that exited fail with EPIPE; the exit status says what happened.
    child.stdin.on("error", () => undefined);
  }

  /**
   * Starts `command` with `args` in a new process group.
   * @param env - the command's whole environment.
   */
  static spawn(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
  ): ProcessGroup {
    const child = spawn(command, args, { detached: true, stdio: ["pipe", "pipe", "pipe"], env });
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    return new ProcessGroup(child);
  }

  /** The group id (the command's pid), or null when the command could not start. */
  get pgid(): number | null {
    return this.child.pid ?? null;
  }

  /** Sends `signal` to every process of the group; false when none is left. */
  signal(signal: NodeJS.Signals | 0): boolean {
    const pgid = this.pgid;
    if (pgid === null) return false;
    try {
      process.kill(-pgid, signal);
      return true;
    } catch {
      return false; // ESRCH: the group is empty
    }
  }

  /** True while a process of the group is alive. */
  isAlive(): boolean {
    return this.signal(0);
  }

  /**
   * Ends the whole group: SIGTERM, then SIGKILL to whatever is left after `graceMs`. Resolves
   * once the group is empty (or `AFTER_KILL_MS` after SIGKILL, for a process that cannot die
   * yet).
   * @param graceMs - time between SIGTERM and SIGKILL; 0 sends SIGKILL at once.
   * @returns what it took: "none" (the group was empty), "SIGTERM" or "SIGKILL".
   */
  async terminate(graceMs: number): Promise<"none" | "SIGTERM" | "SIGKILL"> {
    if (!this.isAlive()) return "none";
    if (graceMs > 0) {
      this.signal("SIGTERM");
      if (await this.waitEmpty(graceMs)) return "SIGTERM";
    }
    this.signal("SIGKILL");
    await this.waitEmpty(AFTER_KILL_MS);
    return "SIGKILL";
  }

  /** Waits until the group is empty or `ms` passed; true when it is empty. */
  private async waitEmpty(ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (this.isAlive()) {
      if (Date.now() >= end) return false;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return true;
  }
}
