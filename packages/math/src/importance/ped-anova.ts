/**
 * PED-ANOVA: Watanabe, Bansal and Hutter (2023), "PED-ANOVA: Efficiently quantifying
 * hyperparameter importance in arbitrary subspaces", IJCAI, Theorem 1 and Algorithm 1, with
 * the estimator choices of Optuna's `PedAnovaImportanceEvaluator` (v5.0).
 *
 * Notation: the target set T holds the trials whose loss is at most the γ'-quantile
 * (`targetQuantile`), the region R those at most the γ-quantile (`regionQuantile`, R = all when
 * γ = 1), T ⊆ R. For a parameter x_d, p_T and p_R are its densities in T and R. The local
 * importance of x_d is (γ'/γ)²·D_P(p_T ‖ p_R) with the Pearson divergence
 * D_P(p ‖ q) = ∫ q(x)(p(x)/q(x) − 1)² dx (Theorem 1: the variance of the marginal of the
 * indicator "loss ≤ γ'-quantile" within R, (γ'/γ)² times the divergence). γ'/γ is measured as
 * |T|/|R|; with `evaluateOnLocal: false`, p_R is replaced by the uniform density of the space
 * (the global importance).
 *
 * Densities are Parzen estimators (`@tunelab/math/parzen`) on a grid, as Optuna builds them:
 * a numerical parameter is binned into G equal steps over [low, high] (log space for log
 * parameters; G = 50, at most the number of grid values for stepped and integer parameters,
 * ⌈log2(high − low + 1)⌉ + 1 for log integers), each bin an integer cell of a stepped
 * dimension 0..G−1; observations are the occupied bins weighted by their counts, with one
 * bandwidth for all from Scott's rule with weights, σ = 1.059·min(IQR/1.34, sd)·W^(−1/5)
 * (Scott 1992), floored at 0.5/1.64 (so 90% of a kernel's mass spans at least one bin), plus
 * the prior component; a categorical one is a categorical dimension with Optuna's smoothed
 * indicator kernel. D_P is the sum over the G grid points, each density + 1e-12.
 */

import type { ParzenDimension } from "../parzen/index.js";
import { buildParzenEstimator, parzenLogPdf } from "../parzen/index.js";
import {
  checkImportanceData,
  type ImportanceData,
  type ImportanceDistribution,
  isSingleValued,
} from "./types.js";

/** Options of {@link pedAnovaImportances}. */
export interface PedAnovaOptions {
  /**
   * γ': importance of reaching the top `targetQuantile` of losses, in (0, regionQuantile).
   * @defaultValue 0.1
   */
  readonly targetQuantile?: number;
  /**
   * γ: the region (the top `regionQuantile` of losses) within which importance is measured, in
   * (targetQuantile, 1].
   * @defaultValue 1
   */
  readonly regionQuantile?: number;
  /**
   * Compare with the density of the region's trials (true) or with the uniform density over the
   * search space (false, the global importance).
   * @defaultValue true
   */
  readonly evaluateOnLocal?: boolean;
  /**
   * Number of grid steps G for continuous parameters (Optuna's `_n_steps`).
   * @defaultValue 50
   */
  readonly nSteps?: number;
  /**
   * Weight of the prior component of each Parzen estimator (Optuna's `_prior_weight`).
   * @defaultValue 1
   */
  readonly priorWeight?: number;
}

/**
 * PED-ANOVA importances of `data.params`, with `data.y` a loss (lower is better; negate a
 * maximized target), in `data.params` order, not normalized.
 * @throws RangeError on malformed data, fewer than 2 trials, or quantiles outside
 *   0 < targetQuantile < regionQuantile <= 1.
 * @example
 * ```ts
 * const imp = pedAnovaImportances({ params, X, y }, { targetQuantile: 0.1 });
 * ```
 */
export function pedAnovaImportances(data: ImportanceData, options: PedAnovaOptions = {}): Float64Array {
  const where = "pedAnovaImportances";
  const n = checkImportanceData(where, data);
  const gt = options.targetQuantile ?? 0.1;
  const gr = options.regionQuantile ?? 1;
  if (!(gt > 0 && gt < gr && gr <= 1))
    throw new RangeError(
      `${where}: quantiles must satisfy 0 < targetQuantile < regionQuantile <= 1, got targetQuantile ${gt}, regionQuantile ${gr}`,
    );
  const nSteps = options.nSteps ?? 50;
  if (!Number.isInteger(nSteps) || nSteps < 2)
    throw new RangeError(`${where}: nSteps must be an integer >= 2, got ${nSteps}`);
  const priorWeight = options.priorWeight ?? 1;
  if (!(priorWeight > 0 && Number.isFinite(priorWeight)))
    throw new RangeError(`${where}: priorWeight must be positive and finite, got ${priorWeight}`);
  const local = options.evaluateOnLocal ?? true;
  const target = topQuantile(data.y, gt);
  const region = gr === 1 ? Int32Array.from({ length: n }, (_, i) => i) : topQuantile(data.y, gr);
  const ratio = target.length / region.length;
  const d = data.params.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const dist = data.params[j]!.distribution;
    if (isSingleValued(dist)) continue;
    const grid = gridOf(dist, nSteps);
    const pTop = gridDensity(grid, binCounts(data, j, grid, target), priorWeight);
    const pLocal = local ? gridDensity(grid, binCounts(data, j, grid, region), priorWeight) : null;
    let div = 0;
    for (let g = 0; g < grid.size; g++) {
      const p = pTop[g]! + 1e-12;
      const q = pLocal === null ? 1 / grid.size : pLocal[g]! + 1e-12;
      div += q * (p / q - 1) ** 2;
    }
    out[j] = ratio * ratio * div;
  }
  return out;
}

