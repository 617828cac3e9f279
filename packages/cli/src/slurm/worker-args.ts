/**
 * The `tunelab worker` options given to `tunelab slurm submit`, which passes them to the
 * worker of every task.
 */
import { UsageError } from "../exit-codes.js";

/** Options that `slurm submit` sets on the worker itself, with the flag to use instead. */
const OWN: ReadonlyMap<string, string> = new Map([
  ["--n-trials", "--trials-per-task"],
  ["--storage", "--storage"],
  ["--study", "--study"],
]);

/**
 * Checks the worker options of a submission.
 * @returns them, unchanged.
 * @throws UsageError naming the option for one that `slurm submit` sets itself (`--n-trials`:
 *   use `--trials-per-task`).
 */
export function checkWorkerArgs(args: readonly string[]): readonly string[] {
  for (const a of args) {
    const name = a.split("=")[0] ?? a;
    const instead = OWN.get(name);
    if (instead !== undefined && instead !== name) {
      throw new UsageError(`${name}: slurm submit sets it for each task's worker; use ${instead}`);
    }
  }
  return args;
}
