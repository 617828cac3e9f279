/**
 * The `tunelab worker` options given to `tunelab slurm submit`, which passes them to the
 * worker of every task. They are checked now, by the worker's own command line and its own
 * checks (`commands/worker.ts`, `worker/settings.ts`), so that a misspelt flag or a search
 * space that is not JSON is a usage error at submission, not a failed array in the queue.
 */
import { Command, CommanderError } from "commander";
import { register as registerWorker } from "../commands/worker.js";
import { UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import type { WorkerSettings } from "../worker/run-worker.js";
import { parseWorkerSettings, type WorkerFlags } from "../worker/settings.js";

/** Options that `slurm submit` sets on the worker itself, with the flag to use instead. */
const OWN: ReadonlyMap<string, string> = new Map([["--n-trials", "--trials-per-task"]]);

/** What the worker of each task will run. */
export interface WorkerLine {
  /** The storage URL the tasks get. */
  readonly storage: string;
  /** The study's name. */
  readonly study: string;
  /** `--n-trials` of each task's worker. */
  readonly trialsPerTask: number;
  /** The worker options given to `slurm submit`. */
  readonly workerArgs: readonly string[];
  /** The objective command. */
  readonly command: readonly string[];
}

/**
 * Checks the worker's command line of a submission as `tunelab worker` itself would read it.
 * @returns the worker's settings (search space, heartbeats, grace times, ...).
 * @throws UsageError naming the option: one that `slurm submit` sets itself (`--n-trials`: use
 *   `--trials-per-task`), an option `tunelab worker` does not have or that lacks its value, and
 *   whatever the worker refuses (a missing or malformed `--search-space`, a bad number, ...).
 */
export async function checkWorkerLine(line: WorkerLine, io: CliIo): Promise<WorkerSettings> {
  for (const a of line.workerArgs) {
    const name = a.split("=")[0] ?? a;
    const instead = OWN.get(name);
    if (instead !== undefined) {
      throw new UsageError(`${name}: slurm submit sets it for each task's worker; use ${instead}`);
    }
  }
  let said = "";
  const quiet = { write: (s: string) => (said += s) };
  const program = new Command("tunelab")
    .exitOverride()
    .configureOutput({ writeOut: quiet.write, writeErr: quiet.write, outputError: quiet.write });
  registerWorker(program, io);
  const worker = program.commands.find((c) => c.name() === "worker");
  if (worker === undefined) throw new Error("slurm submit: the worker command is not registered");
  let parsed: { operands: string[]; flags: WorkerFlags } | null = null;
  worker.action((operands: string[], flags: WorkerFlags) => {
    parsed = { operands, flags };
  });
  const argv = [
    "worker",
    "--storage",
    line.storage,
    "--study",
    line.study,
    "--n-trials",
    String(line.trialsPerTask),
    ...line.workerArgs,
    "--",
    ...line.command,
  ];
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    const why = (said.trim() || e.message).split("\n")[0]?.replace(/^error: /, "") ?? e.message;
    throw new UsageError(
      `worker options: ${why} (slurm submit passes them to tunelab worker; see tunelab worker --help)`,
    );
  }
  if (parsed === null) throw new Error("slurm submit: the worker's command line was not read");
  const { operands, flags } = parsed as { operands: string[]; flags: WorkerFlags };
  return parseWorkerSettings(flags, operands, true, { ...io, env: {} }).settings;
}
