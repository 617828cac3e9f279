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
 */
import { gridSize } from "../priors/validate.js";
import { normalCdf, normalQuantile } from "../special/normal.js";
import type { BoxBounds } from "./bounds.js";

/** Options of the margin correction (CMA-ES with Margin, Hamano et al. 2022). */
export interface MarginOptions {
  /**
   * Grid step per coordinate: a coordinate with step > 0 takes the values lower, lower +
   * step, … ≤ upper (its bounds must be finite); 0 marks a continuous coordinate.
   */
  readonly steps: ArrayLike<number>;
  /** Lower bound α of the marginal probability of leaving the mean's interval. @defaultValue 1/(n·λ) */
  readonly alpha?: number;
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
  private readonly grids: (Float64Array | null)[];
  private readonly thresholds: (Float64Array | null)[];

  /**
   * Builds the grids from the bounds and steps.
   * @throws RangeError naming `where` on a bad step, a discrete coordinate without finite
   *   bounds, or α outside (0, 0.5).
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
    if (!(this.alpha > 0 && this.alpha < 0.5)) {
      throw new RangeError(`${where}: margin.alpha must be in (0, 0.5), got ${this.alpha}`);
    }
    this.steps = Float64Array.from(options.steps);
    this.discrete = new Uint8Array(n);
    this.a = new Float64Array(n).fill(1);
    this.grids = [];
    this.thresholds = [];
    for (let j = 0; j < n; j++) {
      const step = this.steps[j]!;
      if (!(step >= 0 && Number.isFinite(step))) {
        throw new RangeError(`${where}: margin.steps[${j}] must be a finite number >= 0, got ${step}`);
      }
      if (step === 0) {
        this.grids.push(null);
        this.thresholds.push(null);
        continue;
      }
      const lo = bounds?.lower[j];
      const hi = bounds?.upper[j];
      if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) {
        throw new RangeError(`${where}: discrete coordinate ${j} (step ${step}) needs finite bounds`);
      }
      const k = gridSize(lo, hi, step);
      const grid = new Float64Array(k);
      for (let i = 0; i < k; i++) grid[i] = lo + i * step;
      const thr = new Float64Array(Math.max(0, k - 1));
      for (let i = 0; i + 1 < k; i++) thr[i] = (grid[i]! + grid[i + 1]!) / 2;
      this.discrete[j] = 1;
      this.grids.push(grid);
      this.thresholds.push(thr);
    }
  }

  /** True when at least one coordinate is discrete. */
  get hasDiscrete(): boolean {
    return this.discrete.includes(1);
  }

  /** Index k of the grid interval holding v: v ≤ ℓ_0 → 0, ℓ_{k−1} < v ≤ ℓ_k → k. */
  private static interval(thr: Float64Array, v: number): number {
    let lo = 0;
    let hi = thr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (thr[mid]! < v) lo = mid + 1;
      else hi = mid;
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
      const thr = this.thresholds[j];
      if (thr == null) continue;
      const v = mean[j]! + this.a[j]! * (x[j]! - mean[j]!);
      out[j] = this.grids[j]![MarginCorrection.interval(thr, v)]!;
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
      const thr = this.thresholds[j];
      if (thr == null || thr.length === 0) continue;
      const m = mean[j]!;
      const sd = sigma * this.a[j]! * Math.sqrt(diagC[j]!);
      if (!(sd > 0)) continue;
      const k = MarginCorrection.interval(thr, m);
      const last = thr.length; // interval index of the top grid value
      if (k === 0 || k === last) {
        // Edge interval: one threshold (Hamano et al. 2022, binary case).
        const l = k === 0 ? thr[0]! : thr[last - 1]!;
        const p = k === 0 ? normalCdf(-(l - m) / sd) : normalCdf((l - m) / sd);
        if (p < alpha) mean[j] = k === 0 ? l - sd * qAlpha : l + sd * qAlpha;
        continue;
      }
      // Interior interval: ℓ_low < m ≤ ℓ_up.
      const lLow = thr[k - 1]!;
      const lUp = thr[k]!;
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
