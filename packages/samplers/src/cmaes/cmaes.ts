/**
 * CmaEsSampler: CMA-ES (`@tunelab/math/cmaes`) as a relative sampler over the numeric
 * parameters that every finished trial shares, in the manner of Optuna's CmaEsSampler.
 *
 * How a trial is sampled (`sampleRelative`):
 * 1. The relative search space is the intersection of the finished trials' spaces, floats and
 *    ints with more than one value; categorical parameters, and parameters outside the
 *    intersection, go to the independent sampler (one warning per parameter name).
 * 2. The space is mapped to [0, 1]ⁿ (`space.ts`). The optimizer of that space is the latest state
 *    stored in a trial's system attributes (`history.ts`), or a new one started as `start` says
 *    (`start.ts`: the centre of the box, a point, or a warm start from earlier trials), of the
 *    kind `variant` and `restart` say (records of `@tunelab/math/cmaes`, passed on unchanged).
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
  type CmaBaseOptions,
  CmaEs,
  type CmaEsState,
  type CmaFullVariant,
  type CmaRestart,
  type CmaSeparableVariant,
  type CmaSolution,
  checkMarginSettings,
  type MarginSettings,
  RestartCmaEs,
  type RestartCmaEsState,
  resolveRestart,
  resolveVariant,
  SepCmaEs,
  type SepCmaEsState,
} from "@tunelab/math/cmaes";
import { orthonormalize } from "@tunelab/math/linalg";
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  type FrozenTrial,
  getKey,
  IntersectionSearchSpace,
  type JsonValue,
  log,
  type Sampler,
  type SearchSpace,
  type StudyView,
  setKey,
  type TrialState,
} from "@tunelab/study";
import { RandomSampler } from "../random/random.js";
import { StableRelativeSpace } from "../relative-space/index.js";
import { resolveSeed } from "../seed/index.js";
import { CMA_KEYS, CmaHistory, type CmaOptimizerState, type CmaStateRecord, type Member } from "./history.js";
import { orthogonalNormal, SamplingFrame } from "./orthogonal.js";
import { CmaSpace } from "./space.js";
import {
  type CmaEsCentreStart,
  type CmaEsPointStart,
  type CmaEsStart,
  checkStart,
  initialDistribution,
} from "./start.js";

/**
 * Options of {@link CmaEsSampler} that every variant takes. The CMA-ES settings are the
 * records of `@tunelab/math/cmaes` (`populationSize`, `restart`, `margin`, and `variant` in
 * {@link CmaEsSamplerOptions}), with their defaults and sources documented there.
 */
