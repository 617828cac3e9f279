/**
 * The exit codes of `tunelab`, documented in the package README. A command that needs
 * another code (e.g. `should-prune`) documents it beside these.
 */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** It could not (a storage error, a trial that does not exist, ...): one line on stderr. */
  error: 1,
  /** The command line is wrong (an unknown flag, a missing argument, a bad value). */
  usage: 2,
} as const;

/** A failure that ends the command with a one-line message and an exit code. */
export class CliError extends Error {
  override readonly name: string = "CliError";
  /** The process's exit code. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.error) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A wrong command line: names the flag at fault and what it accepts; exit code 2. */
export class UsageError extends CliError {
  override readonly name: string = "UsageError";

  constructor(message: string) {
    super(message, EXIT.usage);
  }
}
