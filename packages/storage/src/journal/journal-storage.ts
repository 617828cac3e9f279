/**
 * JournalStorage: the study's `Storage` on a journal, in the manner of Optuna's
 * `JournalStorage` (optuna/storages/_journal/storage.py at v3.1.0; journal/_storage.py at
 * v5.0.0-rc1). Every write appends records in Optuna's format to the backend; every read
 * first replays the records appended since the last read (see `replay.ts`), so each process
 * holds the whole state in memory and pays only for what changed.
 *
 * How a writer learns the result of its write: each operation's records carry a `worker_id`
 * unique to the operation (`<uuid4>-<sequence>`, where Optuna uses `<uuid4>-<thread id>`).
 * After the append, the storage replays up to and past them, and the outcome of replaying
 * its own records is the operation's result: the new trial with the number its position in
 * the log gave it, the study id, or the error a rule raised because another worker's record
 * came first (a trial finished twice, a WAITING trial taken twice, a study name created
 * twice). Arguments that are wrong whatever others do are refused before anything is written.
 *
 * Writes issued while an append is in flight are gathered into the next append (one lock and
 * one write for all of them), so concurrent trials in one process share the journal's lock.
 */
import { randomUUID } from "node:crypto";
import {
  applyTrialUpdate,
  bestTrialOf,
  type Clock,
  checkClock,
  checkDirections,
  checkStudyName,
  copyJson,
  copyRecord,
  createTrialRecord,
  DuplicatedStudyError,
  dateOf,
  defaultStudyName,
  type FrozenTrial,
  type GetTrialsOptions,
  type JsonValue,
  type Storage,
  StorageError,
  type StudyDirection,
  StudyNotFoundError,
  type StudySummary,
  setKey,
  systemClock,
  TrialNotFoundError,
  type TrialState,
  type TrialsPage,
  type TrialUpdate,
  UpdateFinishedTrialError,
} from "@tunelab/study";
import type { JournalBackend, JournalRecord } from "./backend.js";
import { JournalReplay, type JournalStudyState, type ReplayOutcome, TrialTakenError } from "./replay.js";
import {
  createStudyRecord,
  createTrialJournalRecord,
  deleteStudyRecord,
  startTrialRecord,
  studyAttrRecord,
  trialUpdateRecords,
} from "./write-records.js";

/** Options of {@link JournalStorage}. */
export interface JournalStorageOptions {
  /** Where trial datetimes come from. @defaultValue systemClock */
  readonly clock?: Clock;
}

/** A copy of an update whose attribute values the caller can no longer change. */
function copyUpdate(update: TrialUpdate): TrialUpdate {
  if (update === null || typeof update !== "object") return update;
  const copyAttrs = (a: Readonly<Record<string, JsonValue>> | undefined) => {
    if (a === undefined || a === null || typeof a !== "object") return a;
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(a)) setKey(out, key, copyJson(a[key]!));
    return out;
  };
  return {
    ...update,
    ...(update.userAttrs === undefined ? {} : { userAttrs: copyAttrs(update.userAttrs) }),
    ...(update.systemAttrs === undefined ? {} : { systemAttrs: copyAttrs(update.systemAttrs) }),
    ...(update.intermediateValues === undefined || !Array.isArray(update.intermediateValues)
      ? {}
      : { intermediateValues: update.intermediateValues.map((e) => [e[0], e[1]] as const) }),
  };
}

/** Throws the rejection of an operation that returns nothing. */
function done(outcome: ReplayOutcome): void {
  if (outcome.kind === "rejected") throw outcome.error;
}

/** An operation whose records are appended and not yet all replayed. */
class PendingOperation {
  private seen = 0;
  private error: Error | null = null;
  private last: ReplayOutcome | null = null;
  constructor(private readonly count: number) {}

  /** Takes the outcome of one of its records. */
  take(outcome: ReplayOutcome): void {
    this.seen++;
    if (outcome.kind === "rejected") this.error ??= outcome.error;
    else this.last = outcome;
  }

  get finished(): boolean {
    return this.seen >= this.count;
  }

  /** The outcome of the operation: its first rejection, else its last record's outcome. */
  outcome(): ReplayOutcome {
    return this.error !== null ? { kind: "rejected", error: this.error } : this.last!;
  }
}

interface QueuedAppend {
  readonly records: readonly JournalRecord[];
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** How many reads after an append may miss the appended records before the backend is called broken. */
const READ_BACK_ATTEMPTS = 5;

/**
 * A storage on a journal of operation records (Optuna's JournalStorage format) kept by a
 * {@link JournalBackend}: a file (`JournalFileBackend`, or `openJournalFileStorage`) or a
 * Redis list. Many processes may share one journal; trial numbers are allocated by the
 * journal's order.
 *
 * @example
 * ```ts
 * const storage = new JournalStorage(new JournalFileBackend("./study.log"));
 * const study = await createStudy({ storage, studyName: "demo", sampler, loadIfExists: true });
 * ```
 */
export class JournalStorage implements Storage {
  /** Where trial datetimes come from. */
  readonly clock: Clock;
  private readonly replay = new JournalReplay();
  private readonly workerPrefix = `${randomUUID()}-`;
  private sequence = 0;
  private readonly pending = new Map<string, PendingOperation>();
  /** Trial ids this process is trying to take from WAITING right now. */
  private readonly claims = new Set<number>();
  private queue: QueuedAppend[] = [];
  private appending: Promise<void> | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private closed = false;

