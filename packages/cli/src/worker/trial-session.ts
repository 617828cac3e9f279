/**
 * One trial on a running command: the protocol lines of that trial (reports, the result,
 * pruned and fail lines), the limits that end it early (`--trial-timeout`, a stop, a prune
 * decision), and what the trial's outcome is once it ended. Shared by the process-per-trial
 * and persistent modes, which differ in how a prune decision reaches the command:
 *
 * - process per trial: the command's stdin is closed after the trial line (so a command may
 *   read it to the end), reports are not answered, and a prune decision ends the command's
 *   process group at once (SIGTERM, SIGKILL after `--kill-grace`); the trial is PRUNED;
 * - persistent: each report is answered on stdin with `tunelab:continue` or `tunelab:prune`;
 *   after `tunelab:prune` the command has `--prune-grace` to end the trial with
 *   `tunelab:pruned` (then it serves the next trial), else its group is ended as above and a
 *   new process serves the next trial.
 */
import type { CommandProcess } from "./command-process.js";
import { describeExit, type ExitStatus } from "./process-group.js";
import {
  CONTINUE_LINE,
  type CommandMode,
  PRUNE_LINE,
  PRUNED_EXIT_CODE,
  parseCommandLine,
  parseValues,
} from "./protocol.js";

/** What the worker gives a command for one trial. */
export interface TrialRequest {
  /** The trial's number. */
  readonly number: number;
  /** The trial line for stdin, `{"number": N, "params": {...}}` (`tunelab ask`'s output). */
  readonly line: string;
  /** Its parameters as a JSON object (`TUNELAB_PARAMS`). */
  readonly paramsJson: string;
  /** Reports an intermediate value to the study; resolves true when the pruner says stop. */
  report(step: number, value: number): Promise<boolean>;
  /** Fires when the command must be stopped now (the worker got SIGTERM or SIGINT, ...); its reason says why. */
  readonly stop: AbortSignal;
}

/** How a trial on a command ended. */
export type TrialOutcome =
  | { readonly kind: "values"; readonly values: readonly number[] }
  | { readonly kind: "pruned" }
  | {
      readonly kind: "fail";
      readonly reason: string;
      /** The signal that killed the command, when one did (not sent by the worker). */
      readonly signal?: NodeJS.Signals;
    }
  | { readonly kind: "stopped"; readonly reason: string }
  | { readonly kind: "fatal"; readonly error: unknown };

/** Time limits of a trial, in milliseconds. */
export interface TrialLimits {
  /** `--trial-timeout`, or null for none. */
  readonly trialTimeoutMs: number | null;
  /** `--kill-grace`: SIGTERM to SIGKILL. */
  readonly killGraceMs: number;
  /** `--prune-grace` (persistent mode): `tunelab:prune` to SIGTERM, for a command that does not end the trial. */
  readonly pruneGraceMs: number;
}

/** Why the worker stopped watching a trial. */
type Cause =
  | "exit" // the command ended
  | "terminal" // persistent mode: a result, pruned or fail line
  | "timeout"
  | "stopped"
  | "pruned" // the pruner's decision (process per trial), or the command ignored it (persistent)
  | "bad" // a protocol line the worker does not accept
  | "fatal"; // reporting to the study failed

type Terminal =
  | { readonly kind: "result"; readonly values: readonly number[] }
  | { readonly kind: "pruned" }
  | { readonly kind: "fail"; readonly reason: string };

/** The protocol state of one trial on a command. */
export class TrialSession {
  private readonly proc: CommandProcess;
  private readonly request: TrialRequest;
  private readonly mode: CommandMode;
  private pruneDecided = false;
  private terminal: Terminal | null = null;
  private lastOutput: string | null = null;
  private bad: { readonly line: string; readonly problem: string } | null = null;
  private fatal: { readonly error: unknown } | null = null;
  private notify: ((cause: Cause | "prune") => void) | null = null;

  constructor(proc: CommandProcess, request: TrialRequest, mode: CommandMode) {
    this.proc = proc;
    this.request = request;
    this.mode = mode;
  }

  /** Handles one stdout line of the command during this trial (set as the process's line handler). */
  readonly handle = async (line: string): Promise<void> => {
    const parsed = parseCommandLine(line);
    switch (parsed.kind) {
      case "output":
        this.proc.stdoutLine(line);
        if (parsed.text.trim() !== "") this.lastOutput = parsed.text;
        return;
      case "report":
        await this.onReport(parsed.step, parsed.value);
        return;
      case "result":
        this.setTerminal({ kind: "result", values: parsed.values });
        return;
      case "pruned":
        this.setTerminal({ kind: "pruned" });
        return;
      case "fail":
        this.setTerminal({ kind: "fail", reason: parsed.reason });
        return;
      case "bad":
        if (this.bad === null) this.bad = { line: parsed.line, problem: parsed.problem };
        this.notify?.("bad");
        return;
    }
  };

  private setTerminal(t: Terminal): void {
    if (this.terminal !== null) return; // the first one counts
    this.terminal = t;
    this.notify?.("terminal");
  }

  private async onReport(step: number, value: number): Promise<void> {
    const answer = (line: string): void => {
      if (this.mode === "persistent") this.proc.send(line);
    };
    if (this.pruneDecided || this.terminal !== null || this.fatal !== null) {
      // Nothing more is stored for this trial; a command still reporting is told to stop.
      answer(this.pruneDecided ? PRUNE_LINE : CONTINUE_LINE);
      return;
    }
    let prune: boolean;
    try {
      prune = await this.request.report(step, value);
    } catch (error) {
      this.fatal = { error };
      this.notify?.("fatal");
      return;
    }
    answer(prune ? PRUNE_LINE : CONTINUE_LINE);
    if (prune) {
      this.pruneDecided = true;
      this.notify?.("prune");
    }
  }

