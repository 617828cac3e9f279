/**
 * Margin correction for integer and other stepped coordinates: Hamano, Saito, Nomura and
 * Shirakawa, "CMA-ES with Margin: Lower-Bounding Marginal Probability for Mixed-Integer
 * Black-Box Optimization", GECCO 2022 (arXiv:2205.13482), "margin correction". (Equation
 * numbers of that paper are not quoted here because we could not check them against the
 * published version; the steps below name the case of the paper they implement.)
 *
 * Notation: a discrete coordinate j takes the grid values z_{j,1} < … < z_{j,K} (lower_j +
 * k·step_j); ℓ_{j,k} = (z_{j,k} + z_{j,k+1})/2 are the thresholds between them. A candidate
 * x drawn from N(m, σ²C) is encoded (evaluated) as the grid value whose interval contains
 * m_j + A_j (x_j − m_j), with a diagonal scaling A (initially I) that the correction adapts.
 * After each CMA update the marginal probability that coordinate j leaves the interval of
 * m_j must stay ≥ α:
 *
 * - edge interval (m_j below ℓ_{j,1} or above ℓ_{j,K−1}; every binary variable): if
 *   Pr(cross the single threshold ℓ) < α, move m_j to ℓ ∓ σA_j√C_jj · Φ⁻¹(1 − α)
 *   (the paper's correction of binary variables), A unchanged;
 * - interior interval (ℓ_low < m_j ≤ ℓ_up): lower-bound both tail probabilities
 *   p_low = Pr(x_j < ℓ_low) and p_up = Pr(x_j > ℓ_up) by α/2, take the excess from the three
 *   probabilities (low, middle, up) in proportion to what each has above α/2, and solve
 *   m_j − ℓ_low = σA_j√C_jj·Φ⁻¹(1 − p_low'), ℓ_up − m_j = σA_j√C_jj·Φ⁻¹(1 − p_up') for the
 *   new A_j and m_j (the paper's correction of integer variables).
 *
 * The default margin is α = 1/(nλ), the paper's recommended setting.
 *
 * Nothing here depends on the width of a range: the grid of coordinate j is described by
 * lower_j, step_j and its number of values K_j alone. z_{j,k} = lower_j + k·step_j and
 * ℓ_{j,k} = (z_{j,k} + z_{j,k+1})/2 are computed when needed (O(1) memory per coordinate, so
 * K up to 2^53 values), and the interval of a value v is found from the closed form
 * k ≈ ⌊(v − lower_j)/step_j + 1/2⌋, clamped to [0, K_j − 1], then settled by comparing v with
 * the thresholds next to k (rounding can put the closed form one interval off when v lies
 * within a few ulps of a threshold, and at K near 2^53 the +1/2 itself rounds). The thresholds
 * are the midpoints of the computed grid values, not lower + (k + ½)·step, so that the
 * interval of every v, and with it every result, is bit for bit what it was when the grid and
 * the thresholds were materialized as arrays (they were built with these same expressions).
 */
import { gridSize } from "../priors/validate.js";
import { normalCdf, normalQuantile } from "../special/normal.js";
import type { BoxBounds } from "./bounds.js";

/**
 * The margin's own setting, without the grid: what a caller that derives the grid from
 * elsewhere takes (e.g. `CmaEsSampler`, whose grids come from the search space).
 */
export interface MarginSettings {
  /**
   * Lower bound α of the marginal probability of leaving the mean's interval, in (0, 0.5).
   * @defaultValue 1/(n·λ) (Hamano et al. 2022, the recommended setting)
   */
  readonly alpha?: number;
}

/** Options of the margin correction (CMA-ES with Margin, Hamano et al. 2022). */
export interface MarginOptions extends MarginSettings {
  /**
   * Grid step per coordinate: a coordinate with step > 0 takes the values lower, lower +
   * step, … ≤ upper (its bounds must be finite, and the grid at most 2^53 values long);
   * 0 marks a continuous coordinate.
   */
  readonly steps: ArrayLike<number>;
}

/**
 * Checks a margin setting (for callers without types).
 * @param where - the caller, for the error message.
 * @param margin - the record as given.
 * @param path - the option's name in the caller's options. @defaultValue "margin"
 * @throws TypeError unless `margin` is a record; RangeError on an α outside (0, 0.5).
 */
export function checkMarginSettings(where: string, margin: MarginSettings, path = "margin"): void {
  if (margin === null || typeof margin !== "object") {
    throw new TypeError(`${where}: ${path} must be a record ({} for the default α) or null`);
  }
  checkAlpha(where, margin.alpha, path);
}

function checkAlpha(where: string, alpha: number | undefined, path: string): void {
  if (alpha !== undefined && !(alpha > 0 && alpha < 0.5)) {
    throw new RangeError(`${where}: ${path}.alpha must be in (0, 0.5), got ${alpha}`);
  }
}

