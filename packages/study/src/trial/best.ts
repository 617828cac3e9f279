/**
 * The best trial of a single-objective study: the COMPLETE trial with the lowest (or
 * highest) value, ties going to the lowest number; when any COMPLETE trial set constraints,
 * only feasible trials count (as Optuna's best_trial does with constraints).
 *
 * {@link BestTrialTracker} keeps the answer up to date as trials arrive, in O(1) per trial,
 * so that reading `study.bestValue` after every trial costs nothing.
 */
import { type FrozenTrial, isFeasible, trialConstraints } from "./frozen.js";
import { trialLowerBound } from "./lower-bound.js";
import type { StudyDirection } from "./state.js";

function better(a: FrozenTrial, b: FrozenTrial | null, maximize: boolean): boolean {
  if (b === null) return true;
  const va = a.values![0]!;
  const vb = b.values![0]!;
  if (va === vb) return a.number < b.number;
  return maximize ? va > vb : va < vb;
}

/** Tracks the best COMPLETE trial of one objective incrementally. */
export class BestTrialTracker {
  private readonly maximize: boolean;
  private bestAny: FrozenTrial | null = null;
  private bestFeasible: FrozenTrial | null = null;
  private constrained = false;

  /** @param direction - the study's (single) direction. */
  constructor(direction: StudyDirection) {
    this.maximize = direction === "maximize";
  }

  /** Takes a trial into account (only COMPLETE trials with values count; others are ignored). */
  add(trial: FrozenTrial): void {
    if (trial.state !== "COMPLETE" || trial.values === null || trial.values.length === 0) return;
    if (better(trial, this.bestAny, this.maximize)) this.bestAny = trial;
    if (trialConstraints(trial) !== null) this.constrained = true;
    if (isFeasible(trial) && better(trial, this.bestFeasible, this.maximize)) this.bestFeasible = trial;
  }

  /** The best trial so far, or null when none (or, with constraints, no feasible one) is complete. */
  get best(): FrozenTrial | null {
    return this.constrained ? this.bestFeasible : this.bestAny;
  }
}

/** True when `a` dominates `b` (no worse on every objective, better on one); `sign` flips maximized objectives. */
function dominates(a: readonly number[], b: readonly number[], sign: readonly number[]): boolean {
  let strictly = false;
  for (let k = 0; k < sign.length; k++) {
    const x = sign[k]! * a[k]!;
    const y = sign[k]! * b[k]!;
    if (x > y) return false;
    if (x < y) strictly = true;
  }
  return strictly;
}

/**
 * Inserts `t` into `front`, kept sorted by number, dropping the members it dominates; false
 * when `t` is dominated or already there. With one objective every member of the front holds
 * the same value, so comparing with the first member decides, and a study whose trials tie at
 * the best (a converged population sampler, a discrete space) costs O(log front) per trial
 * instead of O(front).
 */
function offer(front: FrozenTrial[], t: FrozenTrial, sign: readonly number[]): boolean {
  const v = t.values!;
  const at = trialLowerBound(front, t.number);
  if (at < front.length && front[at]!.number === t.number) return false;
  if (sign.length === 1) {
    const first = front[0];
    if (first !== undefined) {
      const x = sign[0]! * v[0]!;
      const y = sign[0]! * first.values![0]!;
      if (x > y || Number.isNaN(x)) return false;
      if (x < y) {
        front.length = 0;
        front.push(t);
        return true;
      }
    }
    front.splice(at, 0, t);
    return true;
  }
  for (const f of front) if (dominates(f.values!, v, sign)) return false;
  let w = 0;
  for (const f of front) if (!dominates(v, f.values!, sign)) front[w++] = f;
  front.length = w;
  front.splice(trialLowerBound(front, t.number), 0, t);
  return true;
}

/**
 * Tracks the Pareto front of COMPLETE trials incrementally (O(front size) per trial): the
 * trials no other trial dominates, ties on every objective all kept, ordered by number; with
 * constraints, among feasible trials only.
 */
export class ParetoFrontTracker {
  private readonly sign: number[];
  private readonly frontAny: FrozenTrial[] = [];
  private readonly frontFeasible: FrozenTrial[] = [];
  private constrained = false;

  constructor(directions: readonly StudyDirection[]) {
    this.sign = directions.map((d) => (d === "maximize" ? -1 : 1));
  }

  /** Takes a trial into account (only COMPLETE trials with one value per direction count). */
  add(trial: FrozenTrial): void {
    if (trial.state !== "COMPLETE" || trial.values === null || trial.values.length !== this.sign.length)
      return;
    offer(this.frontAny, trial, this.sign);
    if (trialConstraints(trial) !== null) this.constrained = true;
    if (isFeasible(trial)) offer(this.frontFeasible, trial, this.sign);
  }

  /** The current front (a live list: do not mutate; copy to keep). */
  get front(): readonly FrozenTrial[] {
    return this.constrained ? this.frontFeasible : this.frontAny;
  }
}

/**
 * The best COMPLETE trial among `trials` for a single-objective study, or null (none
 * complete or feasible, or several directions).
 */
export function bestTrialOf(
  trials: Iterable<FrozenTrial>,
  directions: readonly StudyDirection[],
): FrozenTrial | null {
  if (directions.length !== 1) return null;
  const tracker = new BestTrialTracker(directions[0]!);
  for (const t of trials) tracker.add(t);
  return tracker.best;
}
