/**
 * TpeSampler: the tree-structured Parzen estimator (Bergstra, Bardenet, Bengio, Kégl,
 * "Algorithms for hyper-parameter optimization", NeurIPS 2011) as an adapter from the study
 * to `@tunelab/math/tpe`, following Optuna's TPESampler in its options and semantics.
 *
 * Each trial (after `nStartupTrials` random ones):
 *   1. split the finished trials into "below" (the γ(n) best; `selectBelow`: feasibility
 *      first, pruned trials ranked by their last report, MOTPE's non-domination ranks with
 *      hypervolume subset selection) and "above" (the rest, plus RUNNING trials under the
 *      constant liar) — study-split.ts;
 *   2. read the parameters' model values of both sets from the study's typed columns
 *      (`@tunelab/samplers/columns`), MOTPE's hypervolume weights for the below set;
 *   3. run the TPE step (`tpeStep`: l and g fitted, `nEiCandidates` draws from l, the best
 *      log l(x) − log g(x); Watanabe 2023, arXiv:2304.11127, §2.2).
 * Multivariate mode models the relative search space (the intersection of the finished
 * trials' spaces, or each group of a decomposed conditional space) with one joint estimator;
 * other parameters, and every parameter in univariate mode, get one 1-D estimator each.
 *
 * Determinism: trial n draws from `Rng.fromSeed(seed).fork(n)`, and each trial splits the
 * study as it was at the trial's first suggestion, so a seed fixes the study at concurrency 1,
 * and fixes every random start-up trial at any concurrency.
 */
import type { BandwidthRule, ParzenDimension } from "@tunelab/math/parzen";
import { samplePrior } from "@tunelab/math/priors";
import { Rng } from "@tunelab/math/random";
import {
  belowCount,
  type ResolvedTpeOptions,
  resolveTpeOptions,
  type TpeObservations,
  type TpeOptions,
  type TpeStepOptions,
  tpeStep,
  tpeStepOptions,
} from "@tunelab/math/tpe";
import {
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  IntersectionSearchSpace,
  isSingleValue,
  log,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type TrialState,
} from "@tunelab/study";
import { ColumnReader, GatherScratch, type PendingTrials, TrialColumns } from "../columns/index.js";
import { resolveSeed } from "../seed/index.js";
import { branchParameters, finishedHolding, leastExploredChoice } from "./branches.js";
import { GroupDecomposition } from "./groups.js";
import { fromModel, type ModelParam, modelParam } from "./space.js";
import { LIAR, splitTrials, type TrialSplit } from "./study-split.js";

/**
 * Options of {@link TpeSampler}: the options of a TPE run from `@tunelab/math/tpe`
 * (`nStartupTrials` counts COMPLETE and PRUNED trials; `weights`, `priorWeight`,
 * `considerPrior`, `considerMagicClip`, `categoricalKernel`, `nEiCandidates`, `gamma`), and
 * what a study adds.
 */
