/** Argument checks shared by the plots: one-line errors that name the argument and the range. */
import type { FrozenTrial } from "@tunelab/study";
import { type SizeOptions, type StudyLike, safeTitle } from "./spec.js";

/** Checks that `study` looks like a study (name, directions, trials). */
export function checkStudy(where: string, study: StudyLike): void {
  if (
    study === null ||
    typeof study !== "object" ||
    !Array.isArray(study.directions) ||
    study.directions.length === 0
  )
    throw new TypeError(`${where}: study must have studyName, directions (at least one) and trials`);
  if (!Array.isArray(study.trials)) throw new TypeError(`${where}: study.trials must be an array of trials`);
}

/** The panel width and height, checked to be in [10, 10000]. */
export function panelSize(where: string, o: SizeOptions): { width: number; height: number } {
  const width = o.width ?? 400;
  const height = o.height ?? 300;
  for (const [name, v] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isFinite(v) || v < 10 || v > 10_000)
      throw new RangeError(`${where}: ${name} must be a number in [10, 10000], got ${String(v)}`);
  }
  return { width, height };
}

/**
 * The objective index or the target function that a plot shows. A multi-objective study
 * needs one (as Optuna's plots do); `objective` picks an objective by index.
 */
export interface TargetOptions {
  /**
   * The value shown for each trial; it replaces the objective (e.g. one objective of several,
   * or a user attribute).
   * @defaultValue the objective (required for a multi-objective study unless `objective` is given)
   */
  readonly target?: (trial: FrozenTrial) => number;
  /**
   * The title of the target's axis.
   * @defaultValue "objective value" (or the objective's index with `objective`)
   */
  readonly targetName?: string;
  /**
   * The objective shown, by index in [0, directions.length).
   * @defaultValue 0 for a single-objective study
   */
  readonly objective?: number;
}

/** Resolves the target of a plot: a function of a trial, and its axis title. */
export function resolveTarget(
  where: string,
  study: StudyLike,
  o: TargetOptions,
): { value: (t: FrozenTrial) => number; name: string } {
  const m = study.directions.length;
  if (o.target !== undefined) {
    if (typeof o.target !== "function") throw new TypeError(`${where}: target must be a function of a trial`);
    return { value: o.target, name: safeTitle(o.targetName ?? "target") };
  }
  if (o.objective !== undefined) {
    if (!Number.isInteger(o.objective) || o.objective < 0 || o.objective >= m)
      throw new RangeError(
        `${where}: objective must be an integer in [0, ${m - 1}], got ${String(o.objective)}`,
      );
    const k = o.objective;
    return { value: (t) => t.values?.[k] ?? Number.NaN, name: safeTitle(o.targetName ?? `objective ${k}`) };
  }
  if (m > 1)
    throw new RangeError(
      `${where}: the study has ${m} objectives; give objective (an integer in [0, ${m - 1}]) or target`,
    );
  return { value: (t) => t.values?.[0] ?? Number.NaN, name: safeTitle(o.targetName ?? "objective value") };
}

/**
 * The studies' names made distinct for a legend: a name seen before gets " (2)", " (3)", ...
 * so two studies of one name are still two lines.
 */
export function distinctNames(studies: readonly StudyLike[]): string[] {
  const seen = new Map<string, number>();
  return studies.map((s) => {
    const n = (seen.get(s.studyName) ?? 0) + 1;
    seen.set(s.studyName, n);
    return n === 1 ? s.studyName : `${s.studyName} (${n})`;
  });
}
