/**
 * The `tunelab` program: one commander Command with a subcommand per file under
 * `commands/`. Each command file exports `register(program, io)`; add yours to COMMANDS.
 */
import { Command, CommanderError } from "commander";
import { register as ask } from "./commands/ask.js";
import { register as bestTrial } from "./commands/best-trial.js";
import { register as bestTrials } from "./commands/best-trials.js";
import { register as report } from "./commands/report.js";
import { register as shouldPrune } from "./commands/should-prune.js";
import { register as slurm } from "./commands/slurm.js";
import { register as study } from "./commands/study.js";
import { register as tell } from "./commands/tell.js";
import { register as trials } from "./commands/trials.js";
import { CliError, EXIT } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/** Adds one (sub)command to the program. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Every command of the CLI, in the order `tunelab --help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  study,
  trials,
  bestTrial,
  bestTrials,
  ask,
  tell,
  report,
  shouldPrune,
  slurm,
];

/** Builds the program, writing through `io`. Commander's own exits become exceptions. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("tunelab")
    .description("tunelab: hyperparameter optimization studies from the command line")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  for (const register of COMMANDS) register(program, io);
  return program;
}

/**
 * Runs the command line `argv` (without the node and script paths) and returns the exit
 * code: 0 ok, 1 an error of the command, 2 a usage error; a command may document others.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; commander has printed the message already.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      io.stderr.write(`tunelab: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr.write(`tunelab: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
}
