/**
 * Restart strategies around CMA-ES, with the same ask/tell interface: whenever the running
 * instance meets a termination criterion, a new one starts.
 *
 * - IPOP (Auger & Hansen, "A Restart CMA Evolution Strategy With Increasing Population
 *   Size", CEC 2005): each restart multiplies λ by 2 (`popSizeFactor`), with the initial σ⁽⁰⁾.
 * - BIPOP (Hansen, "Benchmarking a BI-Population CMA-ES on the BBOB-2009 Function Testbed",
 *   GECCO 2009 workshop): two interlaced regimes. The large regime is IPOP (λ_l = 2^i λ_def
 *   at its i-th restart, σ⁽⁰⁾). The small regime draws U ~ U(0, 1) and uses
 *   λ_s = ⌊λ_def (λ_l/(2λ_def))^{U²}⌋ and σ_s = σ⁽⁰⁾·10^{−2U}. After each run, the regime that
 *   has used fewer evaluations so far runs next (the first run, with λ_def, counts for the
 *   large regime, and the first restart is always large, so that λ_s ≥ λ_def).
 *   Our concrete choice, stated because the paper leaves room: a small-regime run is capped
 *   at half the evaluations of the latest large-regime run (termination `maxEvaluations`).
 *
 * Each run starts from a mean drawn uniformly in the bounds (`restartMean: "uniform"`, as in
 * Auger & Hansen 2005, where x⁽⁰⁾ is uniform in the initialization box) or from the initial
 * mean (`"initial"`). Each run draws from its own generator, `rng.fork(runIndex)`.
 *
 * The strategy is a tagged record ({@link RestartStrategy}) holding the settings that only
 * restarts have; {@link CmaRestart} adds `{ kind: "none" }` for callers that choose between a
 * single run and restarts (`CmaEsSampler`).
 */
import { Rng, type RngState } from "../random/rng.js";
import { type BoundsState, type CmaBaseOptions, type CmaSolution, fromNullable } from "./base.js";
import type { BoundHandling, CmaBounds } from "./bounds.js";
import { CmaEs, type CmaEsOptions, type CmaEsState } from "./cma.js";
import type { LraOptions } from "./lra.js";
import { defaultPopulationSize } from "./params.js";
import { SepCmaEs, type SepCmaEsState } from "./sep-cma.js";
import type { CmaTerminationOptions, TerminationReason } from "./termination.js";
import { type CmaFullVariant, type CmaSeparableVariant, resolveVariant } from "./variant.js";

/** The settings both restart strategies take. */
export interface RestartSettings {
  /**
   * Factor by which λ grows at each (large-regime) restart.
   * @defaultValue 2 (Auger & Hansen 2005; Hansen 2009)
   */
  readonly popSizeFactor?: number;
  /** Stop (shouldStop() = true) after this many restarts; an integer ≥ 0. @defaultValue Infinity */
  readonly maxRestarts?: number;
  /**
   * Mean of each restarted run: "uniform" in the bounds (needs finite bounds; Auger & Hansen
   * 2005) or the "initial" mean. @defaultValue "uniform" when every bound is finite, else "initial"
   */
  readonly restartMean?: "uniform" | "initial";
}

/** IPOP-CMA-ES (Auger & Hansen 2005): λ grows by `popSizeFactor` at each restart. */
export interface IpopRestart extends RestartSettings {
  /** Strategy tag. */
  readonly kind: "ipop";
}

/** BIPOP-CMA-ES (Hansen 2009): interlaced large-population and small-population regimes. */
export interface BipopRestart extends RestartSettings {
  /** Strategy tag. */
  readonly kind: "bipop";
}

/** Which restart strategy drives the runs. */
export type RestartStrategy = IpopRestart | BipopRestart;

/** No restart: one run of {@link CmaEs} or {@link SepCmaEs}, sampled on after it converges. */
export interface NoRestart {
  /** Strategy tag. */
  readonly kind: "none";
}

/**
 * Whether and how CMA-ES restarts, for a caller that chooses between a single run and
 * {@link RestartCmaEs} (e.g. `CmaEsSampler`).
 */
export type CmaRestart = NoRestart | RestartStrategy;

/** A restart strategy with every setting present (`restartMean` undefined: chosen from the bounds). */
export interface ResolvedRestartStrategy {
  /** Strategy tag. */
  readonly kind: "ipop" | "bipop";
  /** λ factor. */
  readonly popSizeFactor: number;
  /** Restarts allowed (Infinity for no limit). */
  readonly maxRestarts: number;
  /** The restart mean, when given. */
  readonly restartMean: "uniform" | "initial" | undefined;
}

