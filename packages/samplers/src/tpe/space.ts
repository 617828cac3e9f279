/**
 * Parameters as TPE models them: each distribution becomes a prior of `@tunelab/math` whose
 * internal space is the *model space* of the Parzen estimator (log x for log parameters, the
 * value itself otherwise, the index for categoricals), and a Parzen dimension over it.
 *
 * | distribution | Parzen dimension | model value of x |
 * |---|---|---|
 * | float | continuous [low, high] | x |
 * | float, log | continuous [log low, log high] | log x |
 * | float or int with step | stepped (low, low + step, ..., high; cell of width step) | x |
 * | int, log | log-int (cell [log(k − ½), log(k + ½)]) | log x |
 * | categorical | categorical (n choices) | x (the choice index) |
 */
import { type ParzenDimension, parzenDimension } from "@tunelab/math/parzen";
import { fromInternal, type Prior } from "@tunelab/math/priors";
import { type Distribution, distributionToPrior } from "@tunelab/study";
import type { ColumnField } from "../columns/index.js";

/**
 * A parameter of a TPE (sub)space: its name, distribution, prior and Parzen dimension, and
 * how its column is read (the internal values the model accepts, log scale or not).
 */
export interface ModelParam extends ColumnField {
  readonly distribution: Distribution;
  readonly prior: Prior;
  readonly dimension: ParzenDimension;
}

/**
 * The model parameter of a distribution that is not single-valued.
 * @throws RangeError for a single-valued continuous distribution (it has no density).
 */
export function modelParam(name: string, distribution: Distribution): ModelParam {
  const prior = distributionToPrior(distribution);
  const categorical = distribution.kind === "categorical";
  return {
    name,
    distribution,
    prior,
    dimension: parzenDimension(prior),
    low: categorical ? 0 : distribution.low,
    high: categorical ? distribution.choices.length - 1 : distribution.high,
    logScale: !categorical && distribution.log,
    categorical,
  };
}

/**
 * The internal value of a model value drawn from a Parzen estimator: exp for log parameters,
 * the nearest grid value for stepped ones, clamped to the bounds.
 */
export function fromModel(p: ModelParam, model: number): number {
  return fromInternal(p.prior, model);
}
