/**
 * What the CMA-ES sampler reads from a study's trials: which finished trials belong to which
 * generation (their system attributes), the latest stored optimizer state, and how many trials
 * count as finished for the start-up phase. Read incrementally: a trial is examined once when
 * it is finished, and the running trials (few, at most the concurrency) at every call, since a
 * running trial may carry a state that another worker stored on it.
 *
 * System attributes written by the sampler (see {@link CMA_KEYS}):
 * - on every trial it samples: the space hash, the generation (the sampler's own counter,
 *   incremented at every `tell`, across restarts), the restart index, the population size, and
 *   the raw candidate x (coordinates in [0, 1], before margin encoding);
 * - on the trial that initialized the optimizer or told a generation: the whole optimizer state
 *   as JSON ({@link CmaStateRecord}), so that any worker, in any process, continues it.
 */
import type { CmaEsState, RestartCmaEsState, SepCmaEsState } from "@tunelab/math/cmaes";
import { type FrozenTrial, type JsonValue, type StudyView, trialLowerBound } from "@tunelab/study";

/** System attribute keys of the CMA-ES sampler. */
export const CMA_KEYS: {
  readonly space: string;
  readonly generation: string;
  readonly restart: string;
  readonly popsize: string;
  readonly x: string;
  readonly state: string;
} = {
  /** Hash of the search space a trial was sampled in. */
  space: "cma:space",
  /** Generation a trial was sampled from. */
  generation: "cma:generation",
  /** Restart index (0 for the first run). */
  restart: "cma:restart",
  /** Population size λ of that generation. */
  popsize: "cma:popsize",
  /** The raw candidate (coordinates in [0, 1]ⁿ, before the margin encoding). */
  x: "cma:x",
  /** The optimizer state after an initialization or a tell. */
  state: "cma:state",
};

/** The serialized optimizer of one of the three kinds. */
export type CmaOptimizerState = CmaEsState | SepCmaEsState | RestartCmaEsState;

/** The JSON stored under `cma:state` (version 1). */
export interface CmaStateRecord {
  /** Format version. */
  readonly version: 1;
  /** Hash of the search space (see `CmaSpace.hash`). */
  readonly space: string;
  /** The sampler's generation counter after this state was produced. */
  readonly generation: number;
  /** The optimizer (`toJSON()` of CmaEs, SepCmaEs or RestartCmaEs). */
  readonly optimizer: CmaOptimizerState;
}

/** Where a state record was found. */
export interface StateHolder {
  readonly record: CmaStateRecord;
  /** Number of the trial that holds it. */
  readonly holder: number;
}

/** A finished trial of a generation, with the value to tell (minimized). */
export interface Member {
  readonly trial: FrozenTrial;
  /** The objective value with the sign that makes it minimized (last intermediate value for a pruned trial). */
  readonly value: number;
}

function isRecord(v: JsonValue | undefined): v is { readonly [key: string]: JsonValue } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The state record of a trial, if it holds a well-formed one. */
export function stateRecordOf(trial: FrozenTrial): CmaStateRecord | null {
  const v = trial.systemAttrs[CMA_KEYS.state];
  if (!isRecord(v)) return null;
  if (v.version !== 1 || typeof v.space !== "string" || typeof v.generation !== "number") return null;
  if (!isRecord(v.optimizer)) return null;
  return v as unknown as CmaStateRecord;
}

/** True when `a` should be preferred to `b`: later generation, then the lower trial number. */
function newer(a: StateHolder, b: StateHolder | undefined): boolean {
  if (b === undefined) return true;
  if (a.record.generation !== b.record.generation) return a.record.generation > b.record.generation;
  return a.holder < b.holder;
}

/**
 * The sampler's incremental view of one study object's trials.
 */
export class CmaHistory {
  /** Finished trials that count (COMPLETE, and PRUNED with a value when pruned trials count). */
  usable = 0;
  /** Every trial with number < cursor is finished and examined. */
  private cursor = 0;
  /** Finished trials at or beyond the cursor that were examined. */
  private readonly ahead = new Set<number>();
  /** Best state per space hash. */
  private readonly states = new Map<string, StateHolder>();
  /** Finished usable members by "hash|generation". */
  private readonly members = new Map<string, Member[]>();
  /** Candidates by "hash|generation", then by trial number (raw x), of every trial state. */
  private readonly sampled = new Map<string, Map<number, readonly number[]>>();
  /** Holders of states that could not be restored, ignored from then on. */
  private readonly discarded = new Set<number>();
  /** Last state object seen on each running trial (to skip re-reading it). */
  private readonly seenOnRunning = new Map<number, JsonValue>();

  /**
   * @param direction - +1 to minimize, −1 to maximize.
   * @param considerPruned - count PRUNED trials, with their last intermediate value.
   */
  constructor(
    private readonly direction: 1 | -1,
    private readonly considerPruned: boolean,
  ) {}

