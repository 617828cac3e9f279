/** Builds {@link MultiBoxFunction} records. */
import { boxSpace, type MultiBoxFunction, paramsToVector } from "../box/box-function.js";
import type { Params, TestFunctionTag } from "../types.js";

/** Definition of a multi-objective box function for {@link makeMultiBoxFunction}. */
export interface MultiBoxDefinition {
  readonly name: string;
  readonly description: string;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly nObjectives: number;
  readonly tags: readonly TestFunctionTag[];
  readonly referencePoint: readonly number[];
  readonly source: string;
  /** Writes the objectives of x into out; must not allocate. */
  readonly evaluateVector: (x: Float64Array, out: Float64Array) => void;
  readonly paretoFront: (n: number) => number[][];
  readonly paretoSetPoint: (t: readonly number[]) => Float64Array;
}

/** Wraps a definition with length checks, the declared space and `evaluate(params)`. */
export function makeMultiBoxFunction(def: MultiBoxDefinition): MultiBoxFunction {
  const d = def.lower.length;
  const m = def.nObjectives;
  const scratch = new Float64Array(d);
  const name = def.name;
  const raw = def.evaluateVector;
  return {
    kind: "multi",
    name,
    description: def.description,
    space: boxSpace(def.lower, def.upper),
    tags: def.tags,
    nObjectives: m,
    referencePoint: def.referencePoint,
    source: def.source,
    dimension: d,
    lower: def.lower,
    upper: def.upper,
    evaluateVector(x: Float64Array, out: Float64Array): Float64Array {
      if (x.length !== d) throw new RangeError(`${name}: x must have length ${d}, got ${x.length}`);
      if (out.length !== m) throw new RangeError(`${name}: out must have length ${m}, got ${out.length}`);
      raw(x, out);
      return out;
    },
    evaluate(params: Params): number[] {
      const out = new Float64Array(m);
      raw(paramsToVector(name, params, scratch), out);
      return Array.from(out);
    },
    paretoFront(n: number): number[][] {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`${name}.paretoFront: n must be a non-negative integer, got ${n}`);
      return def.paretoFront(n);
    },
    paretoSetPoint: def.paretoSetPoint,
  };
}
