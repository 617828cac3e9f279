/**
 * A random forest of CART regression trees (Breiman 2001; Breiman et al. 1984), grown as
 * scikit-learn's `RandomForestRegressor` grows them with Optuna's settings for importance
 * (bootstrap samples of n rows drawn with replacement, every feature considered at every
 * split in a random order, squared-error criterion, thresholds half-way between consecutive
 * distinct values, left = `x <= threshold`, `min_samples_split` 2, `min_samples_leaf` 1,
 * `max_depth` 64), on typed arrays. fANOVA (`fanova.ts`) reads each tree's splits and leaf
 * values, mean decrease in impurity (`mdi.ts`) its weighted impurities.
 *
 * Why not `ml-random-forest` (2.1.0, on `ml-cart` 2.1.1): its trees keep their splits
 * (`splitColumn`, `splitValue`, `left`, `right`) but its split search is quadratic in the
 * node size (`TreeNode.bestSplit` calls `split()`, a full pass over the node, for every
 * candidate threshold of every feature), it stores no per-child weighted sample counts or
 * impurities (needed for MDI), draws features once per tree rather than per split, and splits
 * with `x < value`. Here each feature is sorted once, each tree keeps per-feature sorted index
 * lists that are stably partitioned at every split, so growing a tree costs O(n·d) per level.
 *
 * Notation: n rows, d features (columns of the encoded matrix), w_i the bootstrap count of
 * row i (0 for rows not drawn), a node's W = Σ w_i, S = Σ w_i y_i, impurity
 * Σ w_i (y_i - S/W)² / W. A split maximizes S_L²/W_L + S_R²/W_R (the proxy of the impurity
 * decrease scikit-learn maximizes).
 */
import type { Rng } from "../random/index.js";

/** One fitted regression tree, as typed arrays indexed by node (node 0 is the root). */
export interface RegressionTree {
  /** Number of nodes. */
  readonly nodeCount: number;
  /** Split feature of each node, -1 for a leaf. */
  readonly feature: Int32Array;
  /** Split threshold (left child: x <= threshold); NaN for a leaf. */
  readonly threshold: Float64Array;
  /** Left child index, -1 for a leaf. */
  readonly left: Int32Array;
  /** Right child index, -1 for a leaf. */
  readonly right: Int32Array;
  /** Mean target of the node's (bootstrap-weighted) samples. */
  readonly value: Float64Array;
  /** Weighted number of samples W of the node. */
  readonly weight: Float64Array;
  /** Weighted impurity (variance of y) of the node. */
  readonly impurity: Float64Array;
}

/** Options of {@link fitRegressionForest}. */
export interface ForestOptions {
  /**
   * Number of trees (Optuna's `n_trees`).
   * @defaultValue 64
   */
  readonly nTrees?: number;
  /**
   * Maximum depth of a tree (the root has depth 0).
   * @defaultValue 64
   */
  readonly maxDepth?: number;
  /**
   * A node with fewer samples (distinct rows) is a leaf.
   * @defaultValue 2
   */
  readonly minSamplesSplit?: number;
  /**
   * Each child keeps at least this many samples (distinct rows).
   * @defaultValue 1
   */
  readonly minSamplesLeaf?: number;
  /**
   * Draw each tree's rows with replacement (n draws), as a random forest does; false grows
   * every tree on all rows (the trees then differ only in the order features are tried).
   * @defaultValue true
   */
  readonly bootstrap?: boolean;
}

const EPSILON = 2.220446049250313e-16; // scikit-learn's EPSILON (double machine epsilon)

/**
 * Fits a random forest of regression trees.
 * @param X - row-major n×d features (finite).
 * @param d - number of features.
 * @param y - n finite targets.
 * @param rng - the random stream (bootstrap draws and feature orders); advanced.
 * @throws RangeError on bad sizes or options.
 * @example
 * ```ts
 * const trees = fitRegressionForest(X, 3, y, Rng.fromSeed(1), { nTrees: 16 });
 * predictForest(trees, Float64Array.of(0.2, 0.5, 0.1), 3);
 * ```
 */
