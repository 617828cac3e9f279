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
  // Exactly nBelow positions in all: the three classes hold the n candidates.
  const below = new Int32Array(nBelow);
  let filled = 0;
  if (nBelow > filled) {
    if (m === 1) {
      const loss = c.loss;
      filled = smallest(feasibleComplete, nBelow, (a, b) => loss[a]! - loss[b]!, below, filled);
    } else {
      const chosen = selectMultiObjective(c.loss, m, feasibleComplete, nBelow);
      below.set(chosen, filled);
      filled += chosen.length;
    }
  }
  if (nBelow > filled) {
    filled = smallest(
      feasiblePruned,
      nBelow - filled,
      (a, b) => {
        const s = c.stepKey[a]! - c.stepKey[b]!;
        return s !== 0 ? s : c.loss[a * m]! - c.loss[b * m]!;
      },
      below,
      filled,
    );
  }
  if (nBelow > filled) {
    const v = c.violation!;
    filled = smallest(infeasible, nBelow - filled, (a, b) => v[a]! - v[b]!, below, filled);
  }
  return below.sort();
}

/**
 * Writes the k smallest of `items` (positions) under `compare` to `out` from `at`, in that
 * order (ties and NaN comparisons to the smaller position); all of them when k ≥ their number.
 * Returns `at` plus their number. A bounded sorted buffer kept in `out` itself, O(n log k)
 * comparisons for the small k of TPE (k ≤ 25 by default), a full sort for large k. Written on
 * the typed output, with no `splice` (which made an array for every insertion: 5% of a warm
 * 1,000-trial TPE study's allocations, issue 18, `benchmarks/overhead/alloc-top.ts tpe 1000 1`).
 */
function smallest(
  items: Int32Array,
  k: number,
  compare: (a: number, b: number) => number,
  out: Int32Array,
  at: number,
): number {
  // a comes before b (a < b as positions whenever they tie).
  const before = (a: number, b: number): boolean => {
    const d = compare(a, b);
    return d < 0 || (!(d > 0) && a < b);
  };
  const n = items.length;
  if (k >= n) {
    out.set(items, at);
    return at + n;
  }
  if (k === 0) return at;
  if (k > 256) {
    const sorted = Array.from(items).sort((a, b) => (before(a, b) ? -1 : 1));
    for (let j = 0; j < k; j++) out[at + j] = sorted[j]!;
    return at + k;
  }
  // out[at .. at + len) sorted by `before`; a new item goes after the ones not after it.
  let len = 0;
  for (let j = 0; j < n; j++) {
    const it = items[j]!;
    if (len === k) {
      if (!before(it, out[at + k - 1]!)) continue;
      len--;
    }
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(it, out[at + mid]!)) hi = mid;
      else lo = mid + 1;
    }
    for (let i = at + len; i > at + lo; i--) out[i] = out[i - 1]!;
    out[at + lo] = it;
    len++;
  }
  return at + len;
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
