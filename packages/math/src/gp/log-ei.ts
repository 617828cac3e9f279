/**
 * Expected improvement in log space, numerically stable far into the tail, and the other
 * closed-form acquisition pieces (UCB, probability of feasibility).
 *
 * Every objective is minimized (as in `@tunelab/math/pareto`). For a Gaussian posterior
 * f(x) ~ N(μ, σ²) and the best value seen y*, the improvement is max(y* - f, 0) and
 *   EI = σ h(z),  z = (y* - μ)/σ,  h(z) = φ(z) + z Φ(z)
 * (Jones, Schonlau & Welch 1998). EI underflows to 0 for z below about -38, where its
 * gradient vanishes too; log EI = log h(z) + log σ stays finite and informative there.
 * log h follows Ament, Daulton, Eriksson, Balandat & Bakshy, "Unexpected improvements to
 * expected improvement for Bayesian optimization" (NeurIPS 2023), eq. (9):
 *   z > -1:                log(φ(z) + zΦ(z)) directly;
 *   -1/√ε < z ≤ -1:        -z²/2 - ln(2π)/2 + log1mexp(ln(erfcx(-z/√2)·|z|) + ln(π/2)/2);
 *   z ≤ -1/√ε:             -z²/2 - ln(2π)/2 - 2 ln|z|  (the asymptote h(z) ≈ φ(z)/z²),
 * where the middle branch writes Φ(z) = erfcx(-z/√2) e^{-z²/2}/2 so that
 * h(z) = φ(z)(1 - |z| √(π/2) erfcx(|z|/√2)) and the difference 1 - (·) is taken by
 * log1mexp (Mächler 2012). erfcx is @stdlib's.
 * One departure: for z ≤ -1000 both log h and its derivative use the asymptotic series
 * h(-x) = φ(x)·(x⁻² - 3x⁻⁴ + 15x⁻⁶ - 105x⁻⁸ + 945x⁻¹⁰ - …) (from the Mills-ratio series
 * Q(x)/φ(x) = x⁻¹(1 - x⁻² + 3x⁻⁴ - 15x⁻⁶ + 105x⁻⁸ - …), Abramowitz & Stegun 26.2.12), whose
 * truncation error there is below 1e-20 relative. In the erfcx branch the argument of
 * log1mexp is about -1/z², so its absolute rounding error (~1e-16) becomes a relative
 * error of about z²·1e-16 in h: the derivative came out 11% wrong at z = -6.7e7 (just
 * inside Ament et al.'s cutoff), and the series removes that; at z = -1000 the two branches
 * agree to 1e-9 relative (test/gp/log-ei.test.ts).
 * The derivative is d log h/dz = Φ(z)/h(z) (since h'(z) = Φ(z)), computed on the same
 * branches without forming the tiny Φ and h:
 *   z > -1:          Φ(z)/h(z);
 *   -1000 < z ≤ -1:  √(2π) (erfcx(|z|/√2)/2) / (-expm1(ln(|z| erfcx(|z|/√2)) + ln(π/2)/2));
 *   z ≤ -1000:       the ratio of the two series above, → |z| + 2/|z|.
 */
import erfcx from "@stdlib/math-base-special-erfcx";
import { log1mexp } from "../special/log-space.js";
import { normalCdf, normalLogCdf, normalPdf } from "../special/normal.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const HALF_LOG_PI_2 = 0.5 * Math.log(Math.PI / 2);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT1_2 = Math.SQRT1_2;
/** Below -SERIES_FROM the asymptotic series is used (see the module comment). */
const SERIES_FROM = 1000;

/** x²·h(-x)/φ(x) = 1 - 3t + 15t² - 105t³ + 945t⁴ with t = 1/x², for x ≥ 1000. */
function tailSeries(t: number): number {
  return 1 - 3 * t * (1 - 5 * t * (1 - 7 * t * (1 - 9 * t)));
}

/**
 * log h(z) = log(φ(z) + zΦ(z)), finite for every finite z (Ament et al. 2023, eq. (9)).
 * Returns -Infinity at z = -Infinity, NaN for NaN.
 * @example logH(-40) // ≈ -807.6, where h itself underflows to 0
 */
export function logH(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z > -1) return Math.log(normalPdf(z) + z * normalCdf(z));
  if (z === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (z > -SERIES_FROM) {
    const u = Math.log(erfcx(-z * SQRT1_2) * -z) + HALF_LOG_PI_2;
    return -0.5 * z * z - HALF_LOG_2PI + log1mexp(u);
  }
  const t = 1 / (z * z);
  return -0.5 * z * z - HALF_LOG_2PI - 2 * Math.log(-z) + Math.log(tailSeries(t));
}

