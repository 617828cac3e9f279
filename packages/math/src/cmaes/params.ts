/**
 * Default strategy parameters of CMA-ES: population size, recombination weights and learning
 * rates, as functions of the dimension n and the population size λ.
 *
 * References:
 * - Hansen (2016): N. Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772,
 *   Table 1 and eqs. (48)-(58) in Appendix A.
 * - Ros & Hansen (2008): R. Ros and N. Hansen, "A Simple Modification in CMA-ES Achieving
 *   Linear Time and Space Complexity", PPSN X, LNCS 5199, §2-3.
 * - Hansen (2006): N. Hansen, "The CMA Evolution Strategy: A Comparing Review", in Towards a
 *   New Evolutionary Computation, the learning rates that Ros & Hansen (2008) scale.
 */

/** Strategy parameters of one CMA-ES instance (all derived from n and λ). */
export interface CmaParameters {
  /** Dimension n. */
  readonly n: number;
  /** Population size λ. */
  readonly lambda: number;
  /** Number of positive weights μ = ⌊λ/2⌋. */
  readonly mu: number;
  /** Recombination weights w_1 ≥ … ≥ w_λ (length λ; the last λ − μ are ≤ 0 for active CMA). */
  readonly weights: Float64Array;
  /** Variance-effective selection mass μ_eff of the positive weights. */
  readonly muEff: number;
  /** Learning rate of the mean, c_m. */
  readonly cm: number;
  /** Cumulation rate of the step-size path, c_σ. */
  readonly cSigma: number;
  /** Damping of the step-size update, d_σ. */
  readonly dSigma: number;
  /** Cumulation rate of the covariance path, c_c. */
  readonly cc: number;
  /** Learning rate of the rank-one update, c_1. */
  readonly c1: number;
  /** Learning rate of the rank-μ update, c_μ. */
  readonly cmu: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;
}

/**
 * The default population size λ = 4 + ⌊3 ln n⌋, Hansen (2016), eq. (48).
 * @throws RangeError unless n is an integer ≥ 1.
 * @example defaultPopulationSize(10) // 10
 */
export function defaultPopulationSize(n: number): number {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`defaultPopulationSize: n must be an integer >= 1, got ${n}`);
  return 4 + Math.floor(3 * Math.log(n));
}

/** E‖N(0, I_n)‖, Hansen (2016), the approximation below eq. (44). */
function expectedNormOfNormal(n: number): number {
  return Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
}

/**
 * Strategy parameters of the full-covariance CMA-ES with active (negative) weights, the
 * tutorial's default: Hansen (2016), Table 1 and eqs. (49)-(58).
 * @param n - dimension ≥ 1.
 * @param lambda - population size ≥ 2.
 * @throws RangeError on a bad n or λ.
 * @example cmaParameters(10, 10).weights.length // 10
 */