/**
 * Checks a restart record (for callers without types) and fills in the defaults.
 * @param where - the caller, for the error message.
 * @param restart - the record as given.
 * @param path - the option's name in the caller's options. @defaultValue "restart"
 * @returns null for `{ kind: "none" }`, else the strategy with its defaults.
 * @throws TypeError unless `restart` is a record; RangeError on an unknown kind, a
 *   popSizeFactor that is not a finite number > 1, a maxRestarts that is not an integer ≥ 0
 *   or Infinity, or a restartMean other than "uniform" and "initial".
 */
export function resolveRestart(
  where: string,
  restart: CmaRestart,
  path = "restart",
): ResolvedRestartStrategy | null {
  if (restart === null || typeof restart !== "object") {
    throw new TypeError(`${where}: ${path} must be a record { kind: "none" | "ipop" | "bipop" }`);
  }
  const kind = restart.kind;
  if (kind === "none") return null;
  if (kind !== "ipop" && kind !== "bipop") {
    throw new RangeError(
      `${where}: ${path}.kind must be "none", "ipop" or "bipop", got ${JSON.stringify(kind)}`,
    );
  }
  const factor = restart.popSizeFactor ?? 2;
  if (!(factor > 1 && Number.isFinite(factor))) {
    throw new RangeError(`${where}: ${path}.popSizeFactor must be a finite number > 1, got ${factor}`);
  }
  const maxRestarts = restart.maxRestarts ?? Number.POSITIVE_INFINITY;
  if (!(maxRestarts >= 0) || (Number.isFinite(maxRestarts) && !Number.isInteger(maxRestarts))) {
    throw new RangeError(
      `${where}: ${path}.maxRestarts must be an integer >= 0 or Infinity, got ${maxRestarts}`,
    );
  }
  const restartMean = restart.restartMean;
  if (restartMean !== undefined && restartMean !== "uniform" && restartMean !== "initial") {
    throw new RangeError(
      `${where}: ${path}.restartMean must be "uniform" or "initial", got ${String(restartMean)}`,
    );
  }
  return { kind, popSizeFactor: factor, maxRestarts, restartMean };
}

/** The options of {@link RestartCmaEs} apart from the variant. */
export interface RestartCmaEsBaseOptions extends CmaBaseOptions {
  /** The restart strategy. @defaultValue \{ kind: "ipop" \} */
  readonly restart?: RestartStrategy;
}

/** {@link RestartCmaEs} over the full-covariance CMA-ES. */
export interface RestartFullCmaEsOptions extends RestartCmaEsBaseOptions, Pick<CmaEsOptions, "cov"> {
  /** The variant. @defaultValue \{ kind: "full" \} */
  readonly variant?: CmaFullVariant;
}

/** {@link RestartCmaEs} over the separable CMA-ES (which starts from C = I: no `cov`). */
export interface RestartSepCmaEsOptions extends RestartCmaEsBaseOptions {
  /** The variant. */
  readonly variant: CmaSeparableVariant;
  /** Not with the separable variant. */
  readonly cov?: null;
}

/** Options of {@link RestartCmaEs}: `cov` (C⁽⁰⁾ of the first run) only with the full variant. */
export type RestartCmaEsOptions = RestartFullCmaEsOptions | RestartSepCmaEsOptions;

/** Options of earlier versions, moved into the `variant` and `restart` records. */
const MOVED: Readonly<Record<string, string>> = {
  strategy: "restart: { kind, popSizeFactor }",
  separable: 'variant: { kind: "separable" }',
  maxRestarts: "restart: { kind, maxRestarts }",
  restartMean: "restart: { kind, restartMean }",
  learningRateAdaptation: 'variant: { kind: "full", learningRateAdaptation }',
};

/** One finished run of a {@link RestartCmaEs}. */
export interface RestartRun {
  /** Regime of the run ("large" for every IPOP run). */
  readonly regime: "large" | "small";
  /** Its population size λ. */
  readonly populationSize: number;
  /** Its initial step size. */
  readonly sigma: number;
  /** Evaluations it used. */
  readonly evaluations: number;
  /** Why it stopped. */
  readonly reason: TerminationReason;
}

