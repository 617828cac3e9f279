/**
 * Records of the Parzen estimator: the dimensions it models (in the internal space of
 * `priors/types.ts`), the rules that set its bandwidths and categorical kernels, and the
 * fitted estimator itself.
 *
 * Notation (used in every file of this folder):
 *   n  number of observations; D number of dimensions; K = n (+ 1 with the prior component)
 *      number of mixture components; M number of candidates.
 *   Observations and candidates are row-major Float64Arrays of shape n×D and M×D holding
 *   internal values (log x for log parameters, the index for categorical parameters).
 *   w_k component weights (Σ w_k = 1); μ_dk, σ_dk the centre and bandwidth of component k in
 *   numerical dimension d; [L_d, U_d] the internal bounds of d; Z_dk = Φ((U_d - μ_dk)/σ_dk) -
 *   Φ((L_d - μ_dk)/σ_dk) the mass of the untruncated kernel inside the bounds.
 *   The density is p(x) = Σ_k w_k Π_d K_dk(x_d), with K_dk a truncated normal density
 *   (continuous d), the truncated normal mass of x_d's cell (integer / stepped d), or a row of
 *   a categorical kernel table.
 */

/** A continuous parameter on the internal interval [low, high] (log bounds for log parameters). */
export interface ContinuousDimension {
  readonly kind: "continuous";
  /** Lower internal bound. */
  readonly low: number;
  /** Upper internal bound, > low. */
  readonly high: number;
}

/**
 * A parameter on the grid low, low + step, ..., high (integers, or stepped floats). Its
 * internal value is the grid value; value v owns the cell [v - step/2, v + step/2], so the
 * internal bounds are [low - step/2, high + step/2] and the density of v is the kernel mass of
 * its cell.
 */
export interface SteppedDimension {
  readonly kind: "stepped";
  /** First grid value. */
  readonly low: number;
  /** Last grid value, low + k·step for an integer k ≥ 0. */
  readonly high: number;
  /** Grid spacing, > 0. */
  readonly step: number;
}

/**
 * An integer parameter low..high modelled in log space (low ≥ 1): integer k has internal value
 * log k and owns the cell [log(k - 1/2), log(k + 1/2)].
 */
export interface LogIntDimension {
  readonly kind: "log-int";
  /** Smallest integer, ≥ 1. */
  readonly low: number;
  /** Largest integer, ≥ low. */
  readonly high: number;
}

/** A categorical parameter over indices 0..n-1. */
export interface CategoricalDimension {
  readonly kind: "categorical";
  /** Number of choices, ≥ 1. */
  readonly n: number;
  /**
   * Optional distance between choices (by index): symmetric, ≥ 0, 0 on the diagonal. When
   * given, observations spread their mass to nearby choices (see `categoricalKernelTable`).
   */
  readonly distance?: (i: number, j: number) => number;
  /** Optional probabilities of the prior component (normalized here). @defaultValue uniform */
  readonly priorProbabilities?: ArrayLike<number>;
}

/** Any dimension of a Parzen estimator. */
export type ParzenDimension = ContinuousDimension | SteppedDimension | LogIntDimension | CategoricalDimension;

/** Numerical dimensions (those with truncated-normal kernels). */
export type NumericalDimension = ContinuousDimension | SteppedDimension | LogIntDimension;

/** What a custom bandwidth rule is given, for one numerical dimension. */
export interface BandwidthContext {
  /** Kernel centres of the observations (internal values), length n. */
  readonly mus: Float64Array;
  /** Lower internal bound of the dimension. */
  readonly low: number;
  /** Upper internal bound of the dimension. */
  readonly high: number;
  /** Number of dimensions D of the estimator. */
  readonly nDimensions: number;
  /** Whether a prior component is present (its centre is (low + high)/2). */
  readonly hasPrior: boolean;
}

