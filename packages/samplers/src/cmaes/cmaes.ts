/**
 * CmaEsSampler: CMA-ES (`@tunelab/math/cmaes`) as a relative sampler over the numeric
 * parameters that every finished trial shares, in the manner of Optuna's CmaEsSampler.
 *
 * How a trial is sampled (`sampleRelative`):
 * 1. The relative search space is the intersection of the finished trials' spaces, floats and
 *    ints with more than one value; categorical parameters, and parameters outside the
 *    intersection, go to the independent sampler (one warning per parameter name).
 * 2. The space is mapped to [0, 1]ⁿ (`space.ts`). The optimizer of that space is the latest state
 *    stored in a trial's system attributes (`history.ts`), or a new one centred on `x0` (default:
 *    the centre of the box) with σ⁽⁰⁾ = `sigma0` (default 1/6 of every range, Optuna's
 *    min(range)/6), or warm-started from `sourceTrials` (WS-CMA-ES).
 * 3. While the current generation g has λ finished members (trials sampled from g: COMPLETE,
 *    and PRUNED with their last intermediate value when `considerPrunedTrials`), the λ with the
 *    lowest trial numbers are told, whichever worker ran them; with a restart strategy, a run
 *    that meets a termination criterion restarts (IPOP/BIPOP). The new state is stored as JSON
 *    on the trial being sampled, so another worker or process continues the same population.
 * 4. The trial's candidate is drawn with a generator keyed by the sampler seed and the trial
 *    number, and recorded (generation, restart, λ, raw x) on the trial.
 *
 * Determinism: the state after each tell is a function of the stored state and the told trials
 * (chosen by trial number), and each candidate a function of the state, the seed and the trial
 * number, so one seed gives one study whatever the process that runs a trial. The worker that
 * produced a state keeps using its live optimizer; any other restores it with `fromJSON`, which
 * resumes exactly the same stream (the math's round-trip guarantee; checked here through a
 * storage that keeps attributes as JSON text). With concurrent trials, which results a
 * generation gets depends on the order in which trials finish.
 *
 * Multi-objective studies are rejected with an error, as Optuna's CmaEsSampler does: CMA-ES
 * ranks candidates by one value.
 */
import {
  CmaEs,
  type CmaEsOptions,
  type CmaEsState,
  type CmaSolution,
  RestartCmaEs,
  type RestartCmaEsState,
  SepCmaEs,
  type SepCmaEsState,
  warmStartDistribution,
} from "@tunelab/math/cmaes";
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  getKey,
  hasKey,
  IntersectionSearchSpace,
  isSingleValue,
  type JsonValue,
  log,
  type Sampler,
  type SearchSpace,
  type StudyView,
  setKey,
  type TrialState,
} from "@tunelab/study";
import { RandomSampler } from "../random/random.js";
import { resolveSeed } from "../seed/index.js";
import { CMA_KEYS, CmaHistory, type CmaOptimizerState, type CmaStateRecord, type Member } from "./history.js";
import { orthogonalNormal, orthonormalize, SamplingFrame } from "./orthogonal.js";
import { CmaSpace } from "./space.js";

