/**
 * `tunelab report`: records an intermediate value of a running trial at a step, as
 * `trial.report(value, step)` does in Optuna, so a training script in any language can
 * feed the pruner (`tunelab should-prune`) through the command line.
 */
import type { Command } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface ReportOptions extends StudyOptionValues {
  readonly trial?: string;
  readonly step?: string;
  readonly value?: string;
}

const EXAMPLES = `
Examples:
  $ tunelab report --storage journal:./study.log --study lr --trial 3 --step 10 --value 0.42
  $ tunelab report --trial 3 --step 11 --value 0.40   # with TUNELAB_STORAGE and TUNELAB_STUDY set

A step reported twice keeps its first value (a warning on stderr, exit 0), as in Optuna.
The trial must be RUNNING; studies with several objectives take no reports (as in Optuna).`;

/** Registers `tunelab report`. */
export function register(program: Command, io: CliIo): void {
  addStudyOptions(
    program.command("report").description("record an intermediate value of a running trial at a step"),
  )
    .option("--trial <number>", "the trial's number")
    .option("--step <step>", "the step, an integer >= 0 (an epoch, a number of samples, ...)")
    .option("--value <value>", "the intermediate value (a number; nan and inf are allowed)")
    .addHelpText("after", EXAMPLES)
    .action(async (opts: ReportOptions) => {
      const target = studyTarget(opts, io);
      const { parseNonNegativeInteger, parseValue } = await import("../options/numbers.js");
      if (opts.trial === undefined)
        throw new UsageError("--trial: the trial number is required (e.g. --trial 3)");
      if (opts.step === undefined) throw new UsageError("--step: the step is required (an integer >= 0)");
      if (opts.value === undefined) throw new UsageError("--value: the intermediate value is required");
      const number = parseNonNegativeInteger(opts.trial, "--trial");
      const step = parseNonNegativeInteger(opts.step, "--step");
      const value = parseValue(opts.value, "--value");
      const [{ withStudy }, { findRunningTrial }] = await Promise.all([
        import("../options/open-study.js"),
        import("../options/trial-lookup.js"),
      ]);
      await withStudy(target, io, {}, async (study) => {
        if (study.directions.length > 1) {
          throw new CliError(
            `--study: study "${study.studyName}" has ${study.directions.length} objectives; intermediate values are for one objective (as in Optuna)`,
          );
        }
        const trial = findRunningTrial(study, number, "report to it");
        const earlier = trial.intermediateValues.get(step);
        if (earlier !== undefined) {
          io.stderr.write(
            `tunelab: trial ${number} already has step ${step} (value ${earlier}); the new value ${value} is ignored\n`,
          );
          return;
        }
        await study.storage.updateTrial(trial.trialId, { intermediateValues: [[step, value]] });
      });
    });
}