/**
 * How the bandwidths σ of the observation components are chosen (before the magic clip).
 *
 * - `neighbour`: Bergstra et al. (2011, §4.1) as implemented by Hyperopt and by Optuna's
 *   univariate TPE: σ_k is the larger of the distances from μ_k to its two neighbours among
 *   the sorted centres (the prior's centre included); the extreme centres measure only to
 *   their inner neighbour unless `considerEndpoints` (Optuna's `consider_endpoints`,
 *   default false) lets them measure to the bounds too.
 * - `scaled-range`: σ = factor·n^{-1/(D+4)}·(high - low) for every observation, Optuna's
 *   multivariate rule (factor 0.2), whose exponent is Scott's (1992).
 * - `scott`: Scott's rule of thumb with the data's spread, per dimension,
 *   σ = factor·min(sd, IQR/1.34)·m^{-1/(D+4)} over the m = n (+ 1) centres (the prior's centre
 *   included, as in Watanabe's reference implementation of arXiv:2304.11127); factor 1.059.
 * - `custom`: any function of a {@link BandwidthContext} returning n bandwidths.
 */
export type BandwidthRule =
  | { readonly kind: "neighbour"; readonly considerEndpoints?: boolean }
  | { readonly kind: "scaled-range"; readonly factor?: number }
  | { readonly kind: "scott"; readonly factor?: number }
  | { readonly kind: "custom"; readonly sigmas: (context: BandwidthContext) => ArrayLike<number> };

/**
 * The kernel of categorical dimensions without a distance.
 *
 * - `smoothed-indicator` (Optuna's): observation i puts mass (1 + a)/(1 + c·a) on its choice
 *   and a/(1 + c·a) on each other choice, with a = priorWeight/K and c choices: an
 *   Aitchison-Aitken kernel whose λ = (c - 1)a/(1 + c·a) shrinks as observations accumulate.
 * - `aitchison-aitken`: Aitchison and Aitken (1976), mass 1 - λ on the observed choice and
 *   λ/(c - 1) on each other choice, with a fixed λ ∈ [0, (c - 1)/c].
 */
export type CategoricalKernelRule =
  | { readonly kind: "smoothed-indicator" }
  | { readonly kind: "aitchison-aitken"; readonly lambda: number };

/** Truncated-normal kernels of one numerical dimension, one per component. */
export interface NumericalKernels {
  readonly kind: "truncated-normal";
  /** The dimension these kernels model. */
  readonly dimension: NumericalDimension;
  /** Lower internal bound L. */
  readonly low: number;
  /** Upper internal bound U. */
  readonly high: number;
  /** Centres μ_k, length K. */
  readonly mus: Float64Array;
  /** Bandwidths σ_k, length K. */
  readonly sigmas: Float64Array;
  /** log Z_k, the log-mass of each untruncated kernel inside [L, U], length K. */
  readonly logNormalizers: Float64Array;
}

/** Categorical kernels of one categorical dimension: a K×n table of probabilities. */
export interface CategoricalKernels {
  readonly kind: "categorical";
  /** The dimension these kernels model. */
  readonly dimension: CategoricalDimension;
  /** Number of choices n. */
  readonly n: number;
  /** Row k holds component k's probabilities of the n choices (rows sum to 1), length K·n. */
  readonly probabilities: Float64Array;
  /** Natural logarithms of `probabilities`. */
  readonly logProbabilities: Float64Array;
}

/** The kernels of one dimension. */
export type DimensionKernels = NumericalKernels | CategoricalKernels;

/**
 * A fitted Parzen estimator: a mixture of K product kernels over D dimensions. Plain data; it
 * is built by `buildParzenEstimator` and read by `parzenLogPdf`, `sampleParzen` and
 * `parzenMarginal`. Treat it as immutable: `parzenLogPdf` caches derived arrays per estimator
 * (in a WeakMap), so editing its typed arrays in place would not be seen.
 */
export interface ParzenEstimator {
  readonly kind: "parzen-estimator";
  /** The D dimensions, in the order of the columns of observations and candidates. */
  readonly dimensions: readonly ParzenDimension[];
  /** Number of observations n. */
  readonly nObservations: number;
  /** Number of components K (n, plus 1 when the prior component is present). */
  readonly nComponents: number;
  /** Whether the last component is the prior component. */
  readonly hasPrior: boolean;
  /** Normalized component weights w_k, length K. */
  readonly weights: Float64Array;
  /** Kernels of each dimension, in dimension order. */
  readonly kernels: readonly DimensionKernels[];
  /**
   * Derived, for speed: log w_k - Σ_d log Z_dk - Σ_{continuous d} (log σ_dk + log √(2π)),
   * the part of each component's log-density that does not depend on the candidate.
   */
  readonly logBase: Float64Array;
}