export interface CmaEsSamplerBaseOptions extends Pick<CmaBaseOptions, "populationSize"> {
  /**
   * Restart the optimizer when it meets a termination criterion: `{ kind: "ipop" }` (λ ×
   * `popSizeFactor` at each restart), `{ kind: "bipop" }` (interlaced large and small
   * populations), or `{ kind: "none" }` (the converged distribution keeps being sampled, as in
   * Optuna's default). `populationSize` is the first run's.
   * @defaultValue \{ kind: "none" \}
   */
  readonly restart?: CmaRestart;
  /**
   * CMA-ES with margin (Hamano et al. 2022) for integer and stepped (non-log) parameters: keeps
   * each of them from fixating on one value while σ shrinks; a record, `{}` for the default α.
   * null relaxes them to their cells and rounds them (Optuna's default); log integers are
   * always rounded. On by default because rounding lets binary and small-range integers
   * fixate (README), and margin changes nothing for continuous parameters.
   * @defaultValue \{\} (margin with α = 1/(n·λ))
   */
  readonly margin?: MarginSettings | null;
  /**
   * Draw each block of n candidates of a generation with mutually orthogonal directions
   * (orthogonal sampling, Wang, Emmerich and Bäck 2019) instead of independently; each candidate
   * is still distributed as N(m, σ²C). Measured better than independent draws on the BBOB
   * functions at 200 and 1,000 trials (README).
   * @defaultValue true
   */
  readonly orthogonalSampling?: boolean;
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

/** {@link CmaEsSampler} with the full covariance (any start, optionally LRA). */
export interface CmaEsSamplerFullOptions extends CmaEsSamplerBaseOptions {
  /**
   * The full-covariance CMA-ES, optionally with learning-rate adaptation
   * (`{ kind: "full", learningRateAdaptation: {} }`, LRA-CMA-ES, for multimodal and noisy
   * objectives).
   * @defaultValue \{ kind: "full" \}
   */
  readonly variant?: CmaFullVariant;
  /** Where CMA-ES starts (`start.ts`). @defaultValue \{ kind: "centre" \} (σ⁽⁰⁾ = 1/6) */
  readonly start?: CmaEsStart;
}

/** {@link CmaEsSampler} with the separable (diagonal) covariance. */
export interface CmaEsSamplerSeparableOptions extends CmaEsSamplerBaseOptions {
  /** Diagonal covariance (sep-CMA-ES): O(n) per trial, for many parameters. */
  readonly variant: CmaSeparableVariant;
  /** The centre or a point (a warm start estimates a full covariance). @defaultValue \{ kind: "centre" \} */
  readonly start?: CmaEsCentreStart | CmaEsPointStart;
}

/**
 * Options of {@link CmaEsSampler}: a setting that belongs to one variant, start or restart
 * strategy is written inside its record, so a combination that does not exist cannot be
 * written (e.g. a warm start with the separable variant, σ⁽⁰⁾ with a warm start, LRA with the
 * separable variant, a population factor without restarts).
 */
export type CmaEsSamplerOptions = CmaEsSamplerFullOptions | CmaEsSamplerSeparableOptions;

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
  /** The relative space, the same object while the intersection's content is unchanged. */
  relative: StableRelativeSpace;
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

/** The option names, for the unknown-option check. */
const KNOWN = new Set<string>([
  "variant",
  "start",
  "restart",
  "margin",
  "populationSize",
  "orthogonalSampling",
  "nStartupTrials",
  "independentSampler",
  "warnIndependentSampling",
  "considerPrunedTrials",
  "seed",
]);

/** Options of earlier versions, and the record each went into. */
const MOVED: Readonly<Record<string, string>> = {
  x0: 'start: { kind: "point", x0, sigma0 }',
  sigma0: 'start: { kind: "centre", sigma0 } or { kind: "point", x0, sigma0 }',
  sourceTrials: 'start: { kind: "warm", sourceTrials }',
  restartStrategy: 'restart: { kind: "none" | "ipop" | "bipop" }',
  incPopsize: 'restart: { kind: "ipop" | "bipop", popSizeFactor }',
  separable: 'variant: { kind: "separable" }',
  lrAdapt: 'variant: { kind: "full", learningRateAdaptation: {} }',
  withMargin: "margin: {} (margin) or margin: null (rounding)",
};

/**
 * Checks the options for callers without types: unknown (or moved) option names, malformed
 * records and values out of range. The combinations the types rule out need no check here,
 * except a warm start with the separable variant, which `checkStart` reports.
 */
function checkOptions(o: CmaEsSamplerOptions): void {
  const where = "CmaEsSampler";
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  for (const [key, value] of Object.entries(o)) {
    if (value === undefined || KNOWN.has(key)) continue;
    const moved = MOVED[key];
    throw new TypeError(
      moved === undefined
        ? `${where}: unknown option ${key}`
        : `${where}: the option ${key} has moved: pass ${moved}`,
    );
  }
  const lambda = o.populationSize;
  if (lambda !== undefined && !(Number.isSafeInteger(lambda) && lambda >= 2)) {
    throw new RangeError(`${where}: populationSize must be an integer >= 2, got ${String(lambda)}`);
  }
  const ns = o.nStartupTrials;
  if (ns !== undefined && !(Number.isSafeInteger(ns) && ns >= 0)) {
    throw new RangeError(`${where}: nStartupTrials must be an integer >= 0, got ${String(ns)}`);
  }
  const variant = resolveVariant(where, o.variant ?? { kind: "full" });
  resolveRestart(where, o.restart ?? { kind: "none" });
  if (o.margin != null) checkMarginSettings(where, o.margin);
  checkStart(where, o.start ?? { kind: "centre" }, variant.kind);
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
  private readonly margin: MarginSettings | null;
  private readonly orthogonal: boolean;
  /** Root of the per-trial candidate generators and of the optimizers' own generators. */
  private base: Rng;
  private studies = new WeakMap<StudyView, StudyState>();
  private readonly warned = new Set<string>();

  /**
   * @throws RangeError / TypeError on bad options: an unknown option (or one of an earlier
   *   version, with where it moved), a malformed `variant`, `restart`, `start` or `margin`
   *   record or a value out of range in one (σ⁽⁰⁾ ≤ 0, popSizeFactor ≤ 1, …), populationSize
   *   < 2, nStartupTrials < 0, a warm start with the separable variant, a bad seed.
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
    this.margin = options.margin === undefined ? {} : options.margin;
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
        relative: new StableRelativeSpace((d) => d.kind !== "categorical"),
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
    // Kept (with the prepared CmaSpace) while the intersection's content does not change.
    return s.relative.update(full);
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
        if (steps[i] === 0 && !(x[i]! >= lower[i]! && x[i]! <= upper[i]!)) inside = false;
      }
      if (inside) return x;
    }
    return es.ask(rng);
  }

  private spaceFor(s: StudyState, searchSpace: SearchSpace): CmaSpace {
    if (s.space !== null && s.spaceSource === searchSpace) return s.space;
    const fresh = new CmaSpace(searchSpace, this.margin !== null);
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
    const o = this.options;
    const { mean, sigma, cov } = initialDistribution(
      space,
      o.start ?? { kind: "centre" },
      sign,
      this.considerPruned,
    );
    const common: CmaBaseOptions = {
      mean,
      sigma,
      bounds: { lower: space.lower, upper: space.upper },
      rng: this.base.fork(`init:${space.hash}`),
      margin: space.hasGrid ? { ...this.margin, steps: space.steps } : null,
      ...(o.populationSize === undefined ? {} : { populationSize: o.populationSize }),
    };
    const restart = o.restart ?? { kind: "none" };
    if (o.variant?.kind === "separable") {
      return restart.kind === "none"
        ? new SepCmaEs(common)
        : new RestartCmaEs({ ...common, restart, variant: o.variant });
    }
    const variant = o.variant ?? { kind: "full" };
    return restart.kind === "none"
      ? new CmaEs({ ...common, cov, learningRateAdaptation: variant.learningRateAdaptation ?? null })
      : new RestartCmaEs({ ...common, restart, variant, cov });
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