  /**
   * @param backend - where the records are kept; the storage closes it on `close()`.
   * @throws TypeError if `backend` lacks readLogs/appendLogs/close or `clock` is not a Clock.
   */
  constructor(
    private readonly backend: JournalBackend,
    options: JournalStorageOptions = {},
  ) {
    const b = backend as unknown as Record<string, unknown> | null;
    if (
      b === null ||
      typeof b !== "object" ||
      typeof b.readLogs !== "function" ||
      typeof b.appendLogs !== "function" ||
      typeof b.close !== "function"
    ) {
      throw new TypeError("JournalStorage: backend must be a JournalBackend (readLogs, appendLogs, close)");
    }
    this.clock = options.clock === undefined ? systemClock : checkClock("JournalStorage", options.clock);
  }

  /** Replays what the journal holds now; later reads replay only what was appended since. */
  async load(): Promise<void> {
    await this.sync();
  }

  async createStudy(directions: readonly StudyDirection[], studyName?: string): Promise<number> {
    checkDirections("JournalStorage.createStudy", directions);
    const name = studyName ?? defaultStudyName();
    checkStudyName("JournalStorage.createStudy", name);
    await this.sync();
    if (this.replay.studyIdOf(name) !== undefined) {
      throw new DuplicatedStudyError(`a study named "${name}" already exists`);
    }
    const outcome = await this.write((w) => [createStudyRecord(w, name, directions)]);
    if (outcome.kind === "study") return outcome.studyId;
    throw outcome.kind === "rejected"
      ? outcome.error
      : new StorageError("JournalStorage.createStudy: no study was created");
  }

  async deleteStudy(studyId: number): Promise<void> {
    await this.study(studyId);
    done(await this.write((w) => [deleteStudyRecord(w, studyId)]));
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    await this.sync();
    const id = this.replay.studyIdOf(studyName);
    if (id === undefined) throw new StudyNotFoundError(`no study named "${studyName}"`);
    return id;
  }

  async getStudyName(studyId: number): Promise<string> {
    await this.sync();
    return (await this.study(studyId)).studyName;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    await this.sync();
    return (await this.study(studyId)).directions.slice();
  }

  async getAllStudies(): Promise<StudySummary[]> {
    await this.sync();
    return this.replay.allStudies().map((s) => {
      const trials = s.trialIds.map((_, n) => this.replay.trialOf(s, n));
      return {
        studyId: s.studyId,
        studyName: s.studyName,
        directions: s.directions.slice(),
        userAttrs: copyRecord(s.userAttrs),
        systemAttrs: copyRecord(s.systemAttrs),
        nTrials: trials.length,
        datetimeStart: trials[0]?.datetimeStart ?? null,
        bestTrial: bestTrialOf(trials, s.directions),
      };
    });
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const copy = copyJson(value);
    await this.study(studyId);
    done(await this.write((w) => [studyAttrRecord(w, studyId, "user", key, copy)]));
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const copy = copyJson(value);
    await this.study(studyId);
    done(await this.write((w) => [studyAttrRecord(w, studyId, "system", key, copy)]));
  }

  async getStudyUserAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    await this.sync();
    return copyRecord((await this.study(studyId)).userAttrs);
  }