/** Serialized {@link RestartCmaEs} (version 1). */
export interface RestartCmaEsState {
  /** Variant tag. */
  readonly kind: "restart-cmaes";
  /** Format version. */
  readonly version: 1;
  /** Strategy (resolved). */
  readonly strategy: { readonly kind: "ipop" | "bipop"; readonly popSizeFactor: number };
  /** Separable inner runs. */
  readonly separable: boolean;
  /** Initial mean of the first run. */
  readonly initialMean: readonly number[];
  /** σ⁽⁰⁾. */
  readonly initialSigma: number;
  /** λ_def. */
  readonly defaultPopulationSize: number;
  /** Bounds or null (±Infinity as null). */
  readonly bounds: BoundsState | null;
  /** Bound handling. */
  readonly boundHandling: BoundHandling | null;
  /** Margin steps and the user's α (null: the per-run default 1/(nλ)). */
  readonly margin: { readonly steps: readonly number[]; readonly alpha: number | null } | null;
  /** User termination thresholds. */
  readonly termination: CmaTerminationOptions | null;
  /** LRA hyperparameters, or false. */
  readonly learningRateAdaptation: LraOptions | false;
  /** Max restarts (null for Infinity). */
  readonly maxRestarts: number | null;
  /** Restart mean policy. */
  readonly restartMean: "uniform" | "initial";
  /** Finished runs. */
  readonly runs: readonly RestartRun[];
  /** Large-regime restarts so far (i). */
  readonly largeRestarts: number;
  /** Evaluations spent in the large regime (first run included). */
  readonly largeEvaluations: number;
  /** Evaluations spent in the small regime. */
  readonly smallEvaluations: number;
  /** Evaluations of the latest large-regime run. */
  readonly lastLargeEvaluations: number;
  /** Regime of the current run. */
  readonly regime: "large" | "small";
  /** Initial σ of the current run. */
  readonly runSigma: number;
  /** Generations told before the current run. */
  readonly generationOffset: number;
  /** Best solution so far. */
  readonly best: { readonly x: readonly number[]; readonly value: number } | null;
  /** The driver's generator (restart draws). */
  readonly rng: RngState;
  /** The running instance. */
  readonly current: CmaEsState | SepCmaEsState;
}

type Inner = CmaEs | SepCmaEs;

/**
 * IPOP / BIPOP restarts of CMA-ES behind one ask/tell interface: `populationSize` may change
 * after a `tell` that ends a run, so ask for `populationSize` candidates each generation.
 *
 * @example
 * ```ts
 * const es = new RestartCmaEs({
 *   mean: new Float64Array(10).fill(1), sigma: 2, seed: 3,
 *   bounds: { lower: new Float64Array(10).fill(-5), upper: new Float64Array(10).fill(5) },
 *   restart: { kind: "bipop" },
 * });
 * while (es.best === null || es.best.value > 1e-8) {
 *   const batch = Array.from({ length: es.populationSize }, () => es.ask());
 *   es.tell(batch.map((x) => ({ x, value: rastrigin(x) })));
 * }
 * ```
 */
export class RestartCmaEs {
  /** Dimension n. */
  readonly dim: number;
  private readonly strategy: { kind: "ipop" | "bipop"; popSizeFactor: number };
  private readonly separable: boolean;
  private readonly initialMean: Float64Array;
  private readonly initialSigma: number;
  private readonly lambdaDef: number;
  private readonly bounds: CmaBounds | null;
  private readonly boundHandling: BoundHandling | null;
  private readonly marginSteps: Float64Array | null;
  private readonly marginAlpha: number | null;
  private readonly termination: CmaTerminationOptions | null;
  private readonly lraOptions: LraOptions | false;
  private readonly maxRestarts: number;
  private readonly restartMean: "uniform" | "initial";
  private rng: Rng;
  private inner: Inner;
  private runList: RestartRun[] = [];
  private largeRestarts = 0;
  private largeEvals = 0;
  private smallEvals = 0;
  private lastLargeEvals = 0;
  private regime: "large" | "small" = "large";
  private runSigma: number;
  private generationOffset = 0;
  private bestSolution: { x: Float64Array; value: number } | null = null;

