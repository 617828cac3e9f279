/**
 * Marginals of a Parzen estimator. Each component is a product of per-dimension kernels, so
 * integrating out the other dimensions leaves the same weights and the kernels of the kept
 * dimensions: p(x_S) = Σ_k w_k Π_{d∈S} K_dk(x_d).
 */
import { LN_SQRT_2PI } from "../special/constants.js";
import type { ParzenEstimator } from "./types.js";

/**
 * The marginal estimator of the dimensions listed in `keep` (in that order).
 * @param estimator - a fitted estimator.
 * @param keep - distinct dimension indices, at least one.
 * @throws RangeError if `keep` is empty, has duplicates, or an index out of range.
 * @example parzenMarginal(est, [2]) // the 1-D marginal of the third dimension
 */
export function parzenMarginal(estimator: ParzenEstimator, keep: readonly number[]): ParzenEstimator {
  const nDims = estimator.dimensions.length;
  if (keep.length === 0) throw new RangeError("parzenMarginal: keep must list at least one dimension");
  const seen = new Set<number>();
  for (const d of keep) {
    if (!Number.isInteger(d) || d < 0 || d >= nDims || seen.has(d)) {
      throw new RangeError(
        `parzenMarginal: keep must hold distinct indices in 0..${nDims - 1}, got ${keep.join(",")}`,
      );
    }
    seen.add(d);
  }
  const k = estimator.nComponents;
  const logBase = new Float64Array(k);
  for (let i = 0; i < k; i++) logBase[i] = Math.log(estimator.weights[i]!);
  for (const d of keep) {
    const ker = estimator.kernels[d]!;
    if (ker.kind === "categorical") continue;
    const continuous = ker.dimension.kind === "continuous";
    for (let i = 0; i < k; i++) {
      logBase[i] =
        logBase[i]! - ker.logNormalizers[i]! - (continuous ? Math.log(ker.sigmas[i]!) + LN_SQRT_2PI : 0);
    }
  }
  return {
    kind: "parzen-estimator",
    dimensions: keep.map((d) => estimator.dimensions[d]!),
    nObservations: estimator.nObservations,
    nComponents: k,
    hasPrior: estimator.hasPrior,
    weights: estimator.weights,
    kernels: keep.map((d) => estimator.kernels[d]!),
    logBase,
  };
}