export interface TpeSamplerOptions extends TpeOptions {
  /** Seed of every draw. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
  /**
   * Model the relative search space jointly (one multivariate estimator, Falkner et al. 2018's
   * BOHB kernel as in Optuna's `multivariate=True`) instead of one 1-D estimator per
   * parameter. @defaultValue true
   */
  readonly multivariate?: boolean;
  /**
   * With `multivariate`, decompose a conditional search space into groups of parameters that
   * always occur together and model each group jointly. @defaultValue false
   */
  readonly group?: boolean;
  /**
   * Count RUNNING trials as "above" (bad) when splitting, so concurrent workers do not all
   * sample the same region (the constant liar of Ginsbourger et al. 2010, as Optuna's
   * `constant_liar`). @defaultValue true
   */
  readonly constantLiar?: boolean;
  /**
   * Use the constraint values trials set with `trial.setConstraint` (feasible when all ≤ 0):
   * feasible trials rank first, infeasible ones after them by total violation, trials without
   * values last. Applies as soon as one finished trial set constraints. @defaultValue true
   */
  readonly constraints?: boolean;
  /**
   * Bandwidth rule of the joint (multivariate) estimators. Scott's rule with the spread of
   * the observations (Scott 1992; the rule of Watanabe's TPE study, arXiv:2304.11127, §3)
   * rather than Optuna's `{ kind: "scaled-range", factor: 0.2 }`, which ignores the spread:
   * mean rank 1.17 of 3 rules over the 24 BBOB functions in 5-D (papers/tpe, E2) and the
   * better median on every standard function (see the README).
   * @defaultValue `{ kind: "scott" }`
   */
  readonly multivariateBandwidth?: BandwidthRule;
  /**
   * Bandwidth rule of the 1-D estimators (univariate mode, and parameters sampled
   * independently); Optuna's `consider_endpoints` is
   * `{ kind: "neighbour", considerEndpoints: true }`.
   * @defaultValue `{ kind: "neighbour" }` (Bergstra et al. 2011; Optuna)
   */
  readonly univariateBandwidth?: BandwidthRule;
  /**
   * In multivariate mode, warn once per study (the first time a parameter with observations is
   * sampled independently because it is outside the relative search space, as the parameters
   * of a conditional space are). @defaultValue true
   */
  readonly warnIndependentSampling?: boolean;
  /**
   * Sampler of the start-up trials (while fewer than `nStartupTrials` trials are finished),
   * asked through its `sampleIndependent`: e.g. a `QmcSampler` (`@tunelab/samplers/qmc`) for
   * quasi-random starts. @defaultValue none: draws from each parameter's prior with the
   * trial's seeded stream (Optuna's random start-up)
   */
  readonly startupSampler?: Sampler;
  /**
   * Conditional spaces (issue 20's early-branch trap): the share of the TPE trials (after the
   * start-up ones) in which each branch parameter (a categorical present in every trial of a
   * conditional space; see `branches.ts`) takes its least-tried value instead of TPE's choice,
   * so that branches that looked bad in the random start-up still get tried. In [0, 1); 0
   * turns it off. @defaultValue 0
   */
  readonly branchExploration?: number;
  /**
   * Conditional spaces: model each parameter (or group) that only some trials hold on those
   * trials alone, split by γ of their number, instead of on the trials of the study-wide split
   * that hold it (Optuna's way, with which a branch that has no trial among the γ(n) best is
   * drawn from its prior). @defaultValue false
   */
  readonly branchSplit?: boolean;
  /**
   * With `considerMagicClip`, the number of finished (COMPLETE and PRUNED) trials from which
   * the magic clip applies; the TPE trials before it use unclipped bandwidths. The ablation
   * (README, "Ablations") finds the clip harmful at 20 and 40 trials and helpful at 100 on the
   * standard functions; 0 clips from the first TPE trial (Optuna). @defaultValue 0
   */
  readonly magicClipFrom?: number;
}

/** What one trial samples from: its generator and the split of the study at its start. */
interface TrialContext extends TrialSplit {
  readonly rng: Rng;
  /** The sampler's seed epoch when the context was made (see `reseed`). */
  readonly epoch: number;
  /** True during the start-up phase: draw from the priors. */
  readonly random: boolean;
  /** The RUNNING trials counted as above, as the column reader takes them. */
  readonly pending: PendingTrials;
  /** Whether this trial's estimators skip the magic clip (`magicClipFrom`). */
  readonly noClip: boolean;
  /** The trial's number and the study's unfinished trials (for branch splits). */
  readonly number: number;
  readonly unfinished: ReadonlyMap<number, FrozenTrial>;
  /** Whether this trial explores the least-tried branches (`branchExploration`), and their generator. */
  readonly explore: boolean;
  readonly exploreRng: Rng | null;
  /** The branch parameters of the study (empty unless `branchExploration` > 0). */
  readonly branching: ReadonlySet<string>;
  /** Splits of the trials holding a parameter set (`branchSplit`), by the set's names. */
  readonly branchSplits: Map<string, SplitView>;
}

