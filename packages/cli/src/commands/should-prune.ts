/**
 * `tunelab should-prune`: asks the study's pruner whether a running trial should stop,
 * judged on the intermediate values in the storage (`tunelab report`). The answer is the
 * exit code (0 continue, 10 prune), or with `--format json` a line `{"prune": true}` and
 * exit 0. The command does not change the trial: a script that stops tells it
 * `--state pruned` (see the README for the loop).
 */
import { type Command, Option } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

/** The exit code of `should-prune` when the trial should stop. */
export const EXIT_PRUNE = 10;

interface ShouldPruneOptions extends StudyOptionValues {
  readonly trial?: string;
  readonly pruner?: string;
  readonly prunerKwargs?: string;
  readonly format?: string;
}

const EXAMPLES = `
Examples:
  $ tunelab should-prune --storage journal:./study.log --study lr --trial 3
  $ echo $?                       # 0: continue, 10: prune
  $ tunelab should-prune --trial 3 --format json
  {"prune": false}
  $ tunelab should-prune --trial 3 --pruner PercentilePruner --pruner-kwargs '{"percentile": 25}'

In a shell loop:
  tunelab report --trial "$n" --step "$epoch" --value "$loss"
  tunelab should-prune --trial "$n"; rc=$?
  if [ "$rc" -eq 10 ]; then tunelab tell --trial "$n" --state pruned; break; fi
  if [ "$rc" -ne 0 ]; then exit "$rc"; fi      # 1, 2: an error

Exit codes: 0 continue, 10 prune (without --format json), 1 an error (no such trial, a
finished trial), 2 a wrong command line. The pruner is the one stored at "tunelab study
create --pruner" (MedianPruner, Optuna's default, when none was); --pruner overrides it
for this call.`;

/** Registers `tunelab should-prune`. */
export function register(program: Command, io: CliIo): void {
  addStudyOptions(
    program
      .command("should-prune")
      .description("ask the study's pruner whether a running trial should stop (exit 10) or go on (exit 0)"),
  )
    .option("--trial <number>", "the trial's number")
    .option(
      "--pruner <name>",
      "pruner for this call (default: the study's, stored at study create; else MedianPruner)",
    )
    .option(
      "--pruner-kwargs <json>",
      "options of --pruner as a JSON object, e.g. '{\"n_startup_trials\": 5}'",
    )
    .addOption(
      new Option(
        "--format <format>",
        'exit-code: the answer is the exit code; json: print {"prune": ...} and exit 0',
      )
        .choices(["exit-code", "json"])
        .default("exit-code"),
    )
    .addHelpText("after", EXAMPLES)
    .action(async (opts: ShouldPruneOptions) => {
      const target = studyTarget(opts, io);
      if (opts.trial === undefined)
        throw new UsageError("--trial: the trial number is required (e.g. --trial 3)");
      const [{ parseNonNegativeInteger }, pruners, { storedChoice }, { withStudy }, { findRunningTrial }] =
        await Promise.all([
          import("../options/numbers.js"),
          import("../options/pruners.js"),
          import("../options/stored-choice.js"),
          import("../options/open-study.js"),
          import("../options/trial-lookup.js"),
        ]);
      const number = parseNonNegativeInteger(opts.trial, "--trial");
      const override = pruners.prunerChoice(opts.pruner, opts.prunerKwargs);
      const makePruner = (attrs: Parameters<typeof storedChoice>[0]) =>
        override !== null
          ? pruners.buildPruner(override, "--pruner")
          : pruners.buildPruner(
              storedChoice(attrs, pruners.PRUNER_ATTR) ?? pruners.DEFAULT_PRUNER,
              pruners.PRUNER_ATTR,
            );
      const prune = await withStudy(target, io, { pruner: makePruner }, async (study) => {
        if (study.directions.length > 1) {
          throw new CliError(
            `--study: study "${study.studyName}" has ${study.directions.length} objectives; pruning is for one objective (as in Optuna)`,
          );
        }
        const trial = findRunningTrial(study, number, "decide on pruning it");
        return study.pruner.prune(study, trial);
      });
      if (opts.format === "json") {
        io.stdout.write(`{"prune": ${prune}}\n`);
        return;
      }
      // run() writes the message on stderr ("tunelab: trial 3 should be pruned ...") and returns 10.
      if (prune) throw new CliError(`trial ${number} should be pruned (exit ${EXIT_PRUNE})`, EXIT_PRUNE);
    });
}