/**
 * d log h(z)/dz = Φ(z)/h(z) > 0, stable in the tail (→ |z| + 2/|z| as z → -∞).
 * @example dLogH(0) // Φ(0)/φ(0) = √(π/2)
 */
export function dLogH(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z > -1) return normalCdf(z) / (normalPdf(z) + z * normalCdf(z));
  if (z === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (z > -SERIES_FROM) {
    const e = erfcx(-z * SQRT1_2);
    const u = Math.log(e * -z) + HALF_LOG_PI_2;
    return (SQRT_2PI * 0.5 * e) / -Math.expm1(u);
  }
  // Φ(-x)/h(-x) = (x⁻¹(1 - t + 3t² - 15t³ + 105t⁴)) / (x⁻²·tailSeries(t)), t = x⁻².
  const t = 1 / (z * z);
  const mills = 1 - t * (1 - 3 * t * (1 - 5 * t * (1 - 7 * t)));
  return (-z * mills) / tailSeries(t);
}

/**
 * φ(z)/h(z) > 0, stable in the tail (→ z² + 3 as z → -∞): the factor that the derivative of
 * log EI in σ needs, d log EI/d log σ = φ(z)/h(z), without cancelling 1 - z·Φ(z)/h(z).
 * @example phiOverH(0) // 1
 */
export function phiOverH(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z > -1) return normalPdf(z) / (normalPdf(z) + z * normalCdf(z));
  if (z === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (z > -SERIES_FROM) {
    const u = Math.log(erfcx(-z * SQRT1_2) * -z) + HALF_LOG_PI_2;
    return 1 / -Math.expm1(u);
  }
  const t = 1 / (z * z);
  return (z * z) / tailSeries(t);
}

/**
 * log EI for minimization: log E[max(best - f, 0)] with f ~ N(mean, variance).
 * With variance 0 it is log(max(best - mean, 0)) (-Infinity when mean ≥ best).
 * @param mean - μ.
 * @param variance - σ² ≥ 0.
 * @param best - y*, the best (lowest) value observed.
 * @returns log EI, finite wherever variance > 0 and every input is finite.
 * @throws RangeError when variance is negative or NaN.
 * @example logEi(0, 1, 0) // log φ(0) = -0.919
 */
export function logEi(mean: number, variance: number, best: number): number {
  if (!(variance >= 0)) throw new RangeError(`logEi: variance must be >= 0, got ${variance}`);
  if (variance === 0) return best > mean ? Math.log(best - mean) : Number.NEGATIVE_INFINITY;
  const sigma = Math.sqrt(variance);
  return logH((best - mean) / sigma) + Math.log(sigma);
}

/**
 * The upper confidence bound of -f, i.e. minus the lower confidence bound of f, for
 * minimization: -μ + √β σ (Srinivas et al., "Gaussian process optimization in the bandit
 * setting", ICML 2010). Larger is better.
 * @throws RangeError when variance or beta is negative or NaN.
 * @example ucb(1, 4, 1) // -1 + 2 = 1
 */
export function ucb(mean: number, variance: number, beta: number): number {
  if (!(variance >= 0)) throw new RangeError(`ucb: variance must be >= 0, got ${variance}`);
  if (!(beta >= 0)) throw new RangeError(`ucb: beta must be >= 0, got ${beta}`);
  return -mean + Math.sqrt(beta * variance);
}

/**
 * log P(c ≤ threshold) for c ~ N(mean, variance): the log probability that a constraint
 * value is feasible (Optuna's convention: feasible when c ≤ 0, the default threshold;
 * Gardner et al., "Bayesian optimization with inequality constraints", ICML 2014).
 * @throws RangeError when variance is negative or NaN.
 * @example logProbabilityOfFeasibility(0, 1) // log ½
 */
export function logProbabilityOfFeasibility(mean: number, variance: number, threshold = 0): number {
  if (!(variance >= 0))
    throw new RangeError(`logProbabilityOfFeasibility: variance must be >= 0, got ${variance}`);
  if (variance === 0) return mean <= threshold ? 0 : Number.NEGATIVE_INFINITY;
  return normalLogCdf((threshold - mean) / Math.sqrt(variance));
}

/**
 * d log Φ(z)/dz = φ(z)/Φ(z), stable for z → -∞ (= √(2/π)/erfcx(-z/√2) for z < 0).
 * @example dLogNormalCdf(0) // 2φ(0)
 */
export function dLogNormalCdf(z: number): number {
  if (z < 0) return Math.sqrt(2 / Math.PI) / erfcx(-z * SQRT1_2);
  return normalPdf(z) / normalCdf(z);
}