/** The largest number of grid values of one coordinate: 2^53, so that every index k is exact. */
export const MARGIN_MAX_VALUES: number = 2 ** 53;

/**
 * Number of grid values lower, lower + step, … ≤ upper (`gridSize` of the priors, which
 * tolerates rounding in (upper − lower)/step); when upper − lower overflows (e.g. ±1e308),
 * the same count from the halved bounds and step, which give the same ratio.
 */
function gridCount(lower: number, upper: number, step: number): number {
  return Number.isFinite(upper - lower)
    ? gridSize(lower, upper, step)
    : gridSize(lower / 2, upper / 2, step / 2);
}

/** The discrete part of a problem and the margin state (the diagonal scaling A). */
export class MarginCorrection {
  /** Margin α. */
  readonly alpha: number;
  /** Steps per coordinate (0 = continuous). */
  readonly steps: Float64Array;
  /** 1 for discrete coordinates, 0 for continuous ones. */
  readonly discrete: Uint8Array;
  /** Diagonal of A (1 on continuous coordinates). */
  readonly a: Float64Array;
  /** lower_j: the first grid value (0 on continuous coordinates). */
  private readonly lower: Float64Array;
  /** K_j: the number of grid values (0 on continuous coordinates). */
  private readonly count: Float64Array;

