/**
 * Learning-rate adaptation of CMA-ES (LRA-CMA-ES): Nomura, Akimoto and Ono, "CMA-ES with
 * Learning Rate Adaptation: Can CMA-ES with Default Population Size Solve Multimodal and
 * Noisy Problems?", GECCO 2023 (arXiv:2304.03473); the update order follows the authors'
 * reference code (github.com/nomuramasahir0/cma-learning-rate-adaptation, read, not copied).
 *
 * Notation: θ ∈ {m, Σ} with Σ = σ²C. One CMA step proposes Δ_m = m' − m and
 * Δ_Σ = σ'²C' − σ²C; in the local coordinates of the current distribution these are
 * Δ̃_m = Σ^{-1/2} Δ_m and Δ̃_Σ = vec(Σ^{-1/2} Δ_Σ Σ^{-1/2}) / √2 (Fisher-metric scaling).
 * Exponential moving averages with rate β_θ,
 *   E_θ ← (1 − β_θ) E_θ + β_θ Δ̃_θ,   V_θ ← (1 − β_θ) V_θ + β_θ ‖Δ̃_θ‖²,
 * estimate the signal-to-noise ratio
 *   SNR_θ = (‖E_θ‖² − β_θ/(2 − β_θ) V_θ) / (V_θ − ‖E_θ‖²),
 * and the learning rate follows it toward SNR_θ = α·η_θ:
 *   η_θ ← min(1, η_θ · exp(min(γ η_θ, β_θ) · clip(SNR_θ/(α η_θ) − 1, −1, 1))).
 * The applied step is θ ← θ + η_θ Δ_θ; σ is then det(Σ)^{1/(2n)}, C = Σ/σ², and σ is
 * multiplied by η_m(before)/η_m(after). Defaults α = 1.4, β_m = 0.1, β_Σ = 0.03, γ = 0.1
 * are the paper's.
 */

/** Hyperparameters of {@link LearningRateAdaptation}. */
export interface LraOptions {
  /** Target ratio α of SNR to learning rate. @defaultValue 1.4 */
  readonly alpha?: number;
  /** Moving-average rate β_m for the mean. @defaultValue 0.1 */
  readonly betaMean?: number;
  /** Moving-average rate β_Σ for the covariance. @defaultValue 0.03 */
  readonly betaSigma?: number;
  /** Cap factor γ on the per-step change of η. @defaultValue 0.1 */
  readonly gamma?: number;
}

/**
 * Checks the hyperparameters and fills in the defaults.
 * @param where - the caller, for the error message (e.g. "CmaEs").
 * @param options - the record as given.
 * @param path - the option's name in the caller's options. @defaultValue "learningRateAdaptation"
 * @throws TypeError unless `options` is an object; RangeError naming `where` and the field on a
 *   hyperparameter outside its range (α > 0, β in (0, 1], γ > 0).
 */
export function resolveLraOptions(
  where: string,
  options: LraOptions,
  path = "learningRateAdaptation",
): Required<LraOptions> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `${where}: ${path} must be a record of hyperparameters ({} for the paper's) or null, got ${String(options)}`,
    );
  }
  const alpha = options.alpha ?? 1.4;
  const betaMean = options.betaMean ?? 0.1;
  const betaSigma = options.betaSigma ?? 0.03;
  const gamma = options.gamma ?? 0.1;
  const check = (name: string, v: number, ok: boolean, range: string): void => {
    if (!ok) throw new RangeError(`${where}: ${path}.${name} must be ${range}, got ${v}`);
  };
  check("alpha", alpha, alpha > 0 && Number.isFinite(alpha), "a finite number > 0");
  check("betaMean", betaMean, betaMean > 0 && betaMean <= 1, "in (0, 1]");
  check("betaSigma", betaSigma, betaSigma > 0 && betaSigma <= 1, "in (0, 1]");
  check("gamma", gamma, gamma > 0 && Number.isFinite(gamma), "a finite number > 0");
  return { alpha, betaMean, betaSigma, gamma };
}

