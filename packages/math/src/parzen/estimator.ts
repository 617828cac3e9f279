/**
 * Fitting a Parzen estimator to observations (see the notation in types.ts): one product
 * kernel per observation, centred on it, plus an optional prior component (centred mid-range
 * with σ = U - L in numerical dimensions, the prior probabilities in categorical ones), with
 * weights from an injectable function and bandwidths from a {@link BandwidthRule}.
 *
 * Defaults reproduce Optuna 3.1's `_ParzenEstimator` (checked against it on fixtures written
 * by `test/fixtures/parzen/optuna_parzen.py`), except that (a) continuous kernels are
 * normalized densities (Optuna 3.1's truncated-normal log-pdf omits -log σ, which later Optuna
 * versions add), (b) log-integer parameters are integrated over their cells in log space
 * (Optuna evaluates the density at log k), and (c) ties between equal centres are ordered by
 * index.
 */
import { LN_SQRT_2PI } from "../special/constants.js";
import { fastLogInsideMass, fastLogInsideMasses } from "../special/fast-normal.js";
import {
  CENTRES,
  type EstimatorArena,
  estimatorArenas,
  LOG_BASE,
  LOG_NORMALIZERS,
  SIGMAS,
  WEIGHTS,
} from "./arena.js";
import {
  type BandwidthInput,
  type ClipOptions,
  observationBandwidths,
  sharedObservationBandwidth,
} from "./bandwidth.js";
import { categoricalKernelTable } from "./categorical.js";
import { checkDimension, numericalBounds } from "./dimension.js";
import type {
  BandwidthRule,
  CategoricalKernelRule,
  DimensionKernels,
  NumericalDimension,
  ParzenDimension,
  ParzenEstimator,
} from "./types.js";
import { defaultWeights, mixtureWeights, type WeightsFunction } from "./weights.js";

/** Options of {@link buildParzenEstimator}. */
export interface ParzenEstimatorOptions {
  /**
   * Observation weights: a function of n (oldest observation first), or the n weights
   * themselves (e.g. MOTPE's hypervolume contributions). Normalized together with the prior.
   * @defaultValue {@link defaultWeights} (flat for the newest 25, a linear ramp before)
   */
  readonly weights?: WeightsFunction | ArrayLike<number>;
  /** Whether to add the prior component (always added when there are no observations). @defaultValue true */
  readonly considerPrior?: boolean;
  /** Weight of the prior component relative to the observation weights, > 0. @defaultValue 1 */
  readonly priorWeight?: number;
  /**
   * Clip bandwidths below at (U - L)/min(100, 1 + K), Bergstra et al. 2011's "magic clip",
   * instead of 1e-12. @defaultValue true
   */
  readonly considerMagicClip?: boolean;
  /**
   * Bandwidth rule of the numerical dimensions (Optuna's `consider_endpoints` is the
   * `considerEndpoints` field of the `neighbour` rule).
   * @defaultValue `{ kind: "neighbour" }` when D = 1 (Optuna's univariate TPE), else
   * `{ kind: "scaled-range", factor: 0.2 }` (Optuna's multivariate TPE)
   */
  readonly bandwidth?: BandwidthRule;
  /** Kernel of categorical dimensions without a distance. @defaultValue `{ kind: "smoothed-indicator" }` */
  readonly categoricalKernel?: CategoricalKernelRule;
  /**
   * Optional, for speed with the `neighbour` and `scott` rules: for each dimension, the indices
   * that sort its observation column ascending, ties by index (null for dimensions without
   * one). Lets a sampler that keeps sorted columns skip the O(n log n) sort of the neighbour
   * rule and the O(n) quartile selection of Scott's; checked in O(n).
   */
  readonly order?: readonly (Int32Array | null | undefined)[];
}

