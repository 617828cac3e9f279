/**
 * `tunelab best-trial`: the best COMPLETE trial of a single-objective study (feasible ones
 * first when constraints were set), with the columns of `tunelab trials`.
 */
import type { Command } from "commander";
import { CliError } from "../exit-codes.js";
import { addFormatOption, type OutputFormat } from "../format/format-option.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface BestTrialOptions extends StudyOptionValues {
  readonly format: OutputFormat;
}

const EXAMPLES = `
Examples:
  $ tunelab best-trial --storage journal:./study.log --study lr
  $ tunelab best-trial --format json | jq .params_lr

JSON is one object (as "optuna best-trial --flatten" prints it). A study with several
objectives has no single best trial: use best-trials. Exit 1 when no trial is COMPLETE.`;

/** Registers `tunelab best-trial`. */
export function register(program: Command, io: CliIo): void {
  addFormatOption(
    addStudyOptions(
      program.command("best-trial").description("show the best trial of a single-objective study"),
    ),
  )
    .addHelpText("after", EXAMPLES)
    .action(async (opts: BestTrialOptions) => {
      const target = studyTarget(opts, io);
      const [{ withStudy }, { trialsTable }, { formatTable }] = await Promise.all([
        import("../options/open-study.js"),
        import("@tunelab/study/export"),
        import("../format/write-table.js"),
      ]);
      const text = await withStudy(target, io, {}, async (study) => {
        if (study.directions.length > 1) {
          throw new CliError(
            `--study: study "${study.studyName}" has ${study.directions.length} objectives, so no single best trial; use tunelab best-trials (the Pareto front)`,
          );
        }
        let best: (typeof study.trials)[number];
        try {
          best = study.bestTrial;
        } catch {
          throw new CliError(`--study: study "${study.studyName}" has no COMPLETE (and feasible) trial yet`);
        }
        const table = trialsTable({
          directions: study.directions,
          metricNames: study.metricNames,
          trials: [best],
        });
        return formatTable(table, opts.format, true);
      });
      io.stdout.write(text);
    });
}
