/**
 * fANOVA: Hutter, Hoos and Leyton-Brown (2014), "An efficient approach for assessing
 * hyperparameter importance", ICML, §3 and Algorithm 1.
 *
 * Notation: Θ = Π_k [L_k, H_k] the (encoded) space with the uniform measure; a regression tree
 * partitions Θ into leaf boxes B_l with values v_l and volume fractions |B_l| (Σ_l |B_l| = 1).
 * The tree's function f has mean f_∅ = Σ_l |B_l| v_l and variance V = Σ_l |B_l| (v_l - f_∅)².
 * For a set S of columns, the marginal â_S(θ_S) = ∫ f(θ_S, θ_-S) dθ_-S is piecewise constant
 * over the grid whose lines are the tree's thresholds on S; in a grid cell it is
 * Σ_{l: B_l ∋ cell} v_l · |B_l|_-S (Theorem 2: the leaves overlapping the cell, weighted by
 * their volume fraction outside S). A parameter's importance in one tree is
 * Var(â_S)/V with S its encoded columns (one, or a categorical's one-hot columns), i.e. its
 * main effect's fraction of the variance (eq. 1-3); the evaluator averages the fraction over
 * the trees with V > 0, as the paper and Optuna's `FanovaImportanceEvaluator` do.
 *
 * Computation: each leaf adds its weighted value to the block of grid cells it covers, through
 * a |S|-dimensional difference array (2^|S| corner updates per leaf) and a prefix sum per axis,
 * so a parameter costs O(leaves·2^|S| + cells) per tree (Optuna walks the tree once per grid
 * cell). Columns the tree never splits on are dropped from S (the marginal is constant along
 * them), so a categorical costs 2^(number of its one-hot columns split in that tree).
 */
import { Rng } from "../random/index.js";
import { encodeFeatures } from "./encode.js";
import { fitRegressionForest, type RegressionTree } from "./forest.js";
import { checkImportanceData, type ImportanceData } from "./types.js";

/** Options of {@link fanovaImportances}. */
export interface FanovaOptions {
  /**
   * Number of trees (Optuna's `n_trees`).
   * @defaultValue 64
   */
  readonly nTrees?: number;
  /**
   * Maximum depth of each tree (Optuna's `max_depth`).
   * @defaultValue 64
   */
  readonly maxDepth?: number;
  /**
   * Seed of the forest (bootstrap draws and feature orders).
   * @defaultValue 0
   */
  readonly seed?: number | string;
  /**
   * Model log-scaled parameters in log space (their volume measured in log x). Optuna's
   * evaluators use x itself (`transform_log=False`); set false to follow them.
   * @defaultValue true
   */
  readonly logSpace?: boolean;
}

/** What {@link fanovaImportances} returns, per parameter (in `data.params` order). */
export interface FanovaResult {
  /** Mean over trees of the parameter's variance fraction (not normalized). */
  readonly importance: Float64Array;
  /** Standard deviation of that fraction over the trees. */
  readonly std: Float64Array;
}

/** Largest difference-array grid allowed for one parameter in one tree. */
const MAX_GRID = 1 << 24;

/**
 * fANOVA importances of `data.params` for the target `data.y` (unnormalized variance
 * fractions; {@link importances} normalizes them to sum 1).
 * @throws RangeError on malformed data, fewer than 2 trials, or a target with zero variance in
 *   every tree (a constant target).
 * @example
 * ```ts
 * const { importance } = fanovaImportances({ params, X, y }, { seed: 1 });
 * ```
 */
