/**
 * Splits the arguments of `tunelab slurm submit` at `--`: before it, options of the submission
 * and of the workers; after it, the objective command, word by word, untouched.
 *
 * Commander drops a `--` that no unknown option precedes and keeps one that does, so the
 * arguments it hands to the action cannot tell `submit --array 0-3 -- --x` (a command named
 * `--x`) from `submit --array 0-3 --x` (an option and no command). The program's raw
 * arguments can: the command is whatever follows their first `--`.
 */
import type { Command } from "commander";
import { UsageError } from "../exit-codes.js";

/** What a command line holds besides the options commander read. */
export interface SplitArguments {
  /** Arguments before `--` that commander did not read (options for the worker). */
  readonly passThrough: readonly string[];
  /** The words after the first `--`. */
  readonly command: readonly string[];
}

/**
 * The pass-through options and the command of `cmd`'s command line.
 * @param example - a command line to show when `--` or the command is missing.
 * @throws UsageError when the line has no `--`, or nothing after it.
 */
export function splitAtDoubleDash(cmd: Command, example: string): SplitArguments {
  let root: Command = cmd;
  while (root.parent !== null) root = root.parent;
  // Commander keeps the arguments it parsed in rawArgs (not in its type declarations).
  const raw = (root as unknown as { rawArgs?: readonly string[] }).rawArgs ?? [];
  const dash = raw.indexOf("--");
  if (dash < 0) {
    throw new UsageError(`--: put the objective command after --, e.g. ${example}`);
  }
  const command = raw.slice(dash + 1);
  if (command.length === 0) {
    throw new UsageError(`--: the objective command after -- is missing, e.g. ${example}`);
  }
  // cmd.args ends with the command; what comes before it (minus a kept "--") is pass-through.
  const args = cmd.args;
  let before = args.slice(0, Math.max(0, args.length - command.length));
  if (before[before.length - 1] === "--") before = before.slice(0, -1);
  return { passThrough: before, command };
}
