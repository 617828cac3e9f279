/**
 * `@tunelab/study`: the define-by-run study API (Study, Trial, distributions), the Sampler,
 * Pruner and Storage interfaces, the in-memory storage, and the clock they read time from.
 * @packageDocumentation
 */
export * from "./clock/index.js";
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