export function cmaParameters(n: number, lambda: number): CmaParameters {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`cmaParameters: n must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(lambda) || lambda < 2) {
    throw new RangeError(`cmaParameters: lambda must be an integer >= 2, got ${lambda}`);
  }
  const mu = Math.floor(lambda / 2);
  // Hansen (2016), eq. (49): w'_i = ln((λ+1)/2) − ln i.
  const raw = new Float64Array(lambda);
  for (let i = 0; i < lambda; i++) raw[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
  let sumPos = 0;
  let sumPos2 = 0;
  let sumNeg = 0;
  let sumNeg2 = 0;
  for (let i = 0; i < lambda; i++) {
    const w = raw[i]!;
    if (i < mu) {
      sumPos += w;
      sumPos2 += w * w;
    } else {
      sumNeg += w;
      sumNeg2 += w * w;
    }
  }
  const muEff = (sumPos * sumPos) / sumPos2;
  const muEffMinus = sumNeg2 > 0 ? (sumNeg * sumNeg) / sumNeg2 : 0;
  // Hansen (2016), eq. (57): c_1 = α_cov / ((n + 1.3)² + μ_eff), α_cov = 2.
  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  // Hansen (2016), eq. (58): c_μ = min(1 − c_1, α_cov (μ_eff − 2 + 1/μ_eff) / ((n+2)² + α_cov μ_eff / 2)).
  const cmu = Math.min(
    1 - c1,
    (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2),
  );
  // Hansen (2016), eqs. (50)-(52): the three bounds on the total negative weight.
  const alphaMuMinus = 1 + c1 / cmu;
  const alphaMuEffMinus = 1 + (2 * muEffMinus) / (muEff + 2);
  const alphaPosDefMinus = (1 - c1 - cmu) / (n * cmu);
  const negScale = Math.min(alphaMuMinus, alphaMuEffMinus, alphaPosDefMinus);
  // Hansen (2016), eq. (53): positive weights sum to 1, negative ones to −negScale.
  const weights = new Float64Array(lambda);
  for (let i = 0; i < lambda; i++) {
    const w = raw[i]!;
    weights[i] = w >= 0 ? w / sumPos : (negScale * w) / Math.abs(sumNeg);
  }
  // Hansen (2016), eqs. (54)-(56).
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  return {
    n,
    lambda,
    mu,
    weights,
    muEff,
    cm: 1,
    cSigma,
    dSigma,
    cc,
    c1,
    cmu,
    chiN: expectedNormOfNormal(n),
  };
}

/**
 * Strategy parameters of the separable (diagonal) CMA-ES of Ros & Hansen (2008): positive
 * weights only, the cumulation rates of Hansen (2006), and the covariance learning rate
 * c_cov of Hansen (2006) multiplied by (n + 2)/3 (Ros & Hansen 2008, §3), split into its
 * rank-one part c_cov/μ_cov and rank-μ part c_cov(1 − 1/μ_cov) with μ_cov = μ_eff.
 * @param n - dimension ≥ 1.
 * @param lambda - population size ≥ 2.
 * @throws RangeError on a bad n or λ.
 * @example sepCmaParameters(200, 19).c1 > cmaParameters(200, 19).c1 // true
 */
export function sepCmaParameters(n: number, lambda: number): CmaParameters {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`sepCmaParameters: n must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(lambda) || lambda < 2) {
    throw new RangeError(`sepCmaParameters: lambda must be an integer >= 2, got ${lambda}`);
  }
  const mu = Math.floor(lambda / 2);
  // Hansen (2006), eq. (45): w_i ∝ ln(μ + 1/2) − ln i, i = 1..μ (the 2016 eq. (49) restricted
  // to the μ best with the same shape).
  const weights = new Float64Array(lambda);
  let sum = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] = Math.log(mu + 0.5) - Math.log(i + 1);
    sum += weights[i]!;
  }
  let sum2 = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] = weights[i]! / sum;
    sum2 += weights[i]! * weights[i]!;
  }
  const muEff = 1 / sum2;
  // Hansen (2006), eqs. (46)-(47) (the same as used by Ros & Hansen 2008).
  const cSigma = (muEff + 2) / (n + muEff + 3);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = 4 / (n + 4);
  // Hansen (2006), eq. (48): c_cov with μ_cov = μ_eff; Ros & Hansen (2008): × (n + 2)/3.
  const muCov = muEff;
  const cCov =
    (1 / muCov) * (2 / (n + Math.SQRT2) ** 2) +
    (1 - 1 / muCov) * Math.min(1, (2 * muCov - 1) / ((n + 2) ** 2 + muCov));
  const cCovSep = Math.min(1, ((n + 2) / 3) * cCov);
  return {
    n,
    lambda,
    mu,
    weights,
    muEff,
    cm: 1,
    cSigma,
    dSigma,
    cc,
    c1: cCovSep / muCov,
    cmu: cCovSep * (1 - 1 / muCov),
    chiN: expectedNormOfNormal(n),
  };
}
