/**
 * SlotPopulationSampler: what DifferentialEvolutionSampler and ParticleSwarmSampler share — a
 * population of NP slots (DE: targets; PSO: particles) kept in trial system attributes, so that
 * asynchronous workers in several processes on one storage breed from one population. The
 * algorithm (`SlotAlgorithm`) supplies the generation step and the proposal of a slot; the
 * generation steps themselves are `@tunelab/math/population`'s pure functions.
 *
 * System attributes, under the algorithm's own keys (`de:*`, `pso:*`):
 * - `generation` on every trial: g = the highest generation among COMPLETE trials, or g + 1 once
 *   that generation has NP COMPLETE trials (`GenerationHistory` of `../population/`, the rule of
 *   the NSGA samplers; FAIL and PRUNED trials never fill a generation);
 * - `slot` on every trial of g ≥ 1: the slot with the fewest COMPLETE or RUNNING trials of g
 *   (lowest index on ties), so a failed or pruned trial's slot is the next one asked;
 * - `parents` on the first trial of g ≥ 1 that a worker starts without a record for g: the
 *   generation's state as the algorithm records it (DE: the trial numbers of the population and
 *   the archive, and SHADE's memory; PSO: positions, velocities and personal bests in the unit
 *   box of a named space). The record on the lowest trial number wins for everyone;
 * - `draws` (DE: the CR and F a trial vector used, for SHADE's memory update).
 *
 * Generation 0 is sampled by the independent sampler (RandomSampler by default: uniform in the
 * unit box, as both methods initialize); the state of generation 1 is built from generation 0's
 * COMPLETE trials. Each trial's draws come from a generator keyed by the seed and the trial
 * number, each generation step's from one keyed by the seed and g, so a seed fixes a study at
 * concurrency 1 whatever process runs each trial. Parameters outside the relative space
 * (conditional ones, or the whole first trial) go to the independent sampler. Single objective
 * only; PRUNED trials are not used (as FAIL ones).
 */
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  type FrozenTrial,
  IntersectionSearchSpace,
  type JsonValue,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type TrialState,
  trialLowerBound,
} from "@tunelab/study";
import { RandomSampler } from "../random/random.js";
import { StableRelativeSpace } from "../relative-space/index.js";
import { resolveSeed } from "../seed/index.js";
import { GenerationHistory, generationOf, type ParentsRecord } from "./history.js";
import { UnitSpace } from "./unit-space.js";

/** The system attribute keys of a slot population sampler. */
export interface SlotKeys {
  /** Generation of a trial (a number). */
  readonly generation: string;
  /** The state of a generation (`ParentsRecord` with the algorithm's JSON in `state`). */
  readonly parents: string;
  /** Slot of a trial (a number). */
  readonly slot: string;
  /** What a trial's proposal drew (an array of numbers), when the algorithm needs it later. */
  readonly draws: string;
}

/** A COMPLETE trial as the algorithm sees it. */
export interface SlotMember {
  /** Trial number. */
  readonly number: number;
  /** Its parameters in the unit box. */
  readonly u: Float64Array;
  /** Its value, minimized (maximized objectives negated), ±Infinity as ±Number.MAX_VALUE. */
  readonly value: number;
  /** Its slot (null in generation 0). */
  readonly slot: number | null;
  /** Its `draws` attribute, or null. */
  readonly draws: readonly number[] | null;
}

/** What an algorithm step is given besides its inputs. */
export interface SlotContext {
  /** The unit box of the relative search space. */
  readonly space: UnitSpace;
  /** NP. */
  readonly populationSize: number;
  /** The generation the step produces or proposes for. */
  readonly generation: number;
  /** A COMPLETE trial by number (null when unknown or lacking a parameter of the space). */
  member(number: number): SlotMember | null;
}