/** Options of {@link CmaEsSampler}. */
export interface CmaEsSamplerOptions {
  /**
   * Initial mean, as external parameter values by name (parameters it does not name start at
   * the centre of their range). Not with `sourceTrials`.
   * @defaultValue the centre of every parameter's range (in log scale for log parameters)
   */
  readonly x0?: Readonly<Record<string, number>>;
  /**
   * Initial step size σ⁽⁰⁾ in the normalized space, where every parameter's range is 1 (Optuna's
   * `sigma0` divided by the range). Not with `sourceTrials`.
   * @defaultValue 1/6 (Optuna's min(range)/6)
   */
  readonly sigma0?: number;
  /** Population size λ ≥ 2 (the first run's, with restarts). @defaultValue 4 + ⌊3 ln n⌋ */
  readonly populationSize?: number;
  /**
   * Restart the optimizer when it meets a termination criterion: "ipop" (population × `incPopsize`
   * at each restart) or "bipop" (interlaced large and small populations); null never restarts
   * (the converged distribution keeps being sampled, as in Optuna's default).
   * @defaultValue null
   */
  readonly restartStrategy?: "ipop" | "bipop" | null;
  /** Population growth factor at each large restart. @defaultValue 2 */
  readonly incPopsize?: number;
  /** Diagonal covariance (sep-CMA-ES): O(n) per trial, for many parameters. @defaultValue false */
  readonly separable?: boolean;
  /**
   * CMA-ES with margin for integer and stepped (non-log) parameters (Hamano et al. 2022): keeps
   * each of them from fixating on one value while σ shrinks. With `false`, they are relaxed to
   * their cells and rounded (Optuna's default); log integers are always rounded. On by default
   * because rounding lets binary and small-range integers fixate (README), and margin changes
   * nothing for continuous parameters.
   * @defaultValue true
   */
  readonly withMargin?: boolean;
  /**
   * Draw each block of n candidates of a generation with mutually orthogonal directions
   * (orthogonal sampling, Wang, Emmerich and Bäck 2019) instead of independently; each candidate
   * is still distributed as N(m, σ²C). Measured better than independent draws on the BBOB
   * functions at 200 and 1,000 trials (README).
   * @defaultValue true
   */
  readonly orthogonalSampling?: boolean;
  /** Learning-rate adaptation (LRA-CMA-ES, Nomura et al. 2023), for multimodal and noisy objectives. Not with `separable`. @defaultValue false */
  readonly lrAdapt?: boolean;
  /**
   * Finished trials of a similar earlier study to warm-start from (WS-CMA-ES, Nomura et al. 2021):
   * the initial mean, σ and covariance come from their best 10% (γ = 0.1, α = 0.1 in the
   * normalized space). Only trials holding every parameter of the search space are used. Not with
   * `x0`, `sigma0` or `separable`.
   * @defaultValue none
   */
  readonly sourceTrials?: readonly FrozenTrial[];
  /** Trials sampled independently before CMA-ES starts (counting finished trials that CMA-ES can use). @defaultValue 1 */
  readonly nStartupTrials?: number;
  /** Samples the parameters CMA-ES does not model. @defaultValue new RandomSampler(\{ seed \}) */
  readonly independentSampler?: Sampler;
  /** Warn (once per parameter name) when a parameter is sampled independently after the start-up phase. @defaultValue true */
  readonly warnIndependentSampling?: boolean;
  /** Tell PRUNED trials too, with their last intermediate value. @defaultValue false */
  readonly considerPrunedTrials?: boolean;
  /** Seed of the sampler. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
}

/** The optimizer of one space: one of the three math classes. */
type Optimizer = CmaEs | SepCmaEs | RestartCmaEs;

/** The optimizer in use for one study object, with the identity of the state it came from. */
interface Current {
  readonly space: CmaSpace;
  readonly generation: number;
  /** Number of the trial holding the state. */
  readonly holder: number;
  /** The optimizer, restored from `state`. */
  readonly optimizer: Optimizer;
  /** Its JSON state (what is stored on the holder). */
  readonly state: CmaOptimizerState;
  /** The distribution's square roots for orthogonal sampling (computed on first use). */
  frame?: SamplingFrame;
  /** z of the generation's candidates by trial number (orthogonal sampling). */
  zs?: Map<number, Float64Array>;
  /** Trial numbers of the block `basis` spans, and its orthonormal directions. */
  block?: { keys: number[]; basis: Float64Array[] };
}

/** Per-study-object state of the sampler. */
interface StudyState {
  /** +1 to minimize, −1 to maximize. */
  readonly sign: 1 | -1;
  readonly history: CmaHistory;
  readonly intersection: IntersectionSearchSpace;
  lastIntersection: SearchSpace | null;
  lastRelative: SearchSpace;
  /** The search space object `space` was built from. */
  spaceSource: SearchSpace | null;
  space: CmaSpace | null;
  current: Current | null;
}

/** An optimizer with its serialized state (what is stored on the trial that holds it). */
function withState(es: Optimizer): { state: CmaOptimizerState; optimizer: Optimizer } {
  return { state: es.toJSON(), optimizer: es };
}

function restore(state: CmaOptimizerState): Optimizer {
  switch (state.kind) {
    case "cmaes":
      return CmaEs.fromJSON(state as CmaEsState);
    case "sep-cmaes":
      return SepCmaEs.fromJSON(state as SepCmaEsState);
    case "restart-cmaes":
      return RestartCmaEs.fromJSON(state as RestartCmaEsState);
    default:
      throw new RangeError(
        `CmaEsSampler: unknown optimizer state kind ${String((state as { kind: unknown }).kind)}`,
      );
  }
}

/** Non-finite values become finite ones beyond the finite range, keeping the order (CmaEs.tell needs finite values). */
function finiteValues(values: readonly number[]): number[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return values.map((v) => (v > 0 ? 1 : v < 0 ? -1 : 0));
  const pad = Math.max(hi - lo, Math.abs(hi), Math.abs(lo), 1);
  return values.map((v) =>
    v === Number.POSITIVE_INFINITY ? hi + pad : v === Number.NEGATIVE_INFINITY ? lo - pad : v,
  );
}

function checkOptions(o: CmaEsSamplerOptions): void {
  const where = "CmaEsSampler";
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  if (
    o.sigma0 !== undefined &&
    !(typeof o.sigma0 === "number" && o.sigma0 > 0 && Number.isFinite(o.sigma0))
  ) {
    throw new RangeError(`${where}: sigma0 must be a finite number > 0, got ${String(o.sigma0)}`);
  }
  const lambda = o.populationSize;
  if (lambda !== undefined && !(Number.isSafeInteger(lambda) && lambda >= 2)) {
    throw new RangeError(`${where}: populationSize must be an integer >= 2, got ${String(lambda)}`);
  }
  const rs = o.restartStrategy;
  if (rs !== undefined && rs !== null && rs !== "ipop" && rs !== "bipop") {
    throw new RangeError(
      `${where}: restartStrategy must be "ipop", "bipop" or null, got ${JSON.stringify(rs)}`,
    );
  }
  const inc = o.incPopsize;
  if (inc !== undefined && !(typeof inc === "number" && inc > 1 && Number.isFinite(inc))) {
    throw new RangeError(`${where}: incPopsize must be a finite number > 1, got ${String(inc)}`);
  }
  const ns = o.nStartupTrials;
  if (ns !== undefined && !(Number.isSafeInteger(ns) && ns >= 0)) {
    throw new RangeError(`${where}: nStartupTrials must be an integer >= 0, got ${String(ns)}`);
  }
  if (o.x0 !== undefined && (o.x0 === null || typeof o.x0 !== "object")) {
    throw new TypeError(`${where}: x0 must be an object of parameter values by name`);
  }
  if (o.sourceTrials !== undefined) {
    if (!Array.isArray(o.sourceTrials))
      throw new TypeError(`${where}: sourceTrials must be an array of FrozenTrial`);
    if (o.x0 !== undefined || o.sigma0 !== undefined) {
      throw new RangeError(
        `${where}: sourceTrials cannot be combined with x0 or sigma0 (the warm start sets both)`,
      );
    }
    if (o.separable) {
      throw new RangeError(
        `${where}: sourceTrials cannot be combined with separable (the warm start estimates a full covariance)`,
      );
    }
  }
  if (o.separable && o.lrAdapt) {
    throw new RangeError(`${where}: lrAdapt is only available with the full covariance (separable: false)`);
  }
  if (
    o.independentSampler !== undefined &&
    (o.independentSampler === null || typeof o.independentSampler.sampleIndependent !== "function")
  ) {
    throw new TypeError(`${where}: independentSampler must be a Sampler`);
  }
}

/**
 * Samples the numeric parameters jointly with CMA-ES; categorical parameters (and parameters
 * outside the shared search space) with an independent sampler. Single-objective studies only.
 *
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new CmaEsSampler({ seed: 42 }) });
 * await study.optimize((t) => {
 *   const x = t.suggestFloat("x", -5, 5);
 *   const lr = t.suggestFloat("lr", 1e-5, 1e-1, { log: true });
 *   const layers = t.suggestInt("layers", 1, 8);
 *   return (x - 1) ** 2 + (Math.log10(lr) + 3) ** 2 + (layers - 3) ** 2;
 * }, { nTrials: 300 });
 * ```
 */
export class CmaEsSampler implements Sampler {
  private currentSeed: number;
  private readonly options: CmaEsSamplerOptions;
  private readonly nStartup: number;
  private independent: Sampler;
  private readonly warn: boolean;
  private readonly considerPruned: boolean;
  private readonly withMargin: boolean;
  private readonly orthogonal: boolean;
  /** Root of the per-trial candidate generators and of the optimizers' own generators. */
  private base: Rng;
  private studies = new WeakMap<StudyView, StudyState>();
  private readonly warned = new Set<string>();

