/**
 * Mean decrease in impurity (MDI; Breiman 2001, Breiman et al. 1984): a random forest's
 * `feature_importances_` as scikit-learn defines them and Optuna's
 * `MeanDecreaseImpurityImportanceEvaluator` reads them. In each tree, every split adds
 * W·I - W_L·I_L - W_R·I_R (weighted sample counts W, impurities I = variance of y) to its
 * feature; the sums are divided by the root's W and normalized to sum 1 per tree; the forest's
 * importance of a feature is the mean over trees with a split (normalized again), and a
 * parameter's importance is the sum over its encoded columns (a categorical's one-hot columns).
 */
import { Rng } from "../random/index.js";
import { encodeFeatures } from "./encode.js";
import { fitRegressionForest, type RegressionTree } from "./forest.js";
import { checkImportanceData, type ImportanceData } from "./types.js";

/** Options of {@link mdiImportances}. */
export interface MdiOptions {
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
   * Seed of the forest.
   * @defaultValue 0
   */
  readonly seed?: number | string;
  /**
   * Log-scaled parameters as log x (changes only where thresholds fall between two values,
   * never which rows a split separates, so MDI is the same either way up to ties).
   * @defaultValue true
   */
  readonly logSpace?: boolean;
}

/**
 * MDI importances of `data.params` (they sum to 1 unless every tree is a single leaf, when all
 * are 0), in `data.params` order.
 * @throws RangeError on malformed data or fewer than 2 trials.
 * @example
 * ```ts
 * const imp = mdiImportances({ params, X, y }, { seed: 1 });
 * ```
 */
export function mdiImportances(data: ImportanceData, options: MdiOptions = {}): Float64Array {
  checkImportanceData("mdiImportances", data);
  const d = data.params.length;
  const out = new Float64Array(d);
  const enc = encodeFeatures(data, options.logSpace ?? true);
  if (enc.nColumns === 0) return out;
  const trees = fitRegressionForest(enc.X, enc.nColumns, data.y, Rng.fromSeed(options.seed ?? 0), {
    nTrees: options.nTrees ?? 64,
    maxDepth: options.maxDepth ?? 64,
  });
  const col = new Float64Array(enc.nColumns);
  let used = 0;
  for (const tree of trees) {
    const t = treeImpurityDecrease(tree, enc.nColumns);
    let s = 0;
    for (const v of t) s += v;
    if (!(s > 0)) continue;
    used++;
    for (let k = 0; k < enc.nColumns; k++) col[k]! += t[k]! / s;
  }
  if (used === 0) return out;
  let total = 0;
  for (let k = 0; k < enc.nColumns; k++) total += col[k]!;
  for (let k = 0; k < enc.nColumns; k++) out[enc.columnParam[k]!]! += col[k]! / total;
  return out;
}

/** Per feature, the tree's total weighted impurity decrease divided by the root's weight. */
export function treeImpurityDecrease(tree: RegressionTree, nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures);
  for (let i = 0; i < tree.nodeCount; i++) {
    const f = tree.feature[i]!;
    if (f < 0) continue;
    const l = tree.left[i]!;
    const r = tree.right[i]!;
    out[f]! +=
      tree.weight[i]! * tree.impurity[i]! -
      tree.weight[l]! * tree.impurity[l]! -
      tree.weight[r]! * tree.impurity[r]!;
  }
  const root = tree.weight[0]!;
  for (let k = 0; k < nFeatures; k++) out[k] = out[k]! / root;
  return out;
}
