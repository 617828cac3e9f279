/**
 * GenerationalSampler: the generational core that NSGA-II and NSGA-III share, in the manner of
 * Optuna's BaseGASampler with its child-generation strategy, parameterised by the survival step
 * ({@link GenerationalAlgorithm}): NsgaIISampler and NsgaIIISampler are this core with NSGA-II's
 * crowding survival and NSGA-III's niche survival, each under its own system attribute keys.
 *
 * How a trial is sampled:
 * 1. `beforeTrial` gives the trial its generation g (`history.ts`: g grows once the current
 *    generation has `populationSize` COMPLETE trials) and, for g ≥ 1, makes sure the parents of
 *    g are known: the record stored on a trial by whichever worker first needed it, else the
 *    elite of generation g − 1 together with g − 1's own parents (the (μ + λ) pool), chosen by
 *    the algorithm's survival step (by constrained domination when trials set constraints),
 *    which this worker then stores on the trial, with whatever state the survival step carries
 *    to the next generation.
 * 2. Generation 0 is sampled independently (RandomSampler). For g ≥ 1, the relative search
 *    space is the intersection of the finished trials' spaces (parameters with one value left
 *    out); with probability `crossoverProb` the child is the crossover of parents chosen by
 *    binary tournaments (the algorithm's comparison within the parent population), else a copy
 *    of a uniformly chosen parent; then each parameter mutates with probability `mutationProb`
 *    (default 1/number of parameters): redrawn from its prior, or moved by `mutation` when
 *    given. Numeric parameters are crossed on the unit interval of their internal space (log
 *    space for log parameters, rounded back for integers and steps); categorical ones take the
 *    first or last parent's choice (`@tunelab/math/genetic`, `genes.ts`). Parameters outside the
 *    relative space (conditional ones) are sampled independently.
 * 3. Each trial's draws come from a generator keyed by the seed and the trial number, and each
 *    survival step's from one keyed by the seed and the generation, so a seed fixes the study
 *    whatever process runs a trial (at concurrency 1; with concurrent trials which trials fill a
 *    generation depends on the order in which they finish).
 *
 * FAIL and PRUNED trials never enter a population. One objective works too (ranks are the
 * order of the values). A trial without constraint values, in a study where other trials set
 * some, ranks after every infeasible trial (as TPE here does; Optuna counts it feasible); the
 * parent population is stored on a trial, not on the study.
 */
import {
  type Better,
  type Crossover,
  type CrossoverSpec,
  checkRepair,
  crossGenes,
  crossoverFromSpec,
  type GeneSpace,
  geneSpace,
  type Mutation,
  mutateGene,
  type Repair,
  selectDistinct,
} from "@tunelab/math/genetic";
import type { Prior } from "@tunelab/math/priors";
import { Rng } from "@tunelab/math/random";
import {
  constraintViolation,
  type Distribution,
  distributionToPrior,
  type FrozenTrial,
  getKey,
  IntersectionSearchSpace,
  type JsonValue,
  type Sampler,
  type SearchSpace,
  type StudyDirection,
  type StudyView,
  setKey,
  type TrialState,
  trialConstraints,
} from "@tunelab/study";
import { RandomSampler } from "../random/random.js";
import { StableRelativeSpace } from "../relative-space/index.js";
import { resolveSeed } from "../seed/index.js";
import { GenerationHistory, type GenerationKeys, generationOf, type ParentsRecord } from "./history.js";

/** What an elite selection strategy is told besides the candidate trials. */
export interface EliteSelectionContext {
  /** The study's directions, one per objective. */
  readonly directions: readonly StudyDirection[];
  /** The sampler's population size. */
  readonly populationSize: number;
  /** Whether constraint values are used. */
  readonly constraints: boolean;
}

/**
 * Chooses a generation's parents among COMPLETE trials (the previous generation and its
 * parents). Must be a function of its arguments, so that every worker agrees.
 */
export type EliteSelection = (
  population: readonly FrozenTrial[],
  context: EliteSelectionContext,
) => readonly FrozenTrial[];

/** What a survival step is given: the (μ + λ) pool of one generation, as arrays. */
export interface SurvivalInput {
  /** Row-major N×M objective values, minimized (maximized objectives negated); ±Infinity possible. */
  readonly points: Float64Array;
  /** M, the number of objectives. */
  readonly nObjectives: number;
  /** Total constraint violation of each point (≤ 0 feasible), or null when unconstrained. */
  readonly violation: Float64Array | null;
  /** How many to keep (the population size; may exceed N, then all are kept). */
  readonly size: number;
  /** The generation whose parents are being chosen (≥ 1). */
  readonly generation: number;
  /** The state the previous generation's survival step returned, if any. */
  readonly previous: JsonValue | undefined;
  /** Draws of this survival step: keyed by the sampler's seed and the generation. */
  readonly rng: Rng;
}

