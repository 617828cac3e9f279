/**
 * The `tunelab` program: one commander Command with a subcommand per file under
 * `commands/`. Each command file exports `register(program, io)`; add yours to COMMANDS.
 *
 * Every call of `tunelab` is a fresh process, so the program loads no more than the command
 * line needs (issue 11, the latency of an ask/tell pair): `tunelab ask ...` imports only
 * `commands/ask.ts` (and each command's action imports its heavy modules itself), `--version`
 * no command at all; `--help`, `help`, a bare `tunelab` or a name that is not a command load
 * every command, so the listing and commander's suggestions stay whole.
 */
import { Command, CommanderError } from "commander";
import { CliError, EXIT } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/** Adds one (sub)command to the program. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** A command file: what `commands/<name>.ts` exports. */
interface CommandModule {
  readonly register: RegisterCommand;
}

/** Every command of the CLI, in the order `tunelab --help` lists them, each loaded on demand. */
const COMMANDS: ReadonlyMap<string, () => Promise<CommandModule>> = new Map([
  ["study", () => import("./commands/study.js")],
  ["trials", () => import("./commands/trials.js")],
  ["best-trial", () => import("./commands/best-trial.js")],
  ["best-trials", () => import("./commands/best-trials.js")],
  ["ask", () => import("./commands/ask.js")],
  ["tell", () => import("./commands/tell.js")],
  ["report", () => import("./commands/report.js")],
  ["report-html", () => import("./commands/report-html.js")],
  ["dashboard", () => import("./commands/dashboard.js")],
  ["should-prune", () => import("./commands/should-prune.js")],
  ["worker", () => import("./commands/worker.js")],
  ["slurm", () => import("./commands/slurm.js")],
  ["server", () => import("./commands/server.js")],
]);

/** The version `tunelab --version` prints. */
const VERSION = "0.1.0";

/**
 * The commands `argv` needs: the one it names first, none for a bare `--version`/`-V`, and
 * every command otherwise (help, no command, an unknown name).
 */
function commandsFor(argv: readonly string[] | undefined): readonly string[] {
  const all = [...COMMANDS.keys()];
  if (argv === undefined) return all;
  const first = argv[0];
  if (first === "--version" || first === "-V") return [];
  return first !== undefined && COMMANDS.has(first) ? [first] : all;
}

/**
 * Builds the program, writing through `io`. Commander's own exits become exceptions.
 * @param argv - the command line it will parse: only the commands it names are loaded.
 *   @defaultValue every command
 */
export async function buildProgram(io: CliIo, argv?: readonly string[]): Promise<Command> {
  const program = new Command("tunelab")
    .description("tunelab: hyperparameter optimization studies from the command line")
    .version(VERSION)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  const names = commandsFor(argv);
  const modules = await Promise.all(names.map((name) => COMMANDS.get(name)!()));
  for (const { register } of modules) register(program, io);
  return program;
}

/**
 * Runs the command line `argv` (without the node and script paths) and returns the exit
 * code: 0 ok, 1 an error of the command, 2 a usage error; a command may document others.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const program = await buildProgram(io, argv);
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
