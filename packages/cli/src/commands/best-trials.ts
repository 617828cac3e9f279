/**
 * `tunelab best-trials`: the COMPLETE trials on the Pareto front (none dominated by
 * another under the study's directions; feasible ones when constraints were set), with the
 * columns of `tunelab trials`. For one objective: the trials sharing the best value.
 */
import type { Command } from "commander";
import { addFormatOption, type OutputFormat } from "../format/format-option.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface BestTrialsOptions extends StudyOptionValues {
  readonly format: OutputFormat;
}

const EXAMPLES = `
Examples:
  $ tunelab best-trials --storage journal:./study.log --study accuracy-vs-latency
  $ tunelab best-trials --format csv > pareto.csv

An empty front (no COMPLETE trial yet) prints an empty table, [] or a header line.`;

/** Registers `tunelab best-trials`. */
export function register(program: Command, io: CliIo): void {
  addFormatOption(
    addStudyOptions(program.command("best-trials").description("show the trials on the Pareto front")),
  )
    .addHelpText("after", EXAMPLES)
    .action(async (opts: BestTrialsOptions) => {
      const target = studyTarget(opts, io);
      const [{ withStudy }, { trialsTable }, { formatTable }] = await Promise.all([
        import("../options/open-study.js"),
        import("@tunelab/study/export"),
        import("../format/write-table.js"),
      ]);
      const text = await withStudy(target, io, {}, async (study) => {
        const table = trialsTable({
          directions: study.directions,
          metricNames: study.metricNames,
          trials: study.bestTrials,
        });
        return formatTable(table, opts.format);
      });
      io.stdout.write(text);
    });
}
