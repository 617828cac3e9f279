/**
 * The (μ/μ_W, λ)-CMA-ES with full covariance matrix, active (negative) recombination weights,
 * cumulative step-size adaptation and lazy eigendecomposition: Hansen (2016), "The CMA
 * Evolution Strategy: A Tutorial", arXiv:1604.00772, Appendix A (the summary, eqs. (38)-(47))
 * with the default parameters of Table 1 (eqs. (48)-(58), see `params.ts`).
 *
 * Notation (shapes): n dimension; m (n) mean; σ step size; C (n×n, row-major, symmetric)
 * covariance; C = B·D²·Bᵀ its eigendecomposition with B (n×n, eigenvectors as columns) and D
 * (n, square roots of the eigenvalues); C^{1/2} = B·D·Bᵀ (n×n) samples y = C^{1/2}·z ~ N(0, C);
 * C^{-1/2} = B·D⁻¹·Bᵀ (n×n); p_σ, p_c (n) evolution paths; w (λ) recombination weights;
 * y_{i:λ} = (x_{i:λ} − m)/σ the i-th best step; ⟨y⟩_w = Σ_{i≤μ} w_i y_{i:λ}.
 *
 * Lazy eigendecomposition (Hansen 2016, Appendix B, "strategy internal numerical effort"):
 * B and D are recomputed only when more than λ/((c_1 + c_μ)·n·10) evaluations have passed
 * since the last decomposition, which keeps the cost per candidate O(n²). In between,
 * sampling and C^{-1/2} use the last decomposition; the serialized state then also carries C
 * as it was at that decomposition, so that a restored optimizer draws the same stream.
 *
 * With learning-rate adaptation (`lra.ts`) the decomposition runs every generation, because
 * the adaptation needs Σ^{-1/2} of the current distribution.
 */
import { type EigenWorkspace, eigenWorkspace, symmetricEigen } from "../linalg/eigen.js";
import { matVec } from "../linalg/products.js";
import { symmetricSquareRoots } from "../linalg/square-roots.js";
import { CmaBase, type CmaBaseOptions, type CmaBaseState, optionsFromState } from "./base.js";
import { LearningRateAdaptation, type LraOptions, type LraState } from "./lra.js";
import { cmaParameters } from "./params.js";

/** Options of {@link CmaEs}. */
export interface CmaEsOptions extends CmaBaseOptions {
  /**
   * Initial covariance matrix C⁽⁰⁾ (n×n row-major, symmetric positive definite), e.g. from
   * {@link warmStartDistribution}. @defaultValue the identity
   */
  readonly cov?: ArrayLike<number> | null;
  /**
   * Learning-rate adaptation (LRA-CMA-ES, Nomura et al. 2023), for multimodal and noisy
   * objectives: a record of its hyperparameters (`{}` for the paper's α = 1.4, β_m = 0.1,
   * β_Σ = 0.03, γ = 0.1), or null for the fixed learning rates of Hansen (2016), eqs. (54)-(58).
   * @defaultValue null
   */
  readonly learningRateAdaptation?: LraOptions | null;
}

/** Serialized {@link CmaEs} (version 1). */
export interface CmaEsState extends CmaBaseState {
  /** Variant tag. */
  readonly kind: "cmaes";
  /** Upper triangle of C, row by row: C_00, C_01, …, C_0(n−1), C_11, …, C_(n−1)(n−1). */
  readonly cUpper: readonly number[];
  /** Upper triangle of C at the last eigendecomposition, or null when that is C itself. */
  readonly cAtEigenUpper: readonly number[] | null;
  /** Generations since the last eigendecomposition. */
  readonly eigenAge: number;
  /** Learning-rate adaptation state, or null. */
  readonly lra: LraState | null;
}

/** Packs the upper triangle of a symmetric n×n matrix row by row. */
export function packUpper(c: Float64Array, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push(c[i * n + j]!);
  return out;
}

/** Unpacks {@link packUpper} into a full symmetric n×n matrix. @throws RangeError on a wrong length. */
export function unpackUpper(where: string, u: readonly number[], n: number): Float64Array {
  // `as unknown`: Array.isArray would narrow the readonly array to any[] (no element checks below).
  if (!Array.isArray(u as unknown) || u.length !== (n * (n + 1)) / 2) {
    throw new RangeError(`${where}: an upper triangle for n = ${n} must have ${(n * (n + 1)) / 2} entries`);
  }
  const c = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = u[k++];
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new RangeError(`${where}: C[${i}][${j}] is not finite: ${v}`);
      c[i * n + j] = v;
      c[j * n + i] = v;
    }
  }
  return c;
}

