/**
 * Maximizing an acquisition function over a mixed space in the unit cube.
 *
 * Method (after Optuna's GPSampler, `optuna/_gp/optim_mixed.py`):
 * 1. Preliminary points: `nPreliminary` seeded uniform points (continuous coordinates
 *    uniform in [0, 1], discrete ones a uniform grid value, categoricals a uniform choice),
 *    evaluated in one batch. There is no quasi-random module in `@tunelab/math` yet
 *    (`qmc/`, issue 17); a Sobol sequence can replace the uniform draws then.
 * 2. Local searches from the `nLocalSearch` best preliminary points and from every row of
 *    `starts` (e.g. the best observed points), each alternating, until a round changes
 *    nothing (at most `maxRounds`):
 *    - L-BFGS-B (`@tunelab/math/optim`) on the continuous coordinates inside [0, 1], with
 *      the acquisition's analytic gradient, the others held;
 *    - for each discrete coordinate, every grid value when the grid has at most 16, else
 *      the 4 nearest on each side of the current one; for each categorical, every choice;
 *      the best of a coordinate's candidates (one batch) is taken if it improves.
 * 3. The best point of all searches.
 */
import { minimizeLbfgsb } from "../optim/index.js";
import type { Rng } from "../random/index.js";
import type { Acquisition } from "./acquisition.js";
import { type CubeDimension, cubeDimensions, type GpDimension } from "./space.js";
import { checkNonNegativeInteger, checkPositive, checkPositiveInteger } from "./validate.js";

/** Options of {@link optimizeAcquisition}. */
export interface OptimizeAcquisitionOptions {
  /** Uniform preliminary points. @defaultValue 1024 (Optuna: 2048; see the README's timings) */
  readonly nPreliminary?: number;
  /** Local searches from the best preliminary points. @defaultValue 10 (Optuna's n_local_search) */
  readonly nLocalSearch?: number;
  /** Extra starting points (row-major K×D in the cube, e.g. the best observed), each searched. @defaultValue none */
  readonly starts?: Float64Array;
  /** Rounds of (continuous, then coordinate-wise discrete) moves per search. @defaultValue 10 */
  readonly maxRounds?: number;
  /** L-BFGS-B iterations per round. @defaultValue 100 */
  readonly maxIterations?: number;
  /** L-BFGS-B projected-gradient tolerance. @defaultValue 1e-5 */
  readonly pgtol?: number;
}

/** The best point found. */
export interface AcquisitionOptimum {
  /** The point [D] in the unit cube (discrete coordinates on their grid, categoricals integral). */
  readonly x: Float64Array;
  /** The acquisition value there. */
  readonly value: number;
  /** Acquisition evaluations (batched ones counted per point). */
  readonly evaluations: number;
}

const GRID_ALL = 16;
const NEIGHBOURS = 4;

function nearestIndex(grid: Float64Array, v: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(grid[lo - 1]! - v) <= Math.abs(grid[lo]! - v)) return lo - 1;
  return lo;
}

/** Moves a point onto the space: clamps continuous, snaps discrete, rounds categorical. */
function snap(dims: readonly CubeDimension[], x: Float64Array, o: number): void {
  for (let j = 0; j < dims.length; j++) {
    const dim = dims[j]!;
    const v = x[o + j]!;
    if (dim.kind === "continuous") x[o + j] = v < 0 ? 0 : v > 1 ? 1 : v;
    else if (dim.kind === "discrete") x[o + j] = dim.grid[nearestIndex(dim.grid, v)]!;
    else x[o + j] = Math.min(dim.choices - 1, Math.max(0, Math.round(v)));
  }
}

/**
 * Finds a point of high acquisition value over a mixed space.
 * @param acquisition - from `createAcquisition`.
 * @param space - the D dimensions (as for `normalize`).
 * @param rng - the generator for the preliminary points.
 * @param options - preliminary points, local searches, extra starts, iteration limits.
 * @returns the best point in the unit cube, its value, and the evaluations spent.
 * @throws RangeError when the space's D differs from the acquisition's or an option is out of range.
 * @example const { x } = optimizeAcquisition(acq, space, Rng.fromSeed(1)); unnormalize(space, x)
 */
