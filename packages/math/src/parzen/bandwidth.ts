/**
 * Bandwidth rules of the Parzen estimator (see `BandwidthRule` in types.ts) and the magic
 * clip. All functions work on one numerical dimension in internal units.
 *
 * References: Bergstra, Bardenet, Bengio, Kégl, "Algorithms for hyper-parameter optimization"
 * (NeurIPS 2011), §4.1; Optuna 3.1 `_ParzenEstimator._calculate_numerical_params`; Scott,
 * "Multivariate density estimation" (1992), §6.3; Watanabe, "Tree-structured Parzen
 * estimator: understanding its algorithm components and their roles for better empirical
 * performance" (arXiv:2304.11127), §3 (bandwidth selection and the magic clip).
 */
import { ascendingOrder } from "../pareto/order.js";
import { quickselect } from "../stats/quickselect.js";
import type { BandwidthRule } from "./types.js";

/** Optuna's lower bound of σ without the magic clip. */
const EPS = 1e-12;

/** Options of {@link neighbourBandwidths}. */
export interface NeighbourOptions {
  /** Lower internal bound L, the left frame of the first centre. */
  readonly low: number;
  /** Upper internal bound U, the right frame of the last centre. */
  readonly high: number;
  /**
   * Let the first and last centres also measure their distance to the bounds (with K ≥ 2;
   * one centre always does). @defaultValue false (Optuna's `consider_endpoints`)
   */
  readonly considerEndpoints?: boolean;
  /**
   * Indices sorting the centres ascending, ties by index. Samplers that keep their
   * observations sorted pass it to skip the O(K log K) sort. @defaultValue computed
   */
  readonly order?: Int32Array | undefined;
}

/**
 * Neighbour-distance bandwidths (Bergstra et al. 2011; Optuna's univariate rule): with the K
 * centres sorted and framed by the bounds, e_0 = L ≤ c_1 ≤ ... ≤ c_K ≤ e_{K+1} = U, each
 * centre gets σ = max(c_i - c_{i-1}, c_{i+1} - c_i). Without `considerEndpoints` (and K ≥ 2)
 * the first and last centres use only their inner neighbour. Ties are ordered by index
 * (a stable sort), so equal centres get deterministic bandwidths.
 *
 * @param centres - the K centres (observations, then the prior's centre if present).
 * @param options - the bounds, endpoints, and an optional sorting order.
 * @returns K bandwidths (before clipping), aligned with `centres`.
 * @example neighbourBandwidths(Float64Array.of(0.6, 0.05, 0.5), { low: 0, high: 1 }) // [0.1, 0.45, 0.45]
 */
export function neighbourBandwidths(centres: Float64Array, options: NeighbourOptions): Float64Array {
  const { low, high } = options;
  const k = centres.length;
  const sigmas = new Float64Array(k);
  if (k === 0) return sigmas;
  const idx = options.order ?? stableOrder(centres);
  // Walk the sorted centres keeping the previous, current and next values.
  let prev = low;
  let cur = centres[idx[0]!]!;
  for (let i = 0; i < k; i++) {
    const next = i + 1 < k ? centres[idx[i + 1]!]! : high;
    const left = cur - prev;
    const right = next - cur;
    sigmas[idx[i]!] = left > right ? left : right;
    prev = cur;
    cur = next;
  }
  if (!(options.considerEndpoints ?? false) && k >= 2) {
    sigmas[idx[0]!] = centres[idx[1]!]! - centres[idx[0]!]!;
    sigmas[idx[k - 1]!] = centres[idx[k - 1]!]! - centres[idx[k - 2]!]!;
  }
  return sigmas;
}

/**
 * Indices sorting `values` ascending, ties by index (a stable argsort built on the native
 * numeric sort; see `pareto/order.ts`).
 * @example stableOrder(Float64Array.of(3, 1, 3, 2)) // [1, 3, 0, 2]
 */
export function stableOrder(values: Float64Array): Int32Array {
  return ascendingOrder(values);
}

/**
 * Optuna's multivariate rule, σ = factor·max(n, 1)^{-1/(D+4)}·(high - low), the same for
 * every observation: Scott's exponent applied to the range of the dimension.
 */
export function scaledRangeBandwidth(n: number, nDimensions: number, range: number, factor: number): number {
  return factor * Math.max(n, 1) ** (-1 / (nDimensions + 4)) * range;
}

/**
 * Scott's rule of thumb with the spread of the centres: factor·min(sd, IQR/1.34)·m^{-1/(D+4)}
 * over the m centres (sd with m - 1 degrees of freedom; IQR with linear interpolation between
 * order statistics, as numpy's percentile). Returns 0 when m < 2 or the centres are all equal
 * (the clip then sets the bandwidth).
 * @param order - optional: indices sorting `centres` ascending; the quartiles are then read
 *   from it in O(1) instead of selected in O(m). It may also sort only the first m - 1
 *   centres (ties by index); the last one is then placed after the equal centres before it,
 *   in O(log m).
 */
