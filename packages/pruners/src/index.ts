/**
 * `@tunelab/pruners`: early-stopping rules that read trials' intermediate values. Each is
 * also importable alone from its subpath (`@tunelab/pruners/median`, `/percentile`,
 * `/successive-halving`, `/hyperband`, `/threshold`, `/patient`, `/wilcoxon`, `/stratified`,
 * `/dominance`, `/mo-successive-halving`, `/mo-hyperband`).
 * @packageDocumentation
 */
export * from "./dominance/index.js";
export * from "./hyperband/index.js";
export * from "./intermediate/index.js";
export * from "./median/index.js";
export * from "./mo-hyperband/index.js";
export * from "./mo-successive-halving/index.js";
export * from "./patient/index.js";
export * from "./percentile/index.js";
export * from "./stratified/index.js";
export * from "./successive-halving/index.js";
export * from "./threshold/index.js";
export * from "./wilcoxon/index.js";
