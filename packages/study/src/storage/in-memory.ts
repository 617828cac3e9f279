/**
 * InMemoryStorage: the default storage, living in one process. It keeps immutable
 * FrozenTrial records (replaced, never mutated, on update) and a per-study change log for
 * incremental reads. Every change is one of the storage rules of `apply-update.ts` (the rules a
 * journal storage replays), applied to its maps.
 */
import { checkClock } from "../clock/check.js";
import { type Clock, dateOf, systemClock } from "../clock/clock.js";
import type { Distribution } from "../distributions/distribution.js";
import { DuplicatedStudyError, StudyNotFoundError, TrialNotFoundError } from "../errors/index.js";
import { copyRecord, emptyRecord } from "../records/index.js";
import { bestTrialOf } from "../trial/best.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue, StudyDirection, TrialState } from "../trial/state.js";
import {
  applyTrialUpdate,
  createTrialRecord,
  noteParamDistributions,
  startWaitingTrial,
  withStudyAttr,
} from "./apply-update.js";
import type { GetTrialsOptions, Storage, StudySummary, TrialsPage, TrialUpdate } from "./storage.js";
import type { SyncTrialStorage } from "./sync.js";
import { checkDirections, checkStudyName, defaultStudyName } from "./validate.js";

interface StudyRecord {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  userAttrs: Record<string, JsonValue>;
  systemAttrs: Record<string, JsonValue>;
  /** Trials by number. */
  readonly trials: FrozenTrial[];
  /** Known distribution of each parameter name. */
  paramDistributions: ReadonlyMap<string, Distribution>;
  /** Trial numbers in the order they changed; the cursor is its length. */
  readonly changeLog: number[];
  /** Numbers of WAITING trials, oldest first. */
  readonly waiting: number[];
}

/** Options of {@link InMemoryStorage}. */
export interface InMemoryStorageOptions {
  /** Where trial datetimes come from. @defaultValue systemClock */
  readonly clock?: Clock;
}

/**
 * A storage in the memory of one process (the default of `createStudy`).
 *
 * @example
 * ```ts
 * const storage = new InMemoryStorage();
 * const study = await createStudy({ storage, studyName: "demo" });
 * ```
 */
export class InMemoryStorage implements Storage, SyncTrialStorage {
  /** Where trial datetimes come from. */
  readonly clock: Clock;
  private readonly studies = new Map<number, StudyRecord>();
  private readonly studyIdByName = new Map<string, number>();
  /** trialId → [studyId, number]. */
  private readonly trialIndex: Array<[number, number]> = [];
  private nextStudyId = 0;

  /** @throws TypeError if `clock` is not a Clock. */
  constructor(options: InMemoryStorageOptions = {}) {
    this.clock = options.clock === undefined ? systemClock : checkClock("InMemoryStorage", options.clock);
  }

  async createStudy(directions: readonly StudyDirection[], studyName?: string): Promise<number> {
    checkDirections("InMemoryStorage.createStudy", directions);
    const studyId = this.nextStudyId++;
    const name = studyName ?? defaultStudyName();
    checkStudyName("InMemoryStorage.createStudy", name);
    if (this.studyIdByName.has(name))
      throw new DuplicatedStudyError(`a study named "${name}" already exists`);
    this.studies.set(studyId, {
      studyId,
      studyName: name,
      directions: directions.slice(),
      userAttrs: emptyRecord(),
      systemAttrs: emptyRecord(),
      trials: [],
      paramDistributions: new Map(),
      changeLog: [],
      waiting: [],
    });
    this.studyIdByName.set(name, studyId);
    return studyId;
  }

  async deleteStudy(studyId: number): Promise<void> {
    const s = this.study(studyId);
    for (const t of s.trials) this.trialIndex[t.trialId] = [-1, -1];
    this.studies.delete(studyId);
    this.studyIdByName.delete(s.studyName);
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    const id = this.studyIdByName.get(studyName);
    if (id === undefined) throw new StudyNotFoundError(`no study named "${studyName}"`);
    return id;
  }

  async getStudyName(studyId: number): Promise<string> {
    return this.study(studyId).studyName;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    return this.study(studyId).directions.slice();
  }

  async getAllStudies(): Promise<StudySummary[]> {
    return [...this.studies.values()].map((s) => ({
      studyId: s.studyId,
      studyName: s.studyName,
      directions: s.directions.slice(),
      userAttrs: copyRecord(s.userAttrs),
      systemAttrs: copyRecord(s.systemAttrs),
      nTrials: s.trials.length,
      datetimeStart: s.trials[0]?.datetimeStart ?? null,
      bestTrial: bestTrialOf(s.trials, s.directions),
    }));
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const s = this.study(studyId);
    s.userAttrs = withStudyAttr(s.userAttrs, key, value);
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    this.setStudySystemAttrSync(studyId, key, value);
  }

  /** @internal `setStudySystemAttr`, synchronously (see {@link InMemoryStorage.syncTrialStorage}). */
  setStudySystemAttrSync(studyId: number, key: string, value: JsonValue): void {
    const s = this.study(studyId);
    s.systemAttrs = withStudyAttr(s.systemAttrs, key, value);
  }

