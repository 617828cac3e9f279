/**
 * Dimensions of a Parzen estimator: construction from a prior, validation, internal bounds,
 * and the cell of a value (integer and stepped dimensions are integrated over cells).
 */
import type { Prior } from "../priors/types.js";
import { gridSize } from "../priors/validate.js";
import type { NumericalDimension, ParzenDimension } from "./types.js";

/**
 * The Parzen dimension that models a prior in its internal space (see `priors/types.ts`):
 * uniform → continuous on [low, high]; log-uniform → continuous on [log low, log high];
 * stepped uniform and linear integers → stepped; log integers → log-int; categorical →
 * categorical (its prior probabilities become the prior component's).
 * @throws RangeError for a continuous prior with low = high (a single value has no density;
 * samplers fix such parameters without modelling them).
 * @example parzenDimension(intPrior(1, 64, { log: true })) // { kind: "log-int", low: 1, high: 64 }
 */
export function parzenDimension(prior: Prior): ParzenDimension {
  switch (prior.kind) {
    case "uniform":
      if (prior.step !== null) return { kind: "stepped", low: prior.low, high: prior.high, step: prior.step };
      return checkDimension({ kind: "continuous", low: prior.low, high: prior.high }, "parzenDimension");
    case "log-uniform":
      return checkDimension(
        { kind: "continuous", low: Math.log(prior.low), high: Math.log(prior.high) },
        "parzenDimension",
      );
    case "int":
      if (prior.log) return { kind: "log-int", low: prior.low, high: prior.high };
      return { kind: "stepped", low: prior.low, high: prior.high, step: prior.step };
    case "categorical": {
      const p = prior.probabilities;
      let uniform = true;
      for (let i = 1; i < p.length; i++) if (p[i] !== p[0]) uniform = false;
      return uniform
        ? { kind: "categorical", n: prior.n }
        : { kind: "categorical", n: prior.n, priorProbabilities: p };
    }
  }
}

/**
 * Validates a dimension record and returns it.
 * @throws RangeError naming `where` and the offending field.
 */
export function checkDimension<T extends ParzenDimension>(dim: T, where: string): T {
  switch (dim.kind) {
    case "continuous":
      if (!Number.isFinite(dim.low) || !Number.isFinite(dim.high) || !(dim.low < dim.high)) {
        throw new RangeError(
          `${where}: a continuous dimension needs finite low < high, got low=${dim.low}, high=${dim.high}`,
        );
      }
      return dim;
    case "stepped": {
      if (!(dim.step > 0 && Number.isFinite(dim.step))) {
        throw new RangeError(`${where}: a stepped dimension needs a finite step > 0, got ${dim.step}`);
      }
      if (!Number.isFinite(dim.low) || !Number.isFinite(dim.high) || dim.low > dim.high) {
        throw new RangeError(
          `${where}: a stepped dimension needs finite low <= high, got low=${dim.low}, high=${dim.high}`,
        );
      }
      const n = gridSize(dim.low, dim.high, dim.step);
      const last = dim.low + (n - 1) * dim.step;
      if (Math.abs(last - dim.high) > 1e-9 * Math.max(1, Math.abs(dim.high), Math.abs(dim.step))) {
        throw new RangeError(
          `${where}: high must be on the grid low + k·step, got low=${dim.low}, high=${dim.high}, step=${dim.step}`,
        );
      }
      return dim;
    }
    case "log-int":
      if (
        !Number.isSafeInteger(dim.low) ||
        !Number.isSafeInteger(dim.high) ||
        dim.low < 1 ||
        dim.low > dim.high
      ) {
        throw new RangeError(
          `${where}: a log-int dimension needs integers 1 <= low <= high, got low=${dim.low}, high=${dim.high}`,
        );
      }
      return dim;
    case "categorical": {
      if (!Number.isSafeInteger(dim.n) || dim.n < 1) {
        throw new RangeError(`${where}: a categorical dimension needs an integer n >= 1, got ${dim.n}`);
      }
      const p = dim.priorProbabilities;
      if (p !== undefined) {
        if (p.length !== dim.n) {
          throw new RangeError(`${where}: priorProbabilities must have length n=${dim.n}, got ${p.length}`);
        }
        let total = 0;
        for (let i = 0; i < p.length; i++) {
          const v = p[i]!;
          if (!(v >= 0 && Number.isFinite(v))) {
            throw new RangeError(`${where}: priorProbabilities[${i}] must be finite and >= 0, got ${v}`);
          }
          total += v;
        }
        if (!(total > 0)) throw new RangeError(`${where}: priorProbabilities must have a positive sum`);
      }
      return dim;
    }
    default:
      throw new TypeError(`${where}: unknown dimension kind ${(dim as { kind: unknown }).kind}`);
  }
}

/** The internal bounds [L, U] of a numerical dimension. */
export function numericalBounds(dim: NumericalDimension): [number, number] {
  switch (dim.kind) {
    case "continuous":
      return [dim.low, dim.high];
    case "stepped":
      return [dim.low - dim.step / 2, dim.high + dim.step / 2];
    case "log-int":
      return [Math.log(dim.low - 0.5), Math.log(dim.high + 0.5)];
  }
}

/**
 * Writes into out[0], out[1] the cell [lo, hi] (internal units) of the grid value nearest to
 * the internal value u of a stepped or log-int dimension, clipped to the internal bounds;
 * returns false (leaving out untouched) when u lies outside the internal bounds.
 */
export function cellOf(dim: NumericalDimension, u: number, out: Float64Array): boolean {
  if (dim.kind === "stepped") {
    const lo = dim.low - dim.step / 2;
    const hi = dim.high + dim.step / 2;
    if (!(u >= lo && u <= hi)) return false;
    const n = gridSize(dim.low, dim.high, dim.step);
    let k = Math.round((u - dim.low) / dim.step);
    k = k < 0 ? 0 : k > n - 1 ? n - 1 : k;
    out[0] = k === 0 ? lo : dim.low + (k - 0.5) * dim.step;
    out[1] = k === n - 1 ? hi : dim.low + (k + 0.5) * dim.step;
    return true;
  }
  if (dim.kind === "log-int") {
    const lo = Math.log(dim.low - 0.5);
    const hi = Math.log(dim.high + 0.5);
    if (!(u >= lo && u <= hi)) return false;
    let k = Math.floor(Math.exp(u) + 0.5);
    k = k < dim.low ? dim.low : k > dim.high ? dim.high : k;
    out[0] = k === dim.low ? lo : Math.log(k - 0.5);
    out[1] = k === dim.high ? hi : Math.log(k + 0.5);
    return true;
  }
  return false;
}

/**
 * The grid value (internal units) of the cell holding internal value u, for a stepped or
 * log-int dimension, clamped to the grid: low + k·step, or log k.
 */
export function snapToGrid(dim: NumericalDimension, u: number): number {
  if (dim.kind === "stepped") {
    const n = gridSize(dim.low, dim.high, dim.step);
    let k = Math.round((u - dim.low) / dim.step);
    k = k < 0 ? 0 : k > n - 1 ? n - 1 : k;
    return k === n - 1 ? dim.high : dim.low + k * dim.step;
  }
  if (dim.kind === "log-int") {
    let k = Math.floor(Math.exp(u) + 0.5);
    k = k < dim.low ? dim.low : k > dim.high ? dim.high : k;
    return Math.log(k);
  }
  return u;
}
