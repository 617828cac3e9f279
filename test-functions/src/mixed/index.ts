/**
 * Mixed (continuous, integer, categorical) and conditional test problems with known optima.
 * @packageDocumentation
 */
export { conditionalProblem } from "./conditional.js";
export { MIXED_TARGETS, mixedProblem } from "./mixed.js";
