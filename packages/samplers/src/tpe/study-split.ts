/**
 * The split of a study's finished trials for one trial (`selectBelow` of `@tunelab/math/tpe`
 * gives the order of preference): which trials are below and above, the RUNNING trials
 * counted as above under the constant liar, and MOTPE's weights of the below trials. The one
 * place where TPE turns the study's trials (as {@link TrialColumns}) into split candidates.
 */
import { hypervolumeWeights, type SplitCandidates, selectBelow } from "@tunelab/math/tpe";
import type { FrozenTrial } from "@tunelab/study";
import { COMPLETE, PRUNED, type TrialColumns } from "../columns/index.js";
import { holdsAll } from "./branches.js";

/** Role of a trial number in a split: 0 for trials not modelled. */
export const BELOW = 1;
export const ABOVE = 2;
/** A RUNNING trial counted as above (constant liar). */
export const LIAR = 3;

/** The split of a study for one trial. */
export interface TrialSplit {
  /** Role of each trial number below `role.length` (0, BELOW, ABOVE or LIAR). */
  readonly role: Uint8Array;
  /** Numbers of the below trials, ascending. */
  readonly below: Int32Array;
  /** Numbers of the above trials (RUNNING ones included under the constant liar), ascending. */
  readonly above: Int32Array;
  /** RUNNING trials counted as above, by number. */
  readonly running: ReadonlyMap<number, FrozenTrial>;
  /** Multi-objective: the weight of each below trial (aligned with `below`); null otherwise. */
  readonly belowWeight: Float64Array | null;
}

/** Options of {@link splitTrials}. */
export interface SplitOptions {
  /** Count RUNNING trials (other than `self`) as above. */
  readonly constantLiar: boolean;
  /** Rank by feasibility when some finished trial set constraints. */
  readonly constraints: boolean;
  /**
   * When given, only the finished trials holding a value in every one of these columns are
   * split (the others get role 0): a branch of a conditional space split on its own trials
   * (`branchSplit`, issue 20). @defaultValue every finished trial
   */
  readonly holding?: readonly Float64Array[];
}

/**
 * Splits the finished trials of `table`: the `nBelow` best (at most the number of candidates)
 * below, the other COMPLETE and PRUNED trials above; in multi-objective studies PRUNED trials
 * are always above (Optuna 3.1 leaves them out; they are kept here as bad evidence), and the
 * below trials get hypervolume-contribution weights.
 * @param unfinished - RUNNING and WAITING trials by number (from `TrialColumns.update`).
 * @param self - the number of the trial being sampled (never modelled).
 */
export function splitTrials(
  table: TrialColumns,
  unfinished: ReadonlyMap<number, FrozenTrial>,
  self: number,
  nBelow: number,
  options: SplitOptions,
): TrialSplit {
  const m = table.nObjectives;
  const size = table.size;
  const role = new Uint8Array(size);
  // Candidates for "below", in trial-number order. A typed array, not a number[]: a JS array
  // of more than about 16,000 elements is a large heap object (its own pages, old space), which
  // made every trial past 16,000 finished trials pay 10-20x more per element (issue 18,
  // benchmarks/overhead/split-scale.ts).
  const all = new Int32Array(size);
  let c = 0;
  const holding = options.holding;
  for (let i = 0; i < size; i++) {
    const st = table.state[i];
    if (holding !== undefined && !holdsAll(holding, i)) continue;
    if (st === COMPLETE || (st === PRUNED && m === 1)) all[c++] = i;
    else if (st === PRUNED) role[i] = ABOVE;
  }
  const numbers = all.subarray(0, c);
  const kind = new Uint8Array(c);
  const loss = new Float64Array(c * m);
  const stepKey = new Float64Array(c);
  const violation = options.constraints && table.anyConstraints ? new Float64Array(c) : null;
  for (let k = 0; k < c; k++) {
    const num = numbers[k]!;
    kind[k] = table.state[num] === COMPLETE ? 0 : 1;
    for (let j = 0; j < m; j++) loss[k * m + j] = table.loss[num * m + j]!;
    stepKey[k] = table.stepKey[num]!;
    if (violation !== null) {
      // A trial without constraint values ranks after every infeasible one (as Optuna).
      const v = table.violation[num]!;
      violation[k] = Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
    }
  }
  const candidates: SplitCandidates = { n: c, nObjectives: m, kind, loss, stepKey, violation };
  const below = selectBelow(candidates, Math.min(nBelow, c));
  for (let k = 0; k < c; k++) role[numbers[k]!] = ABOVE;
  for (const k of below) role[numbers[k]!] = BELOW;
  let belowWeight: Float64Array | null = null;
  if (m > 1) {
    const bl = new Float64Array(below.length * m);
    const feasible: boolean[] = [];
    below.forEach((k, r) => {
      for (let j = 0; j < m; j++) bl[r * m + j] = loss[k * m + j]!;
      feasible.push(violation === null || violation[k] === 0);
    });
    belowWeight = hypervolumeWeights(bl, m, feasible);
  }
  const running = new Map<number, FrozenTrial>();
  if (options.constantLiar) {
    for (const [num, t] of unfinished) {
      if (num === self || t.state !== "RUNNING" || num >= size) continue;
      role[num] = LIAR;
      running.set(num, t);
    }
  }
  let nAbove = 0;
  for (let i = 0; i < size; i++) if (role[i] === ABOVE || role[i] === LIAR) nAbove++;
  const above = new Int32Array(nAbove);
  for (let i = 0, j = 0; i < size; i++) if (role[i] === ABOVE || role[i] === LIAR) above[j++] = i;
  return { role, below: Int32Array.from(below, (k) => numbers[k]!), above, running, belowWeight };
}
