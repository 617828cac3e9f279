/**
 * Special functions and log-space numerics of `@tunelab/math`.
 * @packageDocumentation
 */
export { log1mexp, logAddExp, logSubExp, logSumExp } from "./log-space.js";
export {
  normalCdf,
  normalLogCdf,
  normalLogPdf,
  normalLogProbBetween,
  normalPdf,
  normalQuantile,
} from "./normal.js";
export {
  normalLogMass,
  truncatedNormalLogCdf,
  truncatedNormalLogMass,
  truncatedNormalLogPdf,
  truncatedNormalLogSf,
} from "./truncated-normal.js";
