/**
 * The split of TPE: which observations are "below" (good, modelled by l) and which are
 * "above" (the rest, modelled by g). Pure functions over typed arrays, tested on
 * constructed inputs; `TpeSampler` builds the candidates from a study's trials, and
 * `TpeOptimizer` from what it was told.
 *
 * Order of preference (Optuna's `_split_trials`; Bergstra et al. 2011, §4 for the quantile;
 * Watanabe and Hutter, c-TPE (2023) and Optuna's `constraints_func` for feasibility):
 *   1. feasible COMPLETE observations, by objective value (single objective) or by
 *      non-domination rank with greedy hypervolume subset selection in the last rank that
 *      fits (MOTPE, Ozaki et al. 2020, 2022; `rankHypervolumeSelection` of
 *      `@tunelab/math/pareto`);
 *   2. feasible PRUNED observations, by the last reported step (later first), then by the
 *      value reported there (NaN worst); pruned ones without any report after those;
 *   3. infeasible observations, by total violation Σ max(0, c_i).
 * The first `nBelow` in that order are below. Ties break by position (the earlier
 * observation first), as a stable sort of Optuna's chronological arrays does.
 *
 * Notation: n candidates (the observations that count), m objectives; losses are
 * sign-adjusted so that every objective is minimized.
 */
import { rankHypervolumeSelection } from "../pareto/rank-hypervolume-selection.js";

/** The observations a split chooses from (arrays aligned by position, oldest first). */
export interface SplitCandidates {
  /** Number of candidates n. */
  readonly n: number;
  /** Objectives m. */
  readonly nObjectives: number;
  /** 0 for a COMPLETE observation (all m values), 1 for a PRUNED one; length n. */
  readonly kind: Uint8Array;
  /**
   * Row-major n×m sign-adjusted objective values of COMPLETE observations; for PRUNED ones,
   * the first entry of the row holds the sign-adjusted last reported value (+Infinity for
   * NaN, 0 without a report).
   */
  readonly loss: Float64Array;
  /** PRUNED observations: -(last step), or 1 without a report (ignored for COMPLETE); length n. */
  readonly stepKey: Float64Array;
  /** Total constraint violation (0 = feasible, +Infinity = unknown), or null without constraints. */
  readonly violation: Float64Array | null;
}

/**
 * Positions (ascending) of the `nBelow` best candidates, following the order in the module
 * header. Candidates must be given oldest first (ties break by position).
 * @throws RangeError if nBelow is not an integer in 0..n.
 * @example
 * ```ts
 * const loss = Float64Array.of(3, 1, 2);
 * selectBelow({ n: 3, nObjectives: 1, kind: new Uint8Array(3), loss, stepKey: new Float64Array(3), violation: null }, 2) // [1, 2]
 * ```
 */
export function selectBelow(c: SplitCandidates, nBelow: number): Int32Array {
  const n = c.n;
  if (!Number.isSafeInteger(nBelow) || nBelow < 0 || nBelow > n) {
    throw new RangeError(`selectBelow: nBelow must be an integer in 0..${n}, got ${nBelow}`);
  }
  const m = c.nObjectives;
  // The three classes as typed arrays, not number[]: a JS array of more than about 16,000
  // elements is a large heap object (pages of its own, old space), 10-20x dearer per element
  // to build, and TPE splits every trial (issue 18, benchmarks/overhead/split-scale.ts).
  const buffer = new Int32Array(n);
  let nComplete = 0;
  let nPruned = 0;
  for (let i = 0; i < n; i++) {
    const v = c.violation === null ? 0 : c.violation[i]!;
    if (v > 0 || Number.isNaN(v)) continue;
    if (c.kind[i] === 0) nComplete++;
    else nPruned++;
  }
  // Complete at the start, pruned after them, infeasible at the end; each in position order.
  let iComplete = 0;
  let iPruned = nComplete;
  let iInfeasible = nComplete + nPruned;
  for (let i = 0; i < n; i++) {
    const v = c.violation === null ? 0 : c.violation[i]!;
    if (v > 0 || Number.isNaN(v)) buffer[iInfeasible++] = i;
    else if (c.kind[i] === 0) buffer[iComplete++] = i;
    else buffer[iPruned++] = i;
  }
  const feasibleComplete = buffer.subarray(0, nComplete);
  const feasiblePruned = buffer.subarray(nComplete, nComplete + nPruned);
  const infeasible = buffer.subarray(nComplete + nPruned, n);
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
function smallest(items: Int32Array, k: number, compare: (a: number, b: number) => number): number[] {
  if (k >= items.length) return Array.from(items);
  if (k === 0) return [];
  // a comes before b (a < b as positions whenever they tie).
  const before = (a: number, b: number): boolean => {
    const d = compare(a, b);
    return d < 0 || (!(d > 0) && a < b);
  };
  if (k > 256)
    return Array.from(items)
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
 * MOTPE's split of the feasible COMPLETE observations (Ozaki et al. 2022, §3.2; Optuna 3.x):
 * whole non-domination fronts while they fit, then the greedy hypervolume subset of the next
 * front (`rankHypervolumeSelection`).
 * @returns positions of the chosen candidates (min(k, items) of them).
 */
function selectMultiObjective(loss: Float64Array, m: number, items: Int32Array, k: number): number[] {
  if (k >= items.length) return Array.from(items);
  const pts = new Float64Array(items.length * m);
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    for (let j = 0; j < m; j++) pts[i * m + j] = loss[p * m + j]!;
  }
  return Array.from(rankHypervolumeSelection(pts, m, k), (i) => items[i]!);
}