/**
 * CMA-ES with full covariance matrix and an ask/tell interface; knows nothing of studies.
 *
 * @example
 * ```ts
 * const es = new CmaEs({ mean: [3, 3], sigma: 2, seed: 1 });
 * while (!es.shouldStop()) {
 *   const solutions = [];
 *   for (let k = 0; k < es.populationSize; k++) {
 *     const x = es.ask();
 *     solutions.push({ x, value: x[0]! ** 2 + 10 * x[1]! ** 2 });
 *   }
 *   es.tell(solutions);
 * }
 * es.mean; // ≈ [0, 0]
 * ```
 */
export class CmaEs extends CmaBase {
  private c: Float64Array;
  private readonly b: Float64Array;
  private readonly dd: Float64Array;
  private readonly sqrtC: Float64Array;
  private readonly invSqrtC: Float64Array;
  private readonly cAtEigen: Float64Array;
  private eigenAge = 0;
  private readonly eigenInterval: number;
  private readonly work: EigenWorkspace;
  private lra: LearningRateAdaptation | null;
  // Scratch buffers for tell.
  private readonly yw: Float64Array;
  private readonly t: Float64Array;
  private readonly rankMu: Float64Array;
  private readonly old: { m: Float64Array; c: Float64Array; invSqrtC: Float64Array } | null;

  /**
   * @throws RangeError / TypeError on bad options: empty or non-finite mean, σ ≤ 0, λ < 2,
   *   bounds of the wrong length or not lower < upper, mean outside the bounds, a `cov` that
   *   is not n×n symmetric positive definite, a `learningRateAdaptation` that is not a record
   *   of hyperparameters in range (or null), bad margin or termination settings.
   */
  constructor(options: CmaEsOptions) {
    super("CmaEs", options, cmaParameters);
    const n = this.dim;
    const p = this.params;
    this.c = new Float64Array(n * n);
    this.b = new Float64Array(n * n);
    this.dd = new Float64Array(n);
    this.sqrtC = new Float64Array(n * n);
    this.invSqrtC = new Float64Array(n * n);
    this.cAtEigen = new Float64Array(n * n);
    this.work = eigenWorkspace(n);
    this.yw = new Float64Array(n);
    this.t = new Float64Array(n);
    this.rankMu = new Float64Array(n * n);
    // Hansen (2016), Appendix B: decompose when λ/((c1 + cμ) n 10) evaluations have passed.
    this.eigenInterval = 1 / ((p.c1 + p.cmu) * n * 10);
    const lraOpt = options.learningRateAdaptation ?? null;
    this.lra = lraOpt === null ? null : new LearningRateAdaptation("CmaEs", n, lraOpt);
    this.old =
      this.lra === null
        ? null
        : { m: new Float64Array(n), c: new Float64Array(n * n), invSqrtC: new Float64Array(n * n) };
    if (options.cov == null) {
      for (let i = 0; i < n; i++) this.c[i * n + i] = 1;
    } else {
      this.c = checkCov(options.cov, n);
    }
    this.decompose();
    let dMax = 0;
    for (let i = 0; i < n; i++) dMax = Math.max(dMax, this.dd[i]!);
    this.initialScale = options.sigma * dMax;
  }

  /** The learning rates (η_m, η_Σ) of LRA-CMA-ES, or null when the adaptation is off. */
  get learningRates(): { etaMean: number; etaSigma: number } | null {
    return this.lra === null ? null : { etaMean: this.lra.etaMean, etaSigma: this.lra.etaSigma };
  }

  /** The covariance matrix C as a new row-major n×n array. */
  covariance(): Float64Array {
    return Float64Array.from(this.c);
  }

  /**
   * y = C^{1/2} z with the symmetric root B·D·Bᵀ. Hansen (2016), eq. (39) writes y = B·D·z;
   * both are N(0, C) (Bᵀz is standard normal too), but the symmetric root is a continuous
   * function of C, so the stream of candidates does not jump when the eigensolver returns an
   * eigenvector with the opposite sign after a tiny change of C (this is what makes runs with
   * the same seed on translated or rescaled problems map onto each other exactly).
   */
  protected sampleY(z: Float64Array, y: Float64Array): void {
    matVec(this.sqrtC, z, this.dim, y);
  }

  protected diagonalOfC(): Float64Array {
    const n = this.dim;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.c[i * n + i]!;
    return out;
  }