  async getStudySystemAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    await this.sync();
    return copyRecord((await this.study(studyId)).systemAttrs);
  }

  async createTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    const s = await this.study(studyId);
    const now = dateOf(this.clock);
    // Refuse what no order of records could accept (a values count that does not match the
    // directions, a parameter that conflicts with the study) before writing.
    if (template !== undefined) createTrialRecord(template, { number: -1, trialId: -1 }, s, now);
    return this.trialOf(await this.write((w) => [createTrialJournalRecord(w, studyId, template, now)]));
  }

  async popWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    await this.sync();
    const s = await this.study(studyId);
    for (;;) {
      const trialId = this.nextWaiting(s);
      if (trialId === null) return null;
      this.claims.add(trialId);
      let outcome: ReplayOutcome;
      try {
        outcome = await this.write((w) => [startTrialRecord(w, trialId, dateOf(this.clock))]);
      } finally {
        this.claims.delete(trialId);
      }
      if (outcome.kind === "trial") return outcome.trial;
      // Another worker took it first, or it finished: try the next one.
      if (
        outcome.kind === "rejected" &&
        !(outcome.error instanceof TrialTakenError) &&
        !(outcome.error instanceof UpdateFinishedTrialError)
      ) {
        throw outcome.error;
      }
    }
  }

  async updateTrial(trialId: number, given: TrialUpdate): Promise<FrozenTrial> {
    // Copied before the first await: later changes by the caller must not reach the journal.
    const update = copyUpdate(given);
    const { study, trial } = await this.located(trialId);
    const now = dateOf(this.clock);
    // Throws for an update that is wrong whatever other workers do (and for a trial this
    // process already knows is finished) before anything is written.
    applyTrialUpdate(trial, update, study, now);
    let count = 0;
    const outcome = await this.write((w) => {
      const records = trialUpdateRecords(w, trialId, update, now);
      count = records.length;
      return records;
    });
    if (count === 0) return (await this.located(trialId)).trial;
    return this.trialOf(outcome);
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    await this.sync();
    return (await this.located(trialId)).trial;
  }

  async getTrials(studyId: number, options: GetTrialsOptions = {}): Promise<TrialsPage> {
    await this.sync();
    const s = await this.study(studyId);
    const cursor = s.changeLog.length;
    const since = options.since;
    let trials: FrozenTrial[];
    if (since === undefined || since <= 0) {
      trials = s.trialIds.map((_, n) => this.replay.trialOf(s, n));
    } else {
      const changed = new Set<number>();
      for (let i = since; i < cursor; i++) changed.add(s.changeLog[i]!);
      trials = [...changed].sort((a, b) => a - b).map((n) => this.replay.trialOf(s, n));
    }
    if (options.states !== undefined) {
      const keep = new Set<TrialState>(options.states);
      trials = trials.filter((t) => keep.has(t.state));
    }
    return { trials, cursor };
  }

  /** Waits for writes in flight, then closes the backend. Later calls throw StorageError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.appending !== null) await this.appending.catch(() => undefined);
    await this.backend.close();
  }

  /** The study, replaying the journal first when this process does not know it yet. */
  private async study(studyId: number): Promise<JournalStudyState> {
    let s = this.replay.study(studyId);
    if (s === undefined) {
      await this.sync();
      s = this.replay.study(studyId);
    }
    if (s === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return s;
  }

  /** The trial and its study, replaying first when this process does not know the trial yet. */
  private async located(
    trialId: number,
  ): Promise<{ readonly study: JournalStudyState; readonly trial: FrozenTrial }> {
    let found = this.replay.locate(trialId);
    if (found === undefined) {
      await this.sync();
      found = this.replay.locate(trialId);
    }
    if (found === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return found;
  }

  /** The oldest WAITING trial of the study that this process is not already taking. */
  private nextWaiting(s: JournalStudyState): number | null {
    while (s.waiting.length > 0 && this.replay.trialOf(s, s.waiting[0]!).state !== "WAITING")
      s.waiting.shift();
    for (const number of s.waiting) {
      const t = this.replay.trialOf(s, number);
      if (t.state === "WAITING" && !this.claims.has(t.trialId)) return t.trialId;
    }
    return null;
  }

  private trialOf(outcome: ReplayOutcome): FrozenTrial {
    if (outcome.kind === "trial") return outcome.trial;
    if (outcome.kind === "rejected") throw outcome.error;
    throw new StorageError(`JournalStorage: expected a trial from the journal, got ${outcome.kind}`);
  }

  /**
   * Appends the records of one operation (made by `make` with the operation's worker id),
   * replays past them and returns the outcome (a rejection is returned, not thrown).
   */
  private async write(make: (workerId: string) => JournalRecord[]): Promise<ReplayOutcome> {
    if (this.closed) throw new StorageError("JournalStorage: the storage is closed");
    const workerId = `${this.workerPrefix}${this.sequence++}`;
    const records = make(workerId);
    if (records.length === 0) return { kind: "done" };
    const op = new PendingOperation(records.length);
    this.pending.set(workerId, op);
    try {
      await this.append(records);
      for (let attempt = 0; !op.finished; attempt++) {
        if (attempt >= READ_BACK_ATTEMPTS) {
          throw new StorageError(
            `JournalStorage: ${records.length} record(s) appended by this process were not read back after ${READ_BACK_ATTEMPTS} reads; the backend does not read its own writes`,
          );
        }
        await this.sync();
      }
    } finally {
      this.pending.delete(workerId);
    }
    return op.outcome();
  }

  /** Queues records for the next append; concurrent operations share one append. */
  private append(records: readonly JournalRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (this.appending === null) {
        this.appending = this.drain().finally(() => {
          this.appending = null;
        });
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const records = batch.length === 1 ? batch[0]!.records : batch.flatMap((b) => b.records);
      try {
        await this.backend.appendLogs(records);
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
  }

  /**
   * Replays the records appended since the last read. Calls made while a read is in flight
   * get one more read that starts after them, so a caller always sees every append that
   * completed before its call.
   */
  private sync(): Promise<void> {
    if (this.syncing !== null) {
      this.syncAgain = true;
      return this.syncing;
    }
    const run = async (): Promise<void> => {
      do {
        this.syncAgain = false;
        const records = await this.backend.readLogs(this.replay.logNumber);
        for (const record of records) {
          const outcome = this.replay.apply(record);
          this.pending.get(record.worker_id)?.take(outcome);
        }
      } while (this.syncAgain);
    };
    this.syncing = run().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }
}
