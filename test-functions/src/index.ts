/**
 * `@tunelab/test-functions`: standard single- and multi-objective test functions with their
 * known optima and Pareto fronts, the BBOB noiseless suite with COCO's instances, noisy
 * variants, and mixed and conditional problems. Each function is data plus a pure function,
 * with no dependency on the study API. Each concept is also importable on its own subpath,
 * e.g. `@tunelab/test-functions/bbob`.
 * @packageDocumentation
 */
export * from "./bbob/index.js";
export * from "./box/index.js";
export * from "./classic/index.js";
export * from "./llm/index.js";
export * from "./mixed/index.js";
export * from "./multi/index.js";
export * from "./noise/index.js";
export * from "./registry/index.js";
export * from "./space/index.js";
export type * from "./types.js";