/** What a survival step returns. */
export interface SurvivalOutput {
  /** Indices (into the input's points) of the survivors. */
  readonly indices: ArrayLike<number>;
  /** JSON carried to the next generation's survival step (stored with the parents). */
  readonly state?: JsonValue;
}

/**
 * What makes a generational sampler NSGA-II or NSGA-III: its name in errors, its system
 * attribute keys and random stream, its survival step and the comparison of its tournaments.
 */
export interface GenerationalAlgorithm {
  /** The sampler's name, at the start of its error messages (e.g. "NsgaIISampler"). */
  readonly name: string;
  /** Its system attribute keys (its own, so that two samplers never mix populations). */
  readonly keys: GenerationKeys;
  /** The label of its random streams (`Rng.fromSeed(seed).fork(stream)`). */
  readonly stream: string;
  /** Its options besides {@link GenerationalSamplerOptions}'s, accepted by the unknown-option check. */
  readonly extraOptions: readonly string[];
  /** The elite of a pool. Must be a function of its input, so that every worker agrees. */
  survive(input: SurvivalInput): SurvivalOutput;
  /**
   * The comparison binary tournaments use within a parent population (row-major points,
   * minimized; violations or null): `better(a, b)` when parent a wins against parent b.
   */
  parentComparison(points: Float64Array, nObjectives: number, violation: Float64Array | null): Better;
}

