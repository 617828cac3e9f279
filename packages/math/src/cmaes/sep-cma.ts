/**
 * Separable CMA-ES (sep-CMA-ES): the covariance matrix is kept diagonal, so sampling and the
 * update cost O(n) per candidate and memory is O(n), and the learning rates can be larger by
 * (n + 2)/3. Ros and Hansen, "A Simple Modification in CMA-ES Achieving Linear Time and Space
 * Complexity", PPSN X (2008), §2-3; parameters in `params.ts` (`sepCmaParameters`).
 *
 * Notation as in `cma.ts`, with C = diag(c) (c ∈ ℝⁿ, c_i > 0), so B = I, D = √c and
 * C^{-1/2}y = y/√c element-wise. Positive weights only (no active update), as in the paper.
 *
 * Per generation (Hansen 2016 eqs. (41)-(47) restricted to the diagonal, Ros & Hansen 2008):
 *   m ← m + c_m σ ⟨y⟩_w
 *   p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ) μ_eff) ⟨y⟩_w / √c
 *   p_c ← (1 − c_c) p_c + h_σ √(c_c(2 − c_c) μ_eff) ⟨y⟩_w
 *   c_i ← (1 + c_1 δ(h_σ) − c_1 − c_μ) c_i + c_1 p_c,i² + c_μ Σ_{k≤μ} w_k y_{k:λ,i}²
 *   σ ← σ exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1))
 */
import { CmaBase, type CmaBaseOptions, type CmaBaseState, optionsFromState } from "./base.js";
import { sepCmaParameters } from "./params.js";

/** Options of {@link SepCmaEs}: the shared CMA-ES options (C⁽⁰⁾ = I). */
export type SepCmaEsOptions = CmaBaseOptions;

/** Serialized {@link SepCmaEs} (version 1). */
export interface SepCmaEsState extends CmaBaseState {
  /** Variant tag. */
  readonly kind: "sep-cmaes";
  /** The diagonal c of C. */
  readonly diagC: readonly number[];
}

/**
 * Separable (diagonal-covariance) CMA-ES with an ask/tell interface, for high dimensions
 * (hundreds of coordinates) and nearly separable problems.
 *
 * @example
 * ```ts
 * const es = new SepCmaEs({ mean: new Float64Array(200).fill(3), sigma: 2, seed: 1 });
 * const x = es.ask(); // Float64Array(200)
 * ```
 */
export class SepCmaEs extends CmaBase {
  private readonly cDiag: Float64Array;
  private readonly dd: Float64Array;
  private readonly yw: Float64Array;

  /** @throws RangeError / TypeError on bad options (see {@link CmaEs}). */
  constructor(options: SepCmaEsOptions) {
    if (options !== null && typeof options === "object") {
      const extra = options as { cov?: unknown; learningRateAdaptation?: unknown };
      if (extra.cov != null)
        throw new RangeError("SepCmaEs: cov is not supported (C starts at the identity)");
      if (extra.learningRateAdaptation != null) {
        throw new RangeError("SepCmaEs: learningRateAdaptation is only available with the full CmaEs");
      }
    }
    super("SepCmaEs", options, sepCmaParameters);
    const n = this.dim;
    this.cDiag = new Float64Array(n).fill(1);
    this.dd = new Float64Array(n).fill(1);
    this.yw = new Float64Array(n);
  }

  /** The covariance matrix diag(c) as a new row-major n×n array. */
  covariance(): Float64Array {
    const n = this.dim;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) out[i * n + i] = this.cDiag[i]!;
    return out;
  }

  protected sampleY(z: Float64Array, y: Float64Array): void {
    const d = this.dd;
    for (let i = 0; i < y.length; i++) y[i] = d[i]! * z[i]!;
  }

  protected diagonalOfC(): Float64Array {
    return this.cDiag;
  }

  protected eigenView(): { d: Float64Array; b: Float64Array | null } {
    return { d: this.dd, b: null };
  }

  protected updateDistribution(ys: Float64Array, generation: number): void {
    const n = this.dim;
    const { weights, mu, muEff, cm, cSigma, dSigma, cc, c1, cmu, chiN } = this.params;
    const { yw, m, pSigma, pc, cDiag, dd } = this;
    const sigma = this.s;
    yw.fill(0);
    for (let r = 0; r < mu; r++) {
      const w = weights[r]!;
      const row = r * n;
      for (let i = 0; i < n; i++) yw[i] = yw[i]! + w * ys[row + i]!;
    }
    for (let i = 0; i < n; i++) m[i] = m[i]! + cm * sigma * yw[i]!;
    const kSigma = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      const v = (1 - cSigma) * pSigma[i]! + (kSigma * yw[i]!) / dd[i]!;
      pSigma[i] = v;
      psNorm2 += v * v;
    }
    const psNorm = Math.sqrt(psNorm2);
    const hSigma =
      psNorm / Math.sqrt(1 - (1 - cSigma) ** (2 * (generation + 1))) < (1.4 + 2 / (n + 1)) * chiN ? 1 : 0;
    const kc = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) pc[i] = (1 - cc) * pc[i]! + kc * yw[i]!;
    const delta = (1 - hSigma) * cc * (2 - cc);
    const decay = 1 + c1 * delta - c1 - cmu;
    for (let i = 0; i < n; i++) {
      let rank = 0;
      for (let r = 0; r < mu; r++) {
        const y = ys[r * n + i]!;
        rank += weights[r]! * y * y;
      }
      const v = decay * cDiag[i]! + c1 * pc[i]! * pc[i]! + cmu * rank;
      cDiag[i] = v;
      dd[i] = Math.sqrt(v);
    }
    this.s = sigma * Math.exp((cSigma / dSigma) * (psNorm / chiN - 1));
  }

  /** The serializable state (JSON-safe, version 1). */
  toJSON(): SepCmaEsState {
    return { ...this.baseState(), kind: "sep-cmaes", diagC: Array.from(this.cDiag) };
  }

  /**
   * Restores an optimizer from {@link SepCmaEs.toJSON} output; it continues with exactly the
   * same stream.
   * @throws RangeError if the record is not a version-1 `sep-cmaes` state or has wrong sizes.
   */
  static fromJSON(state: SepCmaEsState): SepCmaEs {
    const where = "SepCmaEs.fromJSON";
    if (state === null || typeof state !== "object" || state.kind !== "sep-cmaes") {
      throw new RangeError(`${where}: expected a state with kind "sep-cmaes"`);
    }
    const es = new SepCmaEs(optionsFromState(where, state));
    es.restoreBase(where, state);
    const n = es.dim;
    // `as unknown`: Array.isArray would narrow the readonly array to any[] (no element checks below).
    if (!Array.isArray(state.diagC as unknown) || state.diagC.length !== n) {
      throw new RangeError(`${where}: state.diagC must have length ${n}`);
    }
    for (let i = 0; i < n; i++) {
      const v = state.diagC[i]!;
      if (!(v > 0 && Number.isFinite(v)))
        throw new RangeError(`${where}: state.diagC[${i}] must be > 0, got ${v}`);
      es.cDiag[i] = v;
      es.dd[i] = Math.sqrt(v);
    }
    return es;
  }
}
