/**
 * `@tunelab/storage/journal`: a journal storage in Optuna's JournalStorage format, the core
 * that replays it through the study's storage rules, and its file backend.
 * @packageDocumentation
 */
export type { JournalBackend, JournalRecord } from "./backend.js";
