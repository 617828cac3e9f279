/**
 * How many of the n observations TPE puts "below" (good): injectable functions of n, as
 * Optuna's `gamma` argument. Bergstra et al. (2011, §4) split at a quantile γ of the
 * observed values; Optuna's defaults cap the below set at 25.
 */

/** A split-size function: n observations ↦ the number below, an integer in 0..n. */
export type GammaFunction = (n: number) => number;

/**
 * Optuna's `default_gamma`: min(⌈0.1·n⌉, 25) (Bergstra et al. 2011 use a quantile γ; Optuna
 * caps the below set at 25).
 * @example defaultGamma(200) // 20
 */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Hyperopt's gamma (Optuna's `hyperopt_default_gamma`): min(⌈0.25·√n⌉, 25).
 * @example hyperoptGamma(100) // 3
 */
export function hyperoptGamma(n: number): number {
  return Math.min(Math.ceil(0.25 * Math.sqrt(n)), 25);
}

/**
 * gamma(n), checked.
 * @param where - the caller, named in the error.
 * @throws RangeError if gamma(n) is not an integer in 0..n.
 * @example belowCount(defaultGamma, 200, "TpeOptimizer.ask") // 20
 */
export function belowCount(gamma: GammaFunction, n: number, where: string): number {
  const g = gamma(n);
  if (!Number.isSafeInteger(g) || g < 0 || g > n) {
    throw new RangeError(`${where}: gamma(${n}) must return an integer in 0..${n}, got ${g}`);
  }
  return g;
}
