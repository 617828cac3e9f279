/**
 * `@tunelab/pruners/intermediate`: helpers that read trials' intermediate values (last step,
 * best value over steps, NaN-ignoring percentile), shared by the pruners.
 * @packageDocumentation
 */
export { bestIntermediateValue, isFirstInIntervalStep, lastStep, nanPercentile } from "./values.js";
