/**
 * `tunelab tell`: finishes a trial started by `tunelab ask` (in any process): COMPLETE with
 * its objective value(s), or PRUNED or FAIL, as Optuna 5.0's `optuna tell`.
 */
import type { Study } from "@tunelab/study";
import type { Command } from "commander";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addStudyOptions, type StudyOptionValues, studyTarget } from "../options/study-options.js";

interface TellOptions extends StudyOptionValues {
  readonly trial?: string;
  readonly trialNumber?: string;
  readonly values?: readonly string[];
  readonly state?: string;
  readonly skipIfFinished?: boolean;
}

const EXAMPLES = `
Examples:
  $ tunelab tell --storage journal:./study.log --study lr --trial 3 --values 0.125
  $ tunelab tell --trial 4 --values 0.91 1530          # two objectives
  $ tunelab tell --trial 5 --state pruned              # keeps the last reported value, as Optuna
  $ tunelab tell --trial 6 --state fail
  $ tunelab tell --trial 3 --values 0.2 --skip-if-finished   # no error if trial 3 is finished

Values are read as Python's float() reads them (1e-3, inf, -inf, nan). A NaN value FAILs
the trial, as in Optuna, and exits 1 saying so. A count of values that does not match the
study's directions is refused (exit 2) and leaves the trial running.`;

const STATES = ["complete", "pruned", "fail"] as const;

/** Registers `tunelab tell`. */
export function register(program: Command, io: CliIo): void {
  addStudyOptions(
    program.command("tell").description("finish a trial: COMPLETE with its values, or PRUNED, or FAIL"),
  )
    .option("--trial <number>", "the trial's number (as printed by ask)")
    .option("--trial-number <number>", "Optuna's spelling of --trial")
    .option("--values <value...>", "objective value(s), one per direction")
    .option("--state <state>", `final state: ${STATES.join(", ")} (default: complete with --values)`)
    .option("--skip-if-finished", "do nothing (exit 0) when the trial is already finished", false)
    .addHelpText("after", EXAMPLES)
    .action(async (opts: TellOptions) => {
      const target = studyTarget(opts, io);
      const { parseNonNegativeInteger, parseValue } = await import("../options/numbers.js");
      const trialText = opts.trial ?? opts.trialNumber;
      if (trialText === undefined)
        throw new UsageError("--trial: the trial number is required (e.g. --trial 3)");
      const number = parseNonNegativeInteger(trialText, "--trial");
      const state = opts.state?.toLowerCase();
      if (state !== undefined && !(STATES as readonly string[]).includes(state)) {
        throw new UsageError(
          `--state: must be one of ${STATES.join(", ")}, got ${JSON.stringify(opts.state)}`,
        );
      }
      const values = opts.values?.map((v) => parseValue(v, "--values"));
      if (values === undefined && (state === undefined || state === "complete")) {
        throw new UsageError("--values: give the objective value(s), or --state pruned|fail");
      }
      if (values !== undefined && state !== undefined && state !== "complete") {
        throw new UsageError(`--values: a ${state} trial takes no values (give one or the other)`);
      }
      const { withStudy } = await import("../options/open-study.js");
      await withStudy(target, io, {}, (study) =>
        finishTrial(study, io, {
          number,
          values: values ?? null,
          state:
            state === undefined || state === "complete" ? "COMPLETE" : state === "pruned" ? "PRUNED" : "FAIL",
          skipIfFinished: opts.skipIfFinished === true,
        }),
      );
    });
}

/** What `tell` was asked to do. */
interface FinishRequest {
  readonly number: number;
  /** The values (COMPLETE), or null (PRUNED, FAIL). */
  readonly values: readonly number[] | null;
  readonly state: "COMPLETE" | "PRUNED" | "FAIL";
  /** Exit 0 without writing when the trial is already finished. */
  readonly skipIfFinished: boolean;
}

/**
 * Finishes the trial through `Study.tell` (the study's rules: a PRUNED trial keeps its last
 * report, a NaN fails the trial with the reason stored).
 * @throws UsageError (exit 2, trial untouched) when the number of values does not match the
 *   study's directions; CliError (exit 1) when the trial does not exist, is finished (unless
 *   `skipIfFinished`), is WAITING, or a NaN value failed it.
 */
async function finishTrial(study: Study, io: CliIo, request: FinishRequest): Promise<void> {
  const [{ UpdateFinishedTrialError }, { findTrial }] = await Promise.all([
    import("@tunelab/study"),
    import("../options/trial-lookup.js"),
  ]);
  const trial = findTrial(study, request.number);
  if (trial.state === "COMPLETE" || trial.state === "PRUNED" || trial.state === "FAIL") {
    if (request.skipIfFinished) {
      io.stderr.write(
        `tunelab: trial ${trial.number} is already ${trial.state}; nothing told (--skip-if-finished)\n`,
      );
      return;
    }
    throw new CliError(
      `--trial: trial ${trial.number} is already finished (${trial.state}); --skip-if-finished makes this a no-op`,
    );
  }
  if (trial.state !== "RUNNING") {
    throw new CliError(`--trial: trial ${trial.number} is ${trial.state}, not RUNNING: nothing to tell`);
  }
  const n = study.directions.length;
  if (request.values !== null && request.values.length !== n) {
    throw new UsageError(
      `--values: study "${study.studyName}" has ${n} direction(s) (${study.directions.join(", ")}), got ${request.values.length} value(s)`,
    );
  }
  const skipIfFinished = request.skipIfFinished;
  try {
    await study.tell(
      request.number,
      request.values === null
        ? { state: request.state, skipIfFinished }
        : { values: request.values.length === 1 ? request.values[0]! : [...request.values], skipIfFinished },
    );
  } catch (e) {
    if (e instanceof UpdateFinishedTrialError) {
      // Another process finished it between this read and this write.
      if (skipIfFinished) return;
      throw new CliError(
        `--trial: trial ${request.number} was finished by another process meanwhile; --skip-if-finished makes this a no-op`,
      );
    }
    if (e instanceof RangeError && / failed: /.test(e.message)) {
      throw new CliError(
        `--values: trial ${request.number} is stored as FAIL: ${e.message.replace(/^tell: trial \d+ failed: /, "")}`,
      );
    }
    throw e;
  }
}