export function optimizeAcquisition(
  acquisition: Acquisition,
  space: readonly GpDimension[],
  rng: Rng,
  options: OptimizeAcquisitionOptions = {},
): AcquisitionOptimum {
  const where = "optimizeAcquisition";
  const dims = cubeDimensions(space);
  const d = dims.length;
  if (acquisition.dimension !== d) {
    throw new RangeError(
      `${where}: space has D=${d} dimensions but the acquisition has D=${acquisition.dimension}`,
    );
  }
  const nPre = options.nPreliminary ?? 1024;
  checkNonNegativeInteger(where, "nPreliminary", nPre);
  const nLocal = options.nLocalSearch ?? 10;
  checkNonNegativeInteger(where, "nLocalSearch", nLocal);
  const maxRounds = options.maxRounds ?? 10;
  checkPositiveInteger(where, "maxRounds", maxRounds);
  const maxIterations = options.maxIterations ?? 100;
  checkPositiveInteger(where, "maxIterations", maxIterations);
  const pgtol = options.pgtol ?? 1e-5;
  checkPositive(where, "pgtol", pgtol);
  const extra = options.starts ?? new Float64Array(0);
  if (!(extra instanceof Float64Array) || extra.length % d !== 0) {
    throw new RangeError(`${where}: starts must be a Float64Array whose length is a multiple of D=${d}`);
  }
  for (let i = 0; i < extra.length; i++) {
    if (!Number.isFinite(extra[i]))
      throw new RangeError(`${where}: starts[${Math.floor(i / d)}][${i % d}] must be finite`);
  }
  const nExtra = extra.length / d;
  if (nPre + nExtra === 0) throw new RangeError(`${where}: needs nPreliminary >= 1 or at least one start`);

  // 1. Preliminary points.
  const pre = new Float64Array(nPre * d);
  for (let i = 0; i < nPre; i++) {
    for (let j = 0; j < d; j++) {
      const dim = dims[j]!;
      pre[i * d + j] =
        dim.kind === "continuous"
          ? rng.random()
          : dim.kind === "discrete"
            ? dim.grid[rng.int(0, dim.grid.length - 1)]!
            : rng.int(0, dim.choices - 1);
    }
  }
  let evaluations = nPre;
  const preValues = nPre > 0 ? acquisition.values(pre, nPre) : new Float64Array(0);
  const order = Array.from({ length: nPre }, (_, i) => i).sort((a, b) => {
    const va = preValues[a]!;
    const vb = preValues[b]!;
    return vb > va || Number.isNaN(va) ? 1 : vb < va || Number.isNaN(vb) ? -1 : a - b;
  });
  const startPoints: Float64Array[] = [];
  for (let k = 0; k < Math.min(nLocal, nPre); k++)
    startPoints.push(pre.slice(order[k]! * d, order[k]! * d + d));
  for (let k = 0; k < nExtra; k++) {
    const s = extra.slice(k * d, k * d + d);
    snap(dims, s, 0);
    startPoints.push(s);
  }

  const cont: number[] = [];
  for (let j = 0; j < d; j++) if (dims[j]!.kind === "continuous") cont.push(j);
  const nc = cont.length;
  const lower = new Float64Array(nc);
  const upper = new Float64Array(nc).fill(1);
  const full = new Float64Array(d);
  const fullGrad = new Float64Array(d);

  // The best preliminary point is the answer if no search improves on it.
  let bestX = nPre > 0 ? pre.slice(order[0]! * d, order[0]! * d + d) : startPoints[0]!.slice();
  let bestV = nPre > 0 ? preValues[order[0]!]! : Number.NEGATIVE_INFINITY;

  for (const start of startPoints) {
    const x = start;
    let v = acquisition.value(x);
    evaluations++;
    for (let round = 0; round < maxRounds; round++) {
      let changed = false;
      if (nc > 0) {
        const z0 = new Float64Array(nc);
        for (let c = 0; c < nc; c++) z0[c] = x[cont[c]!]!;
        full.set(x);
        const res = minimizeLbfgsb(
          (z, g) => {
            evaluations++;
            for (let c = 0; c < nc; c++) full[cont[c]!] = z[c]!;
            const val = acquisition.valueAndGradient(full, fullGrad);
            if (!Number.isFinite(val)) {
              g.fill(0);
              return 1e300;
            }
            for (let c = 0; c < nc; c++) g[c] = -fullGrad[cont[c]!]!;
            return -val;
          },
          z0,
          { lower, upper, maxIterations, pgtol },
        );
        const nv = -res.f;
        if (nv > v + 1e-10 * Math.max(1, Math.abs(v))) {
          for (let c = 0; c < nc; c++) x[cont[c]!] = Math.min(1, Math.max(0, res.x[c]!));
          v = acquisition.value(x);
          evaluations++;
          changed = true;
        }
      }
      for (let j = 0; j < d; j++) {
        const dim = dims[j]!;
        if (dim.kind === "continuous") continue;
        const cands: number[] = [];
        if (dim.kind === "categorical") {
          for (let c = 0; c < dim.choices; c++) if (c !== x[j]) cands.push(c);
        } else if (dim.grid.length <= GRID_ALL) {
          for (let c = 0; c < dim.grid.length; c++) if (dim.grid[c] !== x[j]) cands.push(dim.grid[c]!);
        } else {
          const at = nearestIndex(dim.grid, x[j]!);
          for (
            let c = Math.max(0, at - NEIGHBOURS);
            c <= Math.min(dim.grid.length - 1, at + NEIGHBOURS);
            c++
          ) {
            if (c !== at) cands.push(dim.grid[c]!);
          }
        }
        if (cands.length === 0) continue;
        const batch = new Float64Array(cands.length * d);
        for (let c = 0; c < cands.length; c++) {
          batch.set(x, c * d);
          batch[c * d + j] = cands[c]!;
        }
        const vals = acquisition.values(batch, cands.length);
        evaluations += cands.length;
        let bi = -1;
        let bv = v + 1e-10 * Math.max(1, Math.abs(v));
        for (let c = 0; c < cands.length; c++) {
          if (vals[c]! > bv) {
            bv = vals[c]!;
            bi = c;
          }
        }
        if (bi >= 0) {
          x[j] = cands[bi]!;
          v = vals[bi]!;
          changed = true;
        }
      }
      if (!changed) break;
    }
    if (v > bestV) {
      bestV = v;
      bestX = x.slice();
    }
  }
  return { x: bestX, value: bestV, evaluations };
}
