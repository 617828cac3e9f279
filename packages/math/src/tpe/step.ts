/**
 * One step of the tree-structured Parzen estimator (Bergstra, Bardenet, Bengio, Kégl,
 * "Algorithms for hyper-parameter optimization", NeurIPS 2011, §4; Watanabe,
 * arXiv:2304.11127, 2023, §2.2): from the observations split into below and above, the point
 * to evaluate next.
 *
 * Notation: D dimensions (model space of the priors: log x for log parameters, the index for
 * categoricals; see `parzenDimension`), n_l below and n_g above observations, M = nEiCandidates.
 *   1. fit l(x) to the below observations and g(x) to the above ones (Parzen estimators with
 *      a prior component, `buildParzenEstimatorFromColumns`);
 *   2. draw x_1..x_M from l (`sampleParzen`, with the given generator);
 *   3. return the x_j maximizing log l(x_j) − log g(x_j), the first among ties
 *      (`parzenBestLogRatio`): under the TPE model this maximizes expected improvement
 *      (Bergstra et al. 2011, eq. 4).
 * The step draws only in 2, so a seeded generator fixes its result.
 */
import { buildParzenEstimatorFromColumns } from "../parzen/estimator.js";
import { parzenBestLogRatio } from "../parzen/ratio.js";
import { sampleParzen } from "../parzen/sample.js";
import type { ParzenDimension } from "../parzen/types.js";
import type { Rng } from "../random/rng.js";
import type { TpeStepOptions } from "./options.js";

/** One side of the split: observations by dimension, oldest first. */
export interface TpeObservations {
  /** Column d holds the n values of dimension d (model space), oldest first; D columns. */
  readonly columns: readonly Float64Array[];
  /**
   * The n weights of these observations, overriding the options' weights function (MOTPE's
   * below weights, or weights of observations given in another order).
   * @defaultValue `options.weights(n)`
   */
  readonly weights?: ArrayLike<number>;
  /**
   * For speed with the `neighbour` and `scott` bandwidths: per dimension, the indices that
   * sort its column ascending, ties by index (null for a dimension without one); see
   * `ParzenEstimatorOptions.order`. @defaultValue none (the estimator sorts or selects)
   */
  readonly order?: readonly (Int32Array | null)[];
}

/**
 * The TPE step: fit l to `below` and g to `above`, draw `nEiCandidates` points from l with
 * `rng`, return the one with the largest log l − log g.
 * @param dimensions - the D dimensions of the model space.
 * @param below - the good observations (modelled by l).
 * @param above - the other observations (modelled by g).
 * @param rng - the generator of the candidates (advanced by the draws).
 * @param options - see {@link TpeStepOptions}.
 * @returns a new Float64Array of D model-space values (on the grid for stepped, log-int and
 *   categorical dimensions); map it back with the priors' `fromInternal`.
 * @throws RangeError as `buildParzenEstimatorFromColumns` does (observations outside their
 * dimension, columns of unequal lengths, bad options), or if nEiCandidates is not an
 * integer ≥ 1.
 * @example
 * ```ts
 * const dims = [parzenDimension(uniformPrior(-5, 5))];
 * const x = tpeStep(dims, { columns: [Float64Array.of(0.1, -0.3)] }, { columns: [Float64Array.of(4, -4, 3)] }, Rng.fromSeed(1));
 * ```
 */
export function tpeStep(
  dimensions: readonly ParzenDimension[],
  below: TpeObservations,
  above: TpeObservations,
  rng: Rng,
  options: TpeStepOptions = {},
): Float64Array {
  const nEi = options.nEiCandidates ?? 24;
  if (!Number.isSafeInteger(nEi) || nEi < 1) {
    throw new RangeError(`tpeStep: nEiCandidates must be an integer >= 1, got ${nEi}`);
  }
  const bandwidth = options.bandwidth ?? SCOTT;
  const fit = {
    considerPrior: options.considerPrior,
    priorWeight: options.priorWeight,
    considerMagicClip: options.considerMagicClip,
    categoricalKernel: options.categoricalKernel,
    bandwidth,
  };
  const l = buildParzenEstimatorFromColumns(dimensions, below.columns, {
    ...fit,
    weights: below.weights ?? options.weights,
    ...(below.order === undefined ? {} : { order: below.order }),
  });
  const g = buildParzenEstimatorFromColumns(dimensions, above.columns, {
    ...fit,
    weights: above.weights ?? options.weights,
    ...(above.order === undefined ? {} : { order: above.order }),
  });
  const d = dimensions.length;
  const candidates = sampleParzen(l, rng, nEi);
  // No candidate has a number as its score only when every score is NaN: keep the first.
  const best = Math.max(0, parzenBestLogRatio(l, g, candidates).index);
  return candidates.slice(best * d, (best + 1) * d);
}

const SCOTT = { kind: "scott" } as const;
