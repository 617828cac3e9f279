/**
 * The study's snapshot of its trials: an array by trial number, merged from incremental
 * storage reads and from this process's own running trials (which are authoritative for
 * themselves until they finish).
 *
 * Reads are O(1): the list of all trials and the per-state lists are kept up to date as
 * trials change (a change moves one trial between two sorted lists, almost always at their
 * ends), and the best trial is tracked as trials complete. The lists handed out are live
 * views: they grow and change in place as the study goes on (copy them with `slice()` to
 * keep a fixed snapshot). Measured by `benchmarks/overhead/callbacks.ts`.
 */
import { BestTrialTracker, ParetoFrontTracker } from "../trial/best.js";
import type { FrozenTrial } from "../trial/frozen.js";
import { trialLowerBound as lowerBound } from "../trial/lower-bound.js";
import { isFinished, type StudyDirection, type TrialState } from "../trial/state.js";

const STATES: readonly TrialState[] = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"];

function removeFrom(list: FrozenTrial[], number: number): void {
  const i = lowerBound(list, number);
  if (i < list.length && list[i]!.number === number) list.splice(i, 1);
}

function insertInto(list: FrozenTrial[], trial: FrozenTrial): void {
  const i = lowerBound(list, trial.number);
  if (i < list.length && list[i]!.number === trial.number) list[i] = trial;
  else if (i === list.length) list.push(trial);
  else list.splice(i, 0, trial);
}

/** Trials of one study by number, with per-state lists and the best trial kept up to date. */
export class TrialCache {
  /** Trials by number; holes (from a read racing with creation) are undefined. */
  private readonly byNumber: (FrozenTrial | undefined)[] = [];
  private holes = 0;
  /** The trials without holes, rebuilt only while holes exist. */
  private compact: FrozenTrial[] | null = null;
  private readonly byState: Record<TrialState, FrozenTrial[]> = {
    RUNNING: [],
    COMPLETE: [],
    PRUNED: [],
    FAIL: [],
    WAITING: [],
  };
  /** Merged lists for filters naming several states, by key; dropped when one of them changes. */
  private readonly merged = new Map<string, FrozenTrial[]>();
  private readonly best: BestTrialTracker | null;
  private readonly front: ParetoFrontTracker;

  /** @param directions - the study's directions (the best trial is tracked for one, the Pareto front for several). */
  constructor(directions: readonly StudyDirection[]) {
    this.best = directions.length === 1 ? new BestTrialTracker(directions[0]!) : null;
    this.front = new ParetoFrontTracker(directions);
  }

  /** Number of trials known. */
  get size(): number {
    return this.byNumber.length - this.holes;
  }

  /** The trial with this number, if known. */
  get(number: number): FrozenTrial | undefined {
    return this.byNumber[number];
  }

  /** The best COMPLETE trial (single objective), as currently stored, or null. */
  bestTrial(): FrozenTrial | null {
    const b = this.best?.best ?? null;
    return b === null ? null : (this.byNumber[b.number] ?? b);
  }

  /** The COMPLETE trials on the Pareto front (feasible ones when constrained), as currently stored, by number. */
  paretoFront(): FrozenTrial[] {
    return this.front.front.map((t) => this.byNumber[t.number] ?? t);
  }

  /**
   * Stores a newer version of a trial. A finished trial is never replaced by an unfinished
   * version (which could only come from a stale read).
   */
  put(trial: FrozenTrial): void {
    const number = trial.number;
    const old = this.byNumber[number];
    if (old === trial) return;
    if (old !== undefined && isFinished(old.state) && !isFinished(trial.state)) return;
    if (number >= this.byNumber.length) {
      while (this.byNumber.length < number) {
        this.byNumber.push(undefined);
        this.holes++;
      }
      this.byNumber.push(trial);
      this.compact?.push(trial);
    } else {
      if (old === undefined) this.holes--;
      this.byNumber[number] = trial;
      this.compact = null;
    }
    if (old !== undefined && old.state !== trial.state) {
      removeFrom(this.byState[old.state], number);
      this.dropMerged(old.state);
    }
    insertInto(this.byState[trial.state], trial);
    this.dropMerged(trial.state);
    this.best?.add(trial);
    this.front.add(trial);
  }

  /**
   * Trials in the given states (all when omitted), ordered by number: a live read-only
   * view, not a copy. Do not mutate.
   */
  list(states?: readonly TrialState[]): readonly FrozenTrial[] {
    if (states === undefined || states.length === 0) return this.all();
    if (states.length === 1) return this.byState[states[0]!];
    let key = "";
    for (const s of STATES) if (states.includes(s)) key += s[0];
    if (key.length === STATES.length) return this.all();
    let list = this.merged.get(key);
    if (list === undefined) {
      list = [];
      for (const s of STATES) if (states.includes(s)) for (const t of this.byState[s]) list.push(t);
      list.sort((a, b) => a.number - b.number);
      this.merged.set(key, list);
    }
    return list;
  }

  private all(): readonly FrozenTrial[] {
    if (this.holes === 0) return this.byNumber as FrozenTrial[];
    this.compact ??= this.byNumber.filter((t): t is FrozenTrial => t !== undefined);
    return this.compact;
  }

  private dropMerged(state: TrialState): void {
    if (this.merged.size === 0) return;
    const letter = state[0]!;
    for (const key of [...this.merged.keys()]) if (key.includes(letter)) this.merged.delete(key);
  }
}