  protected eigenView(): { d: Float64Array; b: Float64Array | null } {
    return { d: this.dd, b: this.b };
  }

  /** Eigendecomposition of the current C; refreshes D, C^{1/2} and C^{-1/2}. */
  private decompose(): void {
    symmetricEigen(this.c, this.dim, this.dd, this.b, this.work);
    this.finishDecomposition();
    this.cAtEigen.set(this.c);
    this.eigenAge = 0;
  }

  /**
   * From eigenvalues in `dd` and vectors in `b`: guards non-positive eigenvalues (rounding
   * can make the smallest one ≤ 0 when cond(C) nears 1/ε; it is lifted to 1e-20·max, which
   * the conditionCov criterion then reports, and C is rebuilt from the repaired factors),
   * then sets D = √eigenvalues, C^{1/2} and C^{-1/2}.
   */
  private finishDecomposition(): void {
    const n = this.dim;
    const { c, b, dd, sqrtC, invSqrtC } = this;
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, dd[i]!);
    if (!(max > 0 && Number.isFinite(max))) {
      throw new RangeError(`CmaEs: the covariance matrix degenerated (largest eigenvalue ${max})`);
    }
    let repaired = false;
    for (let i = 0; i < n; i++) {
      if (!(dd[i]! > 1e-20 * max)) {
        dd[i] = 1e-20 * max;
        repaired = true;
      }
    }
    if (repaired) {
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += b[i * n + k]! * dd[k]! * b[j * n + k]!;
          c[i * n + j] = s;
          c[j * n + i] = s;
        }
      }
    }
    for (let k = 0; k < n; k++) dd[k] = Math.sqrt(dd[k]!);
    // C^{1/2} = B D Bᵀ and C^{-1/2} = B D⁻¹ Bᵀ.
    symmetricSquareRoots(b, dd, n, sqrtC, invSqrtC);
  }

  protected updateDistribution(ys: Float64Array, generation: number): void {
    const n = this.dim;
    const p = this.params;
    const { weights, mu, muEff, cm, cSigma, dSigma, cc, c1, cmu, chiN } = p;
    const lambda = this.populationSize;
    const { c, invSqrtC, yw, t, rankMu, m, pSigma, pc } = this;
    if (this.old !== null) {
      this.old.m.set(m);
      this.old.c.set(c);
      this.old.invSqrtC.set(invSqrtC);
    }
    const sigmaOld = this.s;

    // Hansen (2016), eq. (41): ⟨y⟩_w = Σ_{i≤μ} w_i y_{i:λ}.
    yw.fill(0);
    for (let r = 0; r < mu; r++) {
      const w = weights[r]!;
      const row = r * n;
      for (let i = 0; i < n; i++) yw[i] = yw[i]! + w * ys[row + i]!;
    }
    // Eq. (42): m ← m + c_m σ ⟨y⟩_w.
    for (let i = 0; i < n; i++) m[i] = m[i]! + cm * sigmaOld * yw[i]!;

    // Eq. (43): p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ) μ_eff) C^{-1/2} ⟨y⟩_w.
    matVec(invSqrtC, yw, n, t);
    const kSigma = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      const v = (1 - cSigma) * pSigma[i]! + kSigma * t[i]!;
      pSigma[i] = v;
      psNorm2 += v * v;
    }
    const psNorm = Math.sqrt(psNorm2);

    // h_σ (Hansen 2016, below eq. (47)): stall the rank-one update while ‖p_σ‖ is large.
    const hSigma =
      psNorm / Math.sqrt(1 - (1 - cSigma) ** (2 * (generation + 1))) < (1.4 + 2 / (n + 1)) * chiN ? 1 : 0;

    // Eq. (45): p_c ← (1 − c_c) p_c + h_σ √(c_c(2 − c_c) μ_eff) ⟨y⟩_w.
    const kc = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) pc[i] = (1 - cc) * pc[i]! + kc * yw[i]!;

    // Eq. (46): w°_i = w_i, or w_i·n/‖C^{-1/2} y_{i:λ}‖² for negative weights; and
    // the rank-μ sum Σ_i w°_i y_{i:λ} y_{i:λ}ᵀ (upper triangle).
    rankMu.fill(0);
    let sumW = 0;
    for (let r = 0; r < lambda; r++) {
      let w = weights[r]!;
      sumW += w;
      if (w === 0) continue;
      const row = r * n;
      if (w < 0) {
        let q = 0;
        for (let i = 0; i < n; i++) {
          let s = 0;
          const ir = i * n;
          for (let j = 0; j < n; j++) s += invSqrtC[ir + j]! * ys[row + j]!;
          q += s * s;
        }
        // A step of length 0 carries no direction: its outer product is 0 anyway.
        w = q > 0 ? (w * n) / q : 0;
      }
      for (let i = 0; i < n; i++) {
        const wyi = w * ys[row + i]!;
        if (wyi === 0) continue;
        const ir = i * n;
        for (let j = i; j < n; j++) rankMu[ir + j] = rankMu[ir + j]! + wyi * ys[row + j]!;
      }
    }

    // Eq. (47): C ← (1 + c_1 δ(h_σ) − c_1 − c_μ Σw_j) C + c_1 p_c p_cᵀ + c_μ Σ w°_i y yᵀ,
    // δ(h_σ) = (1 − h_σ) c_c (2 − c_c).
    const delta = (1 - hSigma) * cc * (2 - cc);
    const decay = 1 + c1 * delta - c1 - cmu * sumW;
    for (let i = 0; i < n; i++) {
      const ir = i * n;
      const c1pi = c1 * pc[i]!;
      for (let j = i; j < n; j++) {
        const v = decay * c[ir + j]! + c1pi * pc[j]! + cmu * rankMu[ir + j]!;
        c[ir + j] = v;
        c[j * n + i] = v;
      }
    }

    // Eq. (44): σ ← σ exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1)); LRA caps the exponent at 1 as its
    // authors' reference implementation does.
    let expo = (cSigma / dSigma) * (psNorm / chiN - 1);
    if (this.lra !== null) expo = Math.min(1, expo);
    this.s = sigmaOld * Math.exp(expo);

    if (this.lra !== null) {
      this.applyLearningRates(sigmaOld);
      return;
    }
    this.eigenAge++;
    if (this.eigenAge > this.eigenInterval) this.decompose();
  }

  /**
   * LRA-CMA-ES (Nomura et al. 2023): measure the proposed steps of m and Σ = σ²C in the local
   * coordinates of the old distribution, adapt η_m and η_Σ, apply the damped steps, and split
   * Σ back into σ = det(Σ)^{1/(2n)} and C = Σ/σ² (then C is decomposed for sampling).
   */
  private applyLearningRates(sigmaOld: number): void {
    const n = this.dim;
    const lra = this.lra!;
    const old = this.old!;
    const { c, m, t, rankMu } = this;
    const sigmaNew = this.s;
    // Δ̃_m = Σ_old^{-1/2} Δ_m = C_old^{-1/2}(m' − m)/σ_old.
    const dm = this.yw; // reuse: Δ_m
    for (let i = 0; i < n; i++) dm[i] = m[i]! - old.m[i]!;
    matVec(old.invSqrtC, dm, n, t);
    const locMean = new Float64Array(n);
    for (let i = 0; i < n; i++) locMean[i] = t[i]! / sigmaOld;
    // ΔΣ = σ'²C' − σ²C (kept in rankMu), Δ̃_Σ = C_old^{-1/2} ΔΣ C_old^{-1/2} / (σ_old² √2).
    const dS = rankMu;
    const s2n = sigmaNew * sigmaNew;
    const s2o = sigmaOld * sigmaOld;
    for (let k = 0; k < n * n; k++) dS[k] = s2n * c[k]! - s2o * old.c[k]!;
    const tmp = new Float64Array(n * n);
    matMul(old.invSqrtC, dS, tmp, n);
    const locSigma = new Float64Array(n * n);
    matMul(tmp, old.invSqrtC, locSigma, n);
    const scale = 1 / (s2o * Math.SQRT2);
    for (let k = 0; k < n * n; k++) locSigma[k] = locSigma[k]! * scale;

    const etaMeanBefore = lra.etaMean;
    lra.adapt(locMean, locSigma);
    // m ← m + η_m Δ_m; Σ ← Σ + η_Σ ΔΣ.
    for (let i = 0; i < n; i++) m[i] = old.m[i]! + lra.etaMean * dm[i]!;
    for (let k = 0; k < n * n; k++) c[k] = s2o * old.c[k]! + lra.etaSigma * dS[k]!;
    // Split Σ: eigenvalues λ_i of Σ give σ = exp(Σ log λ_i / (2n)), C = Σ/σ², D = √λ_i / σ.
    symmetricEigen(c, n, this.dd, this.b, this.work);
    let logDet = 0;
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, this.dd[i]!);
    for (let i = 0; i < n; i++) logDet += Math.log(Math.max(this.dd[i]!, 1e-20 * max));
    const sigma = Math.exp(logDet / (2 * n));
    if (!(sigma > 0 && Number.isFinite(sigma))) {
      throw new RangeError(`CmaEs: learning-rate adaptation produced a degenerate covariance (σ = ${sigma})`);
    }
    const inv2 = 1 / (sigma * sigma);
    for (let k = 0; k < n * n; k++) c[k] = c[k]! * inv2;
    // Decompose C itself (not reuse Σ's factors scaled), so that fromJSON, which decomposes
    // the stored C, reproduces B and D bit for bit.
    this.decompose();
    // Step-size correction for the change of η_m.
    this.s = (sigma * etaMeanBefore) / lra.etaMean;
  }

  /**
   * The serializable state (JSON-safe, version 1): only the upper triangle of C (plus the
   * upper triangle of C at the last decomposition while that is stale) and the Rng state;
   * B and D are recomputed by {@link CmaEs.fromJSON}.
   */
  toJSON(): CmaEsState {
    const n = this.dim;
    let stale = false;
    for (let k = 0; k < n * n && !stale; k++) if (this.c[k] !== this.cAtEigen[k]) stale = true;
    return {
      ...this.baseState(),
      kind: "cmaes",
      cUpper: packUpper(this.c, n),
      cAtEigenUpper: stale ? packUpper(this.cAtEigen, n) : null,
      eigenAge: this.eigenAge,
      lra: this.lra === null ? null : this.lra.getState(),
    };
  }

  /**
   * Restores an optimizer from {@link CmaEs.toJSON} output (also after a JSON round trip);
   * it continues with exactly the same stream of candidates and updates.
   * @throws RangeError if the record is not a version-1 `cmaes` state or has wrong sizes.
   */
  static fromJSON(state: CmaEsState): CmaEs {
    const where = "CmaEs.fromJSON";
    if (state === null || typeof state !== "object" || state.kind !== "cmaes") {
      throw new RangeError(`${where}: expected a state with kind "cmaes"`);
    }
    const base = optionsFromState(where, state);
    const es = new CmaEs({ ...base, learningRateAdaptation: state.lra });
    es.restoreBase(where, state);
    const n = es.dim;
    const eig = state.cAtEigenUpper === null ? state.cUpper : state.cAtEigenUpper;
    es.c = unpackUpper(where, eig, n);
    es.decompose();
    if (state.cAtEigenUpper !== null) es.c = unpackUpper(where, state.cUpper, n);
    es.eigenAge = state.eigenAge;
    if (state.lra !== null) {
      es.lra = LearningRateAdaptation.fromState(where, n, state.lra);
    }
    return es;
  }
}

