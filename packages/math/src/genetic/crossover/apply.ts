/**
 * Crossing parents inside a box: the operator's child, then a {@link Repair} for genes it
 * placed outside.
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover, Repair } from "../types.js";
import { checkInteger, checkParents, unitBox } from "../validate.js";

/** Options of {@link crossover}. */
export interface CrossOptions {
  /** The box of the genes. @defaultValue the unit cube [0, 1]ⁿ */
  readonly box?: Box;
  /** What to do with genes outside the box. @defaultValue \{ kind: "resample", maxTries: 100 \} */
  readonly repair?: Repair;
  /** Where to write the child (length n). @defaultValue a new Float64Array */
  readonly out?: Float64Array;
  /** Skip the argument checks (for hot loops whose inputs are known good). @defaultValue false */
  readonly trusted?: boolean;
}

/**
 * One child of `parents` by `op`, inside the box.
 * @param op - a crossover (built-in, from `crossoverFromSpec`, or your own).
 * @param parents - `op.nParents` points of one length n, finite.
 * @param rng - the generator every draw comes from.
 * @returns the child (`options.out` when given), every gene in the box.
 * @throws RangeError / TypeError on a wrong number of parents, mismatched lengths, non-finite
 *   genes, a malformed box or repair.
 * @example crossover(sbxCrossover(), [Float64Array.of(0.2, 0.3), Float64Array.of(0.6, 0.1)], Rng.fromSeed(1))
 */
export function crossover(
  op: Crossover,
  parents: readonly Float64Array[],
  rng: Rng,
  options: CrossOptions = {},
): Float64Array {
  const n = parents[0]?.length ?? 0;
  const box = options.box ?? unitBox(n);
  const repair = options.repair ?? { kind: "resample" };
  if (options.trusted !== true) {
    if (op === null || typeof op !== "object" || typeof op.cross !== "function") {
      throw new TypeError("crossover: op must be a Crossover ({ name, nParents, cross })");
    }
    checkParents("crossover", parents, op.nParents, box);
    checkRepair(repair);
    if (options.out !== undefined && options.out.length !== n) {
      throw new RangeError(`crossover: out must have length ${n}, got ${options.out.length}`);
    }
  }
  const out = options.out ?? new Float64Array(n);
  const { lower, upper } = box;
  if (repair.kind === "resample") {
    const tries = repair.maxTries ?? 100;
    for (let t = 0; t < tries; t++) {
      op.cross(parents, rng, box, out);
      if (inside(out, lower, upper)) return out;
    }
    return clipInto(out, lower, upper);
  }
  op.cross(parents, rng, box, out);
  return repair.kind === "clip" ? clipInto(out, lower, upper) : reflectInto(out, lower, upper);
}

/** @throws RangeError / TypeError on a malformed repair record. */
export function checkRepair(repair: Repair): void {
  if (repair === null || typeof repair !== "object")
    throw new TypeError("crossover: repair must be a record with a kind");
  if (repair.kind === "resample") {
    if (repair.maxTries !== undefined) checkInteger("crossover", "repair.maxTries", repair.maxTries, 1);
  } else if (repair.kind !== "clip" && repair.kind !== "reflect") {
    throw new TypeError(
      `crossover: repair.kind must be "resample", "clip" or "reflect", got ${String((repair as { kind: unknown }).kind)}`,
    );
  }
}

function inside(x: Float64Array, lower: Float64Array, upper: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!(x[i]! >= lower[i]! && x[i]! <= upper[i]!)) return false;
  return true;
}

/** Moves each gene outside [lower, upper] to the nearer bound (in place). */
export function clipInto(x: Float64Array, lower: Float64Array, upper: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    x[i] = v < lower[i]! ? lower[i]! : v > upper[i]! ? upper[i]! : v;
  }
  return x;
}

/**
 * Mirrors each gene outside [lower, upper] at the bounds until it is inside (in place): the
 * reflection of a walk, v ↦ l + |((v − l) mod 2w) − w| mirrored, with w = u − l.
 */
export function reflectInto(x: Float64Array, lower: Float64Array, upper: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const l = lower[i]!;
    const u = upper[i]!;
    if (v >= l && v <= u) continue;
    const w = u - l;
    if (!(w > 0) || !Number.isFinite(v)) {
      x[i] = v < l ? l : u;
      continue;
    }
    let t = (v - l) % (2 * w);
    if (t < 0) t += 2 * w;
    x[i] = t <= w ? l + t : l + 2 * w - t;
  }
  return x;
}
