/**
 * What the multi-objective pruning benchmark measures (issue 14), on the records of
 * `mo-run.ts`.
 *
 * Definitions, for one seed:
 * - Objective space: (loss, log₁₀ GPU-hours), both minimized. GPU-hours span almost two
 *   decades over the search space (1.5B model, 10k examples: 0.046 to 2.66), so on a linear
 *   scale the hypervolume would count almost only the cheapest runs' loss; on a log scale a
 *   halving of the cost weighs the same everywhere. The hypervolume ratio between two runs
 *   does not depend on any further affine normalization.
 * - Reference point r = (r_loss, log₁₀ H_max), H_max the GPU-hours of the costliest
 *   configuration of the space (the surrogate's reference point); r_loss is the start loss
 *   1.25·L* (the surrogate's) for the main figure, and 1.10·L* for a strict one that counts
 *   only runs within 10 % of the reference loss L* (about the better half of a no-pruning
 *   run's trials: on 10k examples the best runs end near 1.045·L*).
 * - Budget: cumulative evaluations ("training steps", one per 1/10 epoch) over the trials
 *   in the order they finished. A trial counts once it has finished: HV(b) is the hypervolume
 *   of the final vectors of the COMPLETE trials whose cumulative steps, themselves included,
 *   are at most b.
 * - The baseline: no pruning after N trials, using S steps: HV₀ = HV of that run.
 * - A pruned run's HV ratio at fraction φ: HV(φ·S)/HV₀. Its step ratio: the least b with
 *   HV(b) ≥ 0.95·HV₀, divided by S (Infinity when the run never gets there).
 * - GPU-hours are counted the same way (a pruned trial spent H·t/T).
 */
import { quantileSorted } from "@tunelab/math/stats";
import { hypervolume } from "../src/stats/hypervolume.js";
import type { MoRunRecord } from "./mo-run.js";

/** A point of the hypervolume curve: after `steps` cumulative evaluations, `gpuHours` spent, HV. */
export interface HvPoint {
  readonly steps: number;
  readonly gpuHours: number;
  readonly hv: number;
  /** The lowest final loss of the COMPLETE trials so far (Infinity before the first). */
  readonly bestLoss: number;
  /** The epochs of that trial (NaN before the first). */
  readonly bestEpochs: number;
}

/** (loss, log₁₀ GPU-hours) of a final vector. */
export function toHvSpace(values: readonly [number, number]): [number, number] {
  return [values[0], Math.log10(values[1])];
}

/**
 * The hypervolume after each finished trial of a run (in the order they finished), against
 * `reference` in (loss, log₁₀ GPU-hours) space.
 * @throws RangeError for a reference that is not two finite numbers.
 */
export function hypervolumeCurve(run: MoRunRecord, reference: readonly [number, number]): HvPoint[] {
  if (reference.length !== 2 || !reference.every(Number.isFinite)) {
    throw new RangeError(
      `hypervolumeCurve: reference must be two finite numbers, got ${JSON.stringify(reference)}`,
    );
  }
  const points: [number, number][] = [];
  const out: HvPoint[] = [];
  let steps = 0;
  let hours = 0;
  let hv = 0;
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestEpochs = Number.NaN;
  for (const t of run.trials) {
    steps += t.steps;
    hours += t.gpuHours;
    if (t.values !== null && Number.isFinite(t.values[0])) {
      points.push(toHvSpace(t.values));
      hv = hypervolume(points, reference);
      if (t.values[0] < bestLoss) {
        bestLoss = t.values[0];
        bestEpochs = t.epochs;
      }
    }
    out.push({ steps, gpuHours: hours, hv, bestLoss, bestEpochs });
  }
  return out;
}

/** HV(b): the hypervolume of the trials finished within `steps` cumulative evaluations. */
export function hypervolumeAtSteps(curve: readonly HvPoint[], steps: number): number {
  let hv = 0;
  for (const p of curve) {
    if (p.steps > steps) break;
    hv = p.hv;
  }
  return hv;
}

/** The lowest final loss of the trials finished within `steps` cumulative evaluations. */
export function bestLossAtSteps(curve: readonly HvPoint[], steps: number): number {
  return pointAtSteps(curve, steps)?.bestLoss ?? Number.POSITIVE_INFINITY;
}

/** The last point within `steps` cumulative evaluations, or null. */
export function pointAtSteps(curve: readonly HvPoint[], steps: number): HvPoint | null {
  let last: HvPoint | null = null;
  for (const p of curve) {
    if (p.steps > steps) break;
    last = p;
  }
  return last;
}

