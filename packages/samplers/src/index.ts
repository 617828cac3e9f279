/**
 * `@tunelab/samplers`: samplers for tunelab studies. Each is also importable alone from its
 * subpath (`@tunelab/samplers/random`, `@tunelab/samplers/grid`, `@tunelab/samplers/brute-force`, ...).
 * @packageDocumentation
 */
export * from "./aco/index.js";
export * from "./auto/index.js";
export * from "./brute-force/index.js";
export * from "./cmaes/index.js";
export * from "./de/index.js";
export * from "./ga/index.js";
export * from "./gp/index.js";
export * from "./grid/index.js";
export * from "./nsga2/index.js";
export * from "./nsga3/index.js";
export * from "./partial-fixed/index.js";
export * from "./pso/index.js";
export * from "./qmc/index.js";
export * from "./random/index.js";
export * from "./tpe/index.js";
