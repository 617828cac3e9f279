/**
 * `tunelab trials`: the study's trials with Optuna's trials-dataframe columns (`number`,
 * `value` or `values_0`..., dates, `duration`, `params_<name>`, `user_attrs_<key>`,
 * `state`), as a table, JSON or CSV.
 */
import type { Command } from "commander";
import { addFormatOption, type OutputFormat } from "../format/format-option.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface TrialsOptions extends StudyOptionValues {
  readonly format: OutputFormat;
}

const EXAMPLES = `
Examples:
  $ tunelab trials --storage journal:./study.log --study lr
  $ tunelab trials --format csv > trials.csv
  $ tunelab trials --format json | jq '.[] | select(.state == "COMPLETE") | .value'

JSON rows have one key per column (as "optuna trials --flatten" prints them); dates are
ISO 8601 UTC, durations milliseconds in JSON and pandas' Timedelta text in CSV.`;

/** Registers `tunelab trials`. */
export function register(program: Command, io: CliIo): void {
  addFormatOption(addStudyOptions(program.command("trials").description("list the study's trials")))
    .addHelpText("after", EXAMPLES)
    .action(async (opts: TrialsOptions) => {
      const target = studyTarget(opts, io);
      const [{ withStudy }, { trialsTable }, { formatTable }] = await Promise.all([
        import("../options/open-study.js"),
        import("@tunelab/study/export"),
        import("../format/write-table.js"),
      ]);
      const text = await withStudy(target, io, {}, async (study) =>
        formatTable(trialsTable(study), opts.format),
      );
      io.stdout.write(text);
    });
}
