/**
 * AntColonySampler: ACO_R (Socha & Dorigo 2008) with ACO_MV's ordinal and categorical
 * variables (Liao et al. 2014) as a relative sampler, a thin adapter over
 * `@tunelab/math/population/aco` (`acoConstruct`, the construction step `AntColony` uses).
 *
 * Iterations and archives in trial system attributes (the `GenerationHistory` of
 * `../population/`, under the keys `aco:iteration` and `aco:archive`), so that every worker,
 * in every process, constructs from one archive:
 * - iteration 0 is the initial archive: `archiveSize` COMPLETE trials, sampled independently
 *   (RandomSampler, the paper's random initial archive);
 * - iteration g ≥ 1 holds `ants` COMPLETE trials (FAIL and PRUNED trials fill nothing); its
 *   archive is the `archiveSize` best of iteration g − 1's archive and g − 1's trials (for
 *   g = 1, the best of iteration 0), stored as `{ version: 1, generation: g, trials }` (trial
 *   numbers, best first) on the first trial of g that needs it; when two workers store one,
 *   the record on the lower trial number wins for everyone. With concurrent workers, trials of
 *   earlier iterations that finish after their successor's archive was chosen join the next
 *   pool (not lost, as they would be in a strictly generational scheme: with m = 2 ants and
 *   8 workers most trials finish "late").
 *
 * Each trial of iteration g ≥ 1 is one ant: its parameters in the relative search space (the
 * intersection of the finished trials' spaces) become genes (`@tunelab/math/genetic`,
 * `genes.ts`): numeric parameters continuous on the unit interval of their internal space (log
 * scale for log parameters; integers and steps as the cells of that interval, so rounding back
 * to the grid is ACO_MV's relaxed ordinal handling), categorical ones as value indices (ACO_MV's
 * categorical rule). Archive members lacking a parameter of the space are left out; with fewer
 * than 2 left, the trial is sampled independently. Parameters outside the relative space are
 * sampled independently.
 *
 * Trial n draws from `Rng.fromSeed(seed).fork("aco").fork(n)`: at concurrency 1 a seed fixes the
 * study. One objective (maximized values negated); constraint values are not used.
 */
import { decodeGene, encodeNumeric, type GeneSpace, geneSpace } from "@tunelab/math/genetic";
import { type AcoVariable, acoConstruct } from "@tunelab/math/population/aco";
import type { Prior } from "@tunelab/math/priors";
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  distributionToPrior,
  type FrozenTrial,
  getKey,
  IntersectionSearchSpace,
  type JsonValue,
  type Sampler,
  type SearchSpace,
  type StudyView,
  setKey,
  type TrialState,
} from "@tunelab/study";
import {
  GenerationHistory,
  type GenerationKeys,
  generationOf,
  type ParentsRecord,
} from "../population/index.js";
import { RandomSampler } from "../random/random.js";
import { StableRelativeSpace } from "../relative-space/index.js";
import { resolveSeed } from "../seed/index.js";

/** System attribute keys of the ant colony sampler. */
export const ACO_KEYS: GenerationKeys = {
  /** Iteration of a trial (a number; 0 is the initial archive). */
  generation: "aco:iteration",
  /** The archive an iteration's ants construct from (`ParentsRecord`, best first). */
  parents: "aco:archive",
};