  /**
   * @throws RangeError / TypeError on bad options: sigma0 ≤ 0, populationSize < 2, unknown
   *   restartStrategy, incPopsize ≤ 1, nStartupTrials < 0, sourceTrials with x0, sigma0 or
   *   separable, lrAdapt with separable, a bad seed.
   */
  constructor(options: CmaEsSamplerOptions = {}) {
    checkOptions(options);
    this.options = { ...options };
    this.currentSeed = resolveSeed("CmaEsSampler", options.seed);
    this.base = Rng.fromSeed(this.currentSeed).fork("cmaes");
    this.nStartup = options.nStartupTrials ?? 1;
    this.independent = options.independentSampler ?? new RandomSampler({ seed: this.currentSeed });
    this.warn = options.warnIndependentSampling ?? true;
    this.considerPruned = options.considerPrunedTrials ?? false;
    this.withMargin = options.withMargin ?? true;
    this.orthogonal = options.orthogonalSampling ?? true;
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new
   * `CmaEsSampler({ ...options, seed })` would for the same study. Resets the generators of
   * new optimizers and of each trial's candidate, the default independent sampler (a given
   * `independentSampler` is reseeded with the same seed when it has `reseed`), and what the
   * sampler keeps of each study, which is read again from the trials: optimizer states stored
   * on trials are restored as they are (their generators included).
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("CmaEsSampler.reseed", seed);
    this.base = Rng.fromSeed(this.currentSeed).fork("cmaes");
    const given = this.options.independentSampler;
    if (given === undefined) this.independent = new RandomSampler({ seed: this.currentSeed });
    else (given as { reseed?: (seed?: number) => void }).reseed?.(this.currentSeed);
    this.studies = new WeakMap();
  }

