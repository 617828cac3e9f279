/**
 * Hypervolume and IGD+ of a multi-objective run against evaluations: at chosen trial counts
 * (checkpoints), the non-dominated set A of the run's COMPLETE feasible trials so far, its
 * hypervolume against the problem's published reference point (`@tunelab/math/pareto`), and
 * its IGD+ against a reference front Z sampled from the problem's analytic Pareto front
 * (`paretoFront(n)` of `@tunelab/test-functions`):
 *
 *   IGD+(A, Z) = (1/|Z|) Σ_{z∈Z} min_{a∈A} ‖max(a − z, 0)‖   (Ishibuchi, Masuda, Tanigaki,
 *   Nojima, "Modified distance calculation in generational distance and inverted generational
 *   distance", EMO 2015; `igdPlus` of `@tunelab/math/indicators`).
 *
 * Lower IGD+ is better, higher hypervolume is better. Objectives are not normalized (ZDT and
 * DTLZ fronts lie in [0, 1]^m already). Before the first usable trial both are NaN.
 */
import { igdPlus } from "@tunelab/math/indicators";
import type { MultiObjectiveFunction } from "@tunelab/test-functions";
import type { RunRecord } from "../runner/types.js";
import { hypervolume, nonDominated } from "./hypervolume.js";

/** Points of the analytic front used as Z, per problem. @defaultValue 1000 */
export const REFERENCE_FRONT_SIZE = 1000;

const fronts = new Map<string, Float64Array>();

/**
 * The reference front Z of a problem: `size` points of its analytic Pareto front, row-major
 * (cached by name and size).
 * @throws RangeError if the front is empty.
 */
export function referenceFront(
  fn: MultiObjectiveFunction,
  size: number = REFERENCE_FRONT_SIZE,
): Float64Array {
  const key = `${fn.name}\u0000${size}`;
  const hit = fronts.get(key);
  if (hit !== undefined) return hit;
  const pts = fn.paretoFront(size);
  if (pts.length === 0) throw new RangeError(`referenceFront: ${fn.name} gave an empty front`);
  const flat = Float64Array.from(pts.flat());
  fronts.set(key, flat);
  return flat;
}

/** Hypervolume and IGD+ of a run at each checkpoint. */
export interface FrontQuality {
  /** Trial counts (1-based: after that many trials). */
  readonly checkpoints: readonly number[];
  readonly hypervolume: number[];
  readonly igdPlus: number[];
}

/**
 * Hypervolume and IGD+ of the run's non-dominated COMPLETE feasible trials after each
 * checkpoint (a checkpoint past the run's end takes the run's last set).
 * @param run - the run's record.
 * @param fn - its problem (reference point and front).
 * @param checkpoints - increasing trial counts ≥ 1.
 * @param front - Z, row-major, as {@link referenceFront} returns.
 * @throws RangeError if the checkpoints are not increasing integers ≥ 1.
 * @example frontQuality(run, testFunction("zdt1"), [500, 1000], referenceFront(zdt1))
 */
export function frontQuality(
  run: RunRecord,
  fn: MultiObjectiveFunction,
  checkpoints: readonly number[],
  front: Float64Array,
): FrontQuality {
  checkpoints.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 1 || (i > 0 && c <= checkpoints[i - 1]!))
      throw new RangeError(
        `frontQuality: checkpoints must be increasing integers ≥ 1, got ${checkpoints.join(", ")}`,
      );
  });
  const m = fn.nObjectives;
  const hv: number[] = [];
  const igd: number[] = [];
  let archive: number[][] = [];
  let pending: number[][] = [];
  let next = 0;
  const n = run.states.length;
  for (const c of checkpoints) {
    for (; next < Math.min(c, n); next++) {
      const v = run.values[next];
      if (run.states[next] === "C" && run.feasible[next] && v !== null && v !== undefined)
        pending.push(v.slice());
    }
    if (pending.length > 0) {
      archive = nonDominated([...archive, ...pending]);
      pending = [];
    }
    if (archive.length === 0) {
      hv.push(Number.NaN);
      igd.push(Number.NaN);
      continue;
    }
    hv.push(hypervolume(archive, fn.referencePoint));
    igd.push(igdPlus(Float64Array.from(archive.flat()), m, front));
  }
  return { checkpoints: checkpoints.slice(), hypervolume: hv, igdPlus: igd };
}

/**
 * `count` checkpoints evenly spread over `trials` (rounded; the last is `trials`), for the
 * "against evaluations" tables.
 * @throws RangeError if `count` or `trials` is not an integer ≥ 1.
 * @example evenCheckpoints(2000, 4) // [500, 1000, 1500, 2000]
 */
export function evenCheckpoints(trials: number, count: number): number[] {
  if (!Number.isInteger(trials) || trials < 1)
    throw new RangeError(`evenCheckpoints: trials must be an integer ≥ 1, got ${trials}`);
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`evenCheckpoints: count must be an integer ≥ 1, got ${count}`);
  const out: number[] = [];
  for (let i = 1; i <= count; i++) {
    const c = Math.max(1, Math.round((i * trials) / count));
    if (out.length === 0 || c > out[out.length - 1]!) out.push(c);
  }
  return out;
}
