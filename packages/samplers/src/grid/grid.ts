/**
 * GridSampler: evaluates every point of an explicit grid exactly once, in a seeded random
 * order, then ends the study.
 *
 * Each trial takes the first point of a seeded permutation that no trial of the study has
 * taken (its index is stored in the trial's system attribute `grid_id`). Trial starts are
 * serialized within a study object and the study snapshot includes this process's running
 * trials, so concurrent trials of one process never share a point; `isExhausted` makes
 * `optimize` stop, and `ask` throw, once every point is taken. Workers in several processes
 * read each other's points at every trial start; two workers starting within the same
 * storage round trip can still pick the same point (as in Optuna's GridSampler).
 */
import { Rng, shuffle } from "@tunelab/math/random";
import {
  type CategoricalChoice,
  choiceIndex,
  containsInternal,
  type Distribution,
  describeDistribution,
  FIXED_PARAMS_KEY,
  type FrozenTrial,
  isFinished,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type TrialState,
} from "@tunelab/study";
import { resolveSeed } from "../seed/index.js";

/** System attribute holding a trial's grid point index. */
export const GRID_ID_KEY = "grid_id";

/** Options of {@link GridSampler}. */
export interface GridSamplerOptions {
  /** Seed of the visiting order. @defaultValue a random seed from the OS */
  readonly seed?: number;
}

/** The values of each parameter; the grid is their Cartesian product. */
export type GridSearchSpace = Readonly<Record<string, readonly CategoricalChoice[]>>;

/**
 * Visits every point of a grid once.
 * @example
 * ```ts
 * const sampler = new GridSampler({ x: [-1, 0, 1], optimizer: ["adam", "sgd"] }, { seed: 0 });
 * const study = await createStudy({ sampler });
 * await study.optimize(objective); // runs exactly 6 trials, then stops
 * ```
 */
export class GridSampler implements Sampler {
  private currentSeed: number;
  /** Parameter names, sorted. */
  readonly paramNames: readonly string[];
  /** Number of grid points. */
  readonly size: number;
  private readonly values: readonly (readonly CategoricalChoice[])[];
  /** The visiting order: a permutation of the point ids drawn from the seed. */
  private order: Int32Array;
  /** What each study (object) has taken: one sampler may serve several studies. */
  private progress = new WeakMap<StudyView, GridProgress>();

  /**
   * @param searchSpace - non-empty lists of values by parameter name (own keys; any string,
   *   "__proto__" included, can be a name).
   * @throws TypeError if `searchSpace` is not a record; RangeError if the space is empty, a
   * list is empty or has repeats, or the grid has more than 2^31 - 1 points.
   */
  constructor(searchSpace: GridSearchSpace, options: GridSamplerOptions = {}) {
    if (searchSpace === null || typeof searchSpace !== "object" || Array.isArray(searchSpace)) {
      throw new TypeError("GridSampler: searchSpace must be a record of value lists by parameter name");
    }
    this.currentSeed = resolveSeed("GridSampler", options.seed);
    const names = Object.keys(searchSpace).sort();
    if (names.length === 0) throw new RangeError("GridSampler: searchSpace must name at least one parameter");
    let size = 1;
    const values: CategoricalChoice[][] = [];
    for (const name of names) {
      const list = searchSpace[name];
      if (!Array.isArray(list) || list.length === 0) {
        throw new RangeError(`GridSampler: searchSpace["${name}"] must be a non-empty array of values`);
      }
      const seen = new Set<unknown>();
      for (const v of list) {
        if (seen.has(v))
          throw new RangeError(`GridSampler: searchSpace["${name}"] repeats the value ${JSON.stringify(v)}`);
        seen.add(v);
      }
      values.push(list.slice());
      size *= list.length;
    }
    if (size > 0x7fffffff)
      throw new RangeError(`GridSampler: the grid has ${size} points, more than 2^31 - 1`);
    this.paramNames = names;
    this.values = values;
    this.size = size;
    this.order = visitingOrder(size, this.currentSeed);
  }

  /** The seed of the visiting order (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Visits the points left in the order of a new seed: afterwards the sampler proposes what a
   * new `GridSampler(searchSpace, { seed })` would for the same study. Resets the visiting
   * order and each study's position in it; the points taken are read again from the trials.
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("GridSampler.reseed", seed);
    this.order = visitingOrder(this.size, this.currentSeed);
    this.progress = new WeakMap();
  }

  /**
   * The parameter values of grid point `id`, as a record without prototype (any string,
   * "__proto__" included, is an ordinary key).
   */
  point(id: number): Record<string, CategoricalChoice> {
    const out: Record<string, CategoricalChoice> = Object.create(null);
    let rest = id;
    for (let k = this.paramNames.length - 1; k >= 0; k--) {
      const list = this.values[k]!;
      out[this.paramNames[k]!] = list[rest % list.length]!;
      rest = Math.floor(rest / list.length);
    }
    return out;
  }