export function scottBandwidth(
  centres: Float64Array,
  nDimensions: number,
  factor: number,
  order?: Int32Array,
): number {
  const m = centres.length;
  if (m < 2) return 0;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += centres[i]!;
  mean /= m;
  let ss = 0;
  for (let i = 0; i < m; i++) {
    const dv = centres[i]! - mean;
    ss += dv * dv;
  }
  const sd = Math.sqrt(ss / (m - 1));
  const iqr = order === undefined ? quartileSpread(centres.slice()) : sortedQuartileSpread(centres, order);
  const spread = Math.min(sd, iqr / 1.34);
  return factor * spread * m ** (-1 / (nDimensions + 4));
}

/**
 * Q3 - Q1 (linear interpolation, as `quantile` of stats/) of `work`, by selection; reorders
 * `work`. Q3 is selected first, then Q1 only left of Q3's index, each next order statistic
 * being the minimum of the range right of the one selected: one copy and 1.3 selections
 * instead of `quantile(values, 0.75) - quantile(values, 0.25)` (two copies, two full
 * selections; the same value), which measured 1.1-1.35× the CPU time of building a 10-D
 * estimator with Scott's rule at n = 1000 and 10,000 (issue 19:
 * `npm run ts -- benchmarks/micro/parzen.ts --against <tree> --only Scott`). This runs for
 * every dimension of every estimator without a sorting order, on up to 10,000 centres.
 */
function quartileSpread(work: Float64Array): number {
  const m = work.length;
  const p3 = 0.75 * (m - 1);
  const i3 = Math.floor(p3);
  const a3 = quickselect(work, i3, 0, m - 1);
  const b3 = i3 + 1 < m ? minOf(work, i3 + 1, m) : a3;
  const q3 = a3 + (p3 - i3) * (b3 - a3);
  const p1 = 0.25 * (m - 1);
  const i1 = Math.floor(p1);
  const a1 = quickselect(work, i1, 0, i3);
  const b1 = i1 + 1 <= i3 ? minOf(work, i1 + 1, i3 + 1) : b3;
  const q1 = a1 + (p1 - i1) * (b1 - a1);
  return q3 - q1;
}

/** The minimum of a[from..to). */
function minOf(a: Float64Array, from: number, to: number): number {
  let b = a[from]!;
  for (let j = from + 1; j < to; j++) if (a[j]! < b) b = a[j]!;
  return b;
}

/**
 * Q3 - Q1 (linear interpolation) of `values` read through a sorting `order`. When `order`
 * sorts only the first m - 1 values, the last one is read as if inserted after the equal
 * values that precede it (where {@link insertIntoOrder} puts it), without building that order.
 */
function sortedQuartileSpread(values: Float64Array, order: Int32Array): number {
  const m = values.length;
  // Rank of the inserted last value: the number of ordered values ≤ it (binary search).
  let at = order.length;
  if (order.length === m - 1) {
    const c = values[m - 1]!;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[order[mid]!]! > c) hi = mid;
      else lo = mid + 1;
    }
    at = lo;
  }
  const rank = (r: number): number =>
    r < at ? values[order[r]!]! : r === at ? values[m - 1]! : values[order[r - 1]!]!;
  const q = (p: number): number => {
    const pos = p * (m - 1);
    const i = Math.floor(pos);
    const a = rank(i);
    return i + 1 < m ? a + (pos - i) * (rank(i + 1) - a) : a;
  };
  return q(0.75) - q(0.25);
}

/** How observation bandwidths are clipped (see {@link clipBounds}). */
export interface ClipOptions {
  /**
   * Lower-clip at (U - L)/min(100, 1 + K), Bergstra et al. 2011's "magic clip", instead of
   * 1e-12. (`ParzenEstimatorOptions.considerMagicClip` defaults it to true.)
   */
  readonly considerMagicClip: boolean;
}

/**
 * The clip applied to every observation bandwidth: to [minσ, high - low] with
 * minσ = (high - low)/min(100, 1 + K) under the magic clip (Bergstra et al. 2011; K counts
 * the prior component) and 1e-12 otherwise.
 * @example clipBounds(10, 6, { considerMagicClip: true }) // [10/7, 10]
 */
export function clipBounds(range: number, nComponents: number, clip: ClipOptions): [number, number] {
  const min = clip.considerMagicClip ? range / Math.min(100, 1 + nComponents) : EPS;
  return [min, range];
}

/**
 * One numerical dimension of an estimator being fitted, as the bandwidth rules see it
 * (internal units; see the notation in types.ts).
 */