export function fitRegressionForest(
  X: Float64Array,
  d: number,
  y: Float64Array,
  rng: Rng,
  options: ForestOptions = {},
): RegressionTree[] {
  const where = "fitRegressionForest";
  const nTrees = options.nTrees ?? 64;
  const maxDepth = options.maxDepth ?? 64;
  const minSplit = options.minSamplesSplit ?? 2;
  const minLeaf = options.minSamplesLeaf ?? 1;
  if (!Number.isInteger(nTrees) || nTrees < 1)
    throw new RangeError(`${where}: nTrees must be an integer >= 1, got ${nTrees}`);
  if (!Number.isInteger(maxDepth) || maxDepth < 1)
    throw new RangeError(`${where}: maxDepth must be an integer >= 1, got ${maxDepth}`);
  if (!Number.isInteger(minSplit) || minSplit < 2)
    throw new RangeError(`${where}: minSamplesSplit must be an integer >= 2, got ${minSplit}`);
  if (!Number.isInteger(minLeaf) || minLeaf < 1)
    throw new RangeError(`${where}: minSamplesLeaf must be an integer >= 1, got ${minLeaf}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`${where}: d must be an integer >= 1, got ${d}`);
  const n = y.length;
  if (n < 1) throw new RangeError(`${where}: need at least one row, got 0`);
  if (X.length !== n * d)
    throw new RangeError(`${where}: X must hold n·d = ${n * d} values, got ${X.length}`);
  // Each feature sorted once (ties by row index); trees filter these orders.
  const order = new Int32Array(n * d);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let f = 0; f < d; f++) {
    idx.sort((a, b) => X[a * d + f]! - X[b * d + f]! || a - b);
    for (let i = 0; i < n; i++) order[f * n + i] = idx[i]!;
  }
  const grower = new TreeGrower(X, d, y, order, maxDepth, minSplit, minLeaf);
  const trees: RegressionTree[] = [];
  const counts = new Float64Array(n);
  for (let t = 0; t < nTrees; t++) {
    if (options.bootstrap === false) counts.fill(1);
    else {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[rng.int(0, n - 1)]! += 1;
    }
    trees.push(grower.grow(counts, rng));
  }
  return trees;
}

/** The forest's prediction at one point: the mean of its trees' leaf values. */
export function predictForest(trees: readonly RegressionTree[], x: ArrayLike<number>): number {
  let s = 0;
  for (const tree of trees) {
    let node = 0;
    while (tree.feature[node]! >= 0)
      node = x[tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    s += tree.value[node]!;
  }
  return s / trees.length;
}

/** Grows one tree at a time over shared presorted columns (scratch arrays reused). */
class TreeGrower {
  private readonly sorted: Int32Array; // d lists of the drawn rows, each sorted by its feature
  private readonly buffer: Int32Array;
  private readonly goesLeft: Uint8Array;
  private readonly features: Int32Array;

  constructor(
    private readonly X: Float64Array,
    private readonly d: number,
    private readonly y: Float64Array,
    private readonly order: Int32Array,
    private readonly maxDepth: number,
    private readonly minSplit: number,
    private readonly minLeaf: number,
  ) {
    const n = y.length;
    this.sorted = new Int32Array(n * d);
    this.buffer = new Int32Array(n);
    this.goesLeft = new Uint8Array(n);
    this.features = new Int32Array(d);
  }

  grow(w: Float64Array, rng: Rng): RegressionTree {
    const { X, d, y, order, sorted } = this;
    const n = y.length;
    let m = 0;
    for (let i = 0; i < n; i++) if (w[i]! > 0) m++;
    for (let f = 0; f < d; f++) {
      let k = f * m;
      for (let i = 0; i < n; i++) {
        const r = order[f * n + i]!;
        if (w[r]! > 0) sorted[k++] = r;
      }
    }
    const cap = 2 * m;
    const feature = new Int32Array(cap).fill(-1);
    const threshold = new Float64Array(cap).fill(Number.NaN);
    const left = new Int32Array(cap).fill(-1);
    const right = new Int32Array(cap).fill(-1);
    const value = new Float64Array(cap);
    const weight = new Float64Array(cap);
    const impurity = new Float64Array(cap);
    // Depth-first: stack of (node, start, end, depth).
    const stack: number[] = [0, 0, m, 0];
    let nodeCount = 1;
    while (stack.length > 0) {
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      const node = stack.pop()!;
      // Weighted mean and impurity (two passes, over feature 0's list).
      let W = 0;
      let S = 0;
      for (let p = start; p < end; p++) {
        const r = sorted[p]!;
        W += w[r]!;
        S += w[r]! * y[r]!;
      }
      const mean = S / W;
      let ss = 0;
      for (let p = start; p < end; p++) {
        const r = sorted[p]!;
        const e = y[r]! - mean;
        ss += w[r]! * e * e;
      }
      value[node] = mean;
      weight[node] = W;
      impurity[node] = ss / W;
      const count = end - start;
      if (depth >= this.maxDepth || count < this.minSplit || count < 2 * this.minLeaf || ss / W <= EPSILON)
        continue;
      // Features in a random order (Fisher-Yates); the first best split wins ties.
      const feats = this.features;
      for (let f = 0; f < d; f++) feats[f] = f;
      for (let f = d - 1; f > 0; f--) {
        const g = rng.int(0, f);
        const tmp = feats[f]!;
        feats[f] = feats[g]!;
        feats[g] = tmp;
      }
      let bestProxy = Number.NEGATIVE_INFINITY;
      let bestFeature = -1;
      let bestPos = -1;
      let bestThreshold = Number.NaN;
      for (let q = 0; q < d; q++) {
        const f = feats[q]!;
        const base = f * m;
        const lo = X[sorted[base + start]! * d + f]!;
        const hi = X[sorted[base + end - 1]! * d + f]!;
        if (!(hi > lo)) continue; // constant in this node
        let wl = 0;
        let sl = 0;
        for (let p = start; p < end - 1; p++) {
          const r = sorted[base + p]!;
          wl += w[r]!;
          sl += w[r]! * y[r]!;
          const nl = p - start + 1;
          if (nl < this.minLeaf) continue;
          if (end - p - 1 < this.minLeaf) break;
          const x0 = X[r * d + f]!;
          const x1 = X[sorted[base + p + 1]! * d + f]!;
          if (!(x1 > x0)) continue;
          const sr = S - sl;
          const proxy = (sl * sl) / wl + (sr * sr) / (W - wl);
          if (proxy > bestProxy) {
            bestProxy = proxy;
            bestFeature = f;
            bestPos = p;
            let t = x0 / 2 + x1 / 2;
            if (t >= x1 || !Number.isFinite(t)) t = x0;
            bestThreshold = t;
          }
        }
      }
      if (bestFeature < 0) continue;
      // Partition every feature's list stably into left (rows start..bestPos of bestFeature).
      const goesLeft = this.goesLeft;
      const bf = bestFeature * m;
      for (let p = start; p < end; p++) goesLeft[sorted[bf + p]!] = p <= bestPos ? 1 : 0;
      const nl = bestPos - start + 1;
      for (let f = 0; f < d; f++) {
        if (f === bestFeature) continue;
        const base = f * m;
        let a = base + start;
        let b = 0;
        for (let p = base + start; p < base + end; p++) {
          const r = sorted[p]!;
          if (goesLeft[r] === 1) sorted[a++] = r;
          else this.buffer[b++] = r;
        }
        sorted.set(this.buffer.subarray(0, b), a);
      }
      // Feature 0's list decides the next node's sums; when bestFeature is 0 it is already split.
      const l = nodeCount++;
      const rgt = nodeCount++;
      feature[node] = bestFeature;
      threshold[node] = bestThreshold;
      left[node] = l;
      right[node] = rgt;
      stack.push(rgt, start + nl, end, depth + 1);
      stack.push(l, start, start + nl, depth + 1);
    }
    return {
      nodeCount,
      feature: feature.slice(0, nodeCount),
      threshold: threshold.slice(0, nodeCount),
      left: left.slice(0, nodeCount),
      right: right.slice(0, nodeCount),
      value: value.slice(0, nodeCount),
      weight: weight.slice(0, nodeCount),
      impurity: impurity.slice(0, nodeCount),
    };
  }
}
