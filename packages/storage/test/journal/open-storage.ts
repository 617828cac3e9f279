/**
 * The worker's opener for the journal file (see ../postgres/worker.ts): the namespace is the
 * journal's path; `url`, when not empty, is JSON of `JournalFileStorageOptions` (e.g. a short
 * lock grace period for the stale-lock test).
 */
import type { Storage } from "@tunelab/study";
import { type JournalFileStorageOptions, openJournalFileStorage } from "../../src/journal/index.js";
import type { WorkerSpec } from "../postgres/worker.js";

export function openStorage(spec: WorkerSpec): Promise<Storage> {
  const options = spec.url === "" ? {} : (JSON.parse(spec.url) as JournalFileStorageOptions);
  return openJournalFileStorage(spec.namespace, options);
}
