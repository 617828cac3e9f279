/**
 * A learning curve reported by progress through the trial's own schedule (issue 14): report k
 * of `points` is the validation loss at fraction k/points of the trial's T training steps,
 * reported at step k − 1, so every trial has the same `points` reports whatever its length and
 * a pruner compares trials at the same fraction of their schedules, not at the same step.
 *
 * Why: with a schedule that decays to the end of the run (linear, cosine), the loss at a step t
 * depends on the total length T. A long run at t has annealed only part of the way and is worse
 * than a short run that ends at t (Tissue et al., arXiv 2408.11029: the loss depends on the
 * annealed area, full only at the end of the decay; `report/truncation.ts` measures it on the
 * surrogate). A pruner that compares at the same step therefore prefers short schedules. At the
 * same fraction t/T both runs have annealed the same share of their decay.
 *
 * The budget stays in real compute: report k of a trial whose whole curve costs W (for the LLM
 * surrogate W = 10·epochs evaluations of the plain problem, 0.1 epoch each) has cost W·k/points,
 * cumulative: a 5-epoch trial stopped at report 10 of 50 used 1 epoch (10), a 1-epoch trial at
 * report 10 of 50 used 0.2 epoch (2).
 */

/** A dense curve: the loss at each of its evaluations and their training steps, in order. */
export interface DenseCurve {
  /** Training step of each evaluation, increasing; the last is the run's T. */
  readonly steps: ArrayLike<number>;
  /** Validation loss of each evaluation (NaN after divergence). */
  readonly values: ArrayLike<number>;
}

/** A curve with one report per grid point of the schedule. */
export interface ProgressCurve {
  /** The training step each report was measured at. */
  readonly steps: Float64Array;
  /** The value reported at step k − 1 for grid point k = 1..points. */
  readonly values: Float64Array;
  /** Cumulative compute after each report, in the unit of `wholeCost`. */
  readonly cost: Float64Array;
}

/**
 * The progress curve of `dense` on a grid of `points` fractions of the schedule. Grid point k
 * takes the first evaluation at or after fraction k/points of the evaluations (evaluation
 * ⌈k·n/points⌉ of n; with n a multiple of `points`, exactly at k/points); it is charged the
 * share of `wholeCost` that evaluation has consumed. When the dense curve has fewer than
 * `points` evaluations (a run with fewer training steps than grid points), neighbouring grid
 * points repeat an evaluation and its cost.
 * @throws RangeError if `points` is not an integer ≥ 1, `wholeCost` is not finite and > 0,
 * `dense` is empty, or its steps and values differ in length.
 */
export function progressCurve(dense: DenseCurve, wholeCost: number, points = 50): ProgressCurve {
  if (!Number.isInteger(points) || points < 1)
    throw new RangeError(`progressCurve: points must be an integer >= 1, got ${points}`);
  if (!(Number.isFinite(wholeCost) && wholeCost > 0))
    throw new RangeError(`progressCurve: wholeCost must be finite and > 0, got ${wholeCost}`);
  const n = dense.values.length;
  if (n === 0 || dense.steps.length !== n)
    throw new RangeError(
      `progressCurve: dense must hold >= 1 evaluation with one step each, got ${n} values and ${dense.steps.length} steps`,
    );
  const steps = new Float64Array(points);
  const values = new Float64Array(points);
  const cost = new Float64Array(points);
  for (let k = 1; k <= points; k++) {
    // Integer arithmetic: ⌈k·n/points⌉ without floating-point error.
    const e = Math.floor((k * n + points - 1) / points);
    steps[k - 1] = dense.steps[e - 1]!;
    values[k - 1] = dense.values[e - 1]!;
    cost[k - 1] = (wholeCost * e) / n;
  }
  return { steps, values, cost };
}