/** What one TPE step reads of a split. */
interface SplitView {
  readonly below: Int32Array;
  readonly above: Int32Array;
  readonly belowWeight: Float64Array | null;
  readonly pending: PendingTrials;
}

/** Above sets from this size are read in sorted order for 1-D neighbour-bandwidth estimators. */
const SORTED_MIN = 64;

/** Keep at most this many trial contexts (trials that never reach afterTrial). */
const MAX_CONTEXTS = 1024;

/**
 * Tree-structured Parzen estimator sampler (single- and multi-objective, constrained,
 * conditional spaces, concurrency through the constant liar).
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new TpeSampler({ seed: 42 }) });
 * await study.optimize((t) => (t.suggestFloat("x", -5, 5) - 1) ** 2, { nTrials: 100 });
 * ```
 */
export class TpeSampler implements Sampler {
  private currentSeed: number;
  private base: Rng;
  /** Incremented by `reseed`: trial contexts made before hold the old seed's generators. */
  private epoch = 0;
  private readonly options: ResolvedTpeOptions;
  private readonly multivariate: boolean;
  private readonly group: boolean;
  private readonly constantLiar: boolean;
  private readonly constraints: boolean;
  private readonly warnIndependent: boolean;
  private readonly startup: Sampler | undefined;
  private readonly branchExploration: number;
  private readonly branchSplit: boolean;
  private readonly magicClipFrom: number;
  /** The step options of joint and of 1-D estimators (they differ in the bandwidth rule). */
  private readonly jointStep: TpeStepOptions;
  private readonly singleStep: TpeStepOptions;
  /** The same without the magic clip (`magicClipFrom`). */
  private readonly jointNoClip: TpeStepOptions;
  private readonly singleNoClip: TpeStepOptions;
  /** What the sampler keeps of each study (object): one sampler may serve several studies. */
  private readonly studies = new WeakMap<StudyView, StudyState>();
  /** The state of the study of the current call (set by `use`; calls are synchronous). */
  private cur!: StudyState;
  private readonly params = new Map<string, ModelParam>();
  private readonly reader = new ColumnReader();
  /**
   * The arrays of the below and the above set's gathered columns, reused from one TPE step to
   * the next (issue 18: new n×D arrays every trial made the collector run a full mark-compact
   * every one or two trials past 50,000 trials). Each step's columns are read by `tpeStep`,
   * whose estimators copy them, before the next step gathers; one sampler's calls are
   * synchronous, and each sampler owns its own pair.
   */
  private readonly belowScratch = new GatherScratch();
  private readonly aboveScratch = new GatherScratch();

