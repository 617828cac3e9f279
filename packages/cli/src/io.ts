/**
 * What a command reads and writes besides its arguments, so tests run commands in-process
 * with captured output and a chosen environment.
 */
export interface CliIo {
  /** Standard output (results: JSON, CSV, tables). */
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Standard error (errors, warnings, progress). */
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Standard input (a search space or params piped in). */
  readonly stdin: NodeJS.ReadableStream;
  /** The environment (`TUNELAB_STORAGE`, `TUNELAB_STUDY`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