export interface BandwidthInput {
  /**
   * The kernel centres: the n observations, followed by the prior's centre (low + high)/2
   * when `hasPrior` (length n + 1 then, else n).
   */
  readonly centres: Float64Array;
  /** Number of observations n. */
  readonly nObservations: number;
  /** Lower internal bound L. */
  readonly low: number;
  /** Upper internal bound U. */
  readonly high: number;
  /** Number of dimensions D of the estimator. */
  readonly nDimensions: number;
  /** Whether the prior component is present. */
  readonly hasPrior: boolean;
  /**
   * Optional, for the `neighbour` and `scott` rules: indices sorting the n observation
   * centres ascending, ties by index.
   */
  readonly order?: Int32Array | undefined;
}

/**
 * The one bandwidth that the `scaled-range` and `scott` rules give every observation
 * component, clipped as {@link observationBandwidths} clips it; null for the other rules.
 * @throws RangeError if a factor is not positive and finite, or `order` has the wrong length.
 */
export function sharedObservationBandwidth(
  rule: BandwidthRule,
  input: BandwidthInput,
  clip: ClipOptions,
): number | null {
  const { centres, nObservations: n, low, high, nDimensions, hasPrior, order } = input;
  const range = high - low;
  let s: number;
  if (rule.kind === "scaled-range") {
    s = scaledRangeBandwidth(n, nDimensions, range, checkFactor(rule.factor ?? 0.2, "scaled-range"));
  } else if (rule.kind === "scott") {
    const factor = checkFactor(rule.factor ?? 1.059, "scott");
    if (order !== undefined && order.length !== n) {
      throw new RangeError(`buildParzenEstimator: order must have length ${n}, got ${order.length}`);
    }
    s = scottBandwidth(hasPrior ? centres : centres.subarray(0, n), nDimensions, factor, order);
  } else {
    return null;
  }
  const [min, max] = clipBounds(range, n + (hasPrior ? 1 : 0), clip);
  return s < min ? min : s > max ? max : s;
}

/**
 * The bandwidths of the n observation components of one numerical dimension under `rule`,
 * clipped (the prior component's σ = high - low is set by the caller).
 * @throws RangeError if a custom rule returns the wrong length or a NaN/negative bandwidth,
 * a factor is not positive and finite, or `order` has the wrong length.
 */
export function observationBandwidths(
  rule: BandwidthRule,
  input: BandwidthInput,
  clip: ClipOptions,
): Float64Array {
  const { centres, nObservations: n, low, high, nDimensions, hasPrior, order } = input;
  const range = high - low;
  let sigmas: Float64Array;
  switch (rule.kind) {
    case "neighbour": {
      // The prior's centre takes part in the neighbour distances (Optuna 3.1).
      const ord = hasPrior && order !== undefined ? insertIntoOrder(order, centres, n) : order;
      sigmas = neighbourBandwidths(hasPrior ? centres : centres.subarray(0, n), {
        low,
        high,
        considerEndpoints: rule.considerEndpoints ?? false,
        order: ord,
      }).subarray(0, n);
      break;
    }
    case "scaled-range":
    case "scott": {
      sigmas = new Float64Array(n).fill(sharedObservationBandwidth(rule, input, clip)!);
      break;
    }
    case "custom": {
      const out = rule.sigmas({ mus: centres.subarray(0, n), low, high, nDimensions, hasPrior });
      if (out.length !== n) {
        throw new RangeError(
          `buildParzenEstimator: custom bandwidth rule returned ${out.length} sigmas, expected ${n}`,
        );
      }
      sigmas = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const s = out[i]!;
        if (!(s >= 0))
          throw new RangeError(`buildParzenEstimator: custom bandwidth sigmas[${i}]=${s} is not >= 0`);
        sigmas[i] = s;
      }
      break;
    }
    default:
      throw new TypeError(`buildParzenEstimator: unknown bandwidth rule ${(rule as { kind: unknown }).kind}`);
  }
  const [min, max] = clipBounds(range, n + (hasPrior ? 1 : 0), clip);
  for (let i = 0; i < n; i++) {
    const s = sigmas[i]!;
    sigmas[i] = s < min ? min : s > max ? max : s;
  }
  return sigmas;
}

function checkFactor(factor: number, rule: string): number {
  if (!(factor > 0 && Number.isFinite(factor))) {
    throw new RangeError(
      `buildParzenEstimator: the ${rule} bandwidth factor must be positive and finite, got ${factor}`,
    );
  }
  return factor;
}

/**
 * Extends a stable ascending order of the first n centres with centre n (the prior's),
 * placed after the equal centres that precede it in index order: O(n).
 */
function insertIntoOrder(order: Int32Array, centres: Float64Array, n: number): Int32Array {
  if (order.length !== n) {
    throw new RangeError(`buildParzenEstimator: order must have length ${n}, got ${order.length}`);
  }
  const c = centres[n]!;
  const out = new Int32Array(n + 1);
  let j = 0;
  let placed = false;
  for (let i = 0; i < n; i++) {
    const o = order[i]!;
    if (!placed && centres[o]! > c) {
      out[j++] = n;
      placed = true;
    }
    out[j++] = o;
  }
  if (!placed) out[j] = n;
  return out;
}