/** Serialized {@link LearningRateAdaptation}. */
export interface LraState {
  /** Hyperparameters. */
  readonly alpha: number;
  /** β_m. */
  readonly betaMean: number;
  /** β_Σ. */
  readonly betaSigma: number;
  /** γ. */
  readonly gamma: number;
  /** η_m. */
  readonly etaMean: number;
  /** η_Σ. */
  readonly etaSigma: number;
  /** E_m (length n). */
  readonly eMean: readonly number[];
  /** E_Σ (length n², row-major). */
  readonly eSigma: readonly number[];
  /** V_m. */
  readonly vMean: number;
  /** V_Σ. */
  readonly vSigma: number;
}

/** The learning rates η_m, η_Σ and their SNR estimators. */
export class LearningRateAdaptation {
  /** α. */
  readonly alpha: number;
  /** β_m. */
  readonly betaMean: number;
  /** β_Σ. */
  readonly betaSigma: number;
  /** γ. */
  readonly gamma: number;
  /** Current η_m. */
  etaMean = 1;
  /** Current η_Σ. */
  etaSigma = 1;
  private readonly eMean: Float64Array;
  private readonly eSigma: Float64Array;
  private vMean = 0;
  private vSigma = 0;

  /** @throws as {@link resolveLraOptions}. */
  constructor(where: string, n: number, options: LraOptions = {}) {
    const o = resolveLraOptions(where, options);
    this.alpha = o.alpha;
    this.betaMean = o.betaMean;
    this.betaSigma = o.betaSigma;
    this.gamma = o.gamma;
    this.eMean = new Float64Array(n);
    this.eSigma = new Float64Array(n * n);
  }

  /**
   * One adaptation step from the local-coordinate updates Δ̃_m (length n) and Δ̃_Σ (n×n,
   * already divided by √2). Updates η_m and η_Σ.
   */
  adapt(locMean: Float64Array, locSigma: Float64Array): void {
    this.etaMean = this.step(this.eMean, locMean, "mean");
    this.etaSigma = this.step(this.eSigma, locSigma, "sigma");
  }

  private step(e: Float64Array, delta: Float64Array, which: "mean" | "sigma"): number {
    const beta = which === "mean" ? this.betaMean : this.betaSigma;
    let sq = 0;
    let eNorm2 = 0;
    for (let i = 0; i < e.length; i++) {
      const d = delta[i]!;
      sq += d * d;
      const v = (1 - beta) * e[i]! + beta * d;
      e[i] = v;
      eNorm2 += v * v;
    }
    const vPrev = which === "mean" ? this.vMean : this.vSigma;
    const vNew = (1 - beta) * vPrev + beta * sq;
    if (which === "mean") this.vMean = vNew;
    else this.vSigma = vNew;
    const eta = which === "mean" ? this.etaMean : this.etaSigma;
    const snr = (eNorm2 - (beta / (2 - beta)) * vNew) / (vNew - eNorm2);
    let rel = snr / (this.alpha * eta) - 1;
    // A zero-variance history (identical steps) gives 0/0: treat as no information.
    if (Number.isNaN(rel)) rel = 0;
    rel = Math.min(1, Math.max(-1, rel));
    return Math.min(1, eta * Math.exp(Math.min(this.gamma * eta, beta) * rel));
  }

  /** A JSON-safe copy of the state. */
  getState(): LraState {
    return {
      alpha: this.alpha,
      betaMean: this.betaMean,
      betaSigma: this.betaSigma,
      gamma: this.gamma,
      etaMean: this.etaMean,
      etaSigma: this.etaSigma,
      eMean: Array.from(this.eMean),
      eSigma: Array.from(this.eSigma),
      vMean: this.vMean,
      vSigma: this.vSigma,
    };
  }

  /** Restores from {@link LearningRateAdaptation.getState}. @throws RangeError on a size mismatch. */
  static fromState(where: string, n: number, s: LraState): LearningRateAdaptation {
    const lra = new LearningRateAdaptation(where, n, s);
    if (s.eMean.length !== n || s.eSigma.length !== n * n) {
      throw new RangeError(`${where}: learning-rate state has the wrong size for n = ${n}`);
    }
    lra.etaMean = s.etaMean;
    lra.etaSigma = s.etaSigma;
    lra.eMean.set(s.eMean);
    lra.eSigma.set(s.eSigma);
    lra.vMean = s.vMean;
    lra.vSigma = s.vSigma;
    return lra;
  }
}
