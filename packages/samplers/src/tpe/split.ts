/**
 * The split of TPE: which finished trials are "below" (good, modelled by l) and which are
 * "above" (the rest, modelled by g). Pure functions over arrays, so they can be checked on
 * constructed studies.
 *
 * Order of preference (Optuna's `_split_trials`; Bergstra et al. 2011, §4 for the quantile;
 * Watanabe and Hutter, c-TPE (2023) and Optuna's `constraints_func` for feasibility):
 *   1. feasible COMPLETE trials, by objective value (single objective) or by non-domination
 *      rank with greedy hypervolume subset selection in the last rank that fits (MOTPE,
 *      Ozaki et al. 2020, 2022);
 *   2. feasible PRUNED trials, by the last reported step (later first), then by the value
 *      reported there (NaN worst); pruned trials without any report after those;
 *   3. infeasible trials, by total violation Σ max(0, c_i).
 * The first `nBelow` in that order are below. RUNNING trials (constant liar) are never below;
 * the sampler adds them to above. Ties break by trial number (the earlier trial first), as a
 * stable sort of Optuna's chronological arrays does.
 *
 * Notation: n candidates (finished trials that count), m objectives; losses are sign-adjusted
 * so that every objective is minimized.
 */
import { hypervolumeContributions, rankHypervolumeSelection, referencePoint } from "@tunelab/math/pareto";

/** Optuna's EPS: weight of infeasible "below" trials and floor of hypervolume contributions. */
export const EPS = 1e-12;

/** The finished trials a split chooses from (arrays aligned by position). */
export interface SplitCandidates {
  /** Number of candidates n. */
  readonly n: number;
  /** Objectives m. */
  readonly nObjectives: number;
  /** 0 for a COMPLETE trial, 1 for a PRUNED one; length n. */
  readonly kind: Uint8Array;
  /**
   * Row-major n×m sign-adjusted objective values of COMPLETE trials; for PRUNED trials, the
   * first entry of the row holds the sign-adjusted last reported value (+Infinity for NaN,
   * 0 without a report).
   */
  readonly loss: Float64Array;
  /** PRUNED trials: -(last step), or 1 without a report (ignored for COMPLETE); length n. */
  readonly stepKey: Float64Array;
  /** Total constraint violation (0 = feasible, +Infinity = unknown), or null without constraints. */
  readonly violation: Float64Array | null;
}

/**
 * Positions (ascending) of the `nBelow` best candidates, following the order in the module
 * header. Candidates must be given in trial-number order (ties break by position).
 * @throws RangeError if nBelow is not an integer in 0..n.
 */
export function selectBelow(c: SplitCandidates, nBelow: number): Int32Array {
  const n = c.n;
  if (!Number.isSafeInteger(nBelow) || nBelow < 0 || nBelow > n) {
    throw new RangeError(`selectBelow: nBelow must be an integer in 0..${n}, got ${nBelow}`);
  }
  const m = c.nObjectives;
  const feasibleComplete: number[] = [];
  const feasiblePruned: number[] = [];
  const infeasible: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = c.violation === null ? 0 : c.violation[i]!;
    if (v > 0 || Number.isNaN(v)) infeasible.push(i);
    else if (c.kind[i] === 0) feasibleComplete.push(i);
    else feasiblePruned.push(i);
  }
  const below: number[] = [];
  let left = nBelow;
  if (left > 0) {
    const chosen =
      m === 1
        ? smallest(feasibleComplete, left, (a, b) => c.loss[a * m]! - c.loss[b * m]!)
        : selectMultiObjective(c.loss, m, feasibleComplete, left);
    below.push(...chosen);
    left -= chosen.length;
  }
  if (left > 0) {
    const chosen = smallest(feasiblePruned, left, (a, b) => {
      const s = c.stepKey[a]! - c.stepKey[b]!;
      return s !== 0 ? s : c.loss[a * m]! - c.loss[b * m]!;
    });
    below.push(...chosen);
    left -= chosen.length;
  }
  if (left > 0) {
    const v = c.violation!;
    below.push(...smallest(infeasible, left, (a, b) => v[a]! - v[b]!));
  }
  return Int32Array.from(below).sort();
}

