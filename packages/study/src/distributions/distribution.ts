/**
 * Parameter distributions, as readonly records tagged by `kind`, with the same attributes as
 * Optuna's FloatDistribution, IntDistribution and CategoricalDistribution so that their JSON
 * forms are interchangeable (see ./json.ts).
 *
 * Internal representation: every parameter is stored as a number. Floats and ints are
 * stored as themselves; a categorical value is stored as the index of its choice.
 */

/** A value a categorical parameter can take. */
export type CategoricalChoice = string | number | boolean | null;

/** A real parameter on [low, high], optionally log-scaled or on a step grid. */
export interface FloatDistribution {
  readonly kind: "float";
  readonly low: number;
  /** Upper bound; with a step, the last grid point (≤ the requested high). */
  readonly high: number;
  readonly log: boolean;
  /** Grid spacing, or null for continuous. */
  readonly step: number | null;
}

/** An integer parameter on low, low + step, ..., high, optionally log-scaled (step 1). */
export interface IntDistribution {
  readonly kind: "int";
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

/** A categorical parameter over explicit choices. */
export interface CategoricalDistribution {
  readonly kind: "categorical";
  readonly choices: readonly CategoricalChoice[];
}

/** Any distribution. */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** Options of {@link floatDistribution} and `Trial.suggestFloat`. */
export interface FloatOptions {
  /** Sample on a log scale (requires low > 0; not with step). @defaultValue false */
  readonly log?: boolean;
  /** Grid spacing (not with log). @defaultValue undefined (continuous) */
  readonly step?: number | null;
}

/** Options of {@link intDistribution} and `Trial.suggestInt`. */
export interface IntOptions {
  /** Sample on a log scale (requires low ≥ 1 and step 1). @defaultValue false */
  readonly log?: boolean;
  /** Grid spacing, an integer ≥ 1. @defaultValue 1 */
  readonly step?: number;
}

/**
 * The most grid intervals a stepped distribution may have: its values are counted and drawn
 * as integers, which stay exact while the count of values is at most 2^53 − 1.
 */
const MAX_GRID_INTERVALS = Number.MAX_SAFE_INTEGER - 1;

/** Tolerance-aware count of grid points low, low + step, ... ≤ high. */
function gridCount(low: number, high: number, step: number): number {
  const r = (high - low) / step;
  const n = Math.round(r);
  return (Math.abs(r - n) <= 1e-8 * Math.max(1, Math.abs(r)) ? n : Math.floor(r)) + 1;
}

/** Rounds away floating-point noise of a grid value (0.30000000000000004 → 0.3). */
export function roundGridValue(x: number): number {
  return Number.parseFloat(x.toPrecision(14));
}

/**
 * A float distribution, validated.
 * @throws RangeError if low/high are not finite, low > high, log with low ≤ 0, step with
 * log, or step ≤ 0. The message names the argument and the allowed range.
 * @example floatDistribution(1e-5, 1e-1, { log: true })
 */
export function floatDistribution(
  low: number,
  high: number,
  options: FloatOptions = {},
  where = "floatDistribution",
): FloatDistribution {
  const log = options.log ?? false;
  const step = options.step ?? null;
  if (typeof low !== "number" || !Number.isFinite(low)) {
    throw new RangeError(`${where}: low must be a finite number, got ${String(low)}`);
  }
  if (typeof high !== "number" || !Number.isFinite(high)) {
    throw new RangeError(`${where}: high must be a finite number, got ${String(high)}`);
  }
  if (low > high) throw new RangeError(`${where}: low must be <= high, got low=${low}, high=${high}`);
  if (!Number.isFinite(high - low)) {
    throw new RangeError(
      `${where}: the width high - low must be a finite number (at most ${Number.MAX_VALUE}), got low=${low}, high=${high}; narrow the range or rescale the parameter`,
    );
  }
  if (typeof log !== "boolean") throw new TypeError(`${where}: log must be a boolean, got ${String(log)}`);
  if (log && step !== null) {
    throw new RangeError(`${where}: step and log cannot be used together (got step=${step}, log=true)`);
  }
  if (log && !(low > 0)) {
    throw new RangeError(`${where}: low must be > 0 when log is true, got low=${low}`);
  }
  if (step !== null) {
    if (typeof step !== "number" || !(step > 0) || !Number.isFinite(step)) {
      throw new RangeError(`${where}: step must be a finite number > 0, got ${String(step)}`);
    }
    if ((high - low) / step > MAX_GRID_INTERVALS) {
      throw new RangeError(
        `${where}: step=${step} is too small for the range [${low}, ${high}]: the grid would have ${((high - low) / step + 1).toExponential(3)} points, at most 2^53 - 1 can be counted exactly; use a larger step or no step`,
      );
    }
    const adjusted = roundGridValue(low + (gridCount(low, high, step) - 1) * step);
    return { kind: "float", low, high: adjusted > high ? high : adjusted, log, step };
  }
  return { kind: "float", low, high, log, step };
}

/**
 * An integer distribution, validated.
 * @throws RangeError if low/high are not integers, low > high, step is not an integer ≥ 1,
 * log with low < 1, or log with step ≠ 1.
 * @example intDistribution(16, 512, { log: true })
 */
export function intDistribution(
  low: number,
  high: number,
  options: IntOptions = {},
  where = "intDistribution",
): IntDistribution {
  const log = options.log ?? false;
  const step = options.step ?? 1;
  if (!Number.isSafeInteger(low))
    throw new RangeError(`${where}: low must be an integer, got ${String(low)}`);
  if (!Number.isSafeInteger(high))
    throw new RangeError(`${where}: high must be an integer, got ${String(high)}`);
  if (low > high) throw new RangeError(`${where}: low must be <= high, got low=${low}, high=${high}`);
  if (!(high - low <= MAX_GRID_INTERVALS)) {
    throw new RangeError(
      `${where}: the range must hold at most 2^53 - 1 values (high - low <= ${MAX_GRID_INTERVALS}) so that they can be counted exactly, got low=${low}, high=${high}`,
    );
  }
  if (typeof log !== "boolean") throw new TypeError(`${where}: log must be a boolean, got ${String(log)}`);
  if (!Number.isSafeInteger(step) || step < 1) {
    throw new RangeError(`${where}: step must be an integer >= 1, got ${String(step)}`);
  }
  if (log && step !== 1) {
    throw new RangeError(`${where}: step must be 1 when log is true, got step=${step}`);
  }
  if (log && low < 1) throw new RangeError(`${where}: low must be >= 1 when log is true, got low=${low}`);
  const adjusted = low + Math.floor((high - low) / step) * step;
  return { kind: "int", low, high: adjusted, log, step };
}

/**
 * A categorical distribution, validated. Choices are strings, numbers, booleans or `null`,
 * and may mix these types as Optuna allows (`[null, true, 1, 1.5, "auto"]`); they must be
 * unique (`1` and `true` are different choices; `0` and `-0` are the same).
 * @throws RangeError if `choices` is empty, holds NaN, `undefined`, an object, a function or
 * another non-primitive, or repeats a choice.
 * @example categoricalDistribution(["adam", "sgd", null])
 */
export function categoricalDistribution(
  choices: readonly CategoricalChoice[],
  where = "categoricalDistribution",
): CategoricalDistribution {
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new RangeError(`${where}: choices must be a non-empty array`);
  }
  const seen = new Set<CategoricalChoice>();
  for (let i = 0; i < choices.length; i++) {
    if (!(i in choices)) throw new RangeError(`${where}: choices[${i}] is missing (a sparse array)`);
    const c = choices[i] as unknown;
    const t = c === null ? "null" : typeof c;
    if (t !== "null" && t !== "string" && t !== "number" && t !== "boolean") {
      throw new RangeError(
        `${where}: choices[${i}] must be a string, number, boolean or null, got ${t === "object" ? "an object" : t}`,
      );
    }
    if (t === "number" && Number.isNaN(c)) throw new RangeError(`${where}: choices[${i}] must not be NaN`);
    if (seen.has(c as CategoricalChoice)) {
      throw new RangeError(`${where}: choices must be unique, ${JSON.stringify(c)} appears twice`);
    }
    seen.add(c as CategoricalChoice);
  }
  return { kind: "categorical", choices: choices.slice() };
}