export function fanovaImportances(data: ImportanceData, options: FanovaOptions = {}): FanovaResult {
  const where = "fanovaImportances";
  checkImportanceData(where, data);
  const d = data.params.length;
  const importance = new Float64Array(d);
  const std = new Float64Array(d);
  const enc = encodeFeatures(data, options.logSpace ?? true);
  if (enc.nColumns === 0) return { importance, std };
  const trees = fitRegressionForest(enc.X, enc.nColumns, data.y, Rng.fromSeed(options.seed ?? 0), {
    nTrees: options.nTrees ?? 64,
    maxDepth: options.maxDepth ?? 64,
  });
  const fractions: number[][] = Array.from({ length: d }, () => []);
  for (const tree of trees) {
    const ft = new FanovaTree(tree, enc.bounds, enc.nColumns);
    if (!(ft.variance > 0)) continue;
    for (let j = 0; j < d; j++) {
      const cols = enc.paramColumns[j]!;
      if (cols.length === 0) {
        fractions[j]!.push(0);
        continue;
      }
      fractions[j]!.push(Math.max(0, ft.marginalVariance(cols, where)) / ft.variance);
    }
  }
  if (fractions[0]!.length === 0)
    throw new RangeError(`${where}: the target has zero variance in every tree (a constant target?)`);
  for (let j = 0; j < d; j++) {
    const f = fractions[j]!;
    let s = 0;
    for (const v of f) s += v;
    const mean = s / f.length;
    let ss = 0;
    for (const v of f) ss += (v - mean) * (v - mean);
    importance[j] = mean;
    std[j] = Math.sqrt(ss / f.length);
  }
  return { importance, std };
}

/** One tree's leaf boxes and the functional ANOVA quantities over them. */
export class FanovaTree {
  /** Number of leaves. */
  readonly nLeaves: number;
  /** Leaf boxes: lower bounds, row-major nLeaves×D. */
  readonly leafLow: Float64Array;
  /** Leaf boxes: upper bounds, row-major nLeaves×D. */
  readonly leafHigh: Float64Array;
  /** Leaf values v_l. */
  readonly leafValue: Float64Array;
  /** Leaf volume fractions |B_l| (sum 1). */
  readonly leafVolume: Float64Array;
  /** f_∅, the volume-weighted mean. */
  readonly mean: number;
  /** V, the volume-weighted variance of the tree's function. */
  readonly variance: number;
  /** Per column, the sorted distinct thresholds the tree splits it at. */
  readonly splits: readonly Float64Array[];

