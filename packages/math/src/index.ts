/**
 * `@tunelab/math`: the pure numerical core of tunelab. No I/O, no study types, no globals,
 * no `Math.random`. Each concept is also importable on its own subpath, e.g.
 * `@tunelab/math/random`.
 * @packageDocumentation
 */
export * from "./bayes/index.js";
export * from "./cmaes/index.js";
export * from "./genetic/index.js";
export * from "./gp/index.js";
export * from "./importance/index.js";
export * from "./indicators/index.js";
export * from "./linalg/index.js";
export * from "./metrics/index.js";
export * from "./optim/index.js";
export * from "./pareto/index.js";
export * from "./parzen/index.js";
export * from "./priors/index.js";
export * from "./qmc/index.js";
export * from "./random/index.js";
export * from "./refdirs/index.js";
export * from "./special/index.js";
export * from "./stats/index.js";
export * from "./tpe/index.js";