  /** The value to tell for a finished trial, or null when it does not count. */
  private valueOf(t: FrozenTrial): number | null {
    if (t.state === "COMPLETE") return t.value === null ? null : this.direction * t.value;
    if (t.state === "PRUNED" && this.considerPruned && t.intermediateValues.size > 0) {
      let step = -1;
      let value = Number.NaN;
      for (const [s, v] of t.intermediateValues) {
        if (s > step) {
          step = s;
          value = v;
        }
      }
      return Number.isNaN(value) ? null : this.direction * value;
    }
    return null;
  }

  private noteState(t: FrozenTrial): void {
    const record = stateRecordOf(t);
    if (record === null || this.discarded.has(t.number)) return;
    const holder: StateHolder = { record, holder: t.number };
    if (newer(holder, this.states.get(record.space))) this.states.set(record.space, holder);
  }

  /** Examines the trials that changed since the last call. */
  update(study: StudyView): void {
    const trials = study.getTrials();
    for (let i = trialLowerBound(trials, this.cursor); i < trials.length; i++) {
      const t = trials[i]!;
      const finished = t.state === "COMPLETE" || t.state === "PRUNED" || t.state === "FAIL";
      if (!finished) {
        const s = t.systemAttrs[CMA_KEYS.state];
        if (s !== undefined && this.seenOnRunning.get(t.number) !== s) {
          this.seenOnRunning.set(t.number, s);
          this.noteState(t);
        }
        this.noteSampled(t);
        continue;
      }
      if (this.ahead.has(t.number)) continue;
      this.ahead.add(t.number);
      this.seenOnRunning.delete(t.number);
      this.noteState(t);
      const key = this.noteSampled(t);
      const value = this.valueOf(t);
      if (value === null) continue;
      this.usable++;
      if (key === null) continue;
      let list = this.members.get(key);
      if (list === undefined) {
        list = [];
        this.members.set(key, list);
      }
      list.push({ trial: t, value });
    }
    while (this.ahead.has(this.cursor)) {
      this.ahead.delete(this.cursor);
      this.cursor++;
    }
  }

  /**
   * Records the candidate of a trial sampled by the CMA-ES sampler (any state) and returns its
   * "hash|generation" key, or null when the trial holds no candidate or one of a generation
   * already told.
   */
  private noteSampled(t: FrozenTrial): string | null {
    const space = t.systemAttrs[CMA_KEYS.space];
    const generation = t.systemAttrs[CMA_KEYS.generation];
    const x = t.systemAttrs[CMA_KEYS.x];
    if (typeof space !== "string" || typeof generation !== "number" || !Array.isArray(x)) return null;
    const current = this.states.get(space);
    if (current !== undefined && generation < current.record.generation) return null; // already told
    const key = `${space}|${generation}`;
    let map = this.sampled.get(key);
    if (map === undefined) {
      map = new Map();
      this.sampled.set(key, map);
    }
    if (!map.has(t.number)) map.set(t.number, x as readonly number[]);
    return key;
  }

  /** Records the candidate this sampler just drew for a trial. */
  addSampled(spaceHash: string, generation: number, trialNumber: number, x: readonly number[]): void {
    const key = `${spaceHash}|${generation}`;
    let map = this.sampled.get(key);
    if (map === undefined) {
      map = new Map();
      this.sampled.set(key, map);
    }
    map.set(trialNumber, x);
  }

  /** The candidates (raw x by trial number) seen so far in a generation, in any trial state. */
  sampledOf(spaceHash: string, generation: number): ReadonlyMap<number, readonly number[]> {
    return this.sampled.get(`${spaceHash}|${generation}`) ?? new Map();
  }

  /** The preferred stored state of a space, or undefined. */
  state(spaceHash: string): StateHolder | undefined {
    return this.states.get(spaceHash);
  }

  /** Records a state this sampler produced and stored on trial `holder`. */
  setState(holder: StateHolder): void {
    if (newer(holder, this.states.get(holder.record.space))) this.states.set(holder.record.space, holder);
  }

  /** Ignores a state (that could not be restored) from now on. */
  discard(holder: StateHolder): void {
    this.discarded.add(holder.holder);
    if (this.states.get(holder.record.space) === holder) this.states.delete(holder.record.space);
  }

  /** Number of finished members of a generation. */
  memberCount(spaceHash: string, generation: number): number {
    return this.members.get(`${spaceHash}|${generation}`)?.length ?? 0;
  }

  /** The finished members of a generation, ordered by trial number. */
  membersOf(spaceHash: string, generation: number): Member[] {
    const list = this.members.get(`${spaceHash}|${generation}`);
    if (list === undefined) return [];
    list.sort((a, b) => a.trial.number - b.trial.number);
    return list;
  }

  /** Forgets the members and candidates of a generation that has been told. */
  dropGeneration(spaceHash: string, generation: number): void {
    this.members.delete(`${spaceHash}|${generation}`);
    this.sampled.delete(`${spaceHash}|${generation}`);
  }
}
