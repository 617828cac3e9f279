/**
 * Special functions and log-space numerics of `@tunelab/math`: constants of the normal
 * distribution, log-sum-exp (over an array or accumulated term by term), the normal and
 * truncated normal distributions in log space, and fast table-driven kernels for hot loops
 * (exp on (-52, 0], Φ and log-masses of normal intervals) with their stated error bounds.
 * @packageDocumentation
 */
export { INV_SQRT_2PI, LN_SQRT_2PI, SQRT_PI_2 } from "./constants.js";
export { expNonPositive } from "./fast-exp.js";
export { fastLogInsideMass, fastLogInsideMasses, fastNormalCdf, fastNormalLogMass } from "./fast-normal.js";
export { LogSumExpAccumulator, log1mexp, logAddExp, logSubExp, logSumExp } from "./log-space.js";
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
