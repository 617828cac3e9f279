/**
 * The Sampler interface and the read-only view of a study that samplers and pruners get.
 *
 * A sampler proposes parameter values in the *internal representation* (numbers;
 * categoricals as choice indices); the study converts at the boundary. The shape follows
 * Optuna's BaseSampler, which has proven itself across many algorithms:
 * - `inferRelativeSearchSpace` + `sampleRelative` propose several parameters jointly at the
 *   first suggest call of a trial (TPE multivariate, CMA-ES, GP);
 * - `sampleIndependent` proposes one parameter that the relative sample did not cover;
 * - `beforeTrial` / `afterTrial` bracket each trial; `isExhausted` lets a finite sampler
 *   (grid) end the study before a trial it cannot fill is created.
 */
import type { Distribution } from "../distributions/distribution.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue, StudyDirection, TrialState } from "../trial/state.js";

/** Parameter distributions by name. */
export type SearchSpace = Readonly<Record<string, Distribution>>;

/** Options of {@link StudyView.getTrials}. */
export interface TrialFilter {
  /** Only trials in these states. @defaultValue every state */
  readonly states?: readonly TrialState[];
}

/**
 * What samplers and pruners see of a study: its directions and a synchronous snapshot of its
 * trials (refreshed by the study before each trial and after each report), plus buffered
 * writes of system attributes.
 */
export interface StudyView {
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  /** Trials ordered by number, from the study's current snapshot. Do not mutate. */
  getTrials(filter?: TrialFilter): readonly FrozenTrial[];
  /** The study's system attributes, as of the last refresh. */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /**
   * Records a system attribute on a trial of this process that is not finished yet; it is
   * visible in the snapshot at once and written with the trial's next flush.
   * @throws Error if the trial is not a running trial of this study object.
   */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void;
  /** Records a study system attribute; written with the next flush of any trial. */
  setSystemAttr(key: string, value: JsonValue): void;
  /** Asks `optimize` to stop starting new trials. */
  stop(): void;
}

/** Proposes parameter values for trials. */
export interface Sampler {
  /**
   * The parameters to sample jointly for `trial` (e.g. the intersection of completed
   * trials' spaces). Return `{}` for an independent sampler.
   */
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace;
  /**
   * Internal values for (a subset of) `searchSpace`. Parameters left out are sampled by
   * `sampleIndependent` when the objective asks for them.
   */
  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number>;
  /** An internal value for one parameter outside the relative search space. */
  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number;
  /** Called when a trial starts, before any suggestion. */
  beforeTrial?(study: StudyView, trial: FrozenTrial): void;
  /** Called when a trial ends, before its final state is stored. */
  afterTrial?(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void;
  /** True when the sampler has nothing left to propose; `optimize` then stops and `ask` throws. */
  isExhausted?(study: StudyView): boolean;
}
