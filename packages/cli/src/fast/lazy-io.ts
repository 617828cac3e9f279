/** The process's own streams and environment, for the executables (`bin.ts`, the fast path). */
import type { CliIo } from "../io.js";

/**
 * Like `processIo()`, but standard input is created only when a command reads it: creating
 * `process.stdin` cost about 10 ms of CPU in a fresh process (measured on the project's
 * machine, node 20), and most commands never read it.
 */
export function lazyProcessIo(): CliIo {
  quietOnClosedPipe(process.stdout);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    env: process.env,
  };
}

/**
 * A reader that closed the pipe early (`tunelab trials | head`) ends the output, not the
 * command with a crash trace: the rest is dropped and the exit code stays the command's.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    stream.write = (): boolean => true;
  });
}