  private studyState(study: StudyView): StudyState {
    let s = this.studies.get(study);
    if (s === undefined) {
      const sign = study.directions[0] === "maximize" ? -1 : 1;
      s = {
        sign,
        history: new CmaHistory(sign, this.considerPruned),
        intersection: new IntersectionSearchSpace({ includePruned: this.considerPruned }),
        lastIntersection: null,
        lastRelative: {},
        spaceSource: null,
        space: null,
        current: null,
      };
      this.studies.set(study, s);
    }
    return s;
  }

  private checkSingleObjective(study: StudyView): void {
    if (study.directions.length > 1) {
      throw new Error(
        `CmaEsSampler: CMA-ES optimizes a single objective, but study "${study.studyName}" has ${study.directions.length} directions; use a multi-objective sampler (e.g. NSGA-II or TPE)`,
      );
    }
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    this.checkSingleObjective(study);
    const s = this.studyState(study);
    const full = s.intersection.calculate(study.getTrials());
    if (full !== s.lastIntersection) {
      // The intersection object changes whenever a trial finishes; keep the previous relative
      // space (and with it the prepared CmaSpace) when its content did not change.
      s.lastIntersection = full;
      const out: Record<string, Distribution> = {};
      let count = 0;
      let same = true;
      for (const name of Object.keys(full)) {
        const d = full[name]!;
        if (d.kind === "categorical" || isSingleValue(d)) continue;
        setKey(out, name, d);
        count++;
        const before = getKey(s.lastRelative, name);
        if (before === undefined || !distributionsEqual(before, d)) same = false;
      }
      if (!same || count !== Object.keys(s.lastRelative).length) s.lastRelative = out;
    }
    return s.lastRelative;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    this.checkSingleObjective(study);
    if (Object.keys(searchSpace).length === 0) return {};
    const s = this.studyState(study);
    s.history.update(study);
    if (s.history.usable < this.nStartup) return {};
    const space = this.spaceFor(s, searchSpace);
    let cur = this.currentOptimizer(s, space, trial);
    let persist = cur.holder === trial.number; // a new optimizer is stored on this trial
    for (;;) {
      const lambda = cur.optimizer.populationSize;
      if (s.history.memberCount(space.hash, cur.generation) < lambda) break;
      const members = s.history.membersOf(space.hash, cur.generation).slice(0, lambda);
      cur = this.tell(s, cur, members, trial.number);
      s.history.dropGeneration(space.hash, cur.generation - 1);
      persist = true;
    }
    s.current = cur;
    if (persist) {
      const record: CmaStateRecord = {
        version: 1,
        space: space.hash,
        generation: cur.generation,
        optimizer: cur.state,
      };
      study.setTrialSystemAttr(trial.trialId, CMA_KEYS.state, record as unknown as JsonValue);
      s.history.setState({ record, holder: trial.number });
    }
    const es = cur.optimizer;
    const x = this.draw(s, cur, trial.number);
    const encoded = es.encode(x);
    const raw = Array.from(x);
    study.setTrialSystemAttr(trial.trialId, CMA_KEYS.space, space.hash);
    study.setTrialSystemAttr(trial.trialId, CMA_KEYS.generation, cur.generation);
    study.setTrialSystemAttr(trial.trialId, CMA_KEYS.restart, es instanceof RestartCmaEs ? es.restarts : 0);
    study.setTrialSystemAttr(trial.trialId, CMA_KEYS.popsize, es.populationSize);
    study.setTrialSystemAttr(trial.trialId, CMA_KEYS.x, raw);
    s.history.addSampled(space.hash, cur.generation, trial.number, raw);
    const params: Record<string, number> = {};
    for (let i = 0; i < space.dim; i++) setKey(params, space.names[i]!, space.fromUnit(i, encoded[i]!));
    return params;
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    this.checkSingleObjective(study);
    if (this.warn && !this.warned.has(paramName)) {
      const s = this.studyState(study);
      s.history.update(study);
      if (s.history.usable >= this.nStartup && s.history.usable > 0) {
        this.warned.add(paramName);
        const why =
          distribution.kind === "categorical"
            ? "it is categorical"
            : "it is not in the search space shared by every finished trial";
        log(
          "warn",
          `CmaEsSampler: parameter "${paramName}" (first in trial ${trial.number}) is sampled independently by ${this.independent.constructor.name}, because ${why}; CMA-ES models only float and int parameters present in every finished trial. Pass warnIndependentSampling: false to silence this warning.`,
        );
      }
    }
    return this.independent.sampleIndependent(study, trial, paramName, distribution);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial?.(study, trial);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.independent.afterTrial?.(study, trial, state, values);
  }

