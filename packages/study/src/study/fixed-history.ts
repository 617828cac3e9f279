/**
 * The view of a study that a trial of a reproducible `optimize` gets (see
 * `OptimizeOptions.reproducible`): a history fixed by the trial's number rather than by the
 * order in which other trials happened to finish.
 *
 * For trial n at concurrency c, the history is every trial numbered ≤ n − c, all finished
 * (the study waits for them), then trials n − c + 1 … n − 1 as they were right after they
 * started (RUNNING, without parameters; attributes set by the sampler's `beforeTrial`,
 * which runs in number order, are kept), then trial n itself. Every part is a function of
 * the seed, so the sampler and pruner of trial n decide the same way in every run.
 *
 * Each view is its own object, so samplers that cache work per study object (WeakMaps keyed
 * by the view) start from scratch for each trial: the price of reproducibility, measured
 * in `benchmarks/overhead/reproducible.ts`.
 */
import type { StudyView, TrialFilter } from "../sampler/sampler.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue, StudyDirection } from "../trial/state.js";

/** A study view whose trials are fixed when it is made (but for the trial's own live record). */
export class FixedHistoryView implements StudyView {
  private readonly study: StudyView;
  private readonly history: readonly FrozenTrial[];
  private readonly own: () => FrozenTrial | undefined;
  private all: FrozenTrial[] | null = null;

  /**
   * @param study - the study, for its name, directions, attributes and writes.
   * @param history - the trials numbered below the trial's own, as the trial must see them.
   * @param own - the trial's own live record.
   */
  constructor(study: StudyView, history: readonly FrozenTrial[], own: () => FrozenTrial | undefined) {
    this.study = study;
    this.history = history;
    this.own = own;
  }

  get studyName(): string {
    return this.study.studyName;
  }

  get directions(): readonly StudyDirection[] {
    return this.study.directions;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.study.systemAttrs;
  }

  getTrials(filter: TrialFilter = {}): readonly FrozenTrial[] {
    // The trial's own record is replaced when it finishes: always show the newest.
    const self = this.own();
    if (this.all === null || this.all.length !== this.history.length + (self === undefined ? 0 : 1)) {
      this.all = self === undefined ? this.history.slice() : [...this.history, self];
    } else if (self !== undefined && this.all[this.all.length - 1] !== self) {
      this.all[this.all.length - 1] = self;
    }
    const states = filter.states;
    if (states === undefined || states.length === 0) return this.all;
    return this.all.filter((t) => states.includes(t.state));
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.study.setTrialSystemAttr(trialId, key, value);
  }

  setSystemAttr(key: string, value: JsonValue): void {
    this.study.setSystemAttr(key, value);
  }

  stop(): void {
    this.study.stop();
  }
}
