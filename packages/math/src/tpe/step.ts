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
import { EstimatorArena } from "../parzen/arena.js";
import type { ParzenEstimatorOptions } from "../parzen/estimator.js";
import { buildParzenEstimatorFromColumns, buildParzenEstimatorInArena } from "../parzen/estimator.js";
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
  // One shape for every options object the builders see (`order` present, undefined when not
  // given): objects with and without the key have different hidden classes, and the
  // estimator's code, compiled for the first, was thrown away and compiled again when the
  // sampler began passing orders (issue 18: `node --trace-deopt` of a fresh TPE process).
  const lOptions: ParzenEstimatorOptions = {
    ...fit,
    weights: below.weights ?? options.weights,
    order: below.order,
  };
  const gOptions: ParzenEstimatorOptions = {
    ...fit,
    weights: above.weights ?? options.weights,
    order: above.order,
  };
  // l and g live only inside this call: their arrays come from the module's two arenas
  // (issue 18), unless a call is already using them (a weights function calling tpeStep).
  const reuse = !arenasBusy;
  arenasBusy = true;
  try {
    const l = reuse
      ? buildParzenEstimatorInArena(lArena, dimensions, below.columns, lOptions)
      : buildParzenEstimatorFromColumns(dimensions, below.columns, lOptions);
    const g = reuse
      ? buildParzenEstimatorInArena(gArena, dimensions, above.columns, gOptions)
      : buildParzenEstimatorFromColumns(dimensions, above.columns, gOptions);
    const d = dimensions.length;
    const candidates = sampleParzen(l, rng, nEi);
    // No candidate has a number as its score only when every score is NaN: keep the first.
    const best = Math.max(0, parzenBestLogRatio(l, g, candidates).index);
    return candidates.slice(best * d, (best + 1) * d);
  } finally {
    if (reuse) arenasBusy = false;
  }
}

/**
 * The arrays of l and g, reused from step to step: at 100,000 observations in 10-D, g's
 * arrays and its evaluation plan's were about 40 MB of new memory a step, and with the
 * sampler's gathered columns they made the collector run a full mark-compact every one or
 * two TPE trials (`benchmarks/overhead/tpe-scale.ts`). Safe to share by module: a step builds,
 * uses and drops both estimators before it returns, and returns a new array; what it reads
 * from them is the same bit for bit.
 */
const lArena = new EstimatorArena();
const gArena = new EstimatorArena();
let arenasBusy = false;

const SCOTT = { kind: "scott" } as const;
