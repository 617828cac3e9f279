/**
 * `@tunelab/samplers`: samplers for tunelab studies. Each is also importable alone from its
 * subpath (`@tunelab/samplers/random`, `@tunelab/samplers/grid`, ...).
 * @packageDocumentation
 */
export * from "./cmaes/index.js";
export * from "./grid/index.js";
export * from "./random/index.js";
export * from "./tpe/index.js";
