/**
 * Box-constrained real functions: the shared shape of every continuous test function here.
 *
 * Notation: d is the dimension, x ∈ ℝ^d a point, [lower_i, upper_i] the declared box. The
 * parameters are named x0..x{d-1} in declared order; `evaluate(params)` reads them into a
 * scratch `Float64Array` and delegates to `evaluateVector`, the allocation-free hot path.
 */
import type {
  FloatParamSpec,
  MultiObjectiveFunction,
  Params,
  SingleObjectiveFunction,
  TestFunctionTag,
} from "../types.js";

/** A single-objective function on a box of real parameters x0..x{d-1}, with a fast vector form. */
export interface BoxFunction extends SingleObjectiveFunction {
  /** Number of real parameters d. */
  readonly dimension: number;
  /** Lower bounds of the declared box (length d; do not mutate). */
  readonly lower: Float64Array;
  /** Upper bounds of the declared box (length d; do not mutate). */
  readonly upper: Float64Array;
  /** The known minimizers as vectors (the same points as `optimizers`). */
  readonly optimizerVectors: readonly Float64Array[];
  /**
   * The objective at `x` without allocating. NaN in, NaN out.
   * @throws RangeError if `x.length` is not d.
   */
  evaluateVector(x: Float64Array): number;
}

/** A multi-objective function on a box of real parameters, with a fast vector form. */
export interface MultiBoxFunction extends MultiObjectiveFunction {
  readonly dimension: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /**
   * Writes the objective vector at `x` into `out` (length `nObjectives`) and returns it.
   * @throws RangeError if `x` or `out` has the wrong length.
   */
  evaluateVector(x: Float64Array, out: Float64Array): Float64Array;
  /**
   * A point of the Pareto set indexed by `t` ∈ [0, 1]^(nObjectives - 1) (the position along
   * the front); evaluating it gives a point of the analytic front.
   */
  paretoSetPoint(t: readonly number[]): Float64Array;
}

/** Parameter names x0..x{d-1}. */
export function parameterNames(dimension: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < dimension; i++) names.push(`x${i}`);
  return names;
}

/** The declared space of a box: float parameters x0..x{d-1}. */
export function boxSpace(lower: Float64Array, upper: Float64Array): FloatParamSpec[] {
  const space: FloatParamSpec[] = [];
  for (let i = 0; i < lower.length; i++) {
    space.push({ kind: "float", name: `x${i}`, low: lower[i]!, high: upper[i]! });
  }
  return space;
}

/** The record form {x0: v0, ...} of a vector. */
export function vectorToParams(x: ArrayLike<number>): Params {
  const params: Record<string, number> = {};
  for (let i = 0; i < x.length; i++) params[`x${i}`] = x[i]!;
  return params;
}

/**
 * Reads x0..x{d-1} from `params` into `out`.
 * @throws TypeError naming `fn` if a parameter is missing or not a number.
 */
export function paramsToVector(fn: string, params: Params, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const v = params[`x${i}`];
    if (typeof v !== "number") {
      throw new TypeError(
        `${fn}: parameter x${i} must be a number, got ${v === undefined ? "nothing" : String(v)}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Checks a dimension argument.
 * @throws RangeError naming `fn` if `dimension` is not an integer in [min, 10000].
 */
export function checkDimension(fn: string, dimension: number, min = 1): void {
  if (!Number.isInteger(dimension) || dimension < min || dimension > 10000) {
    throw new RangeError(`${fn}: dimension must be an integer in [${min}, 10000], got ${dimension}`);
  }
}

/** Definition of a {@link BoxFunction} for {@link makeBoxFunction}. */
export interface BoxFunctionDefinition {
  readonly name: string;
  readonly description: string;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly tags: readonly TestFunctionTag[];
  readonly optimum: number | null;
  readonly optimizerVectors: readonly Float64Array[];
  readonly source: string;
  /** The objective; must not allocate and must not keep `x`. */
  readonly evaluateVector: (x: Float64Array) => number;
}

/**
 * Builds a {@link BoxFunction}: the declared space x0..x{d-1}, the record form of the
 * optimizers, a length check around the vector form, and `evaluate(params)` delegating to it.
 * @example
 * ```ts
 * const f = makeBoxFunction({ name: "square", description: "x²", lower: Float64Array.of(-1),
 *   upper: Float64Array.of(1), tags: ["unimodal"], optimum: 0, optimizerVectors: [Float64Array.of(0)],
 *   source: "-", evaluateVector: (x) => x[0]! * x[0]! });
 * f.evaluate({ x0: 0.5 }); // 0.25
 * ```
 */
export function makeBoxFunction(def: BoxFunctionDefinition): BoxFunction {
  const d = def.lower.length;
  if (def.upper.length !== d) throw new RangeError(`${def.name}: lower and upper must have the same length`);
  const scratch = new Float64Array(d);
  const raw = def.evaluateVector;
  const name = def.name;
  return {
    kind: "single",
    name,
    description: def.description,
    space: boxSpace(def.lower, def.upper),
    tags: def.tags,
    optimum: def.optimum,
    optimizers: def.optimizerVectors.map(vectorToParams),
    source: def.source,
    dimension: d,
    lower: def.lower,
    upper: def.upper,
    optimizerVectors: def.optimizerVectors,
    evaluateVector(x: Float64Array): number {
      if (x.length !== d) throw new RangeError(`${name}: x must have length ${d}, got ${x.length}`);
      return raw(x);
    },
    evaluate(params: Params): number {
      return raw(paramsToVector(name, params, scratch));
    },
  };
}

/** A vector of length d filled with `value`. */
export function filled(d: number, value: number): Float64Array {
  return new Float64Array(d).fill(value);
}
