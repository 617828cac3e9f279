/**
 * `@tunelab/study`: the define-by-run study API (Study, Trial, distributions), the Sampler,
 * Pruner and Storage interfaces, and the in-memory storage.
 * @packageDocumentation
 */
export * from "./distributions/index.js";
export * from "./errors/index.js";
export * from "./export/index.js";
export * from "./logging/index.js";
export * from "./pruner/index.js";
export * from "./records/index.js";
export * from "./sampler/index.js";
export * from "./storage/index.js";
export * from "./study/index.js";
export * from "./trial/index.js";
