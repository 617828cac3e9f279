/**
 * `tunelab slurm`: job arrays of workers on a SLURM cluster. `submit` writes and submits the
 * sbatch script (src/slurm/submit-command.ts); `status` shows the study and its arrays
 * (src/slurm/status-command.ts).
 */
import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { registerSlurmStatus } from "../slurm/status-command.js";
import { registerSlurmSubmit } from "../slurm/submit-command.js";

/** Adds `tunelab slurm submit` and `tunelab slurm status` to the program. */
export function register(program: Command, io: CliIo): void {
  const slurm = program
    .command("slurm")
    .description("run workers as a SLURM job array: submit, status")
    .addHelpText(
      "after",
      `
Examples:
  $ tunelab slurm submit --storage journal:/shared/hpo/study.log --study lr \\
      --array 0-9%4 --trials-per-task 5 --time 2:00:00 --search-space @space.json -- python train.py
  $ tunelab slurm status --storage journal:/shared/hpo/study.log --study lr`,
    );
  registerSlurmSubmit(slurm, io);
  registerSlurmStatus(slurm, io);
}
