/**
 * Runs `tunelab` in-process with captured output and a chosen environment, for the tests of
 * `tunelab slurm`.
 */
import { PassThrough } from "node:stream";
import { run } from "../../src/index.js";

/** What a command printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `argv` with `env` as the environment (nothing of the test process's own). */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const code = await run(argv, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, out, err };
}
