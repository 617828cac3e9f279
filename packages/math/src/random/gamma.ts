/**
 * Gamma deviates by Marsaglia and Tsang, "A simple method for generating gamma variables"
 * (ACM TOMS 26(3), 2000), with the boost G(α) = G(α + 1)·U^{1/α} for α < 1 (their §6).
 */
import type { Rng } from "./rng.js";

/**
 * One draw from Gamma(shape, scale), with mean shape·scale.
 * @param shape - α > 0.
 * @param scale - θ > 0. @defaultValue 1
 * @throws RangeError if shape or scale is not positive and finite.
 */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (!(shape > 0 && Number.isFinite(shape))) {
    throw new RangeError(`gamma: shape must be positive and finite, got ${shape}`);
  }
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(`gamma: scale must be positive and finite, got ${scale}`);
  }
  if (shape < 1) {
    const g = gamma(rng, shape + 1, 1);
    return scale * g * rng.randomOpen() ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.randomOpen();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return scale * d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return scale * d * v;
  }
}

/**
 * One draw from Beta(a, b) as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 * @throws RangeError if a or b is not positive and finite.
 */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}
