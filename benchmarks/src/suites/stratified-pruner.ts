/**
 * A pruner that compares a trial only with the trials of the same stratum (issue 14's second
 * attempt at the schedule-truncation bias): `StratifiedPruner(inner, keyOf)` gives the wrapped
 * pruner a view of the study that holds only the trials whose `keyOf` equals the trial's.
 *
 * Why, on the LLM surrogate with the stratum "epochs": comparing at the same training step
 * favours short schedules (they have annealed further, `report/truncation.ts`); comparing at
 * the same fraction of each trial's schedule (the progress variant, `problems/progress-curve.ts`)
 * favours long ones (at the same fraction they have trained on more data). Among trials with
 * the same number of epochs the two coincide: at a given step they have seen the same data and
 * annealed the same share of their decay, so a value is compared only with values that differ
 * by the other hyperparameters. The cost: each comparison has the trials of one stratum only.
 *
 * Each stratum gets one view object for the life of the pruner, so a wrapped pruner that keeps
 * per-study state (the "auto" resources of successive halving and Hyperband, kept per study
 * view) keeps it per stratum. The view filters what the wrapped pruner reads; what it writes
 * (rung records on the trial) goes to the study unchanged.
 */
import { FilteredStudyView, type FrozenTrial, type Pruner, type StudyView } from "@tunelab/study";

/**
 * Wraps `inner` so that it compares each trial only with the trials of the same stratum.
 * @example
 * ```ts
 * // ASHA among trials with the same number of epochs
 * new StratifiedPruner(new SuccessiveHalvingPruner(), (t) => String(t.params.epochs));
 * ```
 */
export class StratifiedPruner implements Pruner {
  private readonly views = new WeakMap<StudyView, Map<string, FilteredStudyView>>();

  /**
   * @param inner - the pruner that decides, on the stratum's trials.
   * @param keyOf - the stratum of a trial (from its parameters); it must be defined once the
   * trial reports, i.e. its parameters suggested before the first report.
   */
  constructor(
    private readonly inner: Pruner,
    private readonly keyOf: (t: FrozenTrial) => string,
  ) {}

  prune(study: StudyView, trial: FrozenTrial): boolean {
    let byKey = this.views.get(study);
    if (byKey === undefined) {
      byKey = new Map();
      this.views.set(study, byKey);
    }
    const key = this.keyOf(trial);
    let view = byKey.get(key);
    if (view === undefined) {
      view = new FilteredStudyView(study, (t) => this.keyOf(t) === key);
      byKey.set(key, view);
    }
    return this.inner.prune(view, trial);
  }
}

/** The stratum of a trial of the LLM surrogate: its number of epochs ("?" when not suggested). */
export function epochsStratum(t: FrozenTrial): string {
  const e = t.params.epochs;
  return e === undefined ? "?" : String(e);
}