/** Options of the generational samplers (NSGA-II, NSGA-III), with Optuna's NSGAIISampler names. */
export interface GenerationalSamplerOptions {
  /** Trials per generation (≥ 2 and ≥ the crossover's number of parents). @defaultValue 50 */
  readonly populationSize?: number;
  /**
   * The crossover of numeric parameters: a built-in one by its record (`{ kind: "sbx", eta }`,
   * `"uniform"`, `"blx-alpha"`, `"vsbx"`, `"spx"`, `"undx"`; SBX and vSBX take η = 2 for one
   * objective and 20 for several when none is given, as Optuna), or a `Crossover` object of your
   * own. Categorical parameters always use the uniform crossover.
   * @defaultValue \{ kind: "uniform", swappingProb \} (Optuna's default)
   */
  readonly crossover?: CrossoverSpec | Crossover;
  /** Probability that a child is a crossover rather than a copy of one parent. @defaultValue 0.9 */
  readonly crossoverProb?: number;
  /** Probability that a gene comes from the other parent in the uniform crossover (numeric and categorical). @defaultValue 0.5 */
  readonly swappingProb?: number;
  /** Probability that each parameter mutates; null for 1/(number of parameters). @defaultValue null */
  readonly mutationProb?: number | null;
  /**
   * How a numeric parameter mutates, on the unit interval of its internal space (e.g.
   * `polynomialMutation({ eta: 20 })`); null redraws it from its prior (Optuna's default).
   * Categorical parameters are always redrawn.
   * @defaultValue null
   */
  readonly mutation?: Mutation | null;
  /** What to do with crossover children outside the space. @defaultValue \{ kind: "resample" \} */
  readonly repair?: Repair;
  /** Rank by constrained domination as soon as a trial set `trial.setConstraint` values. @defaultValue true */
  readonly constraints?: boolean;
  /** The selection of each generation's parents. @defaultValue the algorithm's survival (NSGA-II: fronts, then crowding distance; NSGA-III: fronts, then niches) */
  readonly elitePopulationSelection?: EliteSelection;
  /** Seed of the sampler. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
}

/** The parents of one generation, with what tournaments compare. */
interface Parents {
  readonly generation: number;
  readonly holder: number;
  readonly trials: readonly FrozenTrial[];
  /** The tournaments' comparison within the parent population. */
  readonly better: Better;
  /** The survival state stored with these parents (passed to the next selection). */
  readonly state: JsonValue | undefined;
}

/** Per-study-object state. */
interface StudyState {
  readonly history: GenerationHistory;
  readonly intersection: IntersectionSearchSpace;
  /** The relative space, the same object while the intersection's content is unchanged. */
  relative: StableRelativeSpace;
  /** Generation of the trials this process started. */
  readonly generations: Map<number, number>;
  /** Parent populations by generation (with the holder they came from). */
  readonly parents: Map<number, Parents>;
  genes: { source: SearchSpace; names: string[]; space: GeneSpace } | null;
  crossover: Crossover | null;
}

const COMMON_OPTIONS: readonly string[] = [
  "populationSize",
  "crossover",
  "crossoverProb",
  "swappingProb",
  "mutationProb",
  "mutation",
  "repair",
  "constraints",
  "elitePopulationSelection",
  "seed",
];

function checkProb(where: string, name: string, v: number | undefined): void {
  if (v !== undefined && !(typeof v === "number" && v >= 0 && v <= 1)) {
    throw new RangeError(`${where}: ${name} must be a number in [0, 1], got ${String(v)}`);
  }
}

function isCrossover(c: CrossoverSpec | Crossover): c is Crossover {
  return typeof (c as Crossover).cross === "function";
}

/** The crossover of a study with `nObjectives` objectives (η of SBX/vSBX by Optuna's rule when not given). */
function buildCrossover(c: CrossoverSpec | Crossover, nObjectives: number): Crossover {
  if (isCrossover(c)) return c;
  if ((c.kind === "sbx" || c.kind === "vsbx") && c.eta === undefined) {
    return crossoverFromSpec({ ...c, eta: nObjectives > 1 ? 20 : 2 });
  }
  return crossoverFromSpec(c);
}

function checkOptions(o: GenerationalSamplerOptions, algorithm: GenerationalAlgorithm): void {
  const where = algorithm.name;
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined && !COMMON_OPTIONS.includes(key) && !algorithm.extraOptions.includes(key)) {
      throw new TypeError(`${where}: unknown option ${key}`);
    }
  }
  const size = o.populationSize;
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 2)) {
    throw new RangeError(`${where}: populationSize must be an integer >= 2, got ${String(size)}`);
  }
  checkProb(where, "crossoverProb", o.crossoverProb);
  checkProb(where, "swappingProb", o.swappingProb);
  if (o.mutationProb !== null) checkProb(where, "mutationProb", o.mutationProb);
  if (o.crossover !== undefined) {
    const c = o.crossover;
    if (c === null || typeof c !== "object")
      throw new TypeError(`${where}: crossover must be a crossover record or a Crossover`);
    if (isCrossover(c)) {
      if (!(Number.isSafeInteger(c.nParents) && c.nParents >= 1)) {
        throw new RangeError(
          `${where}: crossover.nParents must be an integer >= 1, got ${String(c.nParents)}`,
        );
      }
    }
    const built = buildCrossover(c, 1);
    if (built.nParents > (size ?? 50)) {
      throw new RangeError(
        `${where}: populationSize must be >= the crossover's ${built.nParents} parents, got ${size ?? 50}`,
      );
    }
  }
  if (o.mutation != null && typeof o.mutation.mutateGene !== "function") {
    throw new TypeError(`${where}: mutation must be a Mutation ({ name, mutateGene }) or null`);
  }
  if (o.repair !== undefined) checkRepair(o.repair);
  if (o.elitePopulationSelection !== undefined && typeof o.elitePopulationSelection !== "function") {
    throw new TypeError(`${where}: elitePopulationSelection must be a function`);
  }
}

/**
 * The generational core of NSGA-II and NSGA-III (see the file header): the algorithm's
 * survival step chooses each generation's parents, which every worker of a study shares
 * through trial system attributes. Use it through `NsgaIISampler` or `NsgaIIISampler`, or
 * extend it with a {@link GenerationalAlgorithm} of your own.
 */
export class GenerationalSampler implements Sampler {
  private currentSeed: number;
  private readonly options: GenerationalSamplerOptions;
  private readonly algorithm: GenerationalAlgorithm;
  private readonly populationSize: number;
  private readonly crossoverProb: number;
  private readonly swappingProb: number;
  private readonly mutationProb: number | null;
  private readonly mutation: Mutation | null;
  private readonly repair: Repair;
  private readonly constraints: boolean;
  private base: Rng;
  private random: RandomSampler;
  private studies = new WeakMap<StudyView, StudyState>();

