/**
 * `--trial N`: finds a trial of the study by its number, and checks that it can still be
 * written (RUNNING), with errors that name the flag and say what is there instead.
 */
import type { FrozenTrial, Study } from "@tunelab/study";
import { CliError } from "../exit-codes.js";

/**
 * The trial numbered `number` in `study` (as last read from the storage).
 * @throws CliError (exit 1) naming `flag` when the study has no such trial.
 */
export function findTrial(study: Study, number: number, flag = "--trial"): FrozenTrial {
  const trials = study.trials;
  const direct = trials[number];
  const trial = direct?.number === number ? direct : trials.find((t) => t.number === number);
  if (trial === undefined) {
    const range =
      trials.length === 0 ? "it has no trials yet" : `its trials are numbered 0 to ${trials.length - 1}`;
    throw new CliError(`${flag}: study "${study.studyName}" has no trial ${number} (${range})`);
  }
  return trial;
}

/**
 * The trial numbered `number`, which must be RUNNING for `what` (e.g. "report to it").
 * @throws CliError (exit 1) naming `flag` when the trial does not exist or is finished
 *   (COMPLETE, PRUNED, FAIL) or still WAITING.
 */
export function findRunningTrial(study: Study, number: number, what: string, flag = "--trial"): FrozenTrial {
  const trial = findTrial(study, number, flag);
  if (trial.state !== "RUNNING") {
    throw new CliError(`${flag}: trial ${number} is ${trial.state}, not RUNNING: cannot ${what}`);
  }
  return trial;
}
