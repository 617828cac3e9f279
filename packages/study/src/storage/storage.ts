/**
 * The Storage interface: where studies and trials live. Asynchronous so that files, SQLite,
 * PostgreSQL and Redis fit behind it. Every storage passes the shared contract suite in
 * `@tunelab/study/testing` (`storageContract`).
 *
 * Rules every implementation keeps:
 * - trial numbers are allocated atomically: concurrent `createTrial` calls on one study
 *   (from any number of processes) get 0, 1, 2, ... with no gaps or repeats;
 * - a finished trial (COMPLETE, PRUNED, FAIL) is never changed again: any update throws
 *   `UpdateFinishedTrialError`, so a trial finished by one worker cannot be overwritten by
 *   another;
 * - `popWaitingTrial` hands each WAITING trial to exactly one caller;
 * - a parameter name keeps one kind of distribution (and one set of choices) per study;
 * - `getTrials(studyId, { since })` returns only the trials changed since a cursor, so that
 *   a study's cache can stay current with reads proportional to what changed.
 */
import type { Distribution } from "../distributions/distribution.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue, StudyDirection, TrialState } from "../trial/state.js";

/** Summary of a study, as listed by {@link Storage.getAllStudies}. */
export interface StudySummary {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly nTrials: number;
  /** Start time of the first trial, or null when there is none. */
  readonly datetimeStart: Date | null;
  /**
   * The best COMPLETE trial of a single-objective study (feasible when constraints were
   * set), or null (none yet, or several objectives: see the study's `bestTrials`).
   */
  readonly bestTrial: FrozenTrial | null;
}

/** A set of changes applied atomically to one trial by {@link Storage.updateTrial}. */
export interface TrialUpdate {
  /** New parameters: internal value and distribution by name. */
  readonly params?: Readonly<Record<string, { readonly value: number; readonly distribution: Distribution }>>;
  /** Reported values by step. */
  readonly intermediateValues?: ReadonlyArray<readonly [step: number, value: number]>;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  /** A final state (COMPLETE, PRUNED, FAIL). */
  readonly state?: TrialState;
  /** Objective values, required with COMPLETE and forbidden otherwise. */
  readonly values?: readonly number[] | null;
}

/** The answer of {@link Storage.getTrials}: trials (ordered by number) and a cursor for the next incremental read. */
export interface TrialsPage {
  readonly trials: FrozenTrial[];
  /** Pass as `since` to get only trials changed after this read. */
  readonly cursor: number;
}

/** Options of {@link Storage.getTrials}. */
export interface GetTrialsOptions {
  /** Only trials changed after this cursor (from an earlier page). @defaultValue all trials */
  readonly since?: number;
  /** Only trials in these states. @defaultValue every state */
  readonly states?: readonly TrialState[];
}

/** A place where studies and trials are kept. */
export interface Storage {
  /**
   * Creates a study.
   * @param studyName - unique name; generated when omitted.
   * @throws DuplicatedStudyError if the name exists.
   */
  createStudy(directions: readonly StudyDirection[], studyName?: string): Promise<number>;
  /** Deletes a study and its trials. @throws StudyNotFoundError */
  deleteStudy(studyId: number): Promise<void>;
  /** @throws StudyNotFoundError */
  getStudyIdFromName(studyName: string): Promise<number>;
  /** @throws StudyNotFoundError */
  getStudyName(studyId: number): Promise<string>;
  /** @throws StudyNotFoundError */
  getStudyDirections(studyId: number): Promise<StudyDirection[]>;
  getAllStudies(): Promise<StudySummary[]>;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  getStudyUserAttrs(studyId: number): Promise<Record<string, JsonValue>>;
  getStudySystemAttrs(studyId: number): Promise<Record<string, JsonValue>>;

  /**
   * Creates a trial with the next number. Without a template it is RUNNING and empty; with
   * one (from `createFrozenTrial`) it copies its state, values, params, attrs and
   * intermediate values (for `addTrial` and `enqueueTrial`).
   * @throws StudyNotFoundError
   */
  createTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial>;
  /** Atomically moves the oldest WAITING trial to RUNNING and returns it, or null when none is waiting. */
  popWaitingTrial(studyId: number): Promise<FrozenTrial | null>;
  /**
   * Applies an update atomically and returns the trial after it.
   * @throws UpdateFinishedTrialError if the trial is already finished.
   * @throws RangeError for a parameter whose distribution conflicts with the study's, values
   * with COMPLETE missing or of the wrong count, or an invalid state transition.
   */
  updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial>;
  /** @throws TrialNotFoundError */
  getTrial(trialId: number): Promise<FrozenTrial>;
  /** Trials of a study ordered by number (all, or those changed since a cursor). */
  getTrials(studyId: number, options?: GetTrialsOptions): Promise<TrialsPage>;
  /** Releases connections, file handles and timers. */
  close(): Promise<void>;
}