  /**
   * @throws RangeError / TypeError on an unknown option, a probability outside [0, 1], a
   *   populationSize below 2 or below the crossover's number of parents, a malformed crossover,
   *   mutation or repair, or a bad seed.
   */
  constructor(options: GenerationalSamplerOptions, algorithm: GenerationalAlgorithm) {
    checkOptions(options, algorithm);
    this.algorithm = algorithm;
    this.options = { ...options };
    this.populationSize = options.populationSize ?? 50;
    this.crossoverProb = options.crossoverProb ?? 0.9;
    this.swappingProb = options.swappingProb ?? 0.5;
    this.mutationProb = options.mutationProb ?? null;
    this.mutation = options.mutation ?? null;
    this.repair = options.repair ?? { kind: "resample" };
    this.constraints = options.constraints ?? true;
    this.currentSeed = resolveSeed(algorithm.name, options.seed);
    this.base = Rng.fromSeed(this.currentSeed).fork(algorithm.stream);
    this.random = new RandomSampler({ seed: this.currentSeed });
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new sampler with
   * `{ ...options, seed }` would for the same study (generations and parents
   * stored on trials are read again as they are).
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed(`${this.algorithm.name}.reseed`, seed);
    this.base = Rng.fromSeed(this.currentSeed).fork(this.algorithm.stream);
    this.random = new RandomSampler({ seed: this.currentSeed });
    this.studies = new WeakMap();
  }

  private studyState(study: StudyView): StudyState {
    let s = this.studies.get(study);
    if (s === undefined) {
      s = {
        history: new GenerationHistory(this.algorithm.keys),
        intersection: new IntersectionSearchSpace(),
        relative: new StableRelativeSpace(),
        generations: new Map(),
        parents: new Map(),
        genes: null,
        crossover: null,
      };
      this.studies.set(study, s);
    }
    return s;
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    const s = this.studyState(study);
    const full = s.intersection.calculate(study.getTrials());
    // Kept (with the prepared genes) while the intersection's content does not change.
    return s.relative.update(full);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    const s = this.studyState(study);
    s.history.update(study);
    let g = generationOf(trial, this.algorithm.keys);
    if (g === null) {
      g = s.history.nextGeneration(this.populationSize);
      study.setTrialSystemAttr(trial.trialId, this.algorithm.keys.generation, g);
    }
    s.generations.set(trial.number, g);
    if (g >= 1) this.parentsOf(study, s, g, trial);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    const s = this.studyState(study);
    const g = s.generations.get(trial.number) ?? generationOf(trial, this.algorithm.keys) ?? 0;
    if (g === 0) return {};
    const parents = this.parentsOf(study, s, g, null);
    const pop = parents.trials;
    if (pop.length === 0) return {};
    const genes = this.genesFor(s, searchSpace);
    const { names, space } = genes;
    const n = names.length;
    if (n === 0) return {};
    const rng = this.base.fork(trial.number);
    s.crossover ??= buildCrossover(
      this.options.crossover ?? { kind: "uniform", swappingProb: this.swappingProb },
      study.directions.length,
    );
    const op = s.crossover;
    let child: Float64Array;
    if (rng.random() < this.crossoverProb && pop.length >= op.nParents) {
      const chosen = selectDistinct(rng, pop.length, op.nParents, parents.better);
      const values = Array.from(chosen, (k) => this.valuesOf(pop[k]!, names));
      if (values.some((v) => v === null)) return {};
      child = crossGenes(space, values as Float64Array[], op, rng, {
        swappingProb: this.swappingProb,
        repair: this.repair,
      });
    } else {
      const v = this.valuesOf(pop[rng.int(0, pop.length - 1)]!, names);
      if (v === null) return {};
      child = v;
    }
    const prob = this.mutationProb ?? 1 / n;
    for (let i = 0; i < n; i++) {
      if (rng.random() < prob) child[i] = mutateGene(space, i, child[i]!, rng, this.mutation);
    }
    const params: Record<string, number> = {};
    for (let i = 0; i < n; i++) setKey(params, names[i]!, child[i]);
    return params;
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    return this.random.sampleIndependent(study, trial, paramName, distribution);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.random.afterTrial(study, trial, state, values);
    this.studies.get(study)?.generations.delete(trial.number);
  }