/** Options of {@link AntColonySampler}. */
export interface AntColonySamplerOptions {
  /** k, the archive size, also the number of independent start-up trials (≥ 2). @defaultValue 50 (Socha & Dorigo 2008) */
  readonly archiveSize?: number;
  /** m, COMPLETE trials per iteration (≥ 1). @defaultValue 2 (Socha & Dorigo 2008) */
  readonly ants?: number;
  /**
   * q, the locality of the rank weights (> 0). The paper's 1e-4 makes the best trial guide every
   * ant and stops categorical exploration once the archive agrees; 0.1 keeps both exploring.
   * @defaultValue 1e-4 (Socha & Dorigo 2008)
   */
  readonly q?: number;
  /** ξ, kernel width relative to the archive's spread (> 0). @defaultValue 0.85 (Socha & Dorigo 2008) */
  readonly xi?: number;
  /** Seed of the sampler. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
}

const NAME = "AntColonySampler";
const OPTIONS: readonly string[] = ["archiveSize", "ants", "q", "xi", "seed"];

function checkOptions(o: AntColonySamplerOptions): void {
  if (o === null || typeof o !== "object") throw new TypeError(`${NAME}: options must be an object`);
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined && !OPTIONS.includes(key)) throw new TypeError(`${NAME}: unknown option ${key}`);
  }
  if (o.archiveSize !== undefined && !(Number.isSafeInteger(o.archiveSize) && o.archiveSize >= 2)) {
    throw new RangeError(`${NAME}: archiveSize must be an integer >= 2, got ${String(o.archiveSize)}`);
  }
  if (o.ants !== undefined && !(Number.isSafeInteger(o.ants) && o.ants >= 1)) {
    throw new RangeError(`${NAME}: ants must be an integer >= 1, got ${String(o.ants)}`);
  }
  for (const name of ["q", "xi"] as const) {
    const v = o[name];
    if (v !== undefined && !(typeof v === "number" && v > 0 && Number.isFinite(v))) {
      throw new RangeError(`${NAME}: ${name} must be positive and finite, got ${String(v)}`);
    }
  }
}

/** An iteration's archive: its trials, best first, and the trial holding the record. */
interface Archive {
  readonly holder: number;
  readonly trials: readonly FrozenTrial[];
}

/** Per-study-object state. */
interface StudyState {
  readonly history: GenerationHistory;
  readonly intersection: IntersectionSearchSpace;
  relative: StableRelativeSpace;
  readonly iterations: Map<number, number>;
  readonly archives: Map<number, Archive>;
  /** How many COMPLETE trials of each iteration this worker has put in a pool so far. */
  readonly considered: number[];
  /** Number of COMPLETE trials put in pools so far. */
  pooled: number;
  /** Encoded genes of archive members for the current space, by trial number (null: a parameter missing). */
  rows: Map<number, Float64Array | null>;
  genes: { source: SearchSpace; names: string[]; space: GeneSpace; variables: AcoVariable[] } | null;
}

/**
 * Ant colony optimization (ACO_R with ACO_MV's ordinal and categorical handling) for one
 * objective over mixed spaces, its archive shared by every worker through trial system
 * attributes (see the file header).
 *
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new AntColonySampler({ seed: 1 }) });
 * await study.optimize((t) => {
 *   const x = t.suggestFloat("x", -5, 5);
 *   const n = t.suggestInt("n", 1, 10);
 *   return (x - 1) ** 2 + (n - 3) ** 2;
 * }, { nTrials: 500 });
 * ```
 */
export class AntColonySampler implements Sampler {
  private currentSeed: number;
  private readonly archiveSize: number;
  private readonly ants: number;
  private readonly q: number;
  private readonly xi: number;
  private base: Rng;
  private random: RandomSampler;
  private studies = new WeakMap<StudyView, StudyState>();

  /**
   * @throws RangeError / TypeError on an unknown option, an archiveSize below 2, ants below 1,
   *   a q or ξ that is not positive and finite, or a bad seed.
   */
  constructor(options: AntColonySamplerOptions = {}) {
    checkOptions(options);
    this.archiveSize = options.archiveSize ?? 50;
    this.ants = options.ants ?? 2;
    this.q = options.q ?? 1e-4;
    this.xi = options.xi ?? 0.85;
    this.currentSeed = resolveSeed(NAME, options.seed);
    this.base = Rng.fromSeed(this.currentSeed).fork("aco");
    this.random = new RandomSampler({ seed: this.currentSeed });
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed (iterations and archives stored on trials are read again).
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed(`${NAME}.reseed`, seed);
    this.base = Rng.fromSeed(this.currentSeed).fork("aco");
    this.random = new RandomSampler({ seed: this.currentSeed });
    this.studies = new WeakMap();
  }

  private studyState(study: StudyView): StudyState {
    let s = this.studies.get(study);
    if (s === undefined) {
      s = {
        history: new GenerationHistory(ACO_KEYS),
        intersection: new IntersectionSearchSpace(),
        relative: new StableRelativeSpace(),
        iterations: new Map(),
        archives: new Map(),
        considered: [],
        pooled: 0,
        rows: new Map(),
        genes: null,
      };
      this.studies.set(study, s);
    }
    return s;
  }

  private checkSingleObjective(study: StudyView): void {
    if (study.directions.length > 1) {
      throw new Error(
        `${NAME}: ant colony optimization handles a single objective, but study "${study.studyName}" has ${study.directions.length} directions; use a multi-objective sampler (e.g. NSGA-II or TPE)`,
      );
    }
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    const s = this.studyState(study);
    return s.relative.update(s.intersection.calculate(study.getTrials()));
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.checkSingleObjective(study);
    const s = this.studyState(study);
    s.history.update(study);
    let g = generationOf(trial, ACO_KEYS);
    if (g === null) {
      g = s.history.nextGeneration(s.history.maxGeneration === 0 ? this.archiveSize : this.ants);
      study.setTrialSystemAttr(trial.trialId, ACO_KEYS.generation, g);
    }
    s.iterations.set(trial.number, g);
    if (g >= 1) this.archiveOf(study, s, g, trial);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    const s = this.studyState(study);
    const g = s.iterations.get(trial.number) ?? generationOf(trial, ACO_KEYS) ?? 0;
    if (g === 0) return {};
    const archive = this.archiveOf(study, s, g, null).trials;
    const genes = this.genesFor(s, searchSpace);
    const { names, space, variables } = genes;
    const n = names.length;
    if (n === 0) return {};
    // Archive rows (best first) holding every parameter of the space.
    const rows = new Float64Array(archive.length * n);
    let k = 0;
    for (const t of archive) {
      const row = this.rowOf(s, t, names, space);
      if (row === null) continue;
      rows.set(row, k * n);
      k++;
    }
    if (k < 2) return {};
    const x = acoConstruct(rows, k, variables, this.q, this.xi, this.base.fork(trial.number));
    const params: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const v = variables[i]!.kind === "categorical" ? x[i]! : decodeGene(space, i, x[i]!);
      setKey(params, names[i]!, v);
    }
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
    this.studies.get(study)?.iterations.delete(trial.number);
  }