  /**
   * The raw candidate of trial `number`: with orthogonal sampling, orthogonal to the
   * candidates of the current block of its generation (`orthogonal.ts`), else `ask`. Drawn
   * from a generator keyed by the trial number; kept inside the box by resampling (100 draws,
   * then the optimizer's own `ask`, which resamples and projects).
   */
  private draw(s: StudyState, cur: Current, number: number): Float64Array {
    const es = cur.optimizer;
    const rng = this.base.fork(number);
    if (!this.orthogonal || cur.space.dim < 2) return es.ask(rng);
    const inner = es instanceof RestartCmaEs ? es.current : es;
    cur.frame ??= new SamplingFrame(inner, inner instanceof SepCmaEs);
    cur.zs ??= new Map();
    const frame = cur.frame;
    const zs = cur.zs;
    const n = cur.space.dim;
    const earlier = [...s.history.sampledOf(cur.space.hash, cur.generation).keys()]
      .filter((k) => k !== number)
      .sort((a, b) => a - b);
    const keys = earlier.slice(earlier.length - (earlier.length % n));
    const zOf = (k: number): Float64Array => {
      let z = zs.get(k);
      if (z === undefined) {
        z = frame.zOf(s.history.sampledOf(cur.space.hash, cur.generation).get(k)!);
        zs.set(k, z);
      }
      return z;
    };
    // Extend the cached basis when the block only grew (the usual case), else rebuild it.
    const cached = cur.block;
    const grows =
      cached !== undefined && cached.keys.length <= keys.length && cached.keys.every((k, i) => keys[i] === k);
    const basis = grows
      ? orthonormalize(keys.slice(cached.keys.length).map(zOf), cached.basis)
      : orthonormalize(keys.map(zOf));
    cur.block = { keys, basis };
    const directions = basis;
    const { lower, upper, steps } = cur.space;
    for (let attempt = 0; attempt < 100; attempt++) {
      const x = frame.xOf(orthogonalNormal(n, directions, rng));
      let inside = true;
      for (let i = 0; i < n && inside; i++) {
        // Margin grid coordinates are not bound-checked: their encoding maps to the grid.
        if (steps[i]! === 0 && !(x[i]! >= lower[i]! && x[i]! <= upper[i]!)) inside = false;
      }
      if (inside) return x;
    }
    return es.ask(rng);
  }

