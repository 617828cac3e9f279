/**
 * The search space of a GP and the map between a parameter's own values and the unit cube
 * the kernels work in.
 *
 * Notation: a space has D dimensions; a point is a row of D numbers. For a numeric dimension
 * with bounds [a, b] (a < b), log flag and optional step s, its internal interval is
 * [a', b'] = [a - s/2, b + s/2] for a discrete dimension (each grid value owns a cell of
 * width s, as in `@tunelab/math/priors` and Optuna's GPSampler) and [a, b] otherwise, taken
 * through log when the dimension is logarithmic (then a' > 0 is required). The cube
 * coordinate is u = (t(v) - t(a')) / (t(b') - t(a')) with t = log or the identity, so
 * u ∈ [0, 1]. A categorical dimension with c choices keeps the choice's index 0..c-1 as its
 * coordinate: the categorical kernel only compares indices for equality.
 */
import { checkPositiveInteger } from "./validate.js";

/** A real-valued dimension; with `step`, only a + k·step (k = 0, 1, ...) up to b are valid. */
export interface GpFloatDimension {
  readonly kind: "float";
  readonly low: number;
  readonly high: number;
  /** Work in log space (then low > 0 and no step). @defaultValue false */
  readonly log?: boolean;
  /** Grid spacing; omitted for a continuous dimension. @defaultValue undefined */
  readonly step?: number;
}

/** An integer dimension: low, low + step, ... up to high. */
export interface GpIntDimension {
  readonly kind: "int";
  readonly low: number;
  readonly high: number;
  /** Work in log space (then low ≥ 1 and step 1). @defaultValue false */
  readonly log?: boolean;
  /** @defaultValue 1 */
  readonly step?: number;
}

/** A categorical dimension with `choices` unordered choices, given by index 0..choices-1. */
export interface GpCategoricalDimension {
  readonly kind: "categorical";
  readonly choices: number;
}

/** One dimension of a GP's search space. */
export type GpDimension = GpFloatDimension | GpIntDimension | GpCategoricalDimension;

/** How the optimizer and the kernel see one dimension in the unit cube. */
export type CubeDimension =
  | { readonly kind: "continuous" }
  /** The cube coordinates of the valid values, increasing. */
  | { readonly kind: "discrete"; readonly grid: Float64Array }
  | { readonly kind: "categorical"; readonly choices: number };

interface Affine {
  readonly lo: number;
  readonly width: number;
  readonly log: boolean;
  readonly low: number;
  readonly high: number;
  readonly step: number;
}

function checkDimension(where: string, j: number, dim: GpDimension): void {
  if (dim === null || typeof dim !== "object")
    throw new TypeError(`${where}: space[${j}] must be a dimension record`);
  if (dim.kind === "categorical") {
    checkPositiveInteger(where, `space[${j}].choices`, dim.choices);
    return;
  }
  if (dim.kind !== "float" && dim.kind !== "int") {
    throw new TypeError(
      `${where}: space[${j}].kind must be "float", "int" or "categorical", got ${String((dim as { kind: unknown }).kind)}`,
    );
  }
  if (!Number.isFinite(dim.low) || !Number.isFinite(dim.high) || !(dim.low <= dim.high)) {
    throw new RangeError(`${where}: space[${j}] needs finite low <= high, got [${dim.low}, ${dim.high}]`);
  }
  const step = dim.step ?? (dim.kind === "int" ? 1 : undefined);
  if (step !== undefined && !(step > 0 && Number.isFinite(step))) {
    throw new RangeError(`${where}: space[${j}].step must be positive and finite, got ${step}`);
  }
  if (
    dim.kind === "int" &&
    (!Number.isSafeInteger(dim.low) || !Number.isSafeInteger(dim.high) || !Number.isSafeInteger(step))
  ) {
    throw new RangeError(
      `${where}: space[${j}] (int) needs integer low, high and step, got [${dim.low}, ${dim.high}] step ${step}`,
    );
  }
  if (dim.log === true) {
    if (dim.kind === "float" && dim.step !== undefined) {
      throw new RangeError(`${where}: space[${j}] cannot be both log and stepped`);
    }
    if (dim.kind === "int" && step !== 1)
      throw new RangeError(`${where}: space[${j}] (log int) needs step 1, got ${step}`);
    if (!(dim.low > 0)) throw new RangeError(`${where}: space[${j}] (log) needs low > 0, got ${dim.low}`);
  }
}

function affine(dim: GpFloatDimension | GpIntDimension): Affine {
  const log = dim.log === true;
  const step = dim.step ?? (dim.kind === "int" ? 1 : 0);
  let a = dim.low - step / 2;
  let b = dim.high + step / 2;
  if (log) {
    a = Math.log(a);
    b = Math.log(b);
  }
  // A single-valued continuous dimension maps to 0.5 (width 0 would divide by zero).
  return { lo: a, width: b - a, log, low: dim.low, high: dim.high, step };
}