  private genesFor(
    s: StudyState,
    searchSpace: SearchSpace,
  ): { names: string[]; space: GeneSpace; variables: AcoVariable[] } {
    if (s.genes !== null && s.genes.source === searchSpace) return s.genes;
    const names = Object.keys(searchSpace);
    const priors: Prior[] = names.map((name) => distributionToPrior(searchSpace[name]!));
    const variables: AcoVariable[] = priors.map((p) =>
      p.kind === "categorical" ? { kind: "categorical", size: p.n } : { kind: "continuous", low: 0, high: 1 },
    );
    s.genes = { source: searchSpace, names, space: geneSpace(priors), variables };
    s.rows = new Map();
    return s.genes;
  }

  /** A trial's genes (numeric ones encoded on the unit interval), cached per space; null when it lacks one. */
  private rowOf(
    s: StudyState,
    t: FrozenTrial,
    names: readonly string[],
    space: GeneSpace,
  ): Float64Array | null {
    const cached = s.rows.get(t.number);
    if (cached !== undefined) return cached;
    const n = names.length;
    let row: Float64Array | null = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = getKey(t.internalParams, names[i]!);
      if (v === undefined) {
        row = null;
        break;
      }
      row[i] = v;
    }
    if (row !== null) {
      const numeric = encodeNumeric(space, row);
      for (let j = 0; j < space.numeric.length; j++) row[space.numeric[j]!] = numeric[j]!;
    }
    // Only archive members are asked for: drop the rows of trials that left the archive now and then.
    if (s.rows.size > 4 * this.archiveSize) s.rows.clear();
    s.rows.set(t.number, row);
    return row;
  }

  /** The archive of iteration g ≥ 1: the stored record, else selected here (and stored on `holder`). */
  private archiveOf(study: StudyView, s: StudyState, g: number, holder: FrozenTrial | null): Archive {
    const held = s.history.parentsOf(g);
    const cached = s.archives.get(g);
    if (held !== undefined) {
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
      return this.remember(s, g, held.holder, trials);
    }
    if (cached !== undefined) return cached;
    const pool = new Map<number, FrozenTrial>();
    if (g - 1 >= 1) for (const t of this.archiveOf(study, s, g - 1, null).trials) pool.set(t.number, t);
    // Every COMPLETE trial of iterations < g not yet in a pool: iteration g − 1's, and trials of
    // earlier iterations that finished after their successor's archive was chosen (with
    // concurrent workers; a trial rejected before is worse than the archive's k-th and changes
    // nothing, so the k best of this pool are the k best of all COMPLETE trials seen).
    // Only iteration g − 1 unless the count of COMPLETE trials below g says some are late
    // (or some COMPLETE trials carry no iteration: then every iteration is scanned).
    let below = s.history.complete.size;
    for (let h = g; h <= s.history.maxGeneration; h++) below -= s.history.membersOf(h).length;
    const fresh = s.history.membersOf(g - 1).length - (s.considered[g - 1] ?? 0);
    for (let h = below === s.pooled + fresh ? g - 1 : 0; h < g; h++) {
      const members = s.history.membersOf(h);
      const from = s.considered[h] ?? 0;
      for (let j = from; j < members.length; j++) pool.set(members[j]!.number, members[j]!);
      s.pooled += members.length - from;
      s.considered[h] = members.length;
    }
    const sign = study.directions[0] === "maximize" ? -1 : 1;
    const best = [...pool.values()]
      .sort((a, b) => sign * (a.values![0]! - b.values![0]!) || a.number - b.number)
      .slice(0, this.archiveSize);
    const number = holder?.number ?? Number.MAX_SAFE_INTEGER;
    if (holder !== null) {
      const record: ParentsRecord = { version: 1, generation: g, trials: best.map((t) => t.number) };
      study.setTrialSystemAttr(holder.trialId, ACO_KEYS.parents, record as unknown as JsonValue);
      s.history.setParents({ record, holder: number });
    }
    return this.remember(s, g, number, best);
  }

  private remember(s: StudyState, g: number, holder: number, trials: readonly FrozenTrial[]): Archive {
    const a: Archive = { holder, trials };
    s.archives.set(g, a);
    s.archives.delete(g - 2);
    return a;
  }
}
