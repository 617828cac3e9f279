/**
 * Synchronous access to a storage that lives in this process, for the study's fast path
 * (issue 18): `optimize` at concurrency 1 with a synchronous objective runs a trial from
 * start to finish without a promise when its storage offers these calls, instead of awaiting
 * the asynchronous {@link Storage} methods (whose answers, for `InMemoryStorage`, are ready
 * at once anyway). Each call has exactly the meaning of its asynchronous namesake.
 */
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue } from "../trial/state.js";
import type { GetTrialsOptions, Storage, TrialsPage, TrialUpdate } from "./storage.js";

/** @internal The synchronous forms of the trial calls a study makes while it runs trials. */
export interface SyncTrialStorage {
  createTrialSync(studyId: number): FrozenTrial;
  popWaitingTrialSync(studyId: number): FrozenTrial | null;
  updateTrialSync(trialId: number, update: TrialUpdate): FrozenTrial;
  getTrialSync(trialId: number): FrozenTrial;
  getTrialsSync(studyId: number, options?: GetTrialsOptions): TrialsPage;
  setStudySystemAttrSync(studyId: number, key: string, value: JsonValue): void;
}

/** @internal A storage that may offer {@link SyncTrialStorage} (see {@link syncTrialStorage}). */
interface MaybeSync {
  syncTrialStorage?: () => SyncTrialStorage | null;
}

/**
 * @internal The synchronous calls of `storage`, or null when it has none, or when they would
 * not mean what its asynchronous methods mean (a subclass that overrides one of them: the
 * study then keeps to the asynchronous methods, so the override sees every call).
 */
export function syncTrialStorage(storage: Storage): SyncTrialStorage | null {
  const f = (storage as MaybeSync).syncTrialStorage;
  return typeof f === "function" ? f.call(storage) : null;
}
