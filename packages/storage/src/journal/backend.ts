/**
 * The journal backend: where a journal's records are kept (a file, a Redis list, ...). The
 * journal core (`JournalStorage`) runs on any backend through this interface, as Optuna's
 * `JournalStorage` runs on a `BaseJournalBackend` with `read_logs(log_number_from)` and
 * `append_logs(logs)` (optuna/storages/_journal/base.py at v3.1.0, where it is
 * `BaseJournalLogStorage`; optuna/storages/journal/_base.py at v5.0.0-rc1).
 *
 * What the core needs of a backend, and nothing more:
 * - **one total order**: every record has a log number (0, 1, 2, ...), its position in the
 *   journal, the same for every reader in every process;
 * - **atomic, ordered appends**: `appendLogs(records)` places all its records one after the
 *   other at the end of the journal, with no record of another writer between them, or
 *   (when it fails) none of them; concurrent appends from any number of processes are
 *   ordered one after the other;
 * - **read your writes**: `readLogs(n)` returns every record that an append completed before
 *   the call started (from log number n on), and may return more.
 *
 * Trial numbers follow from these: a trial's number is the count of earlier CREATE_TRIAL
 * records of its study in log order, so appends that are atomic and ordered allocate numbers
 * atomically across processes. The core recognizes its own records by their `worker_id`
 * (unique to each operation it writes), so a backend needs no counter of its own and returns
 * nothing from an append.
 *
 * Records are plain JSON objects in Optuna's format; a backend that stores them as text uses
 * `encodeJournalRecord` / `decodeJournalRecord` (Python's JSON dialect: `NaN`, `Infinity`,
 * `-0.0`, as Optuna's `json.dumps` writes them), so Python's Optuna reads what it writes.
 */
import type { JsonValue } from "@tunelab/study";

/**
 * One record of a journal: an operation in Optuna's JournalStorage format, e.g.
 * `{"op_code": 4, "worker_id": "…", "study_id": 0, "datetime_start": "2024-05-01T12:00:00.000000"}`.
 * The fields other than `op_code` and `worker_id` are the operation's, named as Optuna names
 * them (see `op-codes.ts`).
 */
export interface JournalRecord {
  /** The operation, Optuna's `JournalOperation` (0 CREATE_STUDY … 9 SET_TRIAL_SYSTEM_ATTR). */
  readonly op_code: number;
  /** Who wrote the record: Optuna writes `<uuid4>-<thread id>`; tunelab `<uuid4>-<operation>`. */
  readonly worker_id: string;
  /** The operation's fields. */
  readonly [field: string]: JsonValue;
}

/**
 * Where a journal's records are kept. Implementations: `JournalFileBackend` (a file of JSON
 * lines, Optuna's `JournalFileBackend` format and lock protocol) and the Redis backend (a
 * journal kept in a Redis list).
 */
export interface JournalBackend {
  /**
   * The records from log number `fromLogNumber` on, in log order: at least every record whose
   * append completed before this call started. `readLogs(0)` reads the whole journal. A
   * backend may remember where its last read ended so that reading on from there costs only
   * the new records; a smaller `fromLogNumber` than that must still work.
   * @param fromLogNumber - an integer ≥ 0; past the end, the answer is empty.
   * @throws when the journal cannot be read or holds a record that is not valid (the error
   *   names the record).
   */
  readLogs(fromLogNumber: number): Promise<readonly JournalRecord[]>;
  /**
   * Appends `records` at the end of the journal, atomically (all or none, with no other
   * writer's record between them) and ordered after every append that completed before.
   * Resolves once a read started afterwards, by any process, returns them.
   * @throws when they cannot be written; then none of them is in the journal.
   */
  appendLogs(records: readonly JournalRecord[]): Promise<void>;
  /** Releases file handles, connections and timers; the backend is not used afterwards. */
  close(): Promise<void>;
}
