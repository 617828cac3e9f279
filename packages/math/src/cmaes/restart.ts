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
 */
import { Rng, type RngState } from "../random/rng.js";
import { type BoundsState, type CmaSolution, fromNullable } from "./base.js";
import type { BoundHandling, CmaBounds } from "./bounds.js";
import { CmaEs, type CmaEsOptions, type CmaEsState } from "./cma.js";
import type { LraOptions } from "./lra.js";
import { defaultPopulationSize } from "./params.js";
import { SepCmaEs, type SepCmaEsState } from "./sep-cma.js";
import type { CmaTerminationOptions, TerminationReason } from "./termination.js";

/** Which restart strategy drives the runs. */
export type RestartStrategy =
  | {
      /** IPOP-CMA-ES: λ grows by `popSizeFactor` at each restart. */
      readonly kind: "ipop";
      /** @defaultValue 2 */
      readonly popSizeFactor?: number;
    }
  | {
      /** BIPOP-CMA-ES: interlaced large-population and small-population regimes. */
      readonly kind: "bipop";
      /** @defaultValue 2 */
      readonly popSizeFactor?: number;
    };

/** Options of {@link RestartCmaEs}. */
export interface RestartCmaEsOptions extends CmaEsOptions {
  /** The restart strategy. @defaultValue \{ kind: "ipop", popSizeFactor: 2 \} */
  readonly strategy?: RestartStrategy;
  /** Run the separable CMA-ES instead of the full one (no `cov`, no LRA). @defaultValue false */
  readonly separable?: boolean;
  /** Stop (shouldStop() = true) after this many restarts. @defaultValue Infinity */
  readonly maxRestarts?: number;
  /**
   * Mean of each restarted run: "uniform" in the bounds (needs finite bounds) or the
   * "initial" mean. @defaultValue "uniform" when every bound is finite, else "initial"
   */
  readonly restartMean?: "uniform" | "initial";
}

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
 *   strategy: { kind: "bipop" },
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
   * @throws RangeError / TypeError on bad options (those of {@link CmaEs}, plus a bad
   *   strategy, popSizeFactor ≤ 1, negative maxRestarts, or restartMean "uniform" without
   *   finite bounds).
   */
  constructor(options: RestartCmaEsOptions) {
    const where = "RestartCmaEs";
    if (options === null || typeof options !== "object")
      throw new TypeError(`${where}: options must be an object`);
    const st = options.strategy ?? { kind: "ipop" };
    if (st === null || typeof st !== "object" || (st.kind !== "ipop" && st.kind !== "bipop")) {
      throw new RangeError(`${where}: strategy.kind must be "ipop" or "bipop"`);
    }
    const factor = st.popSizeFactor ?? 2;
    if (!(factor > 1 && Number.isFinite(factor))) {
      throw new RangeError(`${where}: strategy.popSizeFactor must be a finite number > 1, got ${factor}`);
    }
    this.strategy = { kind: st.kind, popSizeFactor: factor };
    this.separable = options.separable ?? false;
    const maxRestarts = options.maxRestarts ?? Number.POSITIVE_INFINITY;
    if (!(maxRestarts >= 0) || (Number.isFinite(maxRestarts) && !Number.isInteger(maxRestarts))) {
      throw new RangeError(`${where}: maxRestarts must be an integer >= 0 or Infinity, got ${maxRestarts}`);
    }
    this.maxRestarts = maxRestarts;
    const rngOpt = options.rng;
    if (rngOpt !== undefined && !(rngOpt instanceof Rng)) throw new TypeError(`${where}: rng must be an Rng`);
    this.rng = rngOpt ?? Rng.fromSeed(options.seed ?? 0);
    // The first run validates mean, sigma, bounds, margin, termination, cov and LRA.
    const first: CmaEsOptions = { ...options, rng: this.rng.fork(0) };
    this.inner = this.separable ? new SepCmaEs(first) : new CmaEs(first);
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
    const lra = options.learningRateAdaptation ?? false;
    this.lraOptions = lra === false ? false : lra === true ? {} : lra;
    const allFinite =
      this.bounds !== null &&
      Array.from(this.bounds.lower).every(Number.isFinite) &&
      Array.from(this.bounds.upper).every(Number.isFinite);
    this.restartMean = options.restartMean ?? (allFinite ? "uniform" : "initial");
    if (this.restartMean !== "uniform" && this.restartMean !== "initial") {
      throw new RangeError(
        `${where}: restartMean must be "uniform" or "initial", got ${String(this.restartMean)}`,
      );
    }
    if (this.restartMean === "uniform" && !allFinite) {
      throw new RangeError(`${where}: restartMean "uniform" needs finite bounds on every coordinate`);
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
      learningRateAdaptation: this.lraOptions === false ? false : this.lraOptions,
    };
    this.inner = this.separable ? new SepCmaEs(opts) : new CmaEs(opts);
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
    const d = new RestartCmaEs({
      mean: state.initialMean,
      sigma: state.initialSigma,
      populationSize: state.defaultPopulationSize,
      strategy: state.strategy,
      separable: state.separable,
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
      learningRateAdaptation: state.learningRateAdaptation,
      maxRestarts: state.maxRestarts ?? Number.POSITIVE_INFINITY,
      restartMean: state.restartMean,
      rng: Rng.fromState(state.rng),
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