/** out = A B for row-major n×n matrices (out must not alias A or B). */
function matMul(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ir = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ir + k]!;
      if (aik === 0) continue;
      const kr = k * n;
      for (let j = 0; j < n; j++) out[ir + j] = out[ir + j]! + aik * b[kr + j]!;
    }
  }
}

/**
 * Checks an initial covariance: n×n, finite, symmetric (to 1e-10 relative), positive
 * definite; returns the symmetrized copy.
 */
function checkCov(cov: ArrayLike<number>, n: number): Float64Array {
  if (cov == null || cov.length !== n * n) {
    throw new RangeError(
      `CmaEs: cov must be an n×n row-major array with ${n * n} entries, got ${cov?.length}`,
    );
  }
  const c = new Float64Array(n * n);
  let scale = 0;
  for (let k = 0; k < n * n; k++) {
    const v = cov[k];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RangeError(`CmaEs: cov[${k}] must be finite, got ${v}`);
    scale = Math.max(scale, Math.abs(v));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = cov[i * n + j]!;
      const b = cov[j * n + i]!;
      if (Math.abs(a - b) > 1e-10 * scale) {
        throw new RangeError(
          `CmaEs: cov must be symmetric, got cov[${i}][${j}] = ${a} and cov[${j}][${i}] = ${b}`,
        );
      }
      const v = (a + b) / 2;
      c[i * n + j] = v;
      c[j * n + i] = v;
    }
  }
  const values = new Float64Array(n);
  symmetricEigen(c, n, values, new Float64Array(n * n));
  if (!(values[0]! > 1e-14 * values[n - 1]!)) {
    throw new RangeError(`CmaEs: cov must be positive definite, its smallest eigenvalue is ${values[0]}`);
  }
  return c;
}