  /** The grid point id of a full assignment of values (own keys of `params`), or -1. */
  idOf(params: Readonly<Record<string, unknown>>): number {
    let id = 0;
    for (let k = 0; k < this.paramNames.length; k++) {
      const list = this.values[k]!;
      const name = this.paramNames[k]!;
      if (!Object.hasOwn(params, name)) return -1;
      const value = params[name];
      const i = list.findIndex((v) => Object.is(v, value) || v === value);
      if (i < 0) return -1;
      id = id * list.length + i;
    }
    return id;
  }

  inferRelativeSearchSpace(_study: StudyView, _trial: FrozenTrial): SearchSpace {
    return {};
  }

  sampleRelative(_study: StudyView, _trial: FrozenTrial, _searchSpace: SearchSpace): Record<string, number> {
    return {};
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    if (trial.systemAttrs[GRID_ID_KEY] !== undefined) return;
    const g = this.scan(study);
    const fixed = trial.systemAttrs[FIXED_PARAMS_KEY] as Record<string, unknown> | undefined;
    let id = fixed === undefined ? -1 : this.idOf(fixed);
    if (id < 0) {
      while (g.pointer < this.size && g.taken[this.order[g.pointer]!]) g.pointer++;
      if (g.pointer >= this.size) {
        throw new RangeError("GridSampler: every grid point is taken; the study should have stopped");
      }
      id = this.order[g.pointer]!;
    }
    mark(g, id);
    g.counted.add(trial.number);
    study.setTrialSystemAttr(trial.trialId, GRID_ID_KEY, id);
  }

  sampleIndependent(
    _study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    const id = trial.systemAttrs[GRID_ID_KEY];
    if (typeof id !== "number") throw new Error(`GridSampler: trial ${trial.number} has no grid point`);
    const k = this.paramNames.indexOf(paramName);
    if (k < 0) {
      throw new RangeError(
        `GridSampler: parameter "${paramName}" is not in the grid (${this.paramNames.join(", ")}); add it to the search space`,
      );
    }
    const value = this.point(id)[paramName];
    let internal: number;
    if (distribution.kind === "categorical") {
      internal = choiceIndex(distribution.choices, value);
    } else {
      internal = typeof value === "number" ? value : Number.NaN;
    }
    if (!containsInternal(distribution, internal)) {
      throw new RangeError(
        `GridSampler: grid value ${JSON.stringify(value)} of "${paramName}" is not in the suggested ${describeDistribution(distribution)}`,
      );
    }
    return internal;
  }

  afterTrial(
    study: StudyView,
    _trial: FrozenTrial,
    _state: TrialState,
    _values: readonly number[] | null,
  ): void {
    if (this.scan(study).takenCount >= this.size) study.stop();
  }

  isExhausted(study: StudyView): boolean {
    return this.scan(study).takenCount >= this.size;
  }

  /**
   * The study's progress, with the points of trials not yet counted (new trials, other
   * workers' trials) marked.
   */
  private scan(study: StudyView): GridProgress {
    let g = this.progress.get(study);
    if (g === undefined) {
      g = { taken: new Uint8Array(this.size), takenCount: 0, pointer: 0, scanFrom: 0, counted: new Set() };
      this.progress.set(study, g);
    }
    const trials = study.getTrials();
    for (let i = g.scanFrom; i < trials.length; i++) {
      const t = trials[i]!;
      if (g.counted.has(t.number)) continue;
      const id = t.systemAttrs[GRID_ID_KEY];
      if (typeof id === "number" && id >= 0 && id < this.size) {
        mark(g, id);
        g.counted.add(t.number);
      } else if (isFinished(t.state)) {
        g.counted.add(t.number); // a finished trial without a point never gets one
      }
    }
    while (g.scanFrom < trials.length && g.counted.has(trials[g.scanFrom]!.number)) {
      g.counted.delete(trials[g.scanFrom]!.number);
      g.scanFrom++;
    }
    return g;
  }
}

/** The grid points one study has taken, and how far its trials were read. */
interface GridProgress {
  readonly taken: Uint8Array;
  takenCount: number;
  /** Position in the visiting order before which every point is taken. */
  pointer: number;
  /** Trials before this position are counted. */
  scanFrom: number;
  /** Trials at or after `scanFrom` already counted. */
  readonly counted: Set<number>;
}

/** A permutation of 0..size−1 drawn from `seed`. */
function visitingOrder(size: number, seed: number): Int32Array {
  const order = Array.from({ length: size }, (_, i) => i);
  shuffle(Rng.fromSeed(seed), order);
  return Int32Array.from(order);
}

function mark(g: GridProgress, id: number): void {
  if (g.taken[id] === 0) {
    g.taken[id] = 1;
    g.takenCount++;
  }
}
