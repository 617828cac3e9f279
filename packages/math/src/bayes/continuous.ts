/**
 * Univariate continuous distributions of the toolkit: Beta, Gamma, normal (also the
 * known-variance prior on a normal mean), Student's t and the inverse gamma. Log densities
 * and quantiles come from @stdlib (the normal from `special/normal.ts`, itself on @stdlib's
 * erfc family); means, variances and modes are the closed forms of Gelman et al. (2013),
 * Appendix A.
 *
 * Conventions where a moment does not exist (as SciPy's `stats` does): Student's t has no
 * mean for ν ≤ 1 (NaN) and an infinite variance for 1 < ν ≤ 2 (NaN for ν ≤ 1); the inverse
 * gamma's mean is +Infinity for α ≤ 1 and its variance +Infinity for α ≤ 2.
 */
import betaLogpdf from "@stdlib/stats-base-dists-beta-logpdf";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import gammaLogpdf from "@stdlib/stats-base-dists-gamma-logpdf";
import gammaQuantile from "@stdlib/stats-base-dists-gamma-quantile";
import invgammaLogpdf from "@stdlib/stats-base-dists-invgamma-logpdf";
import invgammaQuantile from "@stdlib/stats-base-dists-invgamma-quantile";
import tLogpdf from "@stdlib/stats-base-dists-t-logpdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { normalLogPdf, normalQuantile } from "../special/normal.js";
import type {
  ContinuousDistribution,
  InverseGammaDistribution,
  NormalDistribution,
  StudentTDistribution,
} from "./types.js";
import { checkFinite, checkPositive } from "./validate.js";

/**
 * N(μ, v) by its mean and variance.
 * @throws RangeError unless `mean` is finite and `variance` is finite and > 0.
 * @example normalDistribution(0, 4) // { kind: "normal", mean: 0, variance: 4 }: sd 2
 */
export function normalDistribution(mean: number, variance: number): NormalDistribution {
  checkFinite("normalDistribution", "mean", mean);
  checkPositive("normalDistribution", "variance", variance);
  return { kind: "normal", mean, variance };
}

/**
 * Student's t_ν(μ, s): (x - μ)/s follows the standard t with ν degrees of freedom.
 * @throws RangeError unless `dof` and `scale` are finite and > 0 and `location` is finite.
 * @example studentTDistribution(3, 0, 1)
 */
export function studentTDistribution(dof: number, location: number, scale: number): StudentTDistribution {
  checkPositive("studentTDistribution", "dof", dof);
  checkFinite("studentTDistribution", "location", location);
  checkPositive("studentTDistribution", "scale", scale);
  return { kind: "student-t", dof, location, scale };
}

/**
 * Inv-Gamma(α, β) with shape α and scale β (the distribution of 1/X, X ~ Gamma(α, rate β)).
 * @throws RangeError unless `shape` and `scale` are finite and > 0.
 * @example inverseGammaDistribution(3, 2) // mean 2/(3 - 1) = 1
 */
export function inverseGammaDistribution(shape: number, scale: number): InverseGammaDistribution {
  checkPositive("inverseGammaDistribution", "shape", shape);
  checkPositive("inverseGammaDistribution", "scale", scale);
  return { kind: "inverse-gamma", shape, scale };
}

/** log p(x); -Infinity outside the support, NaN for NaN. */
export function continuousLogDensity(d: ContinuousDistribution, x: number): number {
  switch (d.kind) {
    case "beta":
      return betaLogpdf(x, d.alpha, d.beta);
    case "gamma":
      return gammaLogpdf(x, d.shape, d.rate);
    case "normal":
    case "normal-known-variance": {
      const sd = Math.sqrt(d.variance);
      return normalLogPdf((x - d.mean) / sd) - Math.log(sd);
    }
    case "student-t":
      return tLogpdf((x - d.location) / d.scale, d.dof) - Math.log(d.scale);
    case "inverse-gamma":
      return invgammaLogpdf(x, d.shape, d.scale);
  }
}

/** E[x] (see the module header for moments that do not exist). */
export function continuousMean(d: ContinuousDistribution): number {
  switch (d.kind) {
    case "beta":
      return d.alpha / (d.alpha + d.beta);
    case "gamma":
      return d.shape / d.rate;
    case "normal":
    case "normal-known-variance":
      return d.mean;
    case "student-t":
      return d.dof > 1 ? d.location : Number.NaN;
    case "inverse-gamma":
      return d.shape > 1 ? d.scale / (d.shape - 1) : Number.POSITIVE_INFINITY;
  }
}

/** Var[x] (see the module header for moments that do not exist). */
export function continuousVariance(d: ContinuousDistribution): number {
  switch (d.kind) {
    case "beta": {
      const s = d.alpha + d.beta;
      return (d.alpha * d.beta) / (s * s * (s + 1));
    }
    case "gamma":
      return d.shape / (d.rate * d.rate);
    case "normal":
    case "normal-known-variance":
      return d.variance;
    case "student-t":
      if (d.dof > 2) return (d.scale * d.scale * d.dof) / (d.dof - 2);
      return d.dof > 1 ? Number.POSITIVE_INFINITY : Number.NaN;
    case "inverse-gamma": {
      if (!(d.shape > 2)) return Number.POSITIVE_INFINITY;
      const a1 = d.shape - 1;
      return (d.scale * d.scale) / (a1 * a1 * (d.shape - 2));
    }
  }
}

/**
 * The point of highest density. Beta: (α-1)/(α+β-2) when α, β > 1; 0 or 1 when the density
 * is monotone (α ≤ 1 ≤ β or β ≤ 1 ≤ α, not both 1); NaN for the flat Beta(1, 1) and the
 * U-shaped α, β < 1. Gamma: (α-1)/β, or 0 when α ≤ 1. Inverse gamma: β/(α+1).
 */
export function continuousMode(d: ContinuousDistribution): number {
  switch (d.kind) {
    case "beta": {
      const { alpha: a, beta: b } = d;
      if (a > 1 && b > 1) return (a - 1) / (a + b - 2);
      if ((a < 1 && b < 1) || (a === 1 && b === 1)) return Number.NaN;
      return a <= 1 && b >= 1 ? 0 : 1;
    }
    case "gamma":
      return d.shape >= 1 ? (d.shape - 1) / d.rate : 0;
    case "normal":
    case "normal-known-variance":
      return d.mean;
    case "student-t":
      return d.location;
    case "inverse-gamma":
      return d.scale / (d.shape + 1);
  }
}

/** The quantile function F⁻¹(p) for p in [0, 1]. */
export function continuousQuantile(d: ContinuousDistribution, p: number): number {
  switch (d.kind) {
    case "beta":
      return betaQuantile(p, d.alpha, d.beta);
    case "gamma":
      return gammaQuantile(p, d.shape, d.rate);
    case "normal":
    case "normal-known-variance":
      return d.mean + Math.sqrt(d.variance) * normalQuantile(p);
    case "student-t":
      return d.location + d.scale * tQuantile(p, d.dof);
    case "inverse-gamma":
      return invgammaQuantile(p, d.shape, d.scale);
  }
}