  /**
   * @throws RangeError for an option out of range (the message names it), or `group` without
   * `multivariate`; TypeError for a gamma or weights that is not a function.
   */
  constructor(options: TpeSamplerOptions = {}) {
    this.currentSeed = resolveSeed("TpeSampler", options.seed);
    this.base = Rng.fromSeed(this.currentSeed);
    this.options = resolveTpeOptions("TpeSampler", options);
    this.multivariate = options.multivariate ?? true;
    this.group = options.group ?? false;
    if (this.group && !this.multivariate) {
      throw new RangeError("TpeSampler: group requires multivariate (group: true with multivariate: false)");
    }
    this.constantLiar = options.constantLiar ?? true;
    this.constraints = options.constraints ?? true;
    this.warnIndependent = options.warnIndependentSampling ?? true;
    const startup = options.startupSampler;
    if (startup !== undefined && (startup === null || typeof startup.sampleIndependent !== "function")) {
      throw new TypeError("TpeSampler: startupSampler must be a Sampler");
    }
    this.startup = startup;
    const explore = options.branchExploration ?? 0;
    if (!(explore >= 0 && explore < 1)) {
      throw new RangeError(`TpeSampler: branchExploration must be in [0, 1), got ${explore}`);
    }
    this.branchExploration = explore;
    this.branchSplit = options.branchSplit ?? false;
    this.jointStep = tpeStepOptions(this.options, options.multivariateBandwidth ?? { kind: "scott" });
    this.singleStep = tpeStepOptions(this.options, options.univariateBandwidth ?? { kind: "neighbour" });
    const clipFrom = options.magicClipFrom ?? 0;
    if (!Number.isSafeInteger(clipFrom) || clipFrom < 0) {
      throw new RangeError(`TpeSampler: magicClipFrom must be an integer >= 0, got ${clipFrom}`);
    }
    this.magicClipFrom = clipFrom;
    this.jointNoClip = { ...this.jointStep, considerMagicClip: false };
    this.singleNoClip = { ...this.singleStep, considerMagicClip: false };
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new
   * `TpeSampler({ ...options, seed })` would for the same study. Resets the per-trial
   * contexts (generator and split of the study), so a running trial's next parameters come
   * from the new seed's stream for its number and a split made now; keeps what depends only
   * on the study's trials (the typed trial columns, the search-space intersection, the groups).
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("TpeSampler.reseed", seed);
    this.base = Rng.fromSeed(this.currentSeed);
    this.epoch++;
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    if (!this.multivariate) return {};
    const st = this.use(study);
    const trials = study.getTrials();
    // Records keyed by parameter names have no prototype: any string is an ordinary key.
    const out: Record<string, Distribution> = Object.create(null);
    if (st.groups !== null) {
      st.groupSpaces = st.groups.update(trials);
      for (const g of st.groupSpaces) for (const name of Object.keys(g)) out[name] = g[name]!;
      return out;
    }
    const space = st.intersection.calculate(trials);
    for (const name of Object.keys(space)) if (!isSingleValue(space[name]!)) out[name] = space[name]!;
    return out;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    const names = Object.keys(searchSpace);
    if (names.length === 0) return {};
    const ctx = this.context(study, trial);
    if (ctx.random) return {};
    if (this.cur.groups === null) {
      const params = names.map((n) => this.param(n, searchSpace[n]!));
      return this.exploreBranches(ctx, params, this.sampleJoint(ctx, params, this.jointStep));
    }
    const out: Record<string, number> = Object.create(null);
    for (const g of this.cur.groupSpaces) {
      // The space given back may lack names of a group (PartialFixedSampler removes fixed ones).
      const sub = Object.keys(g).filter((n) => Object.hasOwn(searchSpace, n));
      if (sub.length === 0) continue;
      const sampled = this.sampleJoint(
        ctx,
        sub.map((n) => this.param(n, searchSpace[n]!)),
        this.jointStep,
      );
      for (const n of sub) out[n] = sampled[n]!;
    }
    if (!ctx.explore) return out;
    return this.exploreBranches(
      ctx,
      Object.keys(out).map((n) => this.param(n, searchSpace[n]!)),
      out,
    );
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    const ctx = this.context(study, trial);
    const p = this.param(paramName, distribution);
    if (ctx.random) {
      if (this.startup !== undefined)
        return this.startup.sampleIndependent(study, trial, paramName, distribution);
      return samplePrior(p.prior, ctx.rng);
    }
    // One message per study (issue 20: one per parameter read as something broken).
    if (this.multivariate && this.warnIndependent && !this.cur.warned) {
      if (this.cur.table!.column(paramName) !== undefined) {
        this.cur.warned = true;
        log(
          "warn",
          `TpeSampler: this study's search space is conditional (parameter "${paramName}", first at trial ${trial.number}, is not in every trial), so the parameters outside the shared set are sampled independently (one 1-D estimator each), outside the multivariate model; group: true models each branch jointly. This is the only such message of the study; silence it with warnIndependentSampling: false.`,
        );
      }
    }
    return this.exploreBranches(ctx, [p], this.sampleJoint(ctx, [p], this.singleStep))[paramName]!;
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.studies.get(study)?.contexts.delete(trial.number);
    this.startup?.afterTrial?.(study, trial, state, values);
  }

  /** The state kept for `study`, made current. */
  private use(study: StudyView): StudyState {
    let st = this.studies.get(study);
    if (st === undefined) {
      st = {
        table: null,
        intersection: new IntersectionSearchSpace({ includePruned: true }),
        groups: this.group ? new GroupDecomposition() : null,
        groupSpaces: [],
        contexts: new Map(),
        warned: false,
      };
      this.studies.set(study, st);
    }
    this.cur = st;
    return st;
  }

