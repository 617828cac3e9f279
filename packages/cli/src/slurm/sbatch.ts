/**
 * Submits an sbatch script with `sbatch --parsable` and reads the job id it prints
 * (`<job id>` or `<job id>;<cluster>`).
 */
import { CliError } from "../exit-codes.js";
import { runSlurmTool } from "./slurm-tool.js";

/** A submitted job. */
export interface SubmittedJob {
  /** The job id (of the whole array). */
  readonly jobId: string;
  /** The cluster, when sbatch names one (federations, several clusters). */
  readonly cluster: string | null;
}

/**
 * Reads the output of `sbatch --parsable`.
 * @throws CliError when it is not `<id>` or `<id>;<cluster>`.
 * @example parseSbatchOutput("4242;gpu\n") // { jobId: "4242", cluster: "gpu" }
 */
export function parseSbatchOutput(stdout: string): SubmittedJob {
  const line = stdout.trim().split("\n").pop()?.trim() ?? "";
  const m = /^(\d+)(?:;(\S+))?$/.exec(line);
  if (m === null) {
    throw new CliError(
      `sbatch: expected a job id from sbatch --parsable, got ${JSON.stringify(stdout.trim())}`,
    );
  }
  return { jobId: m[1] ?? "", cluster: m[2] ?? null };
}

/**
 * Runs `sbatch --parsable <script>` in `env`.
 * @throws CliError when sbatch is missing (not on PATH) or refuses the job (its message).
 */
export async function submitSbatchScript(
  scriptPath: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SubmittedJob> {
  const r = await runSlurmTool("sbatch", ["--parsable", scriptPath], env);
  if (r.code !== 0) {
    const why = r.stderr
      .trim()
      .split("\n")
      .filter((l) => l.trim() !== "")
      .join("; ");
    throw new CliError(`sbatch refused the job (exit code ${r.code ?? "none"}): ${why || "no message"}`);
  }
  return parseSbatchOutput(r.stdout);
}