  /**
   * Watches the trial until it ends: the command exits, or (persistent mode) prints its
   * terminal line, or a limit passes, or the stop signal fires, or a line breaks the
   * protocol. Ends the command's whole process group when the trial ended for any other
   * reason than the command's own end (exit, or its terminal line in persistent mode).
   * @returns the trial's outcome, and whether the command process is still usable
   *   (persistent mode).
   */
  async supervise(limits: TrialLimits): Promise<{ outcome: TrialOutcome; alive: boolean }> {
    const cause = await this.watch(limits);
    let status: ExitStatus | null = null;
    let ended = "";
    if (cause === "exit") {
      status = await this.proc.done;
    } else if (cause !== "terminal") {
      const took = await this.proc.group.terminate(limits.killGraceMs);
      ended =
        took === "SIGKILL"
          ? limits.killGraceMs > 0
            ? `its process group got SIGTERM, and SIGKILL ${limits.killGraceMs / 1000} s later (--kill-grace)`
            : "its process group got SIGKILL"
          : took === "SIGTERM"
            ? "its process group got SIGTERM"
            : "it had ended";
      status = await this.proc.done;
    }
    return { outcome: this.outcome(cause, status, limits, ended), alive: status === null };
  }

  private watch(limits: TrialLimits): Promise<Cause> {
    return new Promise<Cause>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      let settled = false;
      const stop = this.request.stop;
      const finish = (cause: Cause): void => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        stop.removeEventListener("abort", onStop);
        this.notify = null;
        resolve(cause);
      };
      const onStop = (): void => finish("stopped");
      this.notify = (event) => {
        if (event === "prune") {
          if (this.mode === "trial") finish("pruned");
          else timers.push(setTimeout(() => finish("pruned"), limits.pruneGraceMs));
        } else if (event !== "terminal" || this.mode === "persistent") {
          finish(event);
        }
      };
      if (limits.trialTimeoutMs !== null) {
        timers.push(setTimeout(() => finish("timeout"), limits.trialTimeoutMs));
      }
      if (stop.aborted) finish("stopped");
      else stop.addEventListener("abort", onStop);
      // What happened before the watch began (lines handled while the trial line was sent).
      if (this.fatal !== null) finish("fatal");
      else if (this.bad !== null) finish("bad");
      else if (this.terminal !== null && this.mode === "persistent") finish("terminal");
      else if (this.pruneDecided) this.notify("prune");
      this.proc.done.then(() => finish("exit"));
    });
  }

  private outcome(cause: Cause, status: ExitStatus | null, limits: TrialLimits, ended: string): TrialOutcome {
    const tail = this.proc.stderrTail.text();
    const withTail = (reason: string): string =>
      tail === "" ? reason : `${reason}; the end of its stderr:\n${tail}`;
    switch (cause) {
      case "fatal":
        return { kind: "fatal", error: this.fatal?.error };
      case "stopped":
        return {
          kind: "stopped",
          reason: withTail(`the command was stopped (${reasonText(this.request.stop.reason)}): ${ended}`),
        };
      case "timeout":
        return {
          kind: "fail",
          reason: withTail(
            `the command ran longer than --trial-timeout ${(limits.trialTimeoutMs ?? 0) / 1000} s: ${ended}`,
          ),
        };
      case "bad":
        return {
          kind: "fail",
          reason: `the command printed a line the protocol does not accept: ${JSON.stringify(this.bad?.line)} (${this.bad?.problem})`,
        };
      default:
        break;
    }
    if (status?.kind === "spawn-error") {
      return { kind: "fatal", error: status.error };
    }
    if (this.pruneDecided) return { kind: "pruned" };
    const t = this.terminal;
    if (t?.kind === "pruned") return { kind: "pruned" };
    if (cause === "terminal" || (status !== null && status.kind === "exit" && status.code === 0)) {
      if (t?.kind === "fail") return { kind: "fail", reason: `the command said: ${t.reason}` };
      if (t?.kind === "result") return { kind: "values", values: t.values };
    }
    if (status === null) {
      // Unreachable: "terminal" always carries a terminal line.
      return { kind: "fail", reason: "the command ended the trial without a value" };
    }
    const killedBy = status.kind === "signal" ? { signal: status.signal } : {};
    if (this.mode === "persistent") {
      return {
        kind: "fail",
        ...killedBy,
        reason: withTail(
          `the command ${describeExit(status)} before it ended trial ${this.request.number} (a persistent command answers each trial with tunelab:result, tunelab:pruned or tunelab:fail)`,
        ),
      };
    }
    if (status.kind === "exit" && status.code === PRUNED_EXIT_CODE) return { kind: "pruned" };
    if (status.kind !== "exit" || status.code !== 0) {
      return { kind: "fail", ...killedBy, reason: withTail(`the command ${describeExit(status)}`) };
    }
    if (t?.kind === "fail") return { kind: "fail", reason: `the command said: ${t.reason}` };
    const last = this.lastOutput;
    if (last === null) {
      return {
        kind: "fail",
        reason: withTail(
          "the command printed nothing on stdout; its last line must be the value (a number, or several separated by spaces)",
        ),
      };
    }
    const values = parseValues(last);
    if (values === null) {
      return {
        kind: "fail",
        reason: withTail(
          `the last line of the command's stdout is not a number: ${JSON.stringify(last.length > 200 ? `${last.slice(0, 200)}...` : last)}`,
        ),
      };
    }
    return { kind: "values", values };
  }
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
