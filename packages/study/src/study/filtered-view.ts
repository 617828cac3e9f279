/**
 * A study view that shows only the trials a predicate keeps: what a pruner made of several
 * sub-pruners (Hyperband's brackets, a benchmark's strata) hands each of them, so that each
 * compares a trial only with its own group. Reads of the study's name, directions and
 * attributes, and every write, go to the study unchanged.
 */
import type { StudyView, TrialFilter } from "../sampler/sampler.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue, StudyDirection } from "../trial/state.js";

/** The trials of `inner` that `keep` accepts. */
export class FilteredStudyView implements StudyView {
  /**
   * @param inner - the study.
   * @param keep - whether a trial belongs to this view.
   */
  constructor(
    private readonly inner: StudyView,
    private readonly keep: (t: FrozenTrial) => boolean,
  ) {}

  get studyName(): string {
    return this.inner.studyName;
  }
  get directions(): readonly StudyDirection[] {
    return this.inner.directions;
  }
  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.inner.systemAttrs;
  }
  getTrials(filter?: TrialFilter): readonly FrozenTrial[] {
    return this.inner.getTrials(filter).filter(this.keep);
  }
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.inner.setTrialSystemAttr(trialId, key, value);
  }
  setSystemAttr(key: string, value: JsonValue): void {
    this.inner.setSystemAttr(key, value);
  }
  stop(): void {
    this.inner.stop();
  }
}
