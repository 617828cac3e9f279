/**
 * A sampler wrapper that measures the time the wrapped sampler spends in its own methods,
 * per trial: the sampler's overhead, apart from the objective and the study machinery.
 */
import type { Distribution, FrozenTrial, Sampler, SearchSpace, StudyView, TrialState } from "@tunelab/study";

/** Wraps a sampler and accumulates `performance.now()` time per trial number. */
export class TimedSampler implements Sampler {
  /** Milliseconds by trial number. */
  readonly ms: Map<number, number> = new Map();
  /** Time spent outside any trial (isExhausted), added to the next trial that starts. */
  private pending = 0;

  constructor(readonly inner: Sampler) {}

  private add(trial: number, t0: number): void {
    this.ms.set(trial, (this.ms.get(trial) ?? 0) + performance.now() - t0);
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace {
    const t0 = performance.now();
    try {
      return this.inner.inferRelativeSearchSpace(study, trial);
    } finally {
      this.add(trial.number, t0);
    }
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    const t0 = performance.now();
    try {
      return this.inner.sampleRelative(study, trial, searchSpace);
    } finally {
      this.add(trial.number, t0);
    }
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    const t0 = performance.now();
    try {
      return this.inner.sampleIndependent(study, trial, paramName, distribution);
    } finally {
      this.add(trial.number, t0);
    }
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    const t0 = performance.now() - this.pending;
    this.pending = 0;
    try {
      this.inner.beforeTrial?.(study, trial);
    } finally {
      this.add(trial.number, t0);
    }
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    const t0 = performance.now();
    try {
      this.inner.afterTrial?.(study, trial, state, values);
    } finally {
      this.add(trial.number, t0);
    }
  }

  isExhausted(study: StudyView): boolean {
    if (this.inner.isExhausted === undefined) return false;
    const t0 = performance.now();
    try {
      return this.inner.isExhausted(study);
    } finally {
      this.pending += performance.now() - t0;
    }
  }
}