/** The algorithm of a slot population sampler (see the module comment). */
export interface SlotAlgorithm<S> {
  /** The sampler's name, at the start of its error messages. */
  readonly name: string;
  /** Its system attribute keys. */
  readonly keys: SlotKeys;
  /** The label of its random streams. */
  readonly stream: string;
  /**
   * The state of generation g (ctx.generation) from g − 1's state (null: start from the
   * members) and g − 1's COMPLETE trials (sorted by number); null when it cannot be built.
   */
  advance(previous: S | null, members: readonly SlotMember[], ctx: SlotContext, rng: Rng): S | null;
  /** The point (unit box) of one slot, and what it drew that later steps need (or null). */
  propose(state: S, slot: number, ctx: SlotContext, rng: Rng): { u: Float64Array; draws: number[] | null };
  /** A state as stored: the trial numbers it names and its JSON. */
  toRecord(state: S, ctx: SlotContext): { trials: number[]; state: JsonValue };
  /** A stored state, or null when it does not fit the current space or names unseen trials. */
  fromRecord(record: ParentsRecord, ctx: SlotContext): S | null;
}

/** Options every slot population sampler takes. */
export interface SlotSamplerOptions {
  /** NP: slots per generation (integer ≥ 4). @defaultValue 20 */
  readonly populationSize?: number;
  /** Samples generation 0 and the parameters outside the relative space. @defaultValue new RandomSampler(\{ seed \}) */
  readonly independentSampler?: Sampler;
  /** Seed of the sampler. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
}

interface Cached<S> {
  readonly holder: number;
  readonly fingerprint: string;
  readonly state: S;
}

interface StudyState<S> {
  readonly history: GenerationHistory;
  readonly intersection: IntersectionSearchSpace;
  readonly relative: StableRelativeSpace;
  unit: { source: SearchSpace; space: UnitSpace; members: Map<number, SlotMember | null> } | null;
  readonly generations: Map<number, number>;
  readonly slots: Map<number, number>;
  readonly states: Map<number, Cached<S>>;
  /** Every trial with a number below it is finished. */
  cursor: number;
}

/** Option names every slot sampler accepts. */
export const SLOT_OPTIONS: readonly string[] = ["populationSize", "independentSampler", "seed"];

/**
 * Checks the shared options (unknown names against `SLOT_OPTIONS` and `extra`).
 * @throws TypeError / RangeError naming the sampler, the option and its allowed values.
 */
export function checkSlotOptions(where: string, o: SlotSamplerOptions, extra: readonly string[]): void {
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined && !SLOT_OPTIONS.includes(key) && !extra.includes(key)) {
      throw new TypeError(`${where}: unknown option ${key}`);
    }
  }
  const np = o.populationSize;
  if (np !== undefined && !(Number.isSafeInteger(np) && np >= 4)) {
    throw new RangeError(`${where}: populationSize must be an integer >= 4, got ${String(np)}`);
  }
  if (
    o.independentSampler !== undefined &&
    (o.independentSampler === null || typeof o.independentSampler.sampleIndependent !== "function")
  ) {
    throw new TypeError(`${where}: independentSampler must be a Sampler`);
  }
}

/** The shared core (see the module comment); use it through its subclasses. */
export class SlotPopulationSampler<S> implements Sampler {
  private currentSeed: number;
  private base: Rng;
  private independent: Sampler;
  private studies = new WeakMap<StudyView, StudyState<S>>();
  /** NP. */
  readonly populationSize: number;

  /**
   * @throws TypeError / RangeError on invalid shared options (see {@link checkSlotOptions}); the
   *   subclass checks its own.
   */
  constructor(
    private readonly options: SlotSamplerOptions,
    private readonly algorithm: SlotAlgorithm<S>,
  ) {
    this.populationSize = options.populationSize ?? 20;
    this.currentSeed = resolveSeed(algorithm.name, options.seed);
    this.base = Rng.fromSeed(this.currentSeed).fork(algorithm.stream);
    this.independent = options.independentSampler ?? new RandomSampler({ seed: this.currentSeed });
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new sampler with the
   * same options and this seed would (generations, slots and states stored on trials are read
   * again as they are). A given `independentSampler` is reseeded too when it has `reseed`.
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed(`${this.algorithm.name}.reseed`, seed);
    this.base = Rng.fromSeed(this.currentSeed).fork(this.algorithm.stream);
    const given = this.options.independentSampler;
    if (given === undefined) this.independent = new RandomSampler({ seed: this.currentSeed });
    else (given as { reseed?: (seed?: number) => void }).reseed?.(this.currentSeed);
    this.studies = new WeakMap();
  }

