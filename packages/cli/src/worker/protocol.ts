/**
 * The line protocol between `tunelab worker` and the objective command it runs (documented in
 * the package README, section "Workers"; `examples/python/tunelab_worker.py` speaks it).
 *
 * The worker tells the command, through its environment and its standard input:
 * - the environment: `TUNELAB_PROTOCOL` (the protocol version, 1), `TUNELAB_MODE` (`trial`: one
 *   process per trial, or `persistent`: one process for many trials), `TUNELAB_STUDY`,
 *   `TUNELAB_STORAGE`, and in `trial` mode `TUNELAB_PARAMS` (the params as a JSON object) and
 *   `TUNELAB_TRIAL_NUMBER`;
 * - standard input: a trial line, `{"number": 3, "params": {...}}` (what `tunelab ask`
 *   prints, floats written as Python writes them). In `trial` mode it is the only line (stdin
 *   is closed after it, so the command may read stdin to the end). In `persistent` mode one
 *   such line comes per trial (end of file when the worker has no more trials), and each
 *   `tunelab:report` line of the command is answered with one line, `tunelab:continue` or
 *   `tunelab:prune`.
 *
 * The command tells the worker, on its standard output, one line each:
 * - `tunelab:report <step> <value>`: an intermediate value (step an integer >= 0, value a
 *   number; read as Python's `float()` reads it, `nan` and `inf` included);
 * - `tunelab:result <value> [<value> ...]`: the trial's value(s), whitespace-separated or as
 *   a JSON array (in `trial` mode the last line of output is read as the value(s) when no
 *   `tunelab:result` line came; `persistent` mode needs it);
 * - `tunelab:pruned`: the command stopped the trial as pruned (exit code
 *   {@link PRUNED_EXIT_CODE} says the same in `trial` mode; there the worker itself ends a
 *   trial its pruner stops: SIGTERM to the command's process group);
 * - `tunelab:fail <reason>`: the trial failed (persistent mode: the process goes on serving).
 * Every other line is the command's own output, passed through to the worker's stdout.
 */

import { parseFloatText } from "../options/numbers.js";

/** The protocol version, in `TUNELAB_PROTOCOL`. */
export const PROTOCOL_VERSION = 1;

/** The environment variables the worker sets for its command. */
export const PROTOCOL_ENV: {
  readonly protocol: "TUNELAB_PROTOCOL";
  readonly mode: "TUNELAB_MODE";
  readonly params: "TUNELAB_PARAMS";
  readonly trialNumber: "TUNELAB_TRIAL_NUMBER";
  readonly study: "TUNELAB_STUDY";
  readonly storage: "TUNELAB_STORAGE";
} = {
  protocol: "TUNELAB_PROTOCOL",
  mode: "TUNELAB_MODE",
  params: "TUNELAB_PARAMS",
  trialNumber: "TUNELAB_TRIAL_NUMBER",
  study: "TUNELAB_STUDY",
  storage: "TUNELAB_STORAGE",
};

/** How the worker runs its command: a process per trial, or one process for many trials. */
export type CommandMode = "trial" | "persistent";

/** The prefix of every protocol line, in both directions. */
export const PREFIX = "tunelab:";

/** The worker's answer to a report when the trial goes on (persistent mode). */
export const CONTINUE_LINE = "tunelab:continue";
/** The worker's answer to a report when the study's pruner says stop (persistent mode). */
export const PRUNE_LINE = "tunelab:prune";

/**
 * The exit code by which a command run in `trial` mode says it stopped as pruned (as the line
 * `tunelab:pruned` does): 10, the code by which `tunelab should-prune` says "prune". Not 1
 * or 2: Python exits 1 on an uncaught exception and 2 on a command-line error.
 */
export const PRUNED_EXIT_CODE = 10;

/** A line the command printed, as the worker reads it. */
export type CommandLine =
  | { readonly kind: "report"; readonly step: number; readonly value: number }
  | { readonly kind: "result"; readonly values: readonly number[] }
  | { readonly kind: "pruned" }
  | { readonly kind: "fail"; readonly reason: string }
  | { readonly kind: "output"; readonly text: string }
  | { readonly kind: "bad"; readonly line: string; readonly problem: string };

/**
 * Reads one line of the command's standard output (without its line ending).
 * @returns `output` for a line that is not a protocol line, `bad` (with the problem) for a
 * `tunelab:` line the protocol does not accept.
 * @example parseCommandLine("tunelab:report 3 0.25") // { kind: "report", step: 3, value: 0.25 }
 */
export function parseCommandLine(line: string): CommandLine {
  if (!line.startsWith(PREFIX)) return { kind: "output", text: line };
  const body = line.slice(PREFIX.length);
  const space = body.search(/\s/);
  const word = space < 0 ? body : body.slice(0, space);
  const rest = space < 0 ? "" : body.slice(space + 1).trim();
  switch (word) {
    case "report": {
      const parts = rest.split(/\s+/);
      if (parts.length !== 2 || parts[0] === "") {
        return bad(line, "expected tunelab:report <step> <value>");
      }
      const step = parseStep(parts[0]!);
      if (step === null)
        return bad(line, `the step must be an integer >= 0, got ${JSON.stringify(parts[0])}`);
      const value = parseFloatText(parts[1]!);
      if (value === null) return bad(line, `the value must be a number, got ${JSON.stringify(parts[1])}`);
      return { kind: "report", step, value };
    }
    case "result": {
      const values = parseValues(rest);
      if (values === null) {
        return bad(
          line,
          "expected tunelab:result <value> [<value> ...] (numbers, or a JSON array of numbers)",
        );
      }
      return { kind: "result", values };
    }
    case "pruned":
      return rest === "" ? { kind: "pruned" } : bad(line, "tunelab:pruned takes nothing after it");
    case "fail":
      return { kind: "fail", reason: rest === "" ? "the command said tunelab:fail" : rest };
    default:
      return bad(
        line,
        "unknown protocol line; the command may print tunelab:report, tunelab:result, tunelab:pruned or tunelab:fail",
      );
  }
}

function bad(line: string, problem: string): CommandLine {
  return { kind: "bad", line, problem };
}

/** An integer step >= 0 (digits only), or null. */
function parseStep(token: string): number | null {
  if (!/^\d+$/.test(token)) return null;
  const n = Number(token);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Reads the value(s) of a trial from one line: numbers separated by whitespace (`0.25`,
 * `0.25 17`), or a JSON or Python list (`[0.25, 17]`, `[nan, 1.0]`). Commas outside brackets
 * separate too (`0.25, 17`).
 * @returns the numbers (at least one), or null when the line holds anything else.
 */
export function parseValues(text: string): number[] | null {
  let t = text.trim();
  if (t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1).trim();
  if (t === "") return null;
  const tokens = t.split(/\s*,\s*|\s+/);
  const values: number[] = [];
  for (const token of tokens) {
    const v = parseFloatText(token);
    if (v === null) return null;
    values.push(v);
  }
  return values;
}
