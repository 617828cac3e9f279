/**
 * Distributions of a vector: the Dirichlet on the simplex, the normal-inverse-gamma on
 * (μ, σ²), and the Dirichlet-multinomial on vectors of counts.
 *
 * Notation: K categories, α = (α₁, …, α_K), A = Σ α_k, p_k = α_k/A.
 *   Dir:      ln p(θ) = ln Γ(A) - Σ ln Γ(α_k) + Σ (α_k - 1) ln θ_k        (Gelman et al. 2013, App. A)
 *             E θ_k = p_k,  Var θ_k = p_k(1 - p_k)/(A + 1),  θ_k ~ Beta(α_k, A - α_k)
 *   DirMult:  ln P(c) = ln n! - Σ ln c_k! + ln Γ(A) - ln Γ(A + n) + Σ [ln Γ(α_k + c_k) - ln Γ(α_k)]
 *             E c_k = n p_k,  Var c_k = n p_k(1 - p_k)(A + n)/(A + 1),  c_k ~ BetaBin(n, α_k, A - α_k)
 *             (Minka 2000, "Estimating a Dirichlet distribution", eq. (1) without the ordering term)
 *   NIG:      p(μ, σ²) = N(μ | μ₀, σ²/κ) · Inv-Gamma(σ² | α, β)          (Murphy 2007, the NIG section)
 *             μ ~ t_{2α}(μ₀, √(β/(ακ))),  σ² ~ Inv-Gamma(α, β)          (ibid.; Gelman et al. 2013, §3.3)
 *             joint mode (μ₀, β/(α + 3/2))
 * Gamma functions are @stdlib's ln Γ; the NIG's factors are the normal and inverse-gamma
 * densities of `continuous.ts`.
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import { continuousLogDensity } from "./continuous.js";
import type {
  BetaBinomialDistribution,
  BetaDistribution,
  DirichletDistribution,
  DirichletMultinomialDistribution,
  InverseGammaDistribution,
  MultivariateDistribution,
  NormalInverseGammaDistribution,
  StudentTDistribution,
} from "./types.js";
import { checkConcentrations, checkInteger } from "./validate.js";

/** How far Σ θ_k may be from 1 for θ to count as a point of the simplex. */
const SIMPLEX_TOLERANCE = 1e-9;

/**
 * The Dirichlet-multinomial distribution of the category counts of `trials` draws whose
 * probabilities are Dir(α).
 * @throws RangeError unless `trials` is an integer ≥ 1 and `alpha` has ≥ 2 finite entries > 0.
 * @example dirichletMultinomialDistribution(1, [1, 2, 1]) // one draw: P(category 1) = 1/2
 */
export function dirichletMultinomialDistribution(
  trials: number,
  alpha: ArrayLike<number>,
): DirichletMultinomialDistribution {
  checkInteger("dirichletMultinomialDistribution", "trials", trials, 1);
  return {
    kind: "dirichlet-multinomial",
    trials,
    alpha: checkConcentrations("dirichletMultinomialDistribution", "alpha", alpha),
  };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]!;
  return s;
}

/**
 * The log density (mass) at x: θ on the simplex for the Dirichlet, [μ, σ²] for the NIG,
 * integer counts summing to n for the Dirichlet-multinomial. -Infinity outside the support.
 * @throws RangeError when x has the wrong length.
 */
export function multivariateLogDensity(
  d: MultivariateDistribution,
  x: ArrayLike<number>,
  where: string,
): number {
  const dim = d.kind === "normal-inverse-gamma" ? 2 : d.alpha.length;
  if (x.length !== dim) {
    throw new RangeError(
      `${where}: x must have ${dim} entries for a ${d.kind} distribution, got ${x.length}`,
    );
  }
  for (let k = 0; k < dim; k++) if (Number.isNaN(x[k])) return Number.NaN;
  switch (d.kind) {
    case "normal-inverse-gamma": {
      const mu = x[0]!;
      const s2 = x[1]!;
      if (!(s2 > 0)) return Number.NEGATIVE_INFINITY;
      const v = s2 / d.kappa;
      return (
        continuousLogDensity({ kind: "normal", mean: d.mean, variance: v }, mu) +
        continuousLogDensity({ kind: "inverse-gamma", shape: d.alpha, scale: d.beta }, s2)
      );
    }
    case "dirichlet": {
      const a = d.alpha;
      let total = 0;
      let out = gammaln(sum(a));
      for (let k = 0; k < a.length; k++) {
        const t = x[k]!;
        if (!(t >= 0)) return Number.NEGATIVE_INFINITY;
        total += t;
        out -= gammaln(a[k]!);
        // (α_k - 1) ln θ_k with 0·ln 0 = 0 at α_k = 1 (the flat direction)
        if (a[k] !== 1) out += (a[k]! - 1) * Math.log(t);
      }
      return Math.abs(total - 1) <= SIMPLEX_TOLERANCE ? out : Number.NEGATIVE_INFINITY;
    }
    case "dirichlet-multinomial": {
      const a = d.alpha;
      const A = sum(a);
      let total = 0;
      let out = gammaln(d.trials + 1) + gammaln(A) - gammaln(A + d.trials);
      for (let k = 0; k < a.length; k++) {
        const c = x[k]!;
        if (!(Number.isInteger(c) && c >= 0)) return Number.NEGATIVE_INFINITY;
        total += c;
        out += gammaln(a[k]! + c) - gammaln(a[k]!) - gammaln(c + 1);
      }
      return total === d.trials ? out : Number.NEGATIVE_INFINITY;
    }
  }
}

