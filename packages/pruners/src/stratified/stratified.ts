/**
 * StratifiedPruner: a wrapped pruner that compares each trial only with the trials of its own
 * stratum (a group named by a function of the trial, typically one of its parameters). Optuna
 * has no equivalent.
 *
 * Why (issue 14, the schedule-truncation effect): on a learning curve whose schedule decays to
 * the end of the run (linear, cosine), the loss of a long run at step t is worse than the final
 * loss of a run that ends at t, so a pruner comparing trials at equal steps prunes long
 * schedules (Tissue et al. 2024, arXiv 2408.11029, model the loss as falling with the annealed
 * area, which is complete only at the end of the decay). Among trials with the same number of
 * epochs, the same step is the same data seen *and* the same share of the decay, so the
 * comparison is fair again. Stratifying is the classical remedy for a known confounder
 * (compare like with like); the cost is that each comparison has only the stratum's trials.
 *
 * Rule. With k(t) the stratum of trial t (a string), the wrapped pruner is asked about trial x
 * with a view of the study (`FilteredStudyView` of `@tunelab/study`) that shows only the
 * trials t with k(t) = k(x), x included. Reads of the study's name, directions and attributes,
 * and every write (successive halving's rung records, for instance), go to the study
 * unchanged. The view of each stratum is created once per study view and kept, so a wrapped
 * pruner that learns something per study view (the `"auto"` resources of successive halving
 * and Hyperband) learns it per stratum, and one instance serves several studies at once.
 *
 * Edge cases: the stratum function is evaluated on every trial of the study at every decision,
 * so it must be a pure function of what a trial holds from its first report on (parameters
 * suggested before the first `report`, the trial number, ...); a trial whose stratum key is
 * not a string is refused with a TypeError. A stratum with too few trials is the wrapped
 * pruner's "too few trials" case (the median rule's `nStartupTrials`, a rung with one value):
 * no pruning. Ties, NaN and missing steps are the wrapped pruner's, unchanged. Several
 * objectives: the wrapped pruner decides (a single-objective pruner refuses them).
 */
import {
  FilteredStudyView,
  type FrozenTrial,
  getKey,
  hasKey,
  type Pruner,
  type StudyView,
} from "@tunelab/study";

/** Options of {@link StratifiedPruner}. */
export interface StratifiedPrunerOptions {
  /**
   * The stratum of a trial: trials with equal strings are compared with each other only.
   * Required. `paramStratum("epochs")` keys trials by one parameter.
   */
  readonly stratum: (trial: FrozenTrial) => string;
}

/**
 * The stratum function that keys trials by the value of one parameter (JSON of the value, so
 * `3` and `"3"` differ); trials without the parameter form one stratum of their own (key "").
 * Meant for a categorical or integer parameter with few values (epochs, model size, optimizer).
 * @example
 * ```ts
 * new StratifiedPruner(new HyperbandPruner(), { stratum: paramStratum("epochs") });
 * ```
 */
export function paramStratum(name: string): (trial: FrozenTrial) => string {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`paramStratum: name must be a non-empty string, got ${JSON.stringify(name)}`);
  }
  return (trial) => (hasKey(trial.params, name) ? JSON.stringify(getKey(trial.params, name)) : "");
}

/**
 * Wraps a pruner so that it compares each trial only with the trials of the same stratum.
 * @example
 * ```ts
 * // ASHA among trials with the same number of epochs
 * const pruner = new StratifiedPruner(new SuccessiveHalvingPruner(), { stratum: paramStratum("epochs") });
 * ```
 */
export class StratifiedPruner implements Pruner {
  readonly wrapped: Pruner;
  readonly stratum: (trial: FrozenTrial) => string;
  /** Per study view, the view of each stratum (kept, so per-view state of `wrapped` lasts). */
  private readonly views = new WeakMap<StudyView, Map<string, FilteredStudyView>>();

  /**
   * @param wrapped - the pruner that decides, on the stratum's trials.
   * @param options - see {@link StratifiedPrunerOptions}.
   * @throws TypeError if `wrapped` is not a pruner or `options.stratum` not a function.
   */
  constructor(wrapped: Pruner, options: StratifiedPrunerOptions) {
    if (typeof (wrapped as Partial<Pruner> | null)?.prune !== "function") {
      throw new TypeError(
        `StratifiedPruner: wrapped must be a pruner (an object with prune), got ${typeof wrapped}`,
      );
    }
    if (typeof options?.stratum !== "function") {
      throw new TypeError(
        `StratifiedPruner: options.stratum must be a function of the trial, got ${typeof options?.stratum}`,
      );
    }
    this.wrapped = wrapped;
    this.stratum = options.stratum;
  }

  /** The wrapped pruner's decision on the view of the trial's stratum. */
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
    return this.wrapped.prune(view, trial);
  }

  private keyOf(trial: FrozenTrial): string {
    const key = this.stratum(trial);
    if (typeof key !== "string") {
      throw new TypeError(
        `StratifiedPruner: stratum must return a string, got ${typeof key} for trial ${trial.number}`,
      );
    }
    return key;
  }
}