  /**
   * @param tree - a fitted tree whose thresholds lie inside `bounds`.
   * @param bounds - lower at 2k, upper at 2k+1 for each of the D columns (upper > lower).
   * @param D - number of columns.
   */
  constructor(
    tree: RegressionTree,
    private readonly bounds: Float64Array,
    private readonly D: number,
  ) {
    const leaves: number[] = [];
    for (let i = 0; i < tree.nodeCount; i++) if (tree.feature[i]! < 0) leaves.push(i);
    const L = leaves.length;
    this.nLeaves = L;
    this.leafLow = new Float64Array(L * D);
    this.leafHigh = new Float64Array(L * D);
    this.leafValue = new Float64Array(L);
    this.leafVolume = new Float64Array(L);
    const splitSets: Set<number>[] = Array.from({ length: D }, () => new Set<number>());
    // Depth-first walk carrying each node's box.
    const lo = new Float64Array(tree.nodeCount * D);
    const hi = new Float64Array(tree.nodeCount * D);
    for (let k = 0; k < D; k++) {
      lo[k] = bounds[2 * k]!;
      hi[k] = bounds[2 * k + 1]!;
    }
    let leaf = 0;
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const f = tree.feature[node]!;
      if (f < 0) {
        let vol = 1;
        for (let k = 0; k < D; k++) {
          const a = lo[node * D + k]!;
          const b = hi[node * D + k]!;
          this.leafLow[leaf * D + k] = a;
          this.leafHigh[leaf * D + k] = b;
          vol *= (b - a) / (bounds[2 * k + 1]! - bounds[2 * k]!);
        }
        this.leafValue[leaf] = tree.value[node]!;
        this.leafVolume[leaf] = vol;
        leaf++;
        continue;
      }
      const t = Math.min(Math.max(tree.threshold[node]!, bounds[2 * f]!), bounds[2 * f + 1]!);
      splitSets[f]!.add(t);
      const l = tree.left[node]!;
      const r = tree.right[node]!;
      lo.copyWithin(l * D, node * D, node * D + D);
      hi.copyWithin(l * D, node * D, node * D + D);
      lo.copyWithin(r * D, node * D, node * D + D);
      hi.copyWithin(r * D, node * D, node * D + D);
      hi[l * D + f] = Math.min(hi[l * D + f]!, t);
      lo[r * D + f] = Math.max(lo[r * D + f]!, t);
      stack.push(r, l);
    }
    this.splits = splitSets.map((s) => Float64Array.from(s).sort());
    let m = 0;
    for (let l = 0; l < L; l++) m += this.leafVolume[l]! * this.leafValue[l]!;
    let v = 0;
    for (let l = 0; l < L; l++) v += this.leafVolume[l]! * (this.leafValue[l]! - m) ** 2;
    this.mean = m;
    this.variance = v;
  }

  /**
   * Var(â_S), the volume-weighted variance of the marginal over the columns `columns`
   * (Hutter et al. 2014, Theorem 2 and eq. 2).
   * @throws RangeError when the grid over the split columns exceeds 2^24 cells.
   */
  marginalVariance(columns: ArrayLike<number>, where = "FanovaTree.marginalVariance"): number {
    const D = this.D;
    const cols: number[] = [];
    for (let q = 0; q < columns.length; q++) if (this.splits[columns[q]!]!.length > 0) cols.push(columns[q]!);
    const s = cols.length;
    if (s === 0) return 0;
    // Grid edges per kept column, and the difference array's strides (sizes m_c + 1).
    const edges = cols.map((c) => {
      const t = this.splits[c]!;
      const e = new Float64Array(t.length + 2);
      e[0] = this.bounds[2 * c]!;
      e.set(t, 1);
      e[t.length + 1] = this.bounds[2 * c + 1]!;
      return e;
    });
    const sizes = edges.map((e) => e.length); // m_c + 1
    const strides = new Array<number>(s);
    let total = 1;
    for (let q = s - 1; q >= 0; q--) {
      strides[q] = total;
      total *= sizes[q]!;
    }
    if (total > MAX_GRID)
      throw new RangeError(
        `${where}: the marginal grid of one parameter would have ${total} cells (limit ${MAX_GRID})`,
      );
    const diff = new Float64Array(total);
    const a = new Int32Array(s);
    const b = new Int32Array(s);
    const nCorners = 1 << s;
    for (let l = 0; l < this.nLeaves; l++) {
      let frac = 1;
      for (let q = 0; q < s; q++) {
        const c = cols[q]!;
        const lo = this.leafLow[l * D + c]!;
        const hi = this.leafHigh[l * D + c]!;
        a[q] = lowerBound(edges[q]!, lo);
        b[q] = lowerBound(edges[q]!, hi);
        frac *= (hi - lo) / (this.bounds[2 * c + 1]! - this.bounds[2 * c]!);
      }
      if (!(frac > 0)) continue;
      const w = (this.leafValue[l]! * this.leafVolume[l]!) / frac;
      for (let mask = 0; mask < nCorners; mask++) {
        let pos = 0;
        let sign = 1;
        for (let q = 0; q < s; q++) {
          if (mask & (1 << q)) {
            pos += b[q]! * strides[q]!;
            sign = -sign;
          } else pos += a[q]! * strides[q]!;
        }
        diff[pos]! += sign * w;
      }
    }
    // Prefix sums along each axis turn the difference array into the marginal per cell.
    for (let q = 0; q < s; q++) {
      const st = strides[q]!;
      const len = sizes[q]!;
      for (let pos = 0; pos < total; pos++) {
        const k = Math.floor(pos / st) % len;
        if (k > 0) diff[pos]! += diff[pos - st]!;
      }
    }
    // Volume-weighted mean and variance over the cells (index < m_c on every axis).
    let sw = 0;
    let swm = 0;
    const weights = new Float64Array(total);
    for (let pos = 0; pos < total; pos++) {
      let rem = pos;
      let w = 1;
      for (let q = 0; q < s; q++) {
        const k = Math.floor(rem / strides[q]!);
        rem -= k * strides[q]!;
        const e = edges[q]!;
        w = k >= sizes[q]! - 1 ? 0 : w * ((e[k + 1]! - e[k]!) / (e[e.length - 1]! - e[0]!));
      }
      weights[pos] = w;
      sw += w;
      swm += w * diff[pos]!;
    }
    const mean = swm / sw;
    let v = 0;
    for (let pos = 0; pos < total; pos++) {
      const w = weights[pos]!;
      if (w > 0) v += w * (diff[pos]! - mean) ** 2;
    }
    return v / sw;
  }
}

/** First index i with e[i] >= x (e sorted ascending). */
function lowerBound(e: Float64Array, x: number): number {
  let lo = 0;
  let hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (e[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
