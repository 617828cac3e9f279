/**
 * Runs one of SLURM's client commands (`sbatch`, `squeue`, `sacct`) and returns what it
 * printed. A command that is not on PATH is a one-line error that says so, rather than
 * Node's `spawn sbatch ENOENT`.
 */
import { execFile } from "node:child_process";
import { CliError } from "../exit-codes.js";

/** What a SLURM command printed, and how it ended. */
export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code (null when a signal ended it). */
  readonly code: number | null;
}

/** SLURM's client commands that tunelab runs. */
export type SlurmTool = "sbatch" | "squeue" | "sacct";

/**
 * Runs `tool` with `args` in the environment `env` (its PATH finds the tool; SLURM_CONF
 * and the like pass through), without a shell.
 * @param timeoutMs - how long the command may take. @defaultValue 60000
 * @returns the output and the exit code, whatever the code is.
 * @throws CliError when the tool is not on PATH ("SLURM's commands are not on PATH") or
 *   cannot be started.
 */
export function runSlurmTool(
  tool: SlurmTool,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs = 60_000,
): Promise<ToolResult> {
  return new Promise((resolveResult, reject) => {
    execFile(
      tool,
      [...args],
      { env: { ...env }, timeout: timeoutMs, maxBuffer: 64 << 20, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error !== null) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") {
            reject(
              new CliError(
                `${tool}: SLURM's commands are not on PATH (${tool} was not found): run this on a machine of the cluster (a login node), or load SLURM first (e.g. module load slurm)`,
              ),
            );
            return;
          }
          if (typeof code === "string") {
            reject(new CliError(`${tool}: could not run it (${code})`));
            return;
          }
          if (error.killed === true && error.signal !== null && typeof error.code !== "number") {
            reject(new CliError(`${tool}: no answer within ${timeoutMs / 1000} s (is slurmctld reachable?)`));
            return;
          }
        }
        const exit = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolveResult({ stdout, stderr, code: exit });
      },
    );
  });
}