  private spaceFor(s: StudyState, searchSpace: SearchSpace): CmaSpace {
    if (s.space !== null && s.spaceSource === searchSpace) return s.space;
    const fresh = new CmaSpace(searchSpace, this.withMargin);
    s.spaceSource = searchSpace;
    if (s.space === null || s.space.key !== fresh.key) s.space = fresh;
    return s.space;
  }

  /** The optimizer of `space`: the cached one, the stored state, or a new one (held by `trial`). */
  private currentOptimizer(s: StudyState, space: CmaSpace, trial: FrozenTrial): Current {
    const stored = s.history.state(space.hash);
    const cached = s.current;
    if (stored !== undefined) {
      if (
        cached !== null &&
        cached.space.hash === space.hash &&
        cached.generation === stored.record.generation &&
        cached.holder === stored.holder
      ) {
        return cached;
      }
      try {
        return {
          space,
          generation: stored.record.generation,
          holder: stored.holder,
          optimizer: restore(stored.record.optimizer),
          state: stored.record.optimizer,
        };
      } catch (e) {
        log(
          "warn",
          `CmaEsSampler: the optimizer state stored on trial ${stored.holder} cannot be restored (${(e as Error).message}); starting a new one`,
        );
        s.history.discard(stored);
      }
    }
    return { space, generation: 0, holder: trial.number, ...withState(this.createOptimizer(space, s.sign)) };
  }

