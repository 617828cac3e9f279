/**
 * Which trials a per-trial plot draws when a study is large: a person cannot tell 10,000
 * overplotted points or curves in a 250-pixel panel from a few thousand drawn the same way,
 * but the browser pays for each mark. So above a limit, the plots that draw a mark per trial
 * (slice, rank, contour points, parallel coordinates, intermediate values) draw the best
 * trials and a systematic sample of the others (every k-th by number, which keeps the
 * density's shape), and say so in their heading. Plots whose lines summarise every trial
 * (optimization history's best so far, EDF, Pareto front, hypervolume, timeline) are not
 * sampled: they are thinned by their own `maxPoints` / `maxBars` (`plots/thin.ts`).
 */
import { type FrozenTrial, isFeasible, paretoFront, TrialState } from "@tunelab/study";
import type { StudyLike } from "../plots/index.js";

/** The trials drawn, and how they were chosen (for the heading). */
export interface TrialSample {
  readonly trials: readonly FrozenTrial[];
  /** Empty when every trial is drawn; else e.g. "1,000 of 10,000 trials drawn: the 100 best and every 10th". */
  readonly note: string;
}

/**
 * At most `limit` of `trials` (all when they fit): the best tenth of the limit by objective
 * (single objective; the Pareto front's first ones with several), then every k-th of the
 * rest by number up to `limit`. Deterministic; keeps trial-number order.
 * @throws RangeError when limit is not an integer >= 10.
 */
export function sampleTrials(study: StudyLike, trials: readonly FrozenTrial[], limit: number): TrialSample {
  if (!Number.isInteger(limit) || limit < 10)
    throw new RangeError(`sampleTrials: limit must be an integer >= 10, got ${String(limit)}`);
  if (trials.length <= limit) return { trials, note: "" };
  const nBest = Math.floor(limit / 10);
  const complete = trials.filter(
    (t) => t.state === TrialState.COMPLETE && isFeasible(t) && t.values !== null,
  );
  let best: FrozenTrial[];
  if (study.directions.length === 1) {
    const sign = study.directions[0] === "maximize" ? -1 : 1;
    best = [...complete].sort((a, b) => sign * (a.values![0]! - b.values![0]!)).slice(0, nBest);
  } else best = paretoFront(complete, study.directions).slice(0, nBest);
  const keep = new Set(best.map((t) => t.number));
  const rest = trials.filter((t) => !keep.has(t.number));
  const room = limit - keep.size;
  for (let i = 0; i < room; i++) keep.add(rest[Math.floor((i * rest.length) / room)]!.number);
  const chosen = trials.filter((t) => keep.has(t.number));
  const every = (rest.length / room).toFixed(1).replace(/\.0$/, "");
  const fmt = (n: number) => n.toLocaleString("en-US");
  return {
    trials: chosen,
    note: `${fmt(chosen.length)} of ${fmt(trials.length)} trials drawn: the ${fmt(best.length)} best and 1 in ${every} of the others`,
  };
}