  /**
   * @throws RangeError / TypeError on bad options: those of {@link CmaEs}, a malformed
   *   `variant` or `restart` record (see {@link resolveVariant}, {@link resolveRestart}),
   *   `cov` with the separable variant, restartMean "uniform" without finite bounds, or an
   *   option of earlier versions that moved into these records (the message says where).
   */
  constructor(options: RestartCmaEsOptions) {
    const where = "RestartCmaEs";
    if (options === null || typeof options !== "object")
      throw new TypeError(`${where}: options must be an object`);
    for (const [key, replacement] of Object.entries(MOVED)) {
      if ((options as unknown as Record<string, unknown>)[key] !== undefined) {
        throw new TypeError(`${where}: the option ${key} has moved: pass ${replacement}`);
      }
    }
    const strategy = resolveRestart(where, options.restart ?? { kind: "ipop" });
    if (strategy === null) {
      throw new RangeError(
        `${where}: restart.kind must be "ipop" or "bipop" (a single run is CmaEs or SepCmaEs)`,
      );
    }
    this.strategy = { kind: strategy.kind, popSizeFactor: strategy.popSizeFactor };
    this.maxRestarts = strategy.maxRestarts;
    const variant = resolveVariant(where, options.variant ?? { kind: "full" });
    this.separable = variant.kind === "separable";
    if (this.separable && options.cov != null) {
      throw new RangeError(
        `${where}: cov needs variant { kind: "full" } (the separable CMA-ES starts from C = I)`,
      );
    }
    // The record as given (not resolved), so that the serialized state is what it always was.
    const lra = options.variant?.kind === "full" ? (options.variant.learningRateAdaptation ?? null) : null;
    this.lraOptions = lra === null ? false : lra;
    const rngOpt = options.rng;
    if (rngOpt !== undefined && !(rngOpt instanceof Rng)) throw new TypeError(`${where}: rng must be an Rng`);
    this.rng = rngOpt ?? Rng.fromSeed(options.seed ?? 0);
    // The first run validates mean, sigma, bounds, margin, termination and cov.
    const { restart: _restart, variant: _variant, ...shared } = options;
    const first: CmaEsOptions = { ...shared, rng: this.rng.fork(0) };
    this.inner = this.separable ? new SepCmaEs(first) : new CmaEs({ ...first, learningRateAdaptation: lra });
    this.dim = this.inner.dim;
    this.initialMean = Float64Array.from(options.mean);
    this.initialSigma = options.sigma;
    this.runSigma = options.sigma;
    this.lambdaDef = options.populationSize ?? defaultPopulationSize(this.dim);
    this.bounds =
      options.bounds == null
        ? null
        : { lower: Float64Array.from(options.bounds.lower), upper: Float64Array.from(options.bounds.upper) };
    this.boundHandling = options.boundHandling ?? null;
    this.marginSteps = options.margin == null ? null : Float64Array.from(options.margin.steps);
    this.marginAlpha = options.margin?.alpha ?? null;
    this.termination = options.termination ?? null;
    const allFinite =
      this.bounds !== null &&
      Array.from(this.bounds.lower).every(Number.isFinite) &&
      Array.from(this.bounds.upper).every(Number.isFinite);
    this.restartMean = strategy.restartMean ?? (allFinite ? "uniform" : "initial");
    if (this.restartMean === "uniform" && !allFinite) {
      throw new RangeError(`${where}: restart.restartMean "uniform" needs finite bounds on every coordinate`);
    }
  }

  /** Population size of the running instance (may change after a `tell`). */
  get populationSize(): number {
    return this.inner.populationSize;
  }

  /** Generations told over all runs. */
  get generation(): number {
    return this.generationOffset + this.inner.generation;
  }

  /** Solutions told over all runs. */
  get evaluations(): number {
    return this.largeEvals + this.smallEvals + this.inner.evaluations;
  }

  /** Number of restarts so far. */
  get restarts(): number {
    return this.runList.length;
  }

  /** The finished runs, oldest first. */
  get runs(): readonly RestartRun[] {
    return this.runList;
  }

  /** The running instance (read it, do not tell it directly). */
  get current(): CmaEs | SepCmaEs {
    return this.inner;
  }

  /** Regime of the running instance ("large" for IPOP). */
  get currentRegime(): "large" | "small" {
    return this.regime;
  }

  /** Best solution told so far (x as evaluated, i.e. `encode`d), or null before the first `tell`. */
  get best(): { readonly x: Float64Array; readonly value: number } | null {
    return this.bestSolution === null
      ? null
      : { x: Float64Array.from(this.bestSolution.x), value: this.bestSolution.value };
  }

  /** One candidate from the running instance (see {@link CmaEs.ask}). */
  ask(rng?: Rng): Float64Array {
    return rng === undefined ? this.inner.ask() : this.inner.ask(rng);
  }

  /** The point to evaluate for a candidate (see {@link CmaEs.encode}). */
  encode(x: ArrayLike<number>): Float64Array {
    return this.inner.encode(x);
  }