/**
 * Checks a space description.
 * @throws TypeError or RangeError naming the dimension and the rule it breaks.
 */
export function checkSpace(where: string, space: readonly GpDimension[]): void {
  if (!Array.isArray(space as unknown) || space.length === 0) {
    throw new RangeError(`${where}: space must be a non-empty array of dimensions`);
  }
  for (let j = 0; j < space.length; j++) checkDimension(where, j, space[j]!);
}

/**
 * How each dimension appears in the unit cube: continuous, discrete (with the cube
 * coordinates of its grid values) or categorical.
 * @throws RangeError on a malformed space.
 * @example cubeDimensions([{ kind: "int", low: 1, high: 3 }]) // [{ kind: "discrete", grid: [1/6, 1/2, 5/6] }]
 */
export function cubeDimensions(space: readonly GpDimension[]): CubeDimension[] {
  checkSpace("cubeDimensions", space);
  return space.map((dim): CubeDimension => {
    if (dim.kind === "categorical") return { kind: "categorical", choices: dim.choices };
    const step = dim.step ?? (dim.kind === "int" ? 1 : undefined);
    if (step === undefined) return { kind: "continuous" };
    const f = affine(dim);
    const count = Math.floor((dim.high - dim.low) / step + 1e-9) + 1;
    const grid = new Float64Array(count);
    for (let k = 0; k < count; k++) grid[k] = toCube(f, dim.low + k * step);
    return { kind: "discrete", grid };
  });
}

function toCube(f: Affine, v: number): number {
  if (f.width === 0) return 0.5;
  const t = f.log ? Math.log(v) : v;
  return (t - f.lo) / f.width;
}

function fromCube(f: Affine, u: number): number {
  const c = u < 0 ? 0 : u > 1 ? 1 : u;
  let v = f.width === 0 ? f.low : f.lo + c * f.width;
  if (f.log) v = Math.exp(v);
  if (f.step > 0) {
    const k = Math.round((v - f.low) / f.step);
    v = f.low + k * f.step;
    // Keep the decimal form of the grid (0.1 + 2·0.1 is not 0.3 otherwise).
    v = Number.parseFloat(v.toPrecision(15));
  }
  return v < f.low ? f.low : v > f.high ? f.high : v;
}

/**
 * Maps points from the parameters' own values to the unit cube (categoricals: the index).
 * @param space - the D dimensions.
 * @param values - row-major N×D values (a categorical as its choice index).
 * @returns a new row-major N×D array of cube coordinates.
 * @throws RangeError on a malformed space or a length that is not a multiple of D.
 * @example normalize([{ kind: "float", low: 1e-4, high: 1, log: true }], Float64Array.of(1e-2)) // [0.5]
 */
export function normalize(space: readonly GpDimension[], values: Float64Array): Float64Array {
  checkSpace("normalize", space);
  const d = space.length;
  if (!(values instanceof Float64Array) || values.length % d !== 0) {
    throw new RangeError(`normalize: values must be a Float64Array whose length is a multiple of D=${d}`);
  }
  const maps = space.map((dim) => (dim.kind === "categorical" ? null : affine(dim)));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const f = maps[i % d]!;
    out[i] = f === null ? values[i]! : toCube(f, values[i]!);
  }
  return out;
}

/**
 * Maps cube points back to the parameters' values: clamps to [0, 1], rounds discrete
 * dimensions to their grid and categoricals to the nearest valid index.
 * @param space - the D dimensions.
 * @param cube - row-major N×D cube coordinates.
 * @returns a new row-major N×D array of values.
 * @throws RangeError on a malformed space or a length that is not a multiple of D.
 * @example unnormalize([{ kind: "int", low: 1, high: 3 }], Float64Array.of(0.9)) // [3]
 */
export function unnormalize(space: readonly GpDimension[], cube: Float64Array): Float64Array {
  checkSpace("unnormalize", space);
  const d = space.length;
  if (!(cube instanceof Float64Array) || cube.length % d !== 0) {
    throw new RangeError(`unnormalize: cube must be a Float64Array whose length is a multiple of D=${d}`);
  }
  const maps = space.map((dim) => (dim.kind === "categorical" ? null : affine(dim)));
  const out = new Float64Array(cube.length);
  for (let i = 0; i < cube.length; i++) {
    const f = maps[i % d]!;
    if (f === null) {
      const c = (space[i % d] as GpCategoricalDimension).choices;
      const k = Math.round(cube[i]!);
      out[i] = k < 0 ? 0 : k > c - 1 ? c - 1 : k;
    } else {
      out[i] = fromCube(f, cube[i]!);
    }
  }
  return out;
}