  private studyState(study: StudyView): StudyState<S> {
    let s = this.studies.get(study);
    if (s === undefined) {
      s = {
        history: new GenerationHistory(this.algorithm.keys),
        intersection: new IntersectionSearchSpace(),
        relative: new StableRelativeSpace(),
        unit: null,
        generations: new Map(),
        slots: new Map(),
        states: new Map(),
        cursor: 0,
      };
      this.studies.set(study, s);
    }
    return s;
  }

  private checkSingleObjective(study: StudyView): void {
    if (study.directions.length > 1) {
      throw new Error(
        `${this.algorithm.name}: optimizes a single objective, but study "${study.studyName}" has ${study.directions.length} directions; use a multi-objective sampler (e.g. NSGA-II or TPE)`,
      );
    }
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    this.checkSingleObjective(study);
    const s = this.studyState(study);
    return s.relative.update(s.intersection.calculate(study.getTrials()));
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial?.(study, trial);
    this.checkSingleObjective(study);
    const s = this.studyState(study);
    s.history.update(study);
    const keys = this.algorithm.keys;
    let g = generationOf(trial, keys);
    if (g === null) {
      g = s.history.nextGeneration(this.populationSize);
      study.setTrialSystemAttr(trial.trialId, keys.generation, g);
    }
    s.generations.set(trial.number, g);
    if (g === 0) return;
    let slot = slotOf(trial, keys.slot);
    if (slot === null) {
      slot = this.chooseSlot(study, s, g, trial.number);
      study.setTrialSystemAttr(trial.trialId, keys.slot, slot);
    }
    s.slots.set(trial.number, slot);
  }

  /** The slot with the fewest COMPLETE or RUNNING trials of generation g (lowest index on ties). */
  private chooseSlot(study: StudyView, s: StudyState<S>, g: number, self: number): number {
    const keys = this.algorithm.keys;
    const np = this.populationSize;
    const count = new Array<number>(np).fill(0);
    for (const t of s.history.membersOf(g)) {
      const k = slotOf(t, keys.slot);
      if (k !== null && k < np) count[k]!++;
    }
    const trials = study.getTrials();
    let allFinished = true;
    for (let i = trialLowerBound(trials, s.cursor); i < trials.length; i++) {
      const t = trials[i]!;
      if (t.state === "COMPLETE" || t.state === "PRUNED" || t.state === "FAIL") {
        if (allFinished) s.cursor = t.number + 1;
        continue;
      }
      allFinished = false;
      if (t.number === self || t.state !== "RUNNING" || generationOf(t, keys) !== g) continue;
      const k = slotOf(t, keys.slot);
      if (k !== null && k < np) count[k]!++;
    }
    let best = 0;
    for (let i = 1; i < np; i++) if (count[i]! < count[best]!) best = i;
    return best;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    this.checkSingleObjective(study);
    if (Object.keys(searchSpace).length === 0) return {};
    const s = this.studyState(study);
    const keys = this.algorithm.keys;
    const g = s.generations.get(trial.number) ?? generationOf(trial, keys) ?? 0;
    if (g === 0) return {};
    const slot = s.slots.get(trial.number) ?? slotOf(trial, keys.slot) ?? 0;
    const unit = this.unitFor(s, searchSpace);
    const ctx = this.context(study, s, g);
    const state = this.stateOf(study, s, g, trial);
    if (state === null) return {};
    const { u, draws } = this.algorithm.propose(
      state,
      slot % this.populationSize,
      ctx,
      this.base.fork(trial.number),
    );
    if (draws !== null) study.setTrialSystemAttr(trial.trialId, keys.draws, draws);
    return unit.space.decode(u);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    return this.independent.sampleIndependent(study, trial, paramName, distribution);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.independent.afterTrial?.(study, trial, state, values);
    const s = this.studies.get(study);
    s?.generations.delete(trial.number);
    s?.slots.delete(trial.number);
  }