/**
 * Checks that `d` is a well-formed distribution (the right `kind` and fields, valid bounds),
 * as a value coming from user code or from a file may not be.
 * @returns `d` itself when it is already in normal form, else the normalized distribution.
 * @throws TypeError or RangeError naming `where` and the field at fault.
 */
export function validateDistribution(d: unknown, where = "distribution"): Distribution {
  if (d === null || typeof d !== "object") {
    throw new TypeError(
      `${where}: must be a distribution record ({ kind: "float" | "int" | "categorical", ... }), got ${d === null ? "null" : typeof d}`,
    );
  }
  const r = d as Partial<Record<string, unknown>>;
  let out: Distribution;
  switch (r.kind) {
    case "float":
      out = floatDistribution(
        r.low as number,
        r.high as number,
        { log: r.log as boolean, step: r.step as number | null },
        where,
      );
      break;
    case "int":
      out = intDistribution(
        r.low as number,
        r.high as number,
        { log: r.log as boolean, step: r.step as number },
        where,
      );
      break;
    case "categorical":
      out = categoricalDistribution(r.choices as CategoricalChoice[], where);
      break;
    default:
      throw new RangeError(
        `${where}: kind must be "float", "int" or "categorical", got ${JSON.stringify(r.kind) ?? String(r.kind)}`,
      );
  }
  return distributionsEqual(out, d as Distribution) ? (d as Distribution) : out;
}

/** True when the two distributions are identical (same kind, bounds, step, log, choices). */
export function distributionsEqual(a: Distribution, b: Distribution): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === "categorical") {
    const bc = (b as CategoricalDistribution).choices;
    if (a.choices.length !== bc.length) return false;
    for (let i = 0; i < bc.length; i++) if (!Object.is(a.choices[i], bc[i])) return false;
    return true;
  }
  const bn = b as FloatDistribution | IntDistribution;
  return a.low === bn.low && a.high === bn.high && a.log === bn.log && a.step === bn.step;
}

/**
 * Why two distributions of one parameter name cannot coexist in a study, or null when they
 * can: the kind must match, and categorical choices must be the same.
 */
export function distributionIncompatibility(a: Distribution, b: Distribution): string | null {
  if (a.kind !== b.kind) return `it was a ${a.kind} parameter and is now asked as ${b.kind}`;
  if (a.kind === "categorical" && !distributionsEqual(a, b)) {
    return `its choices were ${JSON.stringify(a.choices)} and are now ${JSON.stringify((b as CategoricalDistribution).choices)}`;
  }
  return null;
}

/** True when the distribution has exactly one value (low = high, or one choice). */
export function isSingleValue(d: Distribution): boolean {
  return d.kind === "categorical" ? d.choices.length === 1 : d.low === d.high;
}

/** A short human-readable form, e.g. `float[1e-05, 0.1, log]`. */
export function describeDistribution(d: Distribution): string {
  if (d.kind === "categorical") return `categorical${JSON.stringify(d.choices)}`;
  const extra = d.log
    ? ", log"
    : d.step !== null && !(d.kind === "int" && d.step === 1)
      ? `, step=${d.step}`
      : "";
  return `${d.kind}[${d.low}, ${d.high}${extra}]`;
}