/**
 * The rows whose loss is at most the q-quantile by the inverted CDF (the ⌈q·n⌉-th smallest
 * loss; ties at the cut-off included), in row order.
 */
export function topQuantile(y: Float64Array, q: number): Int32Array {
  const sorted = Float64Array.from(y).sort();
  const cut = sorted[Math.max(0, Math.ceil(q * y.length) - 1)]!;
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i]! <= cut) keep.push(i);
  return Int32Array.from(keep);
}

interface Grid {
  readonly kind: "numerical" | "categorical";
  readonly size: number;
  readonly low: number;
  readonly stepSize: number;
  readonly log: boolean;
}

function gridOf(dist: ImportanceDistribution, nSteps: number): Grid {
  if (dist.kind === "categorical")
    return { kind: "categorical", size: dist.choices, low: 0, stepSize: 1, log: false };
  const log = dist.log === true;
  let size = nSteps;
  const step = dist.kind === "int" ? (dist.step ?? 1) : (dist.step ?? null);
  if (dist.kind === "int" && log) size = Math.min(Math.ceil(Math.log2(dist.high - dist.low + 1)) + 1, nSteps);
  else if (step !== null) size = Math.min(Math.round((dist.high - dist.low) / step) + 1, nSteps);
  const low = log ? Math.log(dist.low) : dist.low;
  const high = log ? Math.log(dist.high) : dist.high;
  return { kind: "numerical", size, low, stepSize: (high - low) / (size - 1), log };
}

function binCounts(data: ImportanceData, j: number, grid: Grid, rows: Int32Array): Float64Array {
  const d = data.params.length;
  const counts = new Float64Array(grid.size);
  for (const i of rows) {
    const v = data.X[i * d + j]!;
    let b: number;
    if (grid.kind === "categorical") b = v;
    else {
      // The nearest grid point; a midpoint tie goes to the lower one (as Optuna's ceil(t - 0.5)).
      const t = ((grid.log ? Math.log(v) : v) - grid.low) / grid.stepSize;
      b = Math.min(grid.size - 1, Math.max(0, Math.ceil(t - 0.5)));
    }
    counts[b]! += 1;
  }
  return counts;
}

/** The Parzen estimator's probability of each grid point, from the bin counts. */
function gridDensity(grid: Grid, counts: Float64Array, priorWeight: number): Float64Array {
  const obs: number[] = [];
  const w: number[] = [];
  for (let g = 0; g < grid.size; g++)
    if (counts[g]! > 0) {
      obs.push(g);
      w.push(counts[g]!);
    }
  const points = Float64Array.from({ length: grid.size }, (_, g) => g);
  const observations = Float64Array.from(obs);
  let dim: ParzenDimension;
  let sigma = 1;
  if (grid.kind === "categorical") dim = { kind: "categorical", n: grid.size };
  else {
    dim = { kind: "stepped", low: 0, high: grid.size - 1, step: 1 };
    sigma = Math.max(weightedScott(observations, w), 0.5 / 1.64);
  }
  const est = buildParzenEstimator([dim], observations, {
    weights: w,
    priorWeight,
    considerMagicClip: false,
    bandwidth: { kind: "custom", sigmas: (c) => new Float64Array(c.mus.length).fill(sigma) },
  });
  const lp = parzenLogPdf(est, points);
  return lp.map(Math.exp);
}

/**
 * Scott's rule with integer weights over sorted centres: 1.059·min(IQR/1.34, sd)·W^(−1/5), the
 * quartiles read from the cumulative weights as Optuna's `ScottParzenEstimator` reads them.
 */
export function weightedScott(x: Float64Array, w: readonly number[]): number {
  const m = x.length;
  let W = 0;
  let s = 0;
  for (let i = 0; i < m; i++) {
    W += w[i]!;
    s += w[i]! * x[i]!;
  }
  const mean = s / W;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += w[i]! * (x[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, W - 1));
  const q1 = Math.floor(W / 4);
  const q3 = Math.floor((W * 3) / 4);
  let i1 = m;
  let i3 = m;
  let c = 0;
  for (let i = 0; i < m; i++) {
    c += w[i]!;
    if (i1 === m && c >= q1) i1 = i;
    if (i3 === m && c > q3) i3 = i;
  }
  const iqr = x[Math.min(m - 1, i3)]! - x[Math.min(m - 1, i1)]!;
  return 1.059 * Math.min(iqr / 1.34, sd) * W ** -0.2;
}
