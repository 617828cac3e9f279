/**
 * The codes of Optuna's journal format: operations, trial states and study directions as
 * the integers Optuna writes (its `IntEnum`s serialize as their values). Sources:
 * `JournalOperation` in optuna/storages/_journal/storage.py (v3.1.0) and
 * optuna/storages/journal/_storage.py (v5.0.0-rc1), identical in both; `TrialState` in
 * optuna/trial/_state.py; `StudyDirection` in optuna/study/_study_direction.py.
 */
import type { StudyDirection, TrialState } from "@tunelab/study";

/** Optuna's `JournalOperation`: the `op_code` of a journal record. */
export const JournalOperation = {
  CREATE_STUDY: 0,
  DELETE_STUDY: 1,
  SET_STUDY_USER_ATTR: 2,
  SET_STUDY_SYSTEM_ATTR: 3,
  CREATE_TRIAL: 4,
  SET_TRIAL_PARAM: 5,
  SET_TRIAL_STATE_VALUES: 6,
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  SET_TRIAL_USER_ATTR: 8,
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;

/** One of the {@link JournalOperation} codes. */
export type JournalOperation = (typeof JournalOperation)[keyof typeof JournalOperation];

/** The name of each operation code, for messages. */
export const OPERATION_NAMES: readonly string[] = Object.keys(JournalOperation);

/** Optuna's `TrialState` values: RUNNING 0, COMPLETE 1, PRUNED 2, FAIL 3, WAITING 4. */
export const TRIAL_STATE_CODES: Readonly<Record<TrialState, number>> = {
  RUNNING: 0,
  COMPLETE: 1,
  PRUNED: 2,
  FAIL: 3,
  WAITING: 4,
};

/** The trial state of each Optuna code (the index). */
export const TRIAL_STATES_BY_CODE: readonly TrialState[] = [
  "RUNNING",
  "COMPLETE",
  "PRUNED",
  "FAIL",
  "WAITING",
];

/** Optuna's `StudyDirection` values: MINIMIZE 1, MAXIMIZE 2 (0, NOT_SET, never names a study's objective). */
export const DIRECTION_CODES: Readonly<Record<StudyDirection, number>> = { minimize: 1, maximize: 2 };

/** The direction of an Optuna code, or undefined for a code that names none. */
export function directionOfCode(code: number): StudyDirection | undefined {
  return code === 1 ? "minimize" : code === 2 ? "maximize" : undefined;
}
