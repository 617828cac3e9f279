/**
 * Hyperparameter importance on arrays: fANOVA (Hutter et al. 2014) over a random forest of
 * regression trees, PED-ANOVA (Watanabe et al. 2023) with Parzen estimators, and mean decrease
 * in impurity; `importances` runs one and returns parameter → importance, largest first.
 * @packageDocumentation
 */
export { type EncodedFeatures, encodeFeatures } from "./encode.js";
export { type FanovaOptions, type FanovaResult, FanovaTree, fanovaImportances } from "./fanova.js";
export { type ForestOptions, fitRegressionForest, predictForest, type RegressionTree } from "./forest.js";
export { type ImportanceEvaluator, type ImportanceOptions, importances } from "./importances.js";
export { type MdiOptions, mdiImportances, treeImpurityDecrease } from "./mdi.js";
export { type PedAnovaOptions, pedAnovaImportances, topQuantile, weightedScott } from "./ped-anova.js";
export {
  checkImportanceData,
  type ImportanceData,
  type ImportanceDistribution,
  type ImportanceParam,
  isSingleValued,
} from "./types.js";