/** E[x] per coordinate; the NIG's E σ² = β/(α - 1) is +Infinity for α ≤ 1. */
export function multivariateMean(d: MultivariateDistribution): Float64Array {
  if (d.kind === "normal-inverse-gamma") {
    return Float64Array.of(d.mean, d.alpha > 1 ? d.beta / (d.alpha - 1) : Number.POSITIVE_INFINITY);
  }
  const a = d.alpha;
  const scale = (d.kind === "dirichlet" ? 1 : d.trials) / sum(a);
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k]! * scale;
  return out;
}

/**
 * Var[x_k] per coordinate (the diagonal of the covariance). NIG: Var μ = β/(κ(α - 1))
 * (+Infinity for α ≤ 1), Var σ² = β²/((α-1)²(α-2)) (+Infinity for α ≤ 2).
 */
export function multivariateVariance(d: MultivariateDistribution): Float64Array {
  if (d.kind === "normal-inverse-gamma") {
    const a1 = d.alpha - 1;
    const inf = Number.POSITIVE_INFINITY;
    return Float64Array.of(
      d.alpha > 1 ? d.beta / (d.kappa * a1) : inf,
      d.alpha > 2 ? (d.beta * d.beta) / (a1 * a1 * (d.alpha - 2)) : inf,
    );
  }
  const a = d.alpha;
  const A = sum(a);
  const n = d.kind === "dirichlet" ? 1 : d.trials;
  const factor = d.kind === "dirichlet" ? 1 / (A + 1) : (n * (A + n)) / (A + 1);
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) {
    const p = a[k]! / A;
    out[k] = p * (1 - p) * factor;
  }
  return out;
}

/**
 * The joint mode: (α_k - 1)/(A - K) for a Dirichlet whose α_k all exceed 1 (NaN entries
 * otherwise, where the density is unbounded or flat on the boundary); (μ₀, β/(α + 3/2)) for
 * the NIG.
 */
export function multivariateMode(d: DirichletDistribution | NormalInverseGammaDistribution): Float64Array {
  if (d.kind === "normal-inverse-gamma") return Float64Array.of(d.mean, d.beta / (d.alpha + 1.5));
  const a = d.alpha;
  const out = new Float64Array(a.length);
  let interior = true;
  for (let k = 0; k < a.length; k++) if (!(a[k]! > 1)) interior = false;
  const denom = sum(a) - a.length;
  for (let k = 0; k < a.length; k++) out[k] = interior ? (a[k]! - 1) / denom : Number.NaN;
  return out;
}

/** θ_k's marginal Beta(α_k, A - α_k). */
export function dirichletMarginal(d: DirichletDistribution, k: number, where: string): BetaDistribution {
  checkIndex(where, k, d.alpha.length);
  const ak = d.alpha[k]!;
  return { kind: "beta", alpha: ak, beta: sum(d.alpha) - ak };
}

/** c_k's marginal BetaBin(n, α_k, A - α_k). */
export function dirichletMultinomialMarginal(
  d: DirichletMultinomialDistribution,
  k: number,
  where: string,
): BetaBinomialDistribution {
  checkIndex(where, k, d.alpha.length);
  const ak = d.alpha[k]!;
  return { kind: "beta-binomial", trials: d.trials, alpha: ak, beta: sum(d.alpha) - ak };
}

/** μ's marginal t_{2α}(μ₀, √(β/(ακ))) (index 0) or σ²'s Inv-Gamma(α, β) (index 1). */
export function normalInverseGammaMarginal(
  d: NormalInverseGammaDistribution,
  index: number,
  where: string,
): StudentTDistribution | InverseGammaDistribution {
  checkIndex(where, index, 2);
  if (index === 0) {
    return {
      kind: "student-t",
      dof: 2 * d.alpha,
      location: d.mean,
      scale: Math.sqrt(d.beta / (d.alpha * d.kappa)),
    };
  }
  return { kind: "inverse-gamma", shape: d.alpha, scale: d.beta };
}

function checkIndex(where: string, k: number, n: number): void {
  if (!(Number.isInteger(k) && k >= 0 && k < n)) {
    throw new RangeError(`${where}: index must be an integer in [0, ${n}), got ${k}`);
  }
}
