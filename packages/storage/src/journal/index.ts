/**
 * `@tunelab/storage/journal`: a journal storage in Optuna's JournalStorage format: the core
 * that replays a journal through the study's storage rules (`JournalStorage`), the backend
 * interface it runs on, the file backend (Optuna's file format and lock protocol), and the
 * record codec that other backends (Redis) share.
 * @packageDocumentation
 */
export type { JournalBackend, JournalRecord } from "./backend.js";
export { decodeJournalRecord, encodeJournalRecord, JournalRecordError } from "./codec.js";
export { formatJournalDatetime, parseJournalDatetime } from "./datetime.js";
export { JournalCorruptLineError, JournalFileError, JournalLockTimeoutError } from "./errors.js";
export { JournalFileBackend, type JournalFileBackendOptions } from "./file-backend.js";
export {
  type HeldLock,
  JournalFileLock,
  type JournalFileLockSettings,
  type JournalLockKind,
} from "./file-lock.js";
export { JournalStorage, type JournalStorageOptions } from "./journal-storage.js";
export { MemoryJournalBackend } from "./memory-backend.js";
export {
  DIRECTION_CODES,
  directionOfCode,
  JournalOperation,
  OPERATION_NAMES,
  TRIAL_STATE_CODES,
  TRIAL_STATES_BY_CODE,
} from "./op-codes.js";
export { type JournalFileStorageOptions, openJournalFileStorage } from "./open.js";
export { parsePythonJson, pythonNumber, stringifyPythonJson } from "./python-json.js";
export { checkJournalRecord } from "./record-check.js";
export { JournalReplay, type JournalStudyState, type ReplayOutcome, TrialTakenError } from "./replay.js";
export {
  createStudyRecord,
  createTrialJournalRecord,
  deleteStudyRecord,
  distributionJson,
  startTrialRecord,
  studyAttrRecord,
  trialUpdateRecords,
} from "./write-records.js";
