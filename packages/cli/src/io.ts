import type { StoragePool } from "./server/storage-pool.js";

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
  /**
   * Storages kept open across commands (`tunelab server`): a command opens its study's
   * storage from here and leaves it open. Absent in a fresh process, where the command
   * opens the storage and closes it when it ends.
   */
  readonly storagePool?: StoragePool;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
