/**
 * `--format`: how a command writes its result. Commander checks the choice, so an unknown
 * format is a usage error (exit 2) naming the option and the allowed values.
 */
import { type Command, Option } from "commander";

/** The output formats of tabular results. */
export type OutputFormat = "table" | "json" | "csv";

/**
 * Adds `--format <format>` with `choices` and a default to `cmd`.
 * @param choices - the formats the command writes. @defaultValue table, json, csv
 * @param fallback - the format when the option is not given. @defaultValue "table"
 */
export function addFormatOption(
  cmd: Command,
  choices: readonly OutputFormat[] = ["table", "json", "csv"],
  fallback: OutputFormat = "table",
): Command {
  return cmd.addOption(
    new Option("--format <format>", `output format: ${choices.join(", ")}`)
      .choices(choices)
      .default(fallback),
  );
}