  /** The cached model of a parameter (rebuilt when its distribution changes). */
  private param(name: string, distribution: Distribution): ModelParam {
    const cached = this.params.get(name);
    if (cached !== undefined && distributionsEqual(cached.distribution, distribution)) return cached;
    const p = modelParam(name, distribution);
    this.params.set(name, p);
    return p;
  }

  /** The split of the study for `trial`, computed at its first sampling call. */
  private context(study: StudyView, trial: FrozenTrial): TrialContext {
    const st = this.use(study);
    const cached = st.contexts.get(trial.number);
    if (cached !== undefined && cached.epoch === this.epoch) return cached;
    st.table ??= new TrialColumns(study.directions);
    const table = st.table;
    const unfinished = table.update(study.getTrials());
    const rng = this.base.fork(trial.number);
    const n = table.nComplete + table.nPruned;
    let split: TrialSplit;
    const random = n < this.options.nStartupTrials || n === 0;
    if (random) {
      const none = new Int32Array(0);
      split = { role: new Uint8Array(0), below: none, above: none, running: new Map(), belowWeight: null };
    } else {
      const nBelow = belowCount(this.options.gamma, n, "TpeSampler");
      split = splitTrials(table, unfinished, trial.number, nBelow, {
        constantLiar: this.constantLiar,
        constraints: this.constraints,
      });
    }
    const pending = { tags: split.role, tag: LIAR, trials: split.running };
    // Branch exploration draws from a stream of its own, so that the trial's TPE draws are
    // those of the same trial without it.
    const exploreRng = !random && this.branchExploration > 0 ? rng.fork("branch-exploration") : null;
    const explore = exploreRng !== null && exploreRng.random() < this.branchExploration;
    const ctx: TrialContext = {
      rng,
      epoch: this.epoch,
      random,
      pending,
      ...split,
      noClip: n < this.magicClipFrom,
      number: trial.number,
      unfinished,
      explore,
      exploreRng,
      branching: explore ? branchParameters(study.getTrials()) : NO_BRANCHES,
      branchSplits: new Map(),
    };
    if (cached === undefined && st.contexts.size >= MAX_CONTEXTS) {
      st.contexts.delete(st.contexts.keys().next().value!);
    }
    st.contexts.set(trial.number, ctx);
    return ctx;
  }

  /**
   * The split a TPE step over `params` reads: the trial's, or with `branchSplit`, when some
   * finished trials lack one of `params`, the split of the trials holding all of them by γ of
   * their number (cached for the trial).
   */
  private splitFor(ctx: TrialContext, params: readonly ModelParam[]): SplitView {
    if (!this.branchSplit) return ctx;
    const table = this.cur.table!;
    const key = params.map((p) => p.name).join("\u0000");
    const hit = ctx.branchSplits.get(key);
    if (hit !== undefined) return hit;
    const columns: Float64Array[] = [];
    for (const p of params) {
      const c = table.column(p.name);
      if (c === undefined) return ctx;
      columns.push(c);
    }
    const held = finishedHolding(table, columns);
    let view: SplitView = ctx;
    if (held > 0 && held < table.nComplete + table.nPruned) {
      const split = splitTrials(
        table,
        ctx.unfinished,
        ctx.number,
        belowCount(this.options.gamma, held, "TpeSampler"),
        {
          constantLiar: this.constantLiar,
          constraints: this.constraints,
          holding: columns,
        },
      );
      view = { ...split, pending: { tags: split.role, tag: LIAR, trials: split.running } };
    }
    ctx.branchSplits.set(key, view);
    return view;
  }