  async getStudyUserAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    return copyRecord(this.study(studyId).userAttrs);
  }

  async getStudySystemAttrs(studyId: number): Promise<Record<string, JsonValue>> {
    return copyRecord(this.study(studyId).systemAttrs);
  }

  async createTrial(studyId: number, template?: FrozenTrial): Promise<FrozenTrial> {
    if (template === undefined) return this.createTrialSync(studyId);
    const s = this.study(studyId);
    const number = s.trials.length;
    const trialId = this.trialIndex.length;
    const trial = createTrialRecord(template, { number, trialId }, s, dateOf(this.clock));
    if (template !== undefined) s.paramDistributions = noteParamDistributions(s.paramDistributions, trial);
    s.trials.push(trial);
    this.trialIndex.push([studyId, number]);
    s.changeLog.push(number);
    if (trial.state === "WAITING") s.waiting.push(number);
    return trial;
  }

  /** @internal `createTrial` without a template, synchronously. */
  createTrialSync(studyId: number): FrozenTrial {
    const s = this.study(studyId);
    const number = s.trials.length;
    const trialId = this.trialIndex.length;
    const trial = createTrialRecord(undefined, { number, trialId }, s, dateOf(this.clock));
    s.trials.push(trial);
    this.trialIndex.push([studyId, number]);
    s.changeLog.push(number);
    return trial;
  }

  async popWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    return this.popWaitingTrialSync(studyId);
  }

  /** @internal `popWaitingTrial`, synchronously. */
  popWaitingTrialSync(studyId: number): FrozenTrial | null {
    const s = this.study(studyId);
    while (s.waiting.length > 0) {
      const number = s.waiting.shift()!;
      const running = startWaitingTrial(s.trials[number]!, s, dateOf(this.clock));
      if (running === null) continue;
      s.trials[number] = running;
      s.changeLog.push(number);
      return running;
    }
    return null;
  }

  async updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    return this.updateTrialSync(trialId, update);
  }

  /** @internal `updateTrial`, synchronously. */
  updateTrialSync(trialId: number, update: TrialUpdate): FrozenTrial {
    const [s, number] = this.locate(trialId);
    const next = applyTrialUpdate(s.trials[number]!, update, s, dateOf(this.clock));
    // Only an update with parameters can name a new one.
    if (update.params !== undefined)
      s.paramDistributions = noteParamDistributions(s.paramDistributions, next);
    s.trials[number] = next;
    s.changeLog.push(number);
    return next;
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.getTrialSync(trialId);
  }

  /** @internal `getTrial`, synchronously. */
  getTrialSync(trialId: number): FrozenTrial {
    const [s, number] = this.locate(trialId);
    return s.trials[number]!;
  }

  async getTrials(studyId: number, options: GetTrialsOptions = {}): Promise<TrialsPage> {
    return this.getTrialsSync(studyId, options);
  }

  /** @internal `getTrials`, synchronously. */
  getTrialsSync(studyId: number, options: GetTrialsOptions = {}): TrialsPage {
    const s = this.study(studyId);
    const cursor = s.changeLog.length;
    const since = options.since;
    let trials: FrozenTrial[];
    if (since === undefined || since <= 0) {
      trials = s.trials.slice();
    } else if (cursor - since <= 8) {
      // The usual read of a running study: a few changes since the last one (a trial's
      // creation and its final write), deduplicated and sorted by insertion without a Set or
      // Array.prototype.sort (whose work array was 8% of a Random trial's allocations).
      trials = [];
      for (let i = since; i < cursor; i++) {
        const t = s.trials[s.changeLog[i]!]!;
        let j = trials.length;
        while (j > 0 && trials[j - 1]!.number > t.number) j--;
        if (j > 0 && trials[j - 1]!.number === t.number) continue;
        if (j === trials.length) trials.push(t);
        else trials.splice(j, 0, t);
      }
    } else {
      const changed = new Set<number>();
      for (let i = since; i < cursor; i++) changed.add(s.changeLog[i]!);
      trials = [...changed].sort((a, b) => a - b).map((n) => s.trials[n]!);
    }
    const states = options.states;
    if (states !== undefined) {
      const keep = new Set<TrialState>(states);
      trials = trials.filter((t) => keep.has(t.state));
    }
    return { trials, cursor };
  }

  async close(): Promise<void> {}

  /**
   * @internal This storage's synchronous calls, for the study's fast path (see `sync.ts`);
   * null when a subclass overrides one of the asynchronous methods they stand for, so that
   * the override sees every call.
   */
  syncTrialStorage(): SyncTrialStorage | null {
    const p = InMemoryStorage.prototype;
    return this.createTrial === p.createTrial &&
      this.popWaitingTrial === p.popWaitingTrial &&
      this.updateTrial === p.updateTrial &&
      this.getTrial === p.getTrial &&
      this.getTrials === p.getTrials &&
      this.setStudySystemAttr === p.setStudySystemAttr &&
      this.createTrialSync === p.createTrialSync &&
      this.popWaitingTrialSync === p.popWaitingTrialSync &&
      this.updateTrialSync === p.updateTrialSync &&
      this.getTrialSync === p.getTrialSync &&
      this.getTrialsSync === p.getTrialsSync &&
      this.setStudySystemAttrSync === p.setStudySystemAttrSync
      ? this
      : null;
  }

  private study(studyId: number): StudyRecord {
    const s = this.studies.get(studyId);
    if (s === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return s;
  }

  private locate(trialId: number): [StudyRecord, number] {
    const entry = this.trialIndex[trialId];
    if (entry === undefined || entry[0] < 0) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return [this.study(entry[0]), entry[1]];
  }
}