  private createOptimizer(space: CmaSpace, sign: 1 | -1): Optimizer {
    const n = space.dim;
    const o = this.options;
    let mean: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) mean[i] = (space.lower[i]! + space.upper[i]!) / 2;
    let sigma = o.sigma0 ?? 1 / 6;
    let cov: Float64Array | null = null;
    if (o.x0 !== undefined) this.applyX0(space, mean, o.x0);
    if (o.sourceTrials !== undefined) {
      const ws = this.warmStart(space, o.sourceTrials, sign);
      mean = ws.mean;
      sigma = ws.sigma;
      cov = ws.cov;
    }
    const common: CmaEsOptions = {
      mean,
      sigma,
      bounds: { lower: space.lower, upper: space.upper },
      rng: this.base.fork(`init:${space.hash}`),
      margin: space.hasGrid ? { steps: space.steps } : null,
      ...(o.populationSize === undefined ? {} : { populationSize: o.populationSize }),
      ...(cov === null ? {} : { cov }),
      ...(o.lrAdapt ? { learningRateAdaptation: {} } : {}),
    };
    const rs = o.restartStrategy ?? null;
    if (rs !== null) {
      const { learningRateAdaptation, cov: c0, ...shared } = common;
      const restart = { kind: rs, popSizeFactor: o.incPopsize ?? 2 };
      return o.separable
        ? new RestartCmaEs({ ...shared, restart, variant: { kind: "separable" } })
        : new RestartCmaEs({
            ...shared,
            restart,
            variant: { kind: "full", learningRateAdaptation: learningRateAdaptation ?? null },
            cov: c0 ?? null,
          });
    }
    return o.separable ? new SepCmaEs(common) : new CmaEs(common);
  }

  private applyX0(space: CmaSpace, mean: Float64Array, x0: Readonly<Record<string, number>>): void {
    for (let i = 0; i < space.dim; i++) {
      const name = space.names[i]!;
      if (!hasKey(x0, name)) continue;
      const v = x0[name];
      const u = typeof v === "number" && Number.isFinite(v) ? space.toUnit(i, v) : Number.NaN;
      // A value inside [low, high] maps inside [0, 1] (cells widen the range of discrete ones).
      if (!(u >= -1e-12 && u <= 1 + 1e-12)) {
        throw new RangeError(
          `CmaEsSampler: x0.${name} must be a number inside the parameter's range, got ${String(v)}`,
        );
      }
      mean[i] = Math.min(Math.max(u, space.lower[i]!), space.upper[i]!);
    }
  }

  private warmStart(
    space: CmaSpace,
    source: readonly FrozenTrial[],
    sign: 1 | -1,
  ): { mean: Float64Array; sigma: number; cov: Float64Array } {
    const solutions: CmaSolution[] = [];
    for (const t of source) {
      if (t === null || typeof t !== "object") continue;
      let value: number | null = null;
      if (t.state === "COMPLETE") value = t.value;
      else if (t.state === "PRUNED" && this.considerPruned && t.intermediateValues.size > 0) {
        value = t.intermediateValues.get(Math.max(...t.intermediateValues.keys())) ?? null;
      }
      if (value === null || !Number.isFinite(value)) continue;
      let compatible = true;
      for (const name of space.names) {
        const d = getKey(t.distributions, name);
        if (d === undefined || d.kind === "categorical") compatible = false;
      }
      if (!compatible) continue;
      const x = space.pointOf(t.internalParams);
      if (x === null) continue;
      solutions.push({ x, value: sign * value });
    }
    if (solutions.length === 0) {
      throw new RangeError(
        `CmaEsSampler: no source trial is usable for the warm start (each needs a finite value and every parameter of ${space.names.join(", ")})`,
      );
    }
    // γ = 0.1 as in the paper, but at least one solution (⌊γN⌋ = 0 for fewer than 10 trials).
    const gamma = Math.max(0.1, 1 / solutions.length);
    return warmStartDistribution(solutions, { gamma, alpha: 0.1 });
  }

  /** Tells one generation and returns the optimizer of the next, as restored from its JSON. */
  private tell(s: StudyState, cur: Current, members: readonly Member[], holder: number): Current {
    const es = cur.optimizer;
    const space = cur.space;
    const values = finiteValues(members.map((m) => m.value));
    const solutions: CmaSolution[] = members.map((m, k) => ({
      x: this.toldPoint(es, space, m.trial),
      value: values[k]!,
    }));
    let next: { state: CmaOptimizerState; optimizer: Optimizer };
    try {
      es.tell(solutions);
      next = withState(es);
    } catch (e) {
      log(
        "warn",
        `CmaEsSampler: the CMA-ES update failed (${(e as Error).message}); starting a new optimizer`,
      );
      next = withState(this.createOptimizer(space, s.sign));
    }
    return { space, generation: cur.generation + 1, holder, ...next };
  }

  /**
   * The point to tell for a member: the raw candidate where the trial used it, else the trial's
   * actual value (e.g. a parameter fixed by `enqueueTrial`) mapped to [0, 1].
   */
  private toldPoint(es: Optimizer, space: CmaSpace, t: FrozenTrial): Float64Array {
    const raw = t.systemAttrs[CMA_KEYS.x] as readonly unknown[];
    const ok = raw.length === space.dim && raw.every((v) => typeof v === "number" && Number.isFinite(v));
    const x = ok
      ? Float64Array.from(raw as readonly number[])
      : (space.pointOf(t.internalParams) ?? new Float64Array(space.dim).fill(0.5));
    const encoded = es.encode(x);
    for (let i = 0; i < space.dim; i++) {
      const actual = getKey(t.internalParams, space.names[i]!);
      if (actual === undefined) continue;
      if (space.fromUnit(i, encoded[i]!) === actual) continue;
      const u = space.toUnit(i, actual);
      x[i] = u < space.lower[i]! ? space.lower[i]! : u > space.upper[i]! ? space.upper[i]! : u;
    }
    return x;
  }
}
