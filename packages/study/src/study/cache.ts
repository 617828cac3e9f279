/**
 * The study's snapshot of its trials: an array by trial number, merged from incremental
 * storage reads and from this process's own running trials (which are authoritative for
 * themselves until they finish). Filtered views by state are cached and only recomputed when
 * a trial entering or leaving one of their states changes.
 */
import type { FrozenTrial } from "../trial/frozen.js";
import { isFinished, type TrialState } from "../trial/state.js";

const STATES: readonly TrialState[] = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"];

interface FilteredView {
  readonly stamp: number;
  readonly trials: readonly FrozenTrial[];
}

/** Trials of one study by number, with cached per-state views. */
export class TrialCache {
  private readonly byNumber: FrozenTrial[] = [];
  /** Incremented when a trial in that state (before or after a change) changes. */
  private readonly stateStamp: Record<TrialState, number> = {
    RUNNING: 0,
    COMPLETE: 0,
    PRUNED: 0,
    FAIL: 0,
    WAITING: 0,
  };
  private readonly views = new Map<string, FilteredView>();
  private allView: FilteredView | null = null;
  private stamp = 0;

  /** Number of trials known. */
  get size(): number {
    return this.byNumber.length;
  }

  /** The trial with this number, if known. */
  get(number: number): FrozenTrial | undefined {
    return this.byNumber[number];
  }

  /**
   * Stores a newer version of a trial. A finished trial is never replaced by an unfinished
   * version (which could only come from a stale read).
   */
  put(trial: FrozenTrial): void {
    const old = this.byNumber[trial.number];
    if (old === trial) return;
    if (old !== undefined && isFinished(old.state) && !isFinished(trial.state)) return;
    while (this.byNumber.length < trial.number) {
      // A gap can only come from a read racing with creation; leave it empty until filled.
      this.byNumber.push(undefined as unknown as FrozenTrial);
    }
    this.byNumber[trial.number] = trial;
    if (old !== undefined) this.stateStamp[old.state]++;
    this.stateStamp[trial.state]++;
    this.stamp++;
  }

  /** Trials in the given states (all when omitted), ordered by number. Do not mutate. */
  list(states?: readonly TrialState[]): readonly FrozenTrial[] {
    if (states === undefined || states.length === 0 || states.length === STATES.length) {
      if (this.allView === null || this.allView.stamp !== this.stamp) {
        this.allView = { stamp: this.stamp, trials: this.byNumber.filter((t) => t !== undefined) };
      }
      return this.allView.trials;
    }
    let key = "";
    let stamp = 0;
    for (const s of STATES) {
      if (states.includes(s)) {
        key += s[0];
        stamp += this.stateStamp[s];
      }
    }
    const cached = this.views.get(key);
    if (cached !== undefined && cached.stamp === stamp) return cached.trials;
    const keep = new Set(states);
    const trials: FrozenTrial[] = [];
    for (const t of this.byNumber) if (t !== undefined && keep.has(t.state)) trials.push(t);
    this.views.set(key, { stamp, trials });
    return trials;
  }
}