  /** A parent's internal values of the genes, or null when it lacks one. */
  private valuesOf(t: FrozenTrial, names: readonly string[]): Float64Array | null {
    const out = new Float64Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const v = getKey(t.internalParams, names[i]!);
      if (v === undefined) return null;
      out[i] = v;
    }
    return out;
  }

  private genesFor(s: StudyState, searchSpace: SearchSpace): { names: string[]; space: GeneSpace } {
    if (s.genes !== null && s.genes.source === searchSpace) return s.genes;
    const names = Object.keys(searchSpace);
    const priors: Prior[] = names.map((name) => distributionToPrior(searchSpace[name]!));
    s.genes = { source: searchSpace, names, space: geneSpace(priors) };
    return s.genes;
  }

  /**
   * The parents of generation g ≥ 1: from the preferred stored record, else selected here (and
   * stored on `holder` when given).
   */
  private parentsOf(study: StudyView, s: StudyState, g: number, holder: FrozenTrial | null): Parents {
    const held = s.history.parentsOf(g);
    const cached = s.parents.get(g);
    if (held !== undefined) {
      // Reuse the cached population unless the record changed or named trials not seen then
      // (another process's record can arrive before the trials it names).
      if (
        cached !== undefined &&
        cached.holder === held.holder &&
        cached.trials.length === held.record.trials.length
      ) {
        return cached;
      }
      const trials: FrozenTrial[] = [];
      for (const k of held.record.trials) {
        const t = s.history.complete.get(k);
        if (t !== undefined) trials.push(t);
      }
      return this.remember(study, s, g, held.holder, trials, held.record.state);
    }
    if (cached !== undefined) return cached;
    // Select: generation g − 1 and its parents (the (μ + λ) pool).
    const pool = new Map<number, FrozenTrial>();
    let previous: JsonValue | undefined;
    if (g - 1 >= 1) {
      const before = this.parentsOf(study, s, g - 1, null);
      for (const t of before.trials) pool.set(t.number, t);
      previous = before.state;
    }
    for (const t of s.history.membersOf(g - 1)) pool.set(t.number, t);
    const candidates = [...pool.values()].sort((a, b) => a.number - b.number);
    const { elite, state } = this.selectElite(study, candidates, g, previous);
    const number = holder?.number ?? Number.MAX_SAFE_INTEGER;
    if (holder !== null) {
      const record: ParentsRecord =
        state === undefined
          ? { version: 1, generation: g, trials: elite.map((t) => t.number) }
          : { version: 1, generation: g, trials: elite.map((t) => t.number), state };
      study.setTrialSystemAttr(holder.trialId, this.algorithm.keys.parents, record as unknown as JsonValue);
      s.history.setParents({ record, holder: number });
    }
    return this.remember(study, s, g, number, elite, state);
  }

  private remember(
    study: StudyView,
    s: StudyState,
    g: number,
    holder: number,
    trials: readonly FrozenTrial[],
    state: JsonValue | undefined,
  ): Parents {
    const { points, violation } = this.objectives(study, trials);
    const better = this.algorithm.parentComparison(points, study.directions.length, violation);
    const p: Parents = { generation: g, holder, trials, better, state };
    s.parents.set(g, p);
    // Generations two behind are no longer read.
    s.parents.delete(g - 2);
    return p;
  }

  /** Minimized objective values (row-major) and total violations (null without constraints). */
  private objectives(
    study: StudyView,
    trials: readonly FrozenTrial[],
  ): { points: Float64Array; violation: Float64Array | null } {
    const m = study.directions.length;
    const points = new Float64Array(trials.length * m);
    let constrained = false;
    for (let k = 0; k < trials.length; k++) {
      const t = trials[k]!;
      for (let j = 0; j < m; j++) {
        const v = t.values![j]!;
        points[k * m + j] = study.directions[j] === "maximize" ? -v : v;
      }
      if (this.constraints && trialConstraints(t) !== null) constrained = true;
    }
    if (!constrained) return { points, violation: null };
    const violation = new Float64Array(trials.length);
    for (let k = 0; k < trials.length; k++) {
      const t = trials[k]!;
      violation[k] = trialConstraints(t) === null ? Number.POSITIVE_INFINITY : constraintViolation(t);
    }
    return { points, violation };
  }

  private selectElite(
    study: StudyView,
    candidates: readonly FrozenTrial[],
    generation: number,
    previous: JsonValue | undefined,
  ): { elite: FrozenTrial[]; state: JsonValue | undefined } {
    const custom = this.options.elitePopulationSelection;
    if (custom !== undefined) {
      const elite = [
        ...custom(candidates, {
          directions: study.directions,
          populationSize: this.populationSize,
          constraints: this.constraints,
        }),
      ];
      return { elite, state: undefined };
    }
    const { points, violation } = this.objectives(study, candidates);
    const out = this.algorithm.survive({
      points,
      nObjectives: study.directions.length,
      violation,
      size: this.populationSize,
      generation,
      previous,
      rng: Rng.fromSeed(this.currentSeed).fork(`${this.algorithm.stream}:survival`).fork(generation),
    });
    return { elite: Array.from(out.indices, (k) => candidates[k]!), state: out.state };
  }
}