  private unitFor(s: StudyState<S>, space: SearchSpace): NonNullable<StudyState<S>["unit"]> {
    if (s.unit !== null && s.unit.source === space) return s.unit;
    const unit = new UnitSpace(space);
    if (s.unit !== null && s.unit.space.fingerprint === unit.fingerprint) {
      s.unit = { ...s.unit, source: space };
    } else {
      s.unit = { source: space, space: unit, members: new Map() };
    }
    return s.unit;
  }

  private context(study: StudyView, s: StudyState<S>, g: number): SlotContext {
    const unit = s.unit!;
    const keys = this.algorithm.keys;
    const sign = study.directions[0] === "maximize" ? -1 : 1;
    return {
      space: unit.space,
      populationSize: this.populationSize,
      generation: g,
      member: (number: number): SlotMember | null => {
        const known = unit.members.get(number);
        if (known !== undefined) return known;
        const t = s.history.complete.get(number);
        if (t === undefined || t.values === null) return null;
        const u = unit.space.encode(t);
        let m: SlotMember | null = null;
        if (u !== null) {
          const raw = sign * t.values[0]!;
          const value = raw === Infinity ? Number.MAX_VALUE : raw === -Infinity ? -Number.MAX_VALUE : raw;
          const d = t.systemAttrs[keys.draws];
          const draws = Array.isArray(d) && d.every((x) => typeof x === "number") ? (d as number[]) : null;
          m = { number, u, value, slot: slotOf(t, keys.slot), draws };
        }
        unit.members.set(number, m);
        return m;
      },
    };
  }

  /**
   * The state of generation g ≥ 1: the preferred stored record, else built here from g − 1 (and
   * stored on `holder` when no record exists yet). Null when it cannot be built.
   */
  private stateOf(
    study: StudyView,
    s: StudyState<S>,
    g: number,
    holder: FrozenTrial | null,
    depth = 0,
  ): S | null {
    const fingerprint = s.unit!.space.fingerprint;
    const held = s.history.parentsOf(g);
    const cached = s.states.get(g);
    const ctx = this.context(study, s, g);
    if (held !== undefined) {
      if (cached !== undefined && cached.holder === held.holder && cached.fingerprint === fingerprint) {
        return cached.state;
      }
      const restored = this.algorithm.fromRecord(held.record, ctx);
      if (restored !== null) {
        this.remember(s, g, held.holder, fingerprint, restored);
        return restored;
      }
    } else if (cached !== undefined && cached.fingerprint === fingerprint) {
      return cached.state;
    }
    // g − 1's state: its record (or, one level down only, rebuilt from g − 2); else start afresh.
    const previous =
      g - 1 >= 1 && depth < 2 && s.history.parentsOf(g - 1) !== undefined
        ? this.stateOf(study, s, g - 1, null, depth + 1)
        : null;
    const members: SlotMember[] = [];
    for (const t of s.history.membersOf(g - 1)) {
      const m = ctx.member(t.number);
      if (m !== null) members.push(m);
    }
    members.sort((a, b) => a.number - b.number);
    const rng = Rng.fromSeed(this.currentSeed).fork(`${this.algorithm.stream}:generation`).fork(g);
    const state = this.algorithm.advance(previous, members, ctx, rng);
    if (state === null) return null;
    if (held === undefined && holder !== null) {
      const { trials, state: json } = this.algorithm.toRecord(state, ctx);
      const record: ParentsRecord = { version: 1, generation: g, trials, state: json };
      study.setTrialSystemAttr(holder.trialId, this.algorithm.keys.parents, record as unknown as JsonValue);
      s.history.setParents({ record, holder: holder.number });
      this.remember(s, g, holder.number, fingerprint, state);
    } else if (held === undefined) {
      this.remember(s, g, Number.MAX_SAFE_INTEGER, fingerprint, state);
    }
    return state;
  }

  private remember(s: StudyState<S>, g: number, holder: number, fingerprint: string, state: S): void {
    s.states.set(g, { holder, fingerprint, state });
    s.states.delete(g - 2); // generations two behind are no longer read
  }
}

/** The slot stored on a trial, or null. */
export function slotOf(t: FrozenTrial, key: string): number | null {
  const k = t.systemAttrs[key];
  return typeof k === "number" && Number.isSafeInteger(k) && k >= 0 ? k : null;
}
