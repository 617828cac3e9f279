/**
 * Operations on any {@link Prior}, dispatched on its `kind`: sampling, log density (log mass
 * for discrete priors), membership, and the transforms to and from the internal space.
 */
import type { Rng } from "../random/rng.js";
import {
  categoricalFromInternal,
  categoricalInternalBounds,
  categoricalLogPmf,
  categoricalSample,
} from "./categorical.js";
import {
  intContains,
  intFromInternal,
  intInternalBounds,
  intLogPmf,
  intSample,
  intToInternal,
} from "./int.js";
import {
  logUniformFromInternal,
  logUniformInternalBounds,
  logUniformLogPdf,
  logUniformSample,
} from "./log-uniform.js";
import type { Prior } from "./types.js";
import {
  uniformContains,
  uniformFromInternal,
  uniformInternalBounds,
  uniformLogPdf,
  uniformSample,
} from "./uniform.js";

/**
 * A draw from the prior, in the external representation (categorical: an index).
 * @example samplePrior(logUniformPrior(1e-5, 1), Rng.fromSeed(0))
 */
export function samplePrior(prior: Prior, rng: Rng): number {
  switch (prior.kind) {
    case "uniform":
      return uniformSample(prior, rng);
    case "log-uniform":
      return logUniformSample(prior, rng);
    case "int":
      return intSample(prior, rng);
    case "categorical":
      return categoricalSample(prior, rng);
  }
}

/** log density (continuous priors) or log mass (discrete priors) at x; -Infinity outside the support. */
export function priorLogPdf(prior: Prior, x: number): number {
  switch (prior.kind) {
    case "uniform":
      return uniformLogPdf(prior, x);
    case "log-uniform":
      return logUniformLogPdf(prior, x);
    case "int":
      return intLogPmf(prior, x);
    case "categorical":
      return categoricalLogPmf(prior, x);
  }
}

/** True when x is a value the prior can produce. */
export function priorContains(prior: Prior, x: number): boolean {
  switch (prior.kind) {
    case "uniform":
      return uniformContains(prior, x);
    case "log-uniform":
      return x >= prior.low && x <= prior.high;
    case "int":
      return intContains(prior, x);
    case "categorical":
      return Number.isInteger(x) && x >= 0 && x < prior.n;
  }
}

/** The interval [lo, hi] of the internal space (see {@link Prior}). */
export function internalBounds(prior: Prior): [number, number] {
  switch (prior.kind) {
    case "uniform":
      return uniformInternalBounds(prior);
    case "log-uniform":
      return logUniformInternalBounds(prior);
    case "int":
      return intInternalBounds(prior);
    case "categorical":
      return categoricalInternalBounds(prior);
  }
}

/** Maps a value of the support to the internal space (log for log priors, identity otherwise). */
export function toInternal(prior: Prior, x: number): number {
  switch (prior.kind) {
    case "log-uniform":
      return Math.log(x);
    case "int":
      return intToInternal(prior, x);
    default:
      return x;
  }
}

/** Maps an internal value back to the support: exp for log priors, rounding to the grid, clamping. */
export function fromInternal(prior: Prior, u: number): number {
  switch (prior.kind) {
    case "uniform":
      return uniformFromInternal(prior, u);
    case "log-uniform":
      return logUniformFromInternal(prior, u);
    case "int":
      return intFromInternal(prior, u);
    case "categorical":
      return categoricalFromInternal(prior, u);
  }
}

/** True for priors with finitely many values (stepped uniform, int, categorical). */
export function isDiscretePrior(prior: Prior): boolean {
  return (
    prior.kind === "int" || prior.kind === "categorical" || (prior.kind === "uniform" && prior.step !== null)
  );
}
