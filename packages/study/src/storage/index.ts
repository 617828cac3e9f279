/**
 * The Storage interface, the rules every storage shares, and the in-memory storage.
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
export { checkDirections, checkStudyName, defaultStudyName } from "./validate.js";