  /**
   * Reads the grids from the bounds and steps (lower_j, step_j and K_j; no grid is built).
   * @throws RangeError naming `where` on a bad step, a discrete coordinate without finite
   *   bounds or with more than 2^53 grid values, or α outside (0, 0.5).
   */
  constructor(where: string, options: MarginOptions, bounds: BoxBounds | null, n: number, lambda: number) {
    if (
      options === null ||
      typeof options !== "object" ||
      options.steps == null ||
      options.steps.length !== n
    ) {
      throw new RangeError(`${where}: margin.steps must be an array of length ${n}`);
    }
    this.alpha = options.alpha ?? 1 / (n * lambda);
    checkAlpha(where, this.alpha, "margin");
    this.steps = Float64Array.from(options.steps);
    this.discrete = new Uint8Array(n);
    this.a = new Float64Array(n).fill(1);
    this.lower = new Float64Array(n);
    this.count = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const step = this.steps[j]!;
      if (!(step >= 0 && Number.isFinite(step))) {
        throw new RangeError(`${where}: margin.steps[${j}] must be a finite number >= 0, got ${step}`);
      }
      if (step === 0) continue;
      const lo = bounds?.lower[j];
      const hi = bounds?.upper[j];
      if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) {
        throw new RangeError(`${where}: discrete coordinate ${j} (step ${step}) needs finite bounds`);
      }
      const k = gridCount(lo, hi, step);
      if (!(k <= MARGIN_MAX_VALUES)) {
        throw new RangeError(
          `${where}: margin.steps[${j}] = ${step} on [${lo}, ${hi}] makes ${k.toPrecision(4)} grid values, more than the 2^53 supported (use a larger step, or step 0 for a continuous coordinate)`,
        );
      }
      this.discrete[j] = 1;
      this.lower[j] = lo;
      this.count[j] = k;
    }
  }

  /** True when at least one coordinate is discrete. */
  get hasDiscrete(): boolean {
    return this.discrete.includes(1);
  }

  /** The number of grid values K_j of coordinate j (0 for a continuous one). */
  gridCount(j: number): number {
    return this.count[j]!;
  }

  /** z_{j,k} = lower_j + k·step_j (from the halves when k·step_j overflows, e.g. on ±1e308). */
  private value(j: number, k: number): number {
    const z = this.lower[j]! + k * this.steps[j]!;
    return Number.isFinite(z) ? z : 2 * (this.lower[j]! / 2 + k * (this.steps[j]! / 2));
  }

  /** ℓ_{j,k} = (z_{j,k} + z_{j,k+1})/2, 0 ≤ k ≤ K_j − 2 (halves first if the sum overflows). */
  private threshold(j: number, k: number): number {
    const a = this.value(j, k);
    const b = this.value(j, k + 1);
    const t = (a + b) / 2;
    return Number.isFinite(t) ? t : a / 2 + b / 2;
  }

  /**
   * Index k of the grid interval of coordinate j holding v: the number of thresholds below v
   * (v ≤ ℓ_0 → 0, ℓ_{k−1} < v ≤ ℓ_k → k, v > ℓ_{K−2} → K − 1; NaN → 0). Starts from the
   * closed form ⌊(v − lower)/step + 1/2⌋ clamped to [0, K − 1] and settles it against the
   * thresholds themselves, galloping outwards in the (never seen) case that rounding put the
   * closed form more than one interval off; O(1) for every v in practice, O(log K) at worst.
   */
  interval(j: number, v: number): number {
    const last = this.count[j]! - 1;
    if (last <= 0) return 0;
    // done(k): k is the interval of v or one above it (k = last, or not ℓ_k < v; true for
    // every k when v is NaN). The answer is the least k with done(k).
    const done = (k: number): boolean => k === last || !(this.threshold(j, k) < v);
    const lower = this.lower[j]!;
    const step = this.steps[j]!;
    let r = (v - lower) / step;
    if (r === Number.POSITIVE_INFINITY || r === Number.NEGATIVE_INFINITY)
      r = (v / 2 - lower / 2) / (step / 2);
    const e0 = Math.floor(r + 0.5);
    const e = e0 > 0 ? (e0 < last ? e0 : last) : 0; // NaN → 0
    let lo: number;
    let hi: number;
    if (done(e)) {
      // The answer is e or below: gallop down until done() fails (usually at e − 1).
      hi = e;
      lo = 0;
      for (let d = 1; e - d >= 0; d *= 2) {
        if (!done(e - d)) {
          lo = e - d + 1;
          break;
        }
        hi = e - d;
      }
    } else {
      // The answer is above e: gallop up until done() holds.
      lo = e + 1;
      hi = last;
      for (let d = 1; e + d < last; d *= 2) {
        if (done(e + d)) {
          hi = e + d;
          break;
        }
        lo = e + d + 1;
      }
    }
    // The least k in [lo, hi] with done(k); done(hi) holds.
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (done(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * The point to evaluate for a raw candidate x: each discrete coordinate j becomes the grid
   * value whose interval holds m_j + A_j (x_j − m_j); continuous coordinates are copied.
   */
  encode(x: Float64Array, mean: Float64Array): Float64Array {
    const out = Float64Array.from(x);
    for (let j = 0; j < out.length; j++) {
      if (this.discrete[j] !== 1) continue;
      const v = mean[j]! + this.a[j]! * (x[j]! - mean[j]!);
      out[j] = this.value(j, this.interval(j, v));
    }
    return out;
  }

  /**
   * Applies the margin correction to `mean` (in place) and to A, given the updated σ and the
   * diagonal of C (Hamano et al. 2022).
   */
  correct(mean: Float64Array, sigma: number, diagC: Float64Array): void {
    const alpha = this.alpha;
    const qAlpha = -normalQuantile(alpha); // Φ⁻¹(1 − α)
    for (let j = 0; j < mean.length; j++) {
      if (this.discrete[j] !== 1 || this.count[j]! < 2) continue;
      const m = mean[j]!;
      const sd = sigma * this.a[j]! * Math.sqrt(diagC[j]!);
      if (!(sd > 0)) continue;
      const k = this.interval(j, m);
      const last = this.count[j]! - 1; // interval index of the top grid value
      if (k === 0 || k === last) {
        // Edge interval: one threshold (Hamano et al. 2022, binary case).
        const l = k === 0 ? this.threshold(j, 0) : this.threshold(j, last - 1);
        const p = k === 0 ? normalCdf(-(l - m) / sd) : normalCdf((l - m) / sd);
        if (p < alpha) mean[j] = k === 0 ? l - sd * qAlpha : l + sd * qAlpha;
        continue;
      }
      // Interior interval: ℓ_low < m ≤ ℓ_up.
      const lLow = this.threshold(j, k - 1);
      const lUp = this.threshold(j, k);
      const pLow0 = normalCdf((lLow - m) / sd);
      const pUp0 = normalCdf(-(lUp - m) / sd);
      const half = alpha / 2;
      if (pLow0 >= half && pUp0 >= half) continue;
      // Hamano et al. (2022), integer case: raise the tails to α/2 and take the excess from
      // the three probabilities in proportion to their share above α/2.
      const pMid = 1 - pLow0 - pUp0;
      const pLow1 = Math.max(pLow0, half);
      const pUp1 = Math.max(pUp0, half);
      const deficit = 1 - pLow1 - pUp1 - pMid; // ≤ 0
      const spare = pLow1 + pUp1 + pMid - 3 * half;
      let pLow = pLow1 + (deficit * (pLow1 - half)) / spare;
      let pUp = pUp1 + (deficit * (pUp1 - half)) / spare;
      pLow = Math.min(Math.max(pLow, 1e-10), 0.5 - 1e-10);
      pUp = Math.min(Math.max(pUp, 1e-10), 0.5 - 1e-10);
      // Solve the two tail equations for A_j and m_j (Hamano et al. 2022).
      const qLow = -normalQuantile(pLow);
      const qUp = -normalQuantile(pUp);
      const sdC = sigma * Math.sqrt(diagC[j]!);
      this.a[j] = (lUp - lLow) / ((qLow + qUp) * sdC);
      mean[j] = (lLow * qUp + lUp * qLow) / (qLow + qUp);
    }
  }
}
