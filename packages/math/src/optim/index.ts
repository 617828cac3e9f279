/**
 * Bound-constrained optimization: L-BFGS-B (Byrd, Lu, Nocedal, Zhu 1995, with the Morales–
 * Nocedal 2011 subspace step) on Float64Arrays, its multi-start wrapper, and the projected
 * gradient norm that measures first-order optimality in a box.
 * @packageDocumentation
 */
export { projectedGradientNorm } from "./bounds.js";
export {
  type LbfgsbOptions,
  type LbfgsbResult,
  type LbfgsbStatus,
  minimizeLbfgsb,
  type ObjectiveWithGradient,
} from "./lbfgsb.js";
export { type MultiStartResult, minimizeMultiStart } from "./multi-start.js";
