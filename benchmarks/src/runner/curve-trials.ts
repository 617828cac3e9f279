/**
 * What the learning curves of a run's trials would have shown: for curve problems, each trial's
 * whole curve is recomputed from its parameters (the problems are pure: the same parameters
 * give the same curve), so a pruned trial's final value, had it run to the end, is known. The
 * pruner evidence of issue 14 reads it (pruned trials that would have beaten the best, the bias
 * against long schedules), and the training steps each trial consumed.
 */
import type { FrozenTrial } from "@tunelab/study";
import type { CurveAccessor } from "../problems/problem.js";

/** Per trial (by trial number), what its whole learning curve holds. */
export interface CurveTrials {
  /**
   * The cost of the whole curve, what the trial uses when it is not pruned: its evaluations,
   * or its last `cost` when the curve gives one (the progress variant of the LLM surrogate:
   * evaluations of the plain problem, 10 per epoch, so 10·epochs either way).
   */
  readonly length: number[];
  /** The last value of the whole curve, the trial's final value had it not been pruned; null for NaN. */
  readonly final: (number | null)[];
  /**
   * Training (optimizer) steps at the trial's last reported evaluation, when the curve gives
   * the training step of each evaluation (the LLM surrogate does); else null.
   */
  readonly trainingSteps: (number | null)[];
}

/**
 * The {@link CurveTrials} of `trials`, with `used[i]` the reports trial i made (its
 * evaluations for a curve without `cost`).
 * @throws RangeError if `used` and `trials` differ in length.
 */
export function curveTrials(
  curve: CurveAccessor,
  trials: readonly FrozenTrial[],
  used: readonly number[],
): CurveTrials {
  if (used.length !== trials.length)
    throw new RangeError(
      `curveTrials: used must hold one count per trial (${trials.length}), got ${used.length}`,
    );
  const length: number[] = [];
  const final: (number | null)[] = [];
  const trainingSteps: (number | null)[] = [];
  for (let i = 0; i < trials.length; i++) {
    const c = curve(trials[i]!.params);
    const n = c.values.length;
    const last = n > 0 ? c.values[n - 1]! : Number.NaN;
    length.push(c.cost !== undefined && n > 0 ? c.cost[n - 1]! : n);
    final.push(Number.isNaN(last) ? null : last);
    const at = c.steps;
    const k = used[i]!;
    trainingSteps.push(at === undefined ? null : k === 0 ? 0 : (at[Math.min(k, at.length) - 1] ?? null));
  }
  return { length, final, trainingSteps };
}
