/**
 * `@tunelab/cli`: the `tunelab` command as a library, to run it in-process (tests, tools).
 */
export { CliError, EXIT, UsageError } from "./exit-codes.js";
export { type CliIo, processIo } from "./io.js";
export { buildProgram, type RegisterCommand, run } from "./program.js";
