/**
 * How many of the n finished trials are "below" (good): injectable functions of n, as
 * Optuna's `gamma` argument.
 */

/** A split-size function: n finished trials ↦ the number below, an integer in 0..n. */
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