  /**
   * With `branchExploration`, in an exploring trial: each branch parameter among `params` set
   * to its least-tried choice (the other values of `sampled` are kept).
   */
  private exploreBranches(
    ctx: TrialContext,
    params: readonly ModelParam[],
    sampled: Record<string, number>,
  ): Record<string, number> {
    if (!ctx.explore || ctx.exploreRng === null) return sampled;
    for (const p of params) {
      if (!p.categorical || !ctx.branching.has(p.name)) continue;
      sampled[p.name] = leastExploredChoice(this.cur.table!, p.name, p.high + 1, ctx.exploreRng);
    }
    return sampled;
  }

  /**
   * One TPE step over `params` (jointly when more than one): the model values of the split's
   * trials that hold every parameter, then `tpeStep`.
   */
  private sampleJoint(
    trialCtx: TrialContext,
    params: ModelParam[],
    step: TpeStepOptions,
  ): Record<string, number> {
    const table = this.cur.table!;
    const ctx = this.splitFor(trialCtx, params);
    if (trialCtx.noClip) step = step === this.singleStep ? this.singleNoClip : this.jointNoClip;
    const bandwidth = step.bandwidth!;
    const b = this.reader.gather(table, params, ctx.below, ctx.pending, false, this.belowScratch);
    const belowWeight = ctx.belowWeight;
    const below: TpeObservations =
      belowWeight === null
        ? { columns: b.columns }
        : { columns: b.columns, weights: Array.from(b.rows, (r) => belowWeight[r]!) };
    let above: TpeObservations;
    if (params.length === 1 && bandwidth.kind === "neighbour" && ctx.above.length >= SORTED_MIN) {
      // One parameter, neighbour bandwidths: the observations in ascending order (the table
      // keeps each parameter's trials sorted) with the weights of their chronological
      // positions: the same mixture as in trial order, without sorting, and with sorted
      // centres, which `parzenLogPdf` evaluates by blocks.
      const s = this.reader.sorted(table, params[0]!, ctx.above, ctx.pending);
      const k = s.values.length;
      const w = this.options.weights(k);
      const aboveWeights = new Float64Array(k);
      for (let i = 0; i < k; i++) aboveWeights[i] = w[s.positions[i]!]!;
      above = { columns: [s.values], weights: aboveWeights, order: [s.order] };
    } else {
      // The neighbour rule sorts each column (O(n log n)); the table's sorted columns give the
      // order in O(n). Scott's rule reads its quartiles from the order instead of selecting
      // them, and the estimator visits the kernels by centre when computing their masses
      // inside the bounds (fewer mispredicted branches): together about 2 ms less per trial
      // at 10,000 trials in 10-D than selection, with the same estimator.
      const withOrder =
        (bandwidth.kind === "neighbour" || bandwidth.kind === "scott") && ctx.above.length >= SORTED_MIN;
      const a = this.reader.gather(table, params, ctx.above, ctx.pending, withOrder, this.aboveScratch);
      above = a.order === undefined ? { columns: a.columns } : { columns: a.columns, order: a.order };
    }
    // Pushed, not `params.map`: one array kind (packed) whether or not this method runs
    // optimized (the map inlined in optimized code makes a holey array, and the estimator's
    // code compiled for the packed one was thrown away: issue 18, `node --trace-deopt`).
    const dimensions: ParzenDimension[] = [];
    for (const p of params) dimensions.push(p.dimension);
    const x = tpeStep(dimensions, below, above, trialCtx.rng, step);
    const out: Record<string, number> = Object.create(null);
    params.forEach((p, j) => {
      out[p.name] = fromModel(p, x[j]!);
    });
    return out;
  }
}

/** No branch parameters. */
const NO_BRANCHES: ReadonlySet<string> = new Set();

/** What a TpeSampler keeps of one study. */
interface StudyState {
  /** The study's finished trials in typed columns (created at the first TPE step). */
  table: TrialColumns | null;
  readonly intersection: IntersectionSearchSpace;
  readonly groups: GroupDecomposition | null;
  groupSpaces: readonly SearchSpace[];
  /** The split of each trial, made at its first sampling call. */
  readonly contexts: Map<number, TrialContext>;
  /** Whether the study was told that some parameters are sampled independently. */
  warned: boolean;
}