/** The GPU-hours spent by the trials finished within `steps` cumulative evaluations. */
export function gpuHoursAtSteps(curve: readonly HvPoint[], steps: number): number {
  let h = 0;
  for (const p of curve) {
    if (p.steps > steps) break;
    h = p.gpuHours;
  }
  return h;
}

/** The first point whose HV reaches `target`, or null. */
export function firstReaching(curve: readonly HvPoint[], target: number): HvPoint | null {
  for (const p of curve) if (p.hv >= target) return p;
  return null;
}

/** A pruned run against the no-pruning run of the same seed. */
export interface MoComparison {
  readonly seed: number;
  readonly method: string;
  /** S: evaluations of the no-pruning run. */
  readonly baselineSteps: number;
  /** GPU-hours of the no-pruning run. */
  readonly baselineGpuHours: number;
  /** HV₀. */
  readonly baselineHv: number;
  /** HV(φ·S)/HV₀ for each φ of `fractions`. */
  readonly hvRatios: readonly number[];
  /** The least cumulative steps reaching 0.95·HV₀, over S (Infinity if never). */
  readonly stepRatio: number;
  /** The GPU-hours spent until then, over the no-pruning run's (Infinity if never). */
  readonly gpuHoursRatio: number;
  /** GPU-hours spent within φ·S steps, over the no-pruning run's, for each φ. */
  readonly gpuHoursAtFractions: readonly number[];
  /** The best final loss within φ·S steps minus the no-pruning run's, for each φ. */
  readonly bestLossDeltas: readonly number[];
  /** The epochs of the best-loss trial within φ·S steps, for each φ (NaN if none). */
  readonly bestEpochs: readonly number[];
  /** The epochs of the no-pruning run's best-loss trial. */
  readonly baselineBestEpochs: number;
}

/**
 * Compares a run with the no-pruning run of its seed.
 * @param share - the share of HV₀ to reach. @defaultValue 0.95
 * @throws RangeError if the baseline has no hypervolume (nothing COMPLETE inside the reference).
 */
export function compareToBaseline(
  run: MoRunRecord,
  baseline: MoRunRecord,
  reference: readonly [number, number],
  fractions: readonly number[],
  share = 0.95,
): MoComparison {
  const base = hypervolumeCurve(baseline, reference);
  const last = base[base.length - 1];
  if (last === undefined || !(last.hv > 0)) {
    throw new RangeError(
      `compareToBaseline: the no-pruning run of seed ${baseline.seed} has no hypervolume against ${JSON.stringify(reference)}`,
    );
  }
  const curve = hypervolumeCurve(run, reference);
  const reach = firstReaching(curve, share * last.hv);
  return {
    seed: run.seed,
    method: run.method,
    baselineSteps: last.steps,
    baselineGpuHours: last.gpuHours,
    baselineHv: last.hv,
    hvRatios: fractions.map((f) => hypervolumeAtSteps(curve, f * last.steps) / last.hv),
    stepRatio: reach === null ? Number.POSITIVE_INFINITY : reach.steps / last.steps,
    gpuHoursRatio: reach === null ? Number.POSITIVE_INFINITY : reach.gpuHours / last.gpuHours,
    gpuHoursAtFractions: fractions.map((f) => gpuHoursAtSteps(curve, f * last.steps) / last.gpuHours),
    bestLossDeltas: fractions.map((f) => bestLossAtSteps(curve, f * last.steps) - last.bestLoss),
    bestEpochs: fractions.map((f) => pointAtSteps(curve, f * last.steps)?.bestEpochs ?? Number.NaN),
    baselineBestEpochs: last.bestEpochs,
  };
}

/** Median and quartiles (linear interpolation between order statistics, as NumPy's default). */
export interface Quartiles {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/**
 * The quartiles of `xs` (±Infinity allowed, NaN not).
 * @throws RangeError for an empty array or NaN.
 */
export function quartiles(xs: readonly number[]): Quartiles {
  if (xs.length === 0) throw new RangeError("quartiles: xs must not be empty");
  if (xs.some(Number.isNaN)) throw new RangeError("quartiles: xs must not hold NaN");
  const s = [...xs].sort((a, b) => a - b);
  return { q1: quantileSorted(s, 0.25), median: quantileSorted(s, 0.5), q3: quantileSorted(s, 0.75) };
}
