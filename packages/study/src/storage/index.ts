/**
 * The Storage interface, the rules every storage shares, the storage URL parser, and the
 * in-memory storage.
 * @packageDocumentation
 */
export {
  applyTrialUpdate,
  checkParamCompatibility,
  copyJson,
  createTrialRecord,
  noteParamDistributions,
  type StudyRuleContext,
  startWaitingTrial,
  withStudyAttr,
} from "./apply-update.js";
export { InMemoryStorage, type InMemoryStorageOptions } from "./in-memory.js";
export type { GetTrialsOptions, Storage, StudySummary, TrialsPage, TrialUpdate } from "./storage.js";
export { type SyncTrialStorage, syncTrialStorage } from "./sync.js";
export {
  describeStorageUrl,
  type JournalStorageUrl,
  type MemoryStorageUrl,
  type PostgresqlStorageUrl,
  parseStorageUrl,
  type RedisStorageUrl,
  type SqliteStorageUrl,
  STORAGE_URL_FORMS,
  type StorageUrl,
} from "./url.js";
export { checkDirections, checkStudyName, defaultStudyName } from "./validate.js";
