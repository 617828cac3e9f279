/**
 * Errors of the study layer. Each has a stable `name` so that code in other processes (and
 * other languages, through the CLI) can tell them apart.
 * @packageDocumentation
 */

/** Thrown by an objective to mark its trial as pruned. */
export class TrialPruned extends Error {
  override readonly name: string = "TrialPruned";
  constructor(message = "trial was pruned") {
    super(message);
  }
}

/** A study name that does not exist in the storage. */
export class StudyNotFoundError extends Error {
  override readonly name: string = "StudyNotFoundError";
}

/** A study name that already exists in the storage. */
export class DuplicatedStudyError extends Error {
  override readonly name: string = "DuplicatedStudyError";
}

/** A trial id that does not exist in the storage. */
export class TrialNotFoundError extends Error {
  override readonly name: string = "TrialNotFoundError";
}

/** A write to a trial that is already finished (COMPLETE, PRUNED or FAIL), e.g. by another worker. */
export class UpdateFinishedTrialError extends Error {
  override readonly name: string = "UpdateFinishedTrialError";
}

/** A storage failure: corrupt data, lost connection, failed lock. */
export class StorageError extends Error {
  override readonly name: string = "StorageError";
}

/** `ask()` on a study whose sampler has no point left to propose (an exhausted grid). */
export class SearchSpaceExhaustedError extends Error {
  override readonly name: string = "SearchSpaceExhaustedError";
}

/**
 * The reason a running trial's signal fires when `study.stop()` is called or the `timeout` of
 * `optimize` passes.
 */
export class StudyStoppedError extends Error {
  override readonly name: string = "StudyStoppedError";
}

/** The reason a trial's signal fires when it runs past the `trialTimeout` of `optimize`. */
export class TrialTimeoutError extends Error {
  override readonly name: string = "TrialTimeoutError";
}
