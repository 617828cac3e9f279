/** The process's own streams and environment, for the executables (`bin.ts`, the fast path). */
import type { CliIo } from "../io.js";

/**
 * Like `processIo()`, but standard input is created only when a command reads it: creating
 * `process.stdin` cost about 10 ms of CPU in a fresh process (measured on the project's
 * machine, node 20), and most commands never read it.
 */
export function lazyProcessIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    env: process.env,
  };
}