  /**
   * Tells one generation to the running instance; starts the next run when it meets a
   * termination criterion (unless `maxRestarts` is reached).
   * @throws RangeError as {@link CmaEs.tell}.
   */
  tell(solutions: readonly CmaSolution[]): void {
    // The best candidate is recorded as evaluated (`encode(x)`, which depends on the mean the
    // candidate was drawn from, so before the update).
    let best: CmaSolution | null = null;
    if (Array.isArray(solutions)) {
      for (const s of solutions) {
        if (s !== null && typeof s === "object" && (best === null || s.value < best.value)) best = s;
      }
    }
    const encoded =
      best !== null && Number.isFinite(best.value) && best.x?.length === this.dim
        ? this.inner.encode(best.x)
        : null;
    this.inner.tell(solutions);
    if (
      best !== null &&
      encoded !== null &&
      (this.bestSolution === null || best.value < this.bestSolution.value)
    ) {
      this.bestSolution = { x: encoded, value: best.value };
    }
    const reason = this.inner.terminationReason();
    if (reason !== null && this.runList.length < this.maxRestarts) this.restart(reason);
  }

  /** The reason the driver is done (the last run stopped and no restart is left), or null. */
  terminationReason(): TerminationReason | null {
    if (this.runList.length < this.maxRestarts) return null;
    return this.inner.terminationReason();
  }

  /** True when `maxRestarts` restarts are used up and the last run has stopped. */
  shouldStop(): boolean {
    return this.terminationReason() !== null;
  }

  private restart(reason: TerminationReason): void {
    const used = this.inner.evaluations;
    this.runList.push({
      regime: this.regime,
      populationSize: this.inner.populationSize,
      sigma: this.runSigma,
      evaluations: used,
      reason,
    });
    if (this.regime === "large") {
      this.largeEvals += used;
      this.lastLargeEvals = used;
    } else {
      this.smallEvals += used;
    }
    this.generationOffset += this.inner.generation;
    const f = this.strategy.popSizeFactor;
    let lambda: number;
    let sigma = this.initialSigma;
    let maxEvaluations = this.termination?.maxEvaluations ?? Number.POSITIVE_INFINITY;
    if (this.strategy.kind === "bipop" && this.largeRestarts >= 1 && this.smallEvals < this.largeEvals) {
      // Hansen (2009): the small regime.
      this.regime = "small";
      const u = this.rng.random();
      const lambdaL = this.lambdaDef * f ** this.largeRestarts;
      lambda = Math.max(2, Math.floor(this.lambdaDef * (lambdaL / (2 * this.lambdaDef)) ** (u * u)));
      sigma = this.initialSigma * 10 ** (-2 * u);
      maxEvaluations = Math.min(maxEvaluations, Math.max(lambda, Math.floor(this.lastLargeEvals / 2)));
    } else {
      this.regime = "large";
      this.largeRestarts++;
      lambda = Math.floor(this.lambdaDef * f ** this.largeRestarts);
    }
    this.runSigma = sigma;
    const mean = this.restartMean === "uniform" ? this.uniformMean() : Float64Array.from(this.initialMean);
    const runIndex = this.runList.length;
    const opts: CmaEsOptions = {
      mean,
      sigma,
      populationSize: lambda,
      rng: this.rng.fork(runIndex),
      bounds: this.bounds,
      ...(this.boundHandling === null ? {} : { boundHandling: this.boundHandling }),
      margin:
        this.marginSteps === null
          ? null
          : { steps: this.marginSteps, ...(this.marginAlpha === null ? {} : { alpha: this.marginAlpha }) },
      termination: { ...(this.termination ?? {}), maxEvaluations },
    };
    this.inner = this.separable
      ? new SepCmaEs(opts)
      : new CmaEs({ ...opts, learningRateAdaptation: this.lraOptions === false ? null : this.lraOptions });
  }

