/**
 * The one place where the GP sampler turns a study's trials into arrays (style.md §1):
 * the COMPLETE trials that hold every parameter of the GP space (inside its current
 * distribution) as rows of cube coordinates, their sign-adjusted objective values (every
 * objective minimized, as `@tunelab/math/gp` and `@tunelab/math/pareto` take them), the
 * values of the constraints they set with `trial.setConstraint` (feasible when ≤ 0, stored
 * by the study as the name → value record of the system attribute `constraints`), and the
 * points of RUNNING trials (other than the one being sampled) for the kriging believer.
 *
 * Notation: n rows, D = the space's dimension, m objectives, C constraint names (the sorted
 * union of the names the rows set); PRUNED and FAIL trials are not modelled (as in Optuna's
 * GPSampler).
 */
import { normalize } from "@tunelab/math/gp";
import { containsInternal, type FrozenTrial, trialConstraints } from "@tunelab/study";
import type { GpSpace } from "./space.js";

/** What the GP models of a study, for one trial. */
export interface GpObservations {
  /** n, the COMPLETE trials holding every parameter of the space. */
  readonly n: number;
  /** The trial number of each row, n. */
  readonly numbers: Int32Array;
  /** Their cube coordinates, row-major n×D. */
  readonly x: Float64Array;
  /** Their losses (sign-adjusted values, non-finite ones made finite), row-major n×m. */
  readonly losses: Float64Array;
  /** The constraint names, sorted (empty when no row set a constraint). */
  readonly constraintNames: readonly string[];
  /** Per constraint name, its value on each row (NaN where the row did not set it), n each. */
  readonly constraints: readonly Float64Array[];
  /** 1 where a row is feasible: every constraint name set and ≤ 0 (all rows without constraints). */
  readonly feasible: Uint8Array;
  /** Cube coordinates of the RUNNING trials (other than the one sampled) holding every parameter, r×D. */
  readonly running: Float64Array;
  /** r. */
  readonly nRunning: number;
}

/**
 * Non-finite entries of a column (stride `stride`, offset `offset`) replaced by finite ones
 * beyond the finite range, keeping the order (+∞ → max + spread, −∞ → min − spread), so
 * that the standardized outputs stay finite. NaN entries are left alone.
 */
function finiteColumn(a: Float64Array, stride: number, offset: number): void {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let infinite = false;
  for (let i = offset; i < a.length; i += stride) {
    const v = a[i]!;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    } else if (!Number.isNaN(v)) infinite = true;
  }
  if (!infinite) return;
  if (lo > hi) {
    lo = 0;
    hi = 0;
  }
  const pad = Math.max(hi - lo, Math.abs(hi), Math.abs(lo), 1);
  for (let i = offset; i < a.length; i += stride) {
    const v = a[i]!;
    if (v === Number.POSITIVE_INFINITY) a[i] = hi + pad;
    else if (v === Number.NEGATIVE_INFINITY) a[i] = lo - pad;
  }
}

/** The trial's internal values of the space's parameters into `out` at `o`, or false if one is missing or outside. */
function readRow(space: GpSpace, t: FrozenTrial, out: Float64Array, o: number): boolean {
  const p = t.internalParams;
  for (let j = 0; j < space.names.length; j++) {
    const name = space.names[j]!;
    if (!Object.hasOwn(p, name)) return false;
    const v = p[name]!;
    if (!containsInternal(space.distributions[j]!, v)) return false;
    out[o + j] = v;
  }
  return true;
}

/**
 * The observations of `trials` (a study snapshot) in `space`.
 * @param signs - +1 to minimize, −1 to maximize, per objective.
 * @param self - the number of the trial being sampled (never modelled).
 */
export function gpObservations(
  trials: readonly FrozenTrial[],
  space: GpSpace,
  signs: readonly number[],
  self: number,
): GpObservations {
  const d = space.names.length;
  const m = signs.length;
  const complete: FrozenTrial[] = [];
  const running: FrozenTrial[] = [];
  let values = new Float64Array(16 * d);
  let runValues = new Float64Array(4 * d);
  for (const t of trials) {
    if (t.state === "COMPLETE") {
      if (t.values === null || t.values.length !== m) continue;
      if (values.length < (complete.length + 1) * d) {
        const bigger = new Float64Array(values.length * 2);
        bigger.set(values);
        values = bigger;
      }
      if (readRow(space, t, values, complete.length * d)) complete.push(t);
    } else if (t.state === "RUNNING" && t.number !== self) {
      if (runValues.length < (running.length + 1) * d) {
        const bigger = new Float64Array(runValues.length * 2);
        bigger.set(runValues);
        runValues = bigger;
      }
      if (readRow(space, t, runValues, running.length * d)) running.push(t);
    }
  }
  const n = complete.length;
  const r = running.length;
  const x = n === 0 ? new Float64Array(0) : normalize(space.dimensions, values.subarray(0, n * d));
  const runX = r === 0 ? new Float64Array(0) : normalize(space.dimensions, runValues.subarray(0, r * d));
  const losses = new Float64Array(n * m);
  const numbers = Int32Array.from(complete, (t) => t.number);
  const names = new Set<string>();
  const records: (Readonly<Record<string, number>> | null)[] = [];
  for (let i = 0; i < n; i++) {
    const t = complete[i]!;
    for (let j = 0; j < m; j++) losses[i * m + j] = signs[j]! * t.values![j]!;
    const c = trialConstraints(t);
    records.push(c);
    if (c !== null) for (const key of Object.keys(c)) names.add(key);
  }
  for (let j = 0; j < m; j++) finiteColumn(losses, m, j);
  const constraintNames = [...names].sort();
  const feasible = new Uint8Array(n).fill(1);
  const constraints = constraintNames.map((name) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = records[i];
      const v = c !== null && c !== undefined && Object.hasOwn(c, name) ? c[name]! : Number.NaN;
      col[i] = typeof v === "number" ? v : Number.NaN;
      if (!(col[i]! <= 0)) feasible[i] = 0;
    }
    finiteColumn(col, 1, 0);
    return col;
  });
  return { n, numbers, x, losses, constraintNames, constraints, feasible, running: runX, nRunning: r };
}
