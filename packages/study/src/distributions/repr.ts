/**
 * Conversions between a parameter's external value (what the objective sees) and its
 * internal representation (a number; a categorical's choice index), plus membership tests
 * and the mapping to `@tunelab/math` priors that samplers draw from.
 */
import { categoricalPrior, intPrior, logUniformPrior, type Prior, uniformPrior } from "@tunelab/math/priors";
import { type CategoricalChoice, type Distribution, roundGridValue } from "./distribution.js";

/** Index of `value` among a categorical's choices (Object.is equality, so NaN never matches), or -1. */
export function choiceIndex(choices: readonly CategoricalChoice[], value: unknown): number {
  for (let i = 0; i < choices.length; i++) if (Object.is(choices[i], value)) return i;
  // 1 and 1.0 are the same number; -0 and 0 should match too.
  if (typeof value === "number") {
    for (let i = 0; i < choices.length; i++) if (choices[i] === value) return i;
  }
  return -1;
}

/**
 * The internal number for an external value.
 * @throws RangeError if the value is not in the distribution (off-grid, out of bounds, not a choice).
 */
export function toInternal(d: Distribution, value: unknown): number {
  if (d.kind === "categorical") {
    const i = choiceIndex(d.choices, value);
    if (i < 0)
      throw new RangeError(
        `value ${JSON.stringify(value)} is not one of the choices ${JSON.stringify(d.choices)}`,
      );
    return i;
  }
  if (typeof value !== "number" || !containsInternal(d, value)) {
    throw new RangeError(
      `value ${JSON.stringify(value)} is outside ${d.kind}[${d.low}, ${d.high}]${d.step !== null ? ` step ${d.step}` : ""}`,
    );
  }
  return value;
}

/** The external value for an internal number (a choice for categoricals). */
export function toExternal(d: Distribution, internal: number): number | CategoricalChoice {
  if (d.kind === "categorical") {
    const c = d.choices[internal];
    if (c === undefined)
      throw new RangeError(`internal value ${internal} is not a choice index in [0, ${d.choices.length})`);
    return c;
  }
  return internal;
}

/** True when an internal value belongs to the distribution (on its grid, within bounds). */
export function containsInternal(d: Distribution, x: number): boolean {
  if (d.kind === "categorical") return Number.isInteger(x) && x >= 0 && x < d.choices.length;
  if (!(x >= d.low && x <= d.high)) return false;
  if (d.kind === "int") return Number.isInteger(x) && (x - d.low) % d.step === 0;
  if (d.step === null) return true;
  const k = (x - d.low) / d.step;
  return Math.abs(k - Math.round(k)) <= 1e-8 * Math.max(1, Math.abs(k));
}

/**
 * Snaps a number to the nearest value of the distribution: clamps to bounds, rounds to the
 * grid (and to an integer for ints and categorical indices).
 */
export function snapInternal(d: Distribution, x: number): number {
  if (d.kind === "categorical") {
    const i = Math.round(x);
    return i < 0 ? 0 : i >= d.choices.length ? d.choices.length - 1 : i;
  }
  let v = x < d.low ? d.low : x > d.high ? d.high : x;
  if (d.step !== null) {
    v = d.low + Math.round((v - d.low) / d.step) * d.step;
    if (d.kind === "float") v = roundGridValue(v);
    v = v < d.low ? d.low : v > d.high ? d.high : v;
  } else if (d.kind === "int") {
    v = Math.round(v);
  }
  return v;
}

/** The `@tunelab/math` prior matching a distribution (uniform over its support). */
export function distributionToPrior(d: Distribution): Prior {
  switch (d.kind) {
    case "float":
      if (d.log) return logUniformPrior(d.low, d.high);
      return uniformPrior(d.low, d.high, { step: d.step });
    case "int":
      return intPrior(d.low, d.high, { step: d.step, log: d.log });
    case "categorical":
      return categoricalPrior(d.choices.length);
  }
}