/**
 * Fits a Parzen estimator to n observations of D dimensions.
 *
 * @param dimensions - the D dimensions (internal space; see {@link parzenDimension}).
 * @param observations - row-major n×D internal values, oldest first: in [L, U] for numerical
 *   dimensions, an index in 0..c-1 for categorical ones.
 * @param options - see {@link ParzenEstimatorOptions}.
 * @throws RangeError if a dimension is invalid, the observations' length is not a multiple
 * of D, an observation is NaN, outside its bounds or not a valid index, or an option is out
 * of range (the message names the argument).
 * @example
 * ```ts
 * const dims = [parzenDimension(uniformPrior(-5, 5)), parzenDimension(intPrior(1, 8))];
 * const est = buildParzenEstimator(dims, Float64Array.of(0.5, 3, -1.2, 7));
 * parzenLogPdf(est, Float64Array.of(0, 4)); // log-density of one candidate
 * ```
 */
export function buildParzenEstimator(
  dimensions: readonly ParzenDimension[],
  observations: Float64Array,
  options: ParzenEstimatorOptions = {},
): ParzenEstimator {
  const nDims = dimensions.length;
  if (nDims === 0) throw new RangeError("buildParzenEstimator: dimensions must not be empty");
  for (const dim of dimensions) checkDimension(dim, "buildParzenEstimator");
  if (!(observations instanceof Float64Array)) {
    throw new TypeError("buildParzenEstimator: observations must be a Float64Array (row-major n×D)");
  }
  if (observations.length % nDims !== 0) {
    throw new RangeError(
      `buildParzenEstimator: observations length ${observations.length} is not a multiple of D=${nDims}`,
    );
  }
  const n = observations.length / nDims;
  const k = n + ((options.considerPrior ?? true) || n === 0 ? 1 : 0);
  // The centres of each dimension (observations, then the prior's), filled by one row-major
  // pass over the observations rather than one strided pass per dimension.
  const centres = dimensions.map(() => new Float64Array(k));
  if (nDims === 1) {
    centres[0]!.set(observations);
  } else {
    for (let i = 0, o = 0; i < n; i++, o += nDims) {
      for (let d = 0; d < nDims; d++) centres[d]![i] = observations[o + d]!;
    }
  }
  return assemble(dimensions, centres, n, options);
}

/**
 * {@link buildParzenEstimator} with the observations given by dimension: `columns[d]` holds
 * the n values of dimension d, oldest first (what a sampler keeping columns has at hand; it
 * saves the transposition of row-major observations).
 * @throws like buildParzenEstimator, and RangeError if the columns are not D Float64Arrays of
 * one length.
 * @example buildParzenEstimatorFromColumns(dims, [Float64Array.of(0.5, -1.2), Float64Array.of(3, 7)])
 */
export function buildParzenEstimatorFromColumns(
  dimensions: readonly ParzenDimension[],
  columns: readonly Float64Array[],
  options: ParzenEstimatorOptions = {},
): ParzenEstimator {
  return fromColumns(dimensions, columns, options, undefined);
}

/**
 * {@link buildParzenEstimatorFromColumns} with the estimator's arrays (and its evaluation
 * plan's) taken from `arena` (internal to `@tunelab/math`): the estimator is valid only until
 * the next estimator is built in the same arena (see arena.ts); same values, bit for bit.
 */
export function buildParzenEstimatorInArena(
  arena: EstimatorArena,
  dimensions: readonly ParzenDimension[],
  columns: readonly Float64Array[],
  options: ParzenEstimatorOptions,
): ParzenEstimator {
  const estimator = fromColumns(dimensions, columns, options, arena);
  estimatorArenas.set(estimator, arena);
  return estimator;
}