  private uniformMean(): Float64Array {
    const b = this.bounds!;
    const mean = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) mean[i] = this.rng.uniform(b.lower[i]!, b.upper[i]!);
    return mean;
  }

  /** The serializable state (JSON-safe, version 1), including the running instance. */
  toJSON(): RestartCmaEsState {
    const nullable = (a: ArrayLike<number>): (number | null)[] =>
      Array.from(a, (v) => (Number.isFinite(v) ? v : null));
    return {
      kind: "restart-cmaes",
      version: 1,
      strategy: { ...this.strategy },
      separable: this.separable,
      initialMean: Array.from(this.initialMean),
      initialSigma: this.initialSigma,
      defaultPopulationSize: this.lambdaDef,
      bounds:
        this.bounds === null
          ? null
          : { lower: nullable(this.bounds.lower), upper: nullable(this.bounds.upper) },
      boundHandling: this.boundHandling,
      margin:
        this.marginSteps === null ? null : { steps: Array.from(this.marginSteps), alpha: this.marginAlpha },
      termination: this.termination === null ? null : terminationToJson(this.termination),
      learningRateAdaptation: this.lraOptions,
      maxRestarts: Number.isFinite(this.maxRestarts) ? this.maxRestarts : null,
      restartMean: this.restartMean,
      runs: this.runList.map((r) => ({ ...r, reason: { ...r.reason } })),
      largeRestarts: this.largeRestarts,
      largeEvaluations: this.largeEvals,
      smallEvaluations: this.smallEvals,
      lastLargeEvaluations: this.lastLargeEvals,
      regime: this.regime,
      runSigma: this.runSigma,
      generationOffset: this.generationOffset,
      best:
        this.bestSolution === null
          ? null
          : { x: Array.from(this.bestSolution.x), value: this.bestSolution.value },
      rng: this.rng.getState(),
      current: this.inner.toJSON(),
    };
  }

  /**
   * Restores a driver from {@link RestartCmaEs.toJSON} output; it continues with exactly the
   * same stream.
   * @throws RangeError if the record is not a version-1 `restart-cmaes` state.
   */
  static fromJSON(state: RestartCmaEsState): RestartCmaEs {
    const where = "RestartCmaEs.fromJSON";
    if (
      state === null ||
      typeof state !== "object" ||
      state.kind !== "restart-cmaes" ||
      state.version !== 1
    ) {
      throw new RangeError(`${where}: expected a version-1 state with kind "restart-cmaes"`);
    }
    const term = state.termination === null ? undefined : restoreMaxEvals(state.termination);
    const shared: RestartCmaEsBaseOptions = {
      mean: state.initialMean,
      sigma: state.initialSigma,
      populationSize: state.defaultPopulationSize,
      restart: {
        kind: state.strategy.kind,
        popSizeFactor: state.strategy.popSizeFactor,
        maxRestarts: state.maxRestarts ?? Number.POSITIVE_INFINITY,
        restartMean: state.restartMean,
      },
      bounds:
        state.bounds === null
          ? null
          : {
              lower: fromNullable(state.bounds.lower, Number.NEGATIVE_INFINITY),
              upper: fromNullable(state.bounds.upper, Number.POSITIVE_INFINITY),
            },
      ...(state.boundHandling === null ? {} : { boundHandling: state.boundHandling }),
      margin:
        state.margin === null
          ? null
          : {
              steps: state.margin.steps,
              ...(state.margin.alpha === null ? {} : { alpha: state.margin.alpha }),
            },
      ...(term === undefined ? {} : { termination: term }),
      rng: Rng.fromState(state.rng),
    };
    const lra = state.learningRateAdaptation;
    const d = state.separable
      ? new RestartCmaEs({ ...shared, variant: { kind: "separable" } })
      : new RestartCmaEs({
          ...shared,
          variant: { kind: "full", learningRateAdaptation: lra === false ? null : lra },
        });
    d.runList = state.runs.map((r) => ({ ...r, reason: { ...r.reason } }));
    d.largeRestarts = state.largeRestarts;
    d.largeEvals = state.largeEvaluations;
    d.smallEvals = state.smallEvaluations;
    d.lastLargeEvals = state.lastLargeEvaluations;
    d.regime = state.regime;
    d.runSigma = state.runSigma;
    d.generationOffset = state.generationOffset;
    d.bestSolution =
      state.best === null ? null : { x: Float64Array.from(state.best.x), value: state.best.value };
    d.inner =
      state.current.kind === "sep-cmaes"
        ? SepCmaEs.fromJSON(state.current)
        : CmaEs.fromJSON(state.current as CmaEsState);
    return d;
  }
}

/** Termination options as JSON (an infinite maxEvaluations is omitted). */
function terminationToJson(t: CmaTerminationOptions): CmaTerminationOptions {
  const { maxEvaluations, ...rest } = t;
  return maxEvaluations !== undefined && Number.isFinite(maxEvaluations) ? { ...rest, maxEvaluations } : rest;
}

function restoreMaxEvals(t: CmaTerminationOptions): CmaTerminationOptions {
  const { maxEvaluations, ...rest } = t;
  return maxEvaluations === undefined || maxEvaluations === null ? rest : { ...rest, maxEvaluations };
}
