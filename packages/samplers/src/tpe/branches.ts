/**
 * Conditional spaces and the early-branch trap (issue 20): which categorical parameters choose
 * a branch of the space, and which of a branch parameter's values has been tried least.
 *
 * TPE compares branches through one split of all trials: once the γ(n) best trials all come
 * from one branch (the one that looked best in the random start-up trials), l(x) of the branch
 * parameter is concentrated on it, the other branches are drawn from l only through its prior
 * component and lose to the leading one on l/g, and their own parameters, whose below set is
 * empty, are never tuned. `TpeSampler`'s `branchExploration` spends a share of the trials on
 * the least-tried branch and `branchSplit` models each branch's parameters on the trials of
 * that branch (split by γ of their number), so a branch that was unlucky at random still gets
 * tuned and can take the lead. The idea of forced exploration of the least-tried arm is the
 * classic one of multi-armed bandits (e.g. the ε-first and ε-greedy strategies in Sutton and
 * Barto, "Reinforcement Learning: An Introduction", 2nd ed., 2018, §2.2); written here for TPE.
 */
import type { Rng } from "@tunelab/math/random";
import type { FrozenTrial } from "@tunelab/study";
import { COMPLETE, PRUNED, type TrialColumns } from "../columns/index.js";

/**
 * The branch parameters of a study: the categorical parameters present in every finished
 * (COMPLETE or PRUNED) trial, when some other parameter is present in some finished trials only
 * (a conditional space); empty otherwise. A heuristic: an always-present categorical is taken
 * to decide which parameters appear (it does in the spaces that branch on a model or optimizer
 * choice, the case this serves).
 */
export function branchParameters(trials: readonly FrozenTrial[]): Set<string> {
  let shared: Set<string> | null = null;
  const all = new Set<string>();
  const categorical = new Set<string>();
  for (const t of trials) {
    if (t.state !== "COMPLETE" && t.state !== "PRUNED") continue;
    const names = Object.keys(t.distributions);
    for (const n of names) {
      all.add(n);
      if (t.distributions[n]!.kind === "categorical") categorical.add(n);
    }
    if (shared === null) shared = new Set(names);
    else for (const n of [...shared]) if (!Object.hasOwn(t.distributions, n)) shared.delete(n);
  }
  const out = new Set<string>();
  if (shared === null || shared.size === all.size) return out;
  for (const n of shared) if (categorical.has(n)) out.add(n);
  return out;
}

/**
 * The choice index of the categorical `name` (with `nChoices` choices) held by the fewest
 * finished trials of `table`; ties broken uniformly with `rng` (one draw).
 */
export function leastExploredChoice(table: TrialColumns, name: string, nChoices: number, rng: Rng): number {
  const counts = new Int32Array(nChoices);
  const col = table.column(name);
  if (col !== undefined) {
    for (let i = 0; i < table.size; i++) {
      const st = table.state[i];
      if (st !== COMPLETE && st !== PRUNED) continue;
      const v = col[i]!;
      if (v >= 0 && v < nChoices) counts[v]!++;
    }
  }
  let min = Number.POSITIVE_INFINITY;
  for (let k = 0; k < nChoices; k++) if (counts[k]! < min) min = counts[k]!;
  const ties: number[] = [];
  for (let k = 0; k < nChoices; k++) if (counts[k] === min) ties.push(k);
  return ties[ties.length === 1 ? 0 : rng.int(0, ties.length - 1)]!;
}

/**
 * The number of finished trials of `table` that hold every column of `columns` (not NaN).
 */
export function finishedHolding(table: TrialColumns, columns: readonly Float64Array[]): number {
  let count = 0;
  for (let i = 0; i < table.size; i++) {
    const st = table.state[i];
    if (st !== COMPLETE && st !== PRUNED) continue;
    if (holdsAll(columns, i)) count++;
  }
  return count;
}

/** Whether trial `num` has a value in every column. */
export function holdsAll(columns: readonly Float64Array[], num: number): boolean {
  for (const c of columns) if (!(num < c.length) || Number.isNaN(c[num]!)) return false;
  return true;
}