function fromColumns(
  dimensions: readonly ParzenDimension[],
  columns: readonly Float64Array[],
  options: ParzenEstimatorOptions,
  arena: EstimatorArena | undefined,
): ParzenEstimator {
  const nDims = dimensions.length;
  if (nDims === 0) throw new RangeError("buildParzenEstimatorFromColumns: dimensions must not be empty");
  for (const dim of dimensions) checkDimension(dim, "buildParzenEstimatorFromColumns");
  if (columns.length !== nDims) {
    throw new RangeError(
      `buildParzenEstimatorFromColumns: columns must hold one Float64Array per dimension (${nDims}), got ${columns.length}`,
    );
  }
  const n = columns[0] instanceof Float64Array ? columns[0].length : -1;
  for (let d = 0; d < nDims; d++) {
    const c = columns[d];
    if (!(c instanceof Float64Array) || c.length !== n) {
      throw new RangeError(
        `buildParzenEstimatorFromColumns: columns[${d}] must be a Float64Array of length ${n}, like columns[0]`,
      );
    }
  }
  const k = n + ((options.considerPrior ?? true) || n === 0 ? 1 : 0);
  // Copied: the estimator never keeps the caller's columns (a sampler may reuse them).
  // Pushed, not `columns.map`: the builtin map makes a packed array, and the same map inlined
  // into optimized code a holey one, and `assemble`'s code compiled for the first kind was
  // thrown away at the first of the second (issue 18: `node --trace-deopt` of a fresh TPE
  // process, "wrong map" at `centres[d]`).
  const centres: Float64Array[] = [];
  for (let d = 0; d < nDims; d++) {
    const mus = arena === undefined ? new Float64Array(k) : arena.f64(CENTRES, d, k);
    mus.set(columns[d]!);
    centres.push(mus);
  }
  return assemble(dimensions, centres, n, options, arena);
}

/**
 * The estimator from validated dimensions and centre arrays of length K (the first n entries
 * hold the observations; entry n is free for the prior's centre). With an arena, every array
 * of length K or n comes from it, each entry written before it is read.
 */
