import { createStudy, type FrozenTrial, type Pruner, type StudyDirection } from "@tunelab/study";
import { noParamSampler } from "./replay.js";

/** A value as the Optuna 5 fixture writes it: a number, or "nan", "inf", "-inf". */
export type EncodedValue = number | "nan" | "inf" | "-inf";

export function decodeValue(v: EncodedValue): number {
  if (v === "nan") return Number.NaN;
  if (v === "inf") return Number.POSITIVE_INFINITY;
  if (v === "-inf") return Number.NEGATIVE_INFINITY;
  return v;
}

/** How a replayed study treats its trials (see fixtures/optuna5-pruners.py). */
export interface ReplayReportsOptions {
  readonly direction: StudyDirection;
  /** Stop a trial at its first prune decision. @defaultValue true */
  readonly stopOnPrune?: boolean;
  /** A stopped trial is told PRUNED, or told the mean of its values (COMPLETE). @defaultValue "pruned" */
  readonly onPrune?: "pruned" | "mean";
  /** A trial that ran to its end is told its last value or the mean of its values. @defaultValue "last" */
  readonly finalValue?: "last" | "mean";
}

const finiteOr = (v: number): number => (Number.isFinite(v) ? v : 1e9);

/**
 * Runs trials one after another: trial t makes the reports trials[t] ([step, value] pairs, in
 * that order) and asks shouldPrune() after each; returns every answer, per trial (the same
 * protocol as the Optuna 5 fixture script).
 */
export async function replayReports(
  pruner: Pruner,
  trials: readonly (readonly (readonly [number, number])[])[],
  options: ReplayReportsOptions,
): Promise<boolean[][]> {
  return (await replayReportsStudy(pruner, trials, options)).decisions;
}

/** {@link replayReports}, also returning the study's trials at the end. */
export async function replayReportsStudy(
  pruner: Pruner,
  trials: readonly (readonly (readonly [number, number])[])[],
  options: ReplayReportsOptions & { readonly studyName?: string },
): Promise<{ decisions: boolean[][]; trials: readonly FrozenTrial[] }> {
  const study = await createStudy({
    studyName: options.studyName ?? "fixture",
    direction: options.direction,
    pruner,
    sampler: noParamSampler,
  });
  const stopOnPrune = options.stopOnPrune ?? true;
  const out: boolean[][] = [];
  for (const reports of trials) {
    const trial = await study.ask();
    const decisions: boolean[] = [];
    const values: number[] = [];
    let stopped = false;
    for (const [step, value] of reports) {
      await trial.report(value, step);
      values.push(value);
      const d = trial.shouldPrune();
      decisions.push(d);
      if (d && stopOnPrune) {
        stopped = true;
        break;
      }
    }
    let sum = 0;
    for (const v of values) sum += v;
    const mean = values.length > 0 ? finiteOr(sum / values.length) : 1e9;
    if (stopped && (options.onPrune ?? "pruned") === "pruned") await study.tell(trial, { state: "PRUNED" });
    else if (stopped || options.finalValue === "mean") await study.tell(trial, mean);
    else await study.tell(trial, values.length > 0 ? finiteOr(values[values.length - 1]!) : 1e9);
    out.push(decisions);
  }
  return { decisions: out, trials: study.trials };
}
