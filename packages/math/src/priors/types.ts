/**
 * Prior distributions over one hyperparameter, as readonly records tagged by `kind`.
 *
 * Every prior has an *internal space*: a real interval [lo, hi] on which algorithms work
 * (Parzen estimators, CMA-ES, Gaussian processes, QMC). Continuous priors map to it
 * monotonically (log-uniform through log); discrete priors are relaxed to it, each value v
 * owning a cell of width `step` around it (log-integers: the cell [v - 1/2, v + 1/2] in log
 * space), and map back by rounding to the nearest grid value. A categorical prior's
 * internal value is the index of its choice, relaxed to [-1/2, n - 1/2].
 */

/** Flat prior on [low, high]; with `step`, the discrete uniform on low, low + step, ..., high. */
export interface UniformPrior {
  readonly kind: "uniform";
  readonly low: number;
  readonly high: number;
  /** Grid spacing, or null for a continuous prior. */
  readonly step: number | null;
}

/** Reciprocal (log-uniform) prior on [low, high], 0 < low: p(θ) ∝ 1/θ. */
export interface LogUniformPrior {
  readonly kind: "log-uniform";
  readonly low: number;
  readonly high: number;
}

/**
 * Integer prior on low, low + step, ..., high. With `log`, uniform in log space, each
 * integer k carrying the mass of its cell [log(k - 1/2), log(k + 1/2)] (step must be 1).
 */
export interface IntPrior {
  readonly kind: "int";
  readonly low: number;
  readonly high: number;
  readonly step: number;
  readonly log: boolean;
}

/** Categorical prior over `n` choices (indices 0..n-1) with normalized probabilities. */
export interface CategoricalPrior {
  readonly kind: "categorical";
  readonly n: number;
  /** Probabilities of the choices, summing to 1. */
  readonly probabilities: Float64Array;
}

/** Any prior. */
export type Prior = UniformPrior | LogUniformPrior | IntPrior | CategoricalPrior;
