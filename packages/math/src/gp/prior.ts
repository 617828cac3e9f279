/**
 * Priors on GP hyperparameters for MAP fitting.
 *
 * Each prior is a density on the hyperparameter's own value v > 0 (a length scale ℓ_d, the
 * signal variance σ_f², the noise variance σ_n²), added to the log marginal likelihood up to
 * its constant, while the optimizer works in θ = log v: log p(v(θ)) without the Jacobian of
 * the log transform, as GPyTorch/BoTorch and Optuna's GPSampler do.
 *
 * Defaults and their sources:
 * - length scales: the dimension-scaled log-normal of Hvarfner, Hellsten & Nardi, "Vanilla
 *   Bayesian optimization performs great in high dimensions" (ICML 2024),
 *   ℓ_d ~ LogNormal(μ = √2 + ln(D)/2, σ = √3), which BoTorch (≥ 0.12) uses (Optuna 5.0's
 *   GPSampler does not: see below); it lets long length scales (irrelevant dimensions) be likely in
 *   high D. The gamma prior of BoTorch's earlier SingleTaskGP, ℓ ~ Gamma(3, 6), is
 *   `{ kind: "gamma", concentration: 3, rate: 6 }`.
 * - signal variance: Gamma(2, 1) (shape, rate), Optuna's GPSampler (`optuna/_gp/prior.py`),
 *   mode 1 for standardized outputs.
 * - noise variance: Gamma(1.1, 30), Optuna's GPSampler, which favours small noise (mode
 *   0.0033), on top of a minimum noise of 1e-6 (Optuna's DEFAULT_MINIMUM_NOISE_VAR).
 *
 * Optuna's GPSampler (5.0, `optuna/_gp/prior.py`) puts a different prior on the length scales:
 * on the precision λ = 1/ℓ², log p = −(0.1/λ + 0.1·λ) ("picked by heuristics", its comment
 * says), i.e. −(0.1·ℓ² + 0.1/ℓ²), whose mode is ℓ = 1 and which makes both very short and very
 * long length scales costly (ℓ = 0.1 or 10: about −10 nats). It is
 * `{ kind: "precision", a: 0.1, b: 0.1 }` here: log p(v) = −(a·v² + b/v²) for any positive v
 * (a generalized-inverse-Gaussian shape in λ = 1/v² with p = 1).
 */

/** A prior on one positive hyperparameter: gamma (shape, rate), log-normal, precision (Optuna's length-scale form), or none (flat). */
export type HyperPrior =
  | { readonly kind: "gamma"; readonly concentration: number; readonly rate: number }
  | { readonly kind: "logNormal"; readonly loc: number; readonly scale: number }
  /** log p(v) = −(a·v² + b/v²): on λ = 1/v², −(a/λ + b·λ) (Optuna's length-scale prior: a = b = 0.1). */
  | { readonly kind: "precision"; readonly a: number; readonly b: number }
  | { readonly kind: "none" };

/** The priors of every hyperparameter. */
export interface GpPriors {
  /** On each length scale ℓ_d. @defaultValue LogNormal(√2 + ln(D)/2, √3) (Hvarfner et al. 2024) */
  readonly lengthScale: HyperPrior;
  /** On σ_f². @defaultValue Gamma(2, 1) (Optuna's GPSampler) */
  readonly signalVariance: HyperPrior;
  /** On σ_n². @defaultValue Gamma(1.1, 30) (Optuna's GPSampler) */
  readonly noiseVariance: HyperPrior;
}

/**
 * The default priors for D dimensions (see the module comment for their sources).
 * @example defaultPriors(10).lengthScale // { kind: "logNormal", loc: √2 + ln(10)/2, scale: √3 }
 */
export function defaultPriors(d: number): GpPriors {
  return {
    lengthScale: { kind: "logNormal", loc: Math.SQRT2 + 0.5 * Math.log(d), scale: Math.sqrt(3) },
    signalVariance: { kind: "gamma", concentration: 2, rate: 1 },
    noiseVariance: { kind: "gamma", concentration: 1.1, rate: 30 },
  };
}

/**
 * Checks a prior's parameters.
 * @throws RangeError naming the argument.
 */
export function checkPrior(where: string, name: string, p: HyperPrior): void {
  if (p === null || typeof p !== "object") throw new TypeError(`${where}: ${name} must be a prior record`);
  if (p.kind === "none") return;
  if (p.kind === "gamma") {
    if (
      !(p.concentration > 0 && Number.isFinite(p.concentration)) ||
      !(p.rate >= 0 && Number.isFinite(p.rate))
    ) {
      throw new RangeError(
        `${where}: ${name} (gamma) needs concentration > 0 and rate >= 0, got ${p.concentration}, ${p.rate}`,
      );
    }
    return;
  }
  if (p.kind === "logNormal") {
    if (!Number.isFinite(p.loc) || !(p.scale > 0 && Number.isFinite(p.scale))) {
      throw new RangeError(
        `${where}: ${name} (logNormal) needs finite loc and scale > 0, got ${p.loc}, ${p.scale}`,
      );
    }
    return;
  }
  if (p.kind === "precision") {
    if (!(p.a >= 0 && Number.isFinite(p.a)) || !(p.b >= 0 && Number.isFinite(p.b)) || p.a + p.b === 0) {
      throw new RangeError(
        `${where}: ${name} (precision) needs finite a >= 0 and b >= 0, not both 0, got ${p.a}, ${p.b}`,
      );
    }
    return;
  }
  throw new TypeError(`${where}: ${name}.kind must be "gamma", "logNormal", "precision" or "none"`);
}

/**
 * log p(v) up to a constant, and d log p / dv, at v > 0. The derivative is written into
 * out[0] so that hot loops need no allocation.
 */
export function priorLogDensity(p: HyperPrior, v: number, out: Float64Array): number {
  if (p.kind === "gamma") {
    out[0] = (p.concentration - 1) / v - p.rate;
    return (p.concentration - 1) * Math.log(v) - p.rate * v;
  }
  if (p.kind === "logNormal") {
    const lv = Math.log(v);
    const z = (lv - p.loc) / p.scale;
    out[0] = (-1 - z / p.scale) / v;
    return -lv - 0.5 * z * z;
  }
  if (p.kind === "precision") {
    const v2 = v * v;
    out[0] = -2 * p.a * v + (2 * p.b) / (v2 * v);
    return -(p.a * v2 + p.b / v2);
  }
  out[0] = 0;
  return 0;
}