/**
 * The k smallest of `items` (positions, ascending) under `compare`, ties (and NaN
 * comparisons) to the smaller position; all of them when k ≥ their number. A bounded sorted
 * buffer, O(n log k) for the small k of TPE (k ≤ 25 by default), a full sort for large k.
 */
function smallest(items: number[], k: number, compare: (a: number, b: number) => number): number[] {
  if (k >= items.length) return items;
  if (k === 0) return [];
  // a comes before b (a < b as positions whenever they tie).
  const before = (a: number, b: number): boolean => {
    const d = compare(a, b);
    return d < 0 || (!(d > 0) && a < b);
  };
  if (k > 256)
    return items
      .slice()
      .sort((a, b) => (before(a, b) ? -1 : 1))
      .slice(0, k);
  const buf: number[] = [];
  for (const it of items) {
    if (buf.length === k) {
      if (!before(it, buf[k - 1]!)) continue;
      buf.pop();
    }
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(it, buf[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    buf.splice(lo, 0, it);
  }
  return buf;
}

/**
 * MOTPE's split of the feasible COMPLETE trials (Ozaki et al. 2022, §3.2; Optuna 3.x): whole
 * non-domination fronts while they fit, then the greedy hypervolume subset of the next front
 * (`rankHypervolumeSelection` of `@tunelab/math/pareto`).
 * @returns positions of the chosen candidates (min(k, items) of them).
 */
function selectMultiObjective(loss: Float64Array, m: number, items: number[], k: number): number[] {
  if (k >= items.length) return items;
  const pts = new Float64Array(items.length * m);
  items.forEach((p, i) => {
    for (let j = 0; j < m; j++) pts[i * m + j] = loss[p * m + j]!;
  });
  return Array.from(rankHypervolumeSelection(pts, m, k), (i) => items[i]!);
}

/**
 * MOTPE's weights of the below trials (Ozaki et al. 2022, §3.3; Optuna 3.x
 * `_calculate_weights_below_for_multi_objective`): each feasible below trial's exclusive
 * hypervolume contribution plus EPS, divided by the largest, within the feasible below set
 * (reference point: `referencePoint` of `@tunelab/math/pareto`); EPS for infeasible below trials. One
 * feasible trial gets weight 1.
 * @param loss - row-major n×m sign-adjusted losses of the below trials.
 * @param feasible - which below trials are feasible (length n).
 * @returns n weights in (0, 1].
 */
export function hypervolumeWeights(
  loss: Float64Array,
  m: number,
  feasible: ArrayLike<boolean>,
): Float64Array {
  const n = feasible.length;
  const out = new Float64Array(n).fill(EPS);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (feasible[i]) idx.push(i);
  if (idx.length === 0) return out;
  if (idx.length === 1) {
    out[idx[0]!] = 1;
    return out;
  }
  const pts = new Float64Array(idx.length * m);
  idx.forEach((p, r) => {
    for (let j = 0; j < m; j++) pts[r * m + j] = loss[p * m + j]!;
  });
  const ref = referencePoint(pts, m);
  if (ref === null) {
    // Infinite losses: no finite hypervolume; every feasible trial weighs the same.
    for (const p of idx) out[p] = 1;
    return out;
  }
  const contrib = hypervolumeContributions(pts, m, ref);
  let max = 0;
  for (let r = 0; r < idx.length; r++) {
    const c = contrib[r]! + EPS;
    if (c > max) max = c;
  }
  for (let r = 0; r < idx.length; r++) {
    const w = (contrib[r]! + EPS) / max;
    out[idx[r]!] = w < 0 ? 0 : w > 1 ? 1 : w;
  }
  return out;
}