function assemble(
  dimensions: readonly ParzenDimension[],
  centres: Float64Array[],
  n: number,
  options: ParzenEstimatorOptions,
  arena?: EstimatorArena,
): ParzenEstimator {
  const nDims = dimensions.length;
  const hasPrior = (options.considerPrior ?? true) || n === 0;
  const priorWeight = options.priorWeight ?? 1;
  if (!(priorWeight > 0 && Number.isFinite(priorWeight))) {
    throw new RangeError(`buildParzenEstimator: priorWeight must be positive and finite, got ${priorWeight}`);
  }
  const k = n + (hasPrior ? 1 : 0);
  const weightsOption = options.weights ?? defaultWeights;
  const rawWeights = typeof weightsOption === "function" ? weightsOption(n) : weightsOption;
  const weights = mixtureWeights(rawWeights, n, hasPrior, priorWeight, arena?.f64(WEIGHTS, 0, k));
  const rule = options.bandwidth ?? (nDims === 1 ? { kind: "neighbour" } : { kind: "scaled-range" });
  const catRule = options.categoricalKernel ?? { kind: "smoothed-indicator" };
  const clip: ClipOptions = { considerMagicClip: options.considerMagicClip ?? true };

  const logBase = arena === undefined ? new Float64Array(k) : arena.f64(LOG_BASE, 0, k);
  for (let i = 0; i < k; i++) logBase[i] = Math.log(weights[i]!);
  const kernels: DimensionKernels[] = [];
  for (let d = 0; d < nDims; d++) {
    const dim = dimensions[d]!;
    const mus = centres[d]!;
    const column = mus.subarray(0, n);
    if (dim.kind === "categorical") {
      for (let i = 0; i < n; i++) {
        const v = column[i]!;
        if (!Number.isInteger(v) || v < 0 || v >= dim.n) {
          throw new RangeError(
            `buildParzenEstimator: observation ${i} of categorical dimension ${d} must be an index in 0..${dim.n - 1}, got ${v}`,
          );
        }
      }
      kernels.push(categoricalKernelTable(dim, column, hasPrior, priorWeight, catRule));
      continue;
    }
    const [low, high] = numericalBounds(dim);
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!(v >= low && v <= high)) {
        throw new RangeError(
          `buildParzenEstimator: observation ${i} of dimension ${d} must be in [${low}, ${high}], got ${v}`,
        );
      }
    }
    const order = options.order?.[d] ?? undefined;
    if (order !== undefined && order !== null) {
      checkOrder(order, column, d, arena === undefined ? new Uint8Array(n) : arena.zeros8(n));
    }
    if (hasPrior) mus[n] = 0.5 * (low + high);
    // The scaled-range and Scott rules give every observation one σ: computed once, and the
    // kernels then share one log σ and one batched loop.
    const input: BandwidthInput = {
      centres: mus,
      nObservations: n,
      low,
      high,
      nDimensions: nDims,
      hasPrior,
      order: order ?? undefined,
    };
    const s0 = n > 0 ? sharedObservationBandwidth(rule, input, clip) : null;
    const sigmas = arena === undefined ? new Float64Array(k) : arena.f64(SIGMAS, d, k);
    if (s0 !== null) sigmas.fill(s0);
    else sigmas.set(observationBandwidths(rule, input, clip));
    if (hasPrior) sigmas[n] = high - low;
    // Every entry is written below (the observations', then the prior's).
    const logNormalizers = arena === undefined ? new Float64Array(k) : arena.f64(LOG_NORMALIZERS, d, k);
    const continuous = dim.kind === "continuous";
    // Every centre lies inside [L, U] and σ ≤ U − L, so each Z ≥ 0.34 (see fastLogInsideMass). Equal
    // bandwidths (the scaled-range and Scott rules) share one log σ and one batched loop.
    let sharedSigma = n > 0;
    if (s0 !== null) {
      if (n > 1 && Number.isNaN(s0)) sharedSigma = false; // as the comparisons below would find
    } else {
      for (let i = 1; i < n && sharedSigma; i++) if (sigmas[i] !== sigmas[0]) sharedSigma = false;
    }
    if (sharedSigma) {
      const s0 = sigmas[0]!;
      // Visited by centre when the caller gave the order (see fastLogInsideMasses).
      fastLogInsideMasses(mus, n, low, high, s0, logNormalizers, order ?? undefined);
      const ls = continuous ? Math.log(s0) + LN_SQRT_2PI : 0;
      for (let i = 0; i < n; i++) logBase[i] = logBase[i]! - logNormalizers[i]! - ls;
    }
    let lastSigma = Number.NaN;
    let lastLogSigma = 0;
    for (let i = sharedSigma ? n : 0; i < k; i++) {
      const s = sigmas[i]!;
      const inv = 1 / s;
      const logZ = fastLogInsideMass((low - mus[i]!) * inv, (high - mus[i]!) * inv);
      logNormalizers[i] = logZ;
      if (continuous && s !== lastSigma) {
        lastSigma = s;
        lastLogSigma = Math.log(s) + LN_SQRT_2PI;
      }
      logBase[i] = logBase[i]! - logZ - (continuous ? lastLogSigma : 0);
    }
    kernels.push({
      kind: "truncated-normal",
      dimension: dim as NumericalDimension,
      low,
      high,
      mus,
      sigmas,
      logNormalizers,
    });
  }
  return {
    kind: "parzen-estimator",
    dimensions: dimensions.slice(),
    nObservations: n,
    nComponents: k,
    hasPrior,
    weights,
    kernels,
    logBase,
  };
}

/** Checks that `order` is a permutation sorting `column` ascending (`seen`: n zeros). */
function checkOrder(order: Int32Array, column: Float64Array, d: number, seen: Uint8Array): void {
  const n = column.length;
  if (order.length !== n) {
    throw new RangeError(`buildParzenEstimator: order[${d}] must have length ${n}, got ${order.length}`);
  }
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const o = order[i]!;
    if (!(o >= 0 && o < n) || seen[o]) {
      throw new RangeError(`buildParzenEstimator: order[${d}] must be a permutation of 0..${n - 1}`);
    }
    seen[o] = 1;
    const v = column[o]!;
    if (v < prev)
      throw new RangeError(`buildParzenEstimator: order[${d}] does not sort dimension ${d} ascending`);
    prev = v;
  }
}
