/**
 * GpSampler: Gaussian-process Bayesian optimization as an adapter from the study to
 * `@tunelab/math/gp`, in the manner of Optuna's GPSampler (`optuna/samplers/_gp/sampler.py`)
 * and BoTorch.
 *
 * How a trial is sampled (`sampleRelative`):
 * 1. The relative search space is the intersection of the COMPLETE trials' spaces (every
 *    kind: floats, ints, steps, logs, categoricals), without single-valued parameters
 *    (`space.ts`); with `branches: true` on a space forked by one categorical parameter, that
 *    parameter and every branch's own parameters, one GP per branch (`sampleBranches`). Parameters outside it go to the independent sampler (one warning per
 *    name), as do all parameters while fewer than `nStartupTrials` COMPLETE trials hold the
 *    space.
 * 2. The COMPLETE trials become rows of cube coordinates with their losses (every objective
 *    minimized) and constraint values (`observations.ts`).
 * 3. One GP per objective and one per constraint (Matérn 5/2 with ARD, outputs standardized),
 *    each refitted by MAP on the cadence of `refit.ts` with warm starts kept per study, or
 *    conditioned with its kept hyperparameters.
 * 4. RUNNING trials (other than this one) are added to every model with their posterior mean
 *    as the observed value: the kriging believer (Ginsbourger, Le Riche, Carraro, "Kriging is
 *    well-suited to parallelize optimization", 2010, §3.2). The mean there is unchanged and
 *    the variance collapses, so the acquisition of a point a concurrent worker is evaluating
 *    drops and the workers spread out; the hyperparameters are those of the finished data.
 * 5. The acquisition: log EI (Ament et al. 2023) for one objective, plus Σ log P(c ≤ 0) over
 *    the constraint GPs (Gardner et al. 2014) when the study has constraints, with y* the best
 *    feasible loss (none feasible: the feasibility term alone); log EHVI for several
 *    objectives (with the same feasibility terms), over the feasible observed losses, with
 *    the reference point of Optuna's GPSampler: r = max(1.1·w, 0.9·w) of the worst
 *    standardized loss w per objective (`referencePoint` of `@tunelab/math/pareto`, on
 *    losses standardized by their mean and deviation), mapped back to the losses' units.
 * 6. `optimizeAcquisition` (preliminary points, multi-start L-BFGS-B, discrete moves) from a
 *    generator keyed by the seed and the trial number, started also from the best observed
 *    point (one objective); the optimum mapped back onto each distribution.
 *
 * Determinism: each trial's draws come from `Rng.fromSeed(seed).fork("gp").fork(number)`
 * and the models from the trials and the per-study fitting history, so one seed gives one
 * study at concurrency 1 (and at any concurrency with `optimize({ reproducible: true })`).
 */
import {
  type Acquisition,
  type AcquisitionOptimum,
  checkPrior,
  checkPriorMean,
  createAcquisition,
  type GpKernel,
  type GpModel,
  type GpPriorMean,
  type GpPriors,
  gpModel,
  type OptimizeAcquisitionOptions,
  optimizeAcquisition,
  posterior,
  unnormalize,
} from "@tunelab/math/gp";
import { referencePoint } from "@tunelab/math/pareto";
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  type FrozenTrial,
  IntersectionSearchSpace,
  isSingleValue,
  log,
  type Sampler,
  type SearchSpace,
  type StudyView,
  setKey,
  type TrialState,
} from "@tunelab/study";
import { RandomSampler } from "../random/random.js";
import { resolveSeed } from "../seed/index.js";
import { type BranchStructure, branchStructure } from "./branches.js";
import { type GpObservations, gpObservations } from "./observations.js";
import { GpSlot, type RefitPolicy } from "./refit.js";
import { type GpSpace, gpSpace, toInternalValue } from "./space.js";
import { type GpOutputWarping, warpOutputs } from "./warp.js";

/** How the acquisition is optimized (a subset of `OptimizeAcquisitionOptions` of `@tunelab/math/gp`). */
export interface GpAcquisitionOptimizerOptions {
  /** Uniform preliminary points evaluated in one batch. @defaultValue 2048 (Optuna's GPSampler; README) */
  readonly nPreliminary?: number;
  /** Local searches from the best preliminary points (plus one from the best observed point). @defaultValue 10 (Optuna's n_local_search) */
  readonly nLocalSearch?: number;
  /** L-BFGS-B projected-gradient tolerance of the local searches. @defaultValue 1e-5 */
  readonly pgtol?: number;
}

/** Options of {@link GpSampler}. */
export interface GpSamplerOptions {
  /** Seed of every draw. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
  /**
   * COMPLETE trials (holding the relative search space) before the GP is used; until then
   * every parameter comes from the independent sampler. @defaultValue 10 (Optuna's GPSampler)
   */
  readonly nStartupTrials?: number;
  /**
   * The objective (and constraints) have no observation noise: the GPs' noise variance is
   * held at the floor 1e-6 (standardized units, Optuna's minimum) instead of fitted.
   * @defaultValue false
   */
  readonly deterministicObjective?: boolean;
  /**
   * Samples the start-up trials and the parameters outside the relative search space.
   * There is no quasi-random sampler in `@tunelab/samplers` yet (issue 17), so the default is
   * the random sampler Optuna falls back to without QMC.
   * @defaultValue new RandomSampler(\{ seed \})
   */
  readonly independentSampler?: Sampler;
  /** Warn (once per parameter name) when a parameter is sampled independently after the start-up phase. @defaultValue true */
  readonly warnIndependentSampling?: boolean;
  /** The kernel of every GP. @defaultValue \{ kind: "matern52" \} */
  readonly kernel?: GpKernel;
  /**
   * Refit a GP's hyperparameters (MAP, warm-started) once its data have grown by
   * max(1, ⌊refitFraction·n⌋) observations since its last fit; in between, the model is
   * conditioned on all data with the kept hyperparameters. 0 refits at every trial (Optuna).
   * @defaultValue 0.02 (every trial up to n = 99, every 6th at n = 300, every 20th at 1,000; README)
   */
  readonly refitFraction?: number;
  /** Every `restartEvery`-th refit adds `restarts` seeded random starts to the warm start. @defaultValue 10 */
  readonly restartEvery?: number;
  /** Random starts of the first fit and of every `restartEvery`-th refit. @defaultValue 2 */
  readonly restarts?: number;
  /**
   * Priors on the GP hyperparameters (MAP fits); missing entries keep `@tunelab/math/gp`'s
   * defaults: length scales LogNormal(√2 + ln(D)/2, √3) (Hvarfner et al. 2024), signal and
   * noise variance Optuna's gamma priors. Optuna's GPSampler's length-scale prior is
   * `{ lengthScale: { kind: "precision", a: 0.1, b: 0.1 } }`.
   * @defaultValue \{\}
   */
  readonly priors?: Partial<GpPriors>;
  /**
   * The GPs' constant prior mean: `"mean"`, the mean of the (warped, standardized) losses
   * (Optuna's GPSampler), or `"max"`, the worst loss observed (De Ath et al. 2020), under which
   * the posterior far from every trial, at the corners of the box, reverts to the worst value
   * seen instead of the average one.
   * @defaultValue "mean"
   */
  readonly priorMean?: GpPriorMean;
  /** How the acquisition function is maximized. @defaultValue \{\} (the defaults of its fields) */
  readonly acquisitionOptimizer?: GpAcquisitionOptimizerOptions;
  /**
   * A monotone map of the losses before the objective's GP is fitted (single objective only;
   * constraints and several objectives are modelled as they are): `{ kind: "power" }`, the
   * Yeo–Johnson transform at its maximum-likelihood λ (HEBO's output warping), `{ kind: "rank" }`,
   * the Gaussian copula of the ranks (`warp.ts`), `{ kind: "plateau", fraction }`, ranks when
   * a repeated loss value holds at least that share (0.25) of the trials and power otherwise,
   * or `{ kind: "none" }` (Optuna's GPSampler).
   * `power` is the default from measurements on seeds other than the benchmark's (README,
   * Figures): better or equal on 7 of the 8 standard functions, worse on Levy.
   * @defaultValue \{ kind: "power" \}
   */
  readonly outputWarping?: GpOutputWarping;
  /**
   * One GP per branch of a conditional space (single objective). When the parameters a trial
   * holds are a function of one categorical parameter whose choices fork the space (a model or
   * optimizer choice, each with parameters of its own; `branches.ts`), each choice gets its own
   * GP over the parameters its trials hold, fitted on the losses warped over the whole study,
   * and a trial goes to the branch whose optimized log EI against the study's best is largest
   * (a choice with fewer than 2 COMPLETE trials first, its parameters from the independent
   * sampler). Off, and for spaces that are not such a fork (static spaces, optional extras,
   * deeper conditions) or have several objectives: one GP over the parameters every trial
   * holds, the others from the independent sampler (Optuna's GPSampler).
   * @defaultValue false
   */
  readonly branches?: boolean;
}

/** What the sampler keeps of one study (object). */
interface StudyState {
  readonly signs: readonly number[];
  readonly intersection: IntersectionSearchSpace;
  /** The key of the space the slots were fitted in. */
  spaceKey: string;
  /** Fitting history per modelled quantity ("objective:j", "constraint:<name>"). */
  slots: Map<string, GpSlot>;
  /** The GP space built for the last relative search space object. */
  space: { source: SearchSpace; gp: GpSpace } | null;
  /** The branch structure behind the last relative search space (`branches: true`). */
  branched: { source: SearchSpace; structure: BranchStructure } | null;
  /** Per branch (choice index of the parent): its space key and its fitting histories. */
  branchSlots: Map<string, { key: string; slots: Map<string, GpSlot> }>;
}

/** Branches with fewer COMPLETE trials than this are sampled before any GP compares them. */
const MIN_BRANCH_TRIALS = 2;

const KNOWN = new Set<string>([
  "seed",
  "nStartupTrials",
  "deterministicObjective",
  "independentSampler",
  "warnIndependentSampling",
  "kernel",
  "refitFraction",
  "restartEvery",
  "restarts",
  "acquisitionOptimizer",
  "outputWarping",
  "branches",
  "priors",
  "priorMean",
]);
const KNOWN_OPTIMIZER = new Set<string>(["nPreliminary", "nLocalSearch", "pgtol"]);

/** The noise floor of a deterministic objective (standardized units; Optuna's DEFAULT_MINIMUM_NOISE_VAR). */
const NOISE_FLOOR = 1e-6;

function checkInteger(name: string, v: unknown, min: number): void {
  if (v !== undefined && !(typeof v === "number" && Number.isSafeInteger(v) && v >= min)) {
    throw new RangeError(`GpSampler: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
}

/** Checks the options for callers without types; each error names the option and its range. */
function checkOptions(o: GpSamplerOptions): void {
  if (o === null || typeof o !== "object") throw new TypeError("GpSampler: options must be an object");
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined && !KNOWN.has(key)) {
      throw new TypeError(`GpSampler: unknown option ${key}; known: ${[...KNOWN].join(", ")}`);
    }
  }
  checkInteger("nStartupTrials", o.nStartupTrials, 0);
  checkInteger("restartEvery", o.restartEvery, 1);
  checkInteger("restarts", o.restarts, 0);
  const f = o.refitFraction;
  if (f !== undefined && !(typeof f === "number" && f >= 0 && f <= 1)) {
    throw new RangeError(`GpSampler: refitFraction must be a number in [0, 1], got ${String(f)}`);
  }
  if (o.deterministicObjective !== undefined && typeof o.deterministicObjective !== "boolean") {
    throw new TypeError(
      `GpSampler: deterministicObjective must be a boolean, got ${String(o.deterministicObjective)}`,
    );
  }
  if (o.priors !== undefined) {
    if (o.priors === null || typeof o.priors !== "object") {
      throw new TypeError(
        "GpSampler: priors must be an object of { lengthScale, signalVariance, noiseVariance }",
      );
    }
    for (const [key, prior] of Object.entries(o.priors)) {
      if (key !== "lengthScale" && key !== "signalVariance" && key !== "noiseVariance") {
        throw new TypeError(
          `GpSampler: unknown prior ${key}; known: lengthScale, signalVariance, noiseVariance`,
        );
      }
      if (prior !== undefined) checkPrior("GpSampler", `priors.${key}`, prior);
    }
  }
  checkPriorMean("GpSampler", o.priorMean);
  if (o.branches !== undefined && typeof o.branches !== "boolean") {
    throw new TypeError(`GpSampler: branches must be a boolean, got ${String(o.branches)}`);
  }
  if (o.kernel !== undefined && !(o.kernel?.kind === "matern52" || o.kernel?.kind === "rbf")) {
    throw new TypeError('GpSampler: kernel must be { kind: "matern52" } or { kind: "rbf" }');
  }
  if (
    o.independentSampler !== undefined &&
    (o.independentSampler === null || typeof o.independentSampler.sampleIndependent !== "function")
  ) {
    throw new TypeError("GpSampler: independentSampler must be a Sampler");
  }
  const w = o.outputWarping;
  if (
    w !== undefined &&
    !(w?.kind === "none" || w?.kind === "rank" || w?.kind === "power" || w?.kind === "plateau")
  ) {
    throw new TypeError(
      'GpSampler: outputWarping must be { kind: "none" }, { kind: "rank" }, { kind: "power" } or { kind: "plateau", fraction? }',
    );
  }
  if (w?.kind === "plateau" && w.fraction !== undefined) {
    const f = w.fraction;
    if (!(typeof f === "number" && f > 0 && f <= 1)) {
      throw new RangeError(`GpSampler: outputWarping.fraction must be a number in (0, 1], got ${String(f)}`);
    }
  }
  const a = o.acquisitionOptimizer;
  if (a !== undefined) {
    if (a === null || typeof a !== "object") {
      throw new TypeError("GpSampler: acquisitionOptimizer must be an object");
    }
    for (const [key, value] of Object.entries(a)) {
      if (value !== undefined && !KNOWN_OPTIMIZER.has(key)) {
        throw new TypeError(
          `GpSampler: unknown option acquisitionOptimizer.${key}; known: ${[...KNOWN_OPTIMIZER].join(", ")}`,
        );
      }
    }
    checkInteger("acquisitionOptimizer.nPreliminary", a.nPreliminary, 0);
    checkInteger("acquisitionOptimizer.nLocalSearch", a.nLocalSearch, 0);
    if (a.pgtol !== undefined && !(typeof a.pgtol === "number" && a.pgtol > 0 && Number.isFinite(a.pgtol))) {
      throw new RangeError(
        `GpSampler: acquisitionOptimizer.pgtol must be positive and finite, got ${String(a.pgtol)}`,
      );
    }
    if ((a.nPreliminary ?? 1) + (a.nLocalSearch ?? 1) === 0) {
      throw new RangeError("GpSampler: acquisitionOptimizer needs nPreliminary >= 1 or nLocalSearch >= 1");
    }
  }
}

/**
 * Gaussian-process sampler: log EI for one objective, log EI × probability of feasibility
 * with constraints (`trial.setConstraint`), log EHVI for several objectives; RUNNING trials
 * by the kriging believer; conditional parameters to an independent sampler.
 *
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new GpSampler({ seed: 42 }) });
 * await study.optimize((t) => {
 *   const lr = t.suggestFloat("lr", 1e-5, 1e-1, { log: true });
 *   const layers = t.suggestInt("layers", 1, 8);
 *   return (Math.log10(lr) + 3) ** 2 + (layers - 3) ** 2;
 * }, { nTrials: 50 });
 * ```
 */
export class GpSampler implements Sampler {
  private currentSeed: number;
  private base: Rng;
  private readonly options: GpSamplerOptions;
  /** COMPLETE trials (holding the relative search space) before the GP is used (option `nStartupTrials`). */
  readonly nStartupTrials: number;
  private independent: Sampler;
  private readonly warn: boolean;
  private readonly policy: RefitPolicy;
  private readonly optimizer: OptimizeAcquisitionOptions;
  private readonly warping: GpOutputWarping;
  private readonly branches: boolean;
  private studies = new WeakMap<StudyView, StudyState>();
  private readonly warned = new Set<string>();

  /**
   * @throws RangeError / TypeError on bad options (the message names the option and its
   *   range): an unknown option, nStartupTrials < 0, refitFraction outside [0, 1],
   *   restartEvery < 1, restarts < 0, a bad kernel, acquisitionOptimizer fields out of range,
   *   an independentSampler that is not a Sampler, a seed that is not a safe integer.
   */
  constructor(options: GpSamplerOptions = {}) {
    checkOptions(options);
    this.options = { ...options };
    this.currentSeed = resolveSeed("GpSampler", options.seed);
    this.base = Rng.fromSeed(this.currentSeed).fork("gp");
    this.nStartupTrials = options.nStartupTrials ?? 10;
    this.independent = options.independentSampler ?? new RandomSampler({ seed: this.currentSeed });
    this.warn = options.warnIndependentSampling ?? true;
    this.policy = {
      refitFraction: options.refitFraction ?? 0.02,
      restartEvery: options.restartEvery ?? 10,
      restarts: options.restarts ?? 2,
      kernel: options.kernel ?? { kind: "matern52" },
      noise: options.deterministicObjective ? { kind: "fixed", variance: NOISE_FLOOR } : { kind: "fitted" },
      priors: { ...options.priors },
      priorMean: options.priorMean ?? "mean",
    };
    this.warping = options.outputWarping ?? { kind: "power" };
    this.branches = options.branches ?? false;
    const a = options.acquisitionOptimizer ?? {};
    this.optimizer = {
      nPreliminary: a.nPreliminary ?? 2048,
      nLocalSearch: a.nLocalSearch ?? 10,
      pgtol: a.pgtol ?? 1e-5,
    };
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new
   * `GpSampler({ ...options, seed })` would for the same study (the fitting histories are
   * dropped; a given independent sampler is reseeded too).
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("GpSampler.reseed", seed);
    this.base = Rng.fromSeed(this.currentSeed).fork("gp");
    const given = this.options.independentSampler;
    if (given === undefined) this.independent = new RandomSampler({ seed: this.currentSeed });
    else (given as { reseed?: (seed?: number) => void }).reseed?.(this.currentSeed);
    this.studies = new WeakMap();
  }

  private studyState(study: StudyView): StudyState {
    let s = this.studies.get(study);
    if (s === undefined) {
      s = {
        signs: study.directions.map((d) => (d === "maximize" ? -1 : 1)),
        intersection: new IntersectionSearchSpace(),
        spaceKey: "",
        slots: new Map(),
        space: null,
        branched: null,
        branchSlots: new Map(),
      };
      this.studies.set(study, s);
    }
    return s;
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    const s = this.studyState(study);
    const full = s.intersection.calculate(study.getTrials());
    const out: Record<string, Distribution> = {};
    for (const name of Object.keys(full)) {
      const d = full[name]!;
      if (!isSingleValue(d)) setKey(out, name, d);
    }
    s.branched = null;
    if (!this.branches || s.signs.length !== 1) return out;
    const structure = branchStructure(study.getTrials(), out);
    if (structure === null) return out;
    s.branched = { source: structure.space, structure };
    return structure.space;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    if (Object.keys(searchSpace).length === 0) return {};
    const s = this.studyState(study);
    if (s.branched !== null && s.branched.source === searchSpace) {
      return this.sampleBranches(study, trial, s, s.branched.structure);
    }
    if (s.space === null || s.space.source !== searchSpace) {
      s.space = { source: searchSpace, gp: gpSpace(searchSpace) };
    }
    const space = s.space.gp;
    const obs = gpObservations(study.getTrials(), space, s.signs, trial.number);
    if (obs.n === 0 || obs.n < this.nStartupTrials) return {};
    if (space.key !== s.spaceKey) {
      // Another space: the kept hyperparameters belong to other dimensions.
      s.spaceKey = space.key;
      s.slots = new Map();
    }
    const rng = this.base.fork(trial.number);
    const cube = this.propose(s, s.slots, space, obs, rng).x;
    const values = unnormalize(space.dimensions, cube);
    const params: Record<string, number> = {};
    for (let j = 0; j < space.names.length; j++) {
      setKey(params, space.names[j]!, toInternalValue(space, j, values[j]!));
    }
    return params;
  }

  /**
   * A conditional space with `branches: true`: the parent's choice and that branch's
   * parameters (module comment of `branches.ts`; option `branches`).
   */
  private sampleBranches(
    study: StudyView,
    trial: FrozenTrial,
    s: StudyState,
    structure: BranchStructure,
  ): Record<string, number> {
    const trials = study.getTrials();
    const parent = structure.parent;
    // The losses of every COMPLETE trial (all hold the parent), warped together so that the
    // branches' log EI share units; y* the best feasible one.
    const all = gpObservations(
      trials,
      gpSpace({ [parent]: structure.parentDistribution }),
      s.signs,
      trial.number,
    );
    if (all.n === 0 || all.n < this.nStartupTrials) return {};
    const warped = warpOutputs(all.losses, this.warping);
    const byNumber = new Map<number, number>();
    let best = Number.POSITIVE_INFINITY;
    let bestAny = Number.POSITIVE_INFINITY;
    for (let i = 0; i < all.n; i++) {
      byNumber.set(all.numbers[i]!, warped[i]!);
      if (all.feasible[i] === 1 && warped[i]! < best) best = warped[i]!;
      if (warped[i]! < bestAny) bestAny = warped[i]!;
    }
    const rng = this.base.fork(trial.number);

    // Choices too little tried come first (the fewest trials; ties by a seeded draw).
    let fewest = MIN_BRANCH_TRIALS;
    let untried: number[] = [];
    for (const b of structure.branches) {
      if (b.complete < fewest) {
        fewest = b.complete;
        untried = [b.index];
      } else if (b.complete === fewest && fewest < MIN_BRANCH_TRIALS) untried.push(b.index);
    }
    const choice: Record<string, number> = {};
    if (untried.length > 0) {
      setKey(
        choice,
        parent,
        untried[untried.length === 1 ? 0 : rng.fork("branch").int(0, untried.length - 1)]!,
      );
      return choice;
    }

    let chosen: { index: number; space: GpSpace; x: Float64Array; value: number } | null = null;
    for (const b of structure.branches) {
      if (Object.keys(b.space).length === 0) continue;
      const space = gpSpace(b.space);
      const own = trials.filter((t) => t.internalParams[parent] === b.index);
      const obs = gpObservations(own, space, s.signs, trial.number);
      if (obs.n === 0) continue;
      const key = String(b.index);
      let held = s.branchSlots.get(key);
      if (held === undefined || held.key !== space.key) {
        held = { key: space.key, slots: new Map() };
        s.branchSlots.set(key, held);
      }
      const y = Float64Array.from(obs.numbers, (number) => byNumber.get(number)!);
      const { x, value } = this.propose(s, held.slots, space, obs, rng.fork(`branch:${key}`), {
        y,
        best,
        bestAny,
      });
      if (chosen === null || value > chosen.value) chosen = { index: b.index, space, x, value };
    }
    if (chosen === null) return {};
    setKey(choice, parent, chosen.index);
    const values = unnormalize(chosen.space.dimensions, chosen.x);
    for (let j = 0; j < chosen.space.names.length; j++) {
      setKey(choice, chosen.space.names[j]!, toInternalValue(chosen.space, j, values[j]!));
    }
    return choice;
  }

  /**
   * The next point in the cube and its acquisition value: the models, the acquisition, its
   * optimum. `objective` (one objective only) gives the modelled losses of the rows and y*
   * from outside (the branches' shared warping), instead of warping the rows' own losses.
   */
  private propose(
    s: StudyState,
    slots: Map<string, GpSlot>,
    space: GpSpace,
    obs: GpObservations,
    rng: Rng,
    objective?: { readonly y: Float64Array; readonly best: number; readonly bestAny: number },
  ): AcquisitionOptimum {
    const m = s.signs.length;
    const n = obs.n;
    const d = space.names.length;
    const fitModel = (key: string, x: Float64Array, y: Float64Array): GpModel => {
      let slot = slots.get(key);
      if (slot === undefined) {
        slot = new GpSlot();
        slots.set(key, slot);
      }
      const model = slot.model(x, y, space.categorical, this.policy, rng.fork(`fit:${key}`));
      return obs.nRunning === 0 ? model : this.believe(model, obs.running, obs.nRunning, space);
    };
    // Objectives.
    const objectives: GpModel[] = [];
    // One objective: the (warped) losses the GP models, and y* among them.
    let single: Float64Array | null = null;
    for (let j = 0; j < m; j++) {
      let y: Float64Array = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = obs.losses[i * m + j]!;
      if (m === 1) {
        y = objective === undefined ? warpOutputs(y, this.warping) : objective.y;
        single = y;
      }
      objectives.push(fitModel(`objective:${j}`, obs.x, y));
    }
    // Constraints: each on the rows that set it.
    const constraints: GpModel[] = [];
    obs.constraintNames.forEach((name, k) => {
      const col = obs.constraints[k]!;
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (!Number.isNaN(col[i])) rows.push(i);
      if (rows.length === 0) return;
      const x = new Float64Array(rows.length * d);
      const y = new Float64Array(rows.length);
      rows.forEach((i, r) => {
        x.set(obs.x.subarray(i * d, (i + 1) * d), r * d);
        y[r] = col[i]!;
      });
      constraints.push(fitModel(`constraint:${name}`, x, y));
    });
    let acquisition: Acquisition;
    let starts: Float64Array | undefined;
    let nFeasible = 0;
    for (let i = 0; i < n; i++) nFeasible += obs.feasible[i]!;
    if (m === 1) {
      let best = Number.POSITIVE_INFINITY;
      let arg = -1;
      const losses = single!;
      for (let i = 0; i < n; i++) {
        if (obs.feasible[i] === 1 && losses[i]! < best) {
          best = losses[i]!;
          arg = i;
        }
      }
      if (arg >= 0) starts = obs.x.slice(arg * d, (arg + 1) * d);
      if (objective !== undefined) best = objective.best;
      if (best === Number.POSITIVE_INFINITY && constraints.length === 0) {
        // Rows exist but none is feasible, and no constraint GP could be fitted: plain log EI on all rows.
        if (objective !== undefined) best = objective.bestAny;
        else for (let i = 0; i < n; i++) if (losses[i]! < best) best = losses[i]!;
      }
      acquisition = createAcquisition({ kind: "logEi", model: objectives[0]!, best, constraints });
    } else {
      const observed = new Float64Array(nFeasible * m);
      for (let i = 0, r = 0; i < n; i++) {
        if (obs.feasible[i] !== 1) continue;
        for (let j = 0; j < m; j++) observed[r * m + j] = obs.losses[i * m + j]!;
        r++;
      }
      acquisition = createAcquisition({
        kind: "logEhvi",
        models: objectives,
        observed,
        reference: referenceOf(obs.losses, n, m),
        constraints,
      });
    }
    return optimizeAcquisition(acquisition, space.dimensions, rng, {
      ...this.optimizer,
      ...(starts === undefined ? {} : { starts }),
    });
  }

  /**
   * The kriging believer: the model conditioned also on the RUNNING trials' points, each
   * observed at its posterior mean, with the same hyperparameters.
   */
  private believe(model: GpModel, running: Float64Array, r: number, space: GpSpace): GpModel {
    const { mean } = posterior(model, running);
    const n = model.size;
    const d = model.dimension;
    const x = new Float64Array((n + r) * d);
    x.set(model.x);
    x.set(running, n * d);
    const y = new Float64Array(n + r);
    for (let i = 0; i < n; i++) y[i] = model.yMean + model.yStd * model.yStandardized[i]!;
    y.set(mean.subarray(0, r), n);
    try {
      return gpModel(x, y, model.hyperparameters, {
        kernel: model.kernel,
        categorical: space.categorical,
        priorMean: model.priorMean,
      });
    } catch {
      return model;
    }
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    // With branches, a branch's own parameters come from here only while it has too few trials.
    const branched = this.studies.get(study)?.branched;
    const inBranch = branched != null && Object.hasOwn(branched.source, paramName);
    if (this.warn && !inBranch && !this.warned.has(paramName)) {
      const complete = study.getTrials({ states: ["COMPLETE"] }).length;
      if (complete >= this.nStartupTrials && complete > 0) {
        this.warned.add(paramName);
        log(
          "warn",
          `GpSampler: parameter "${paramName}" (first in trial ${trial.number}) is sampled independently by ${this.independent.constructor.name}, because it is not in the search space shared by every completed trial. Pass warnIndependentSampling: false to silence this warning.`,
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
}

/**
 * The reference point for log EHVI, as Optuna's GPSampler chooses it: per objective, the
 * losses standardized by their mean and deviation (population), r̃ = max(1.1·w̃, 0.9·w̃) of
 * the worst standardized loss w̃ (`referencePoint`), mapped back: r = mean + sd·r̃.
 */
export function referenceOf(losses: Float64Array, n: number, m: number): Float64Array {
  const mean = new Float64Array(m);
  const sd = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += losses[i * m + j]!;
    const mu = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (losses[i * m + j]! - mu) ** 2;
    const dev = Math.sqrt(ss / n);
    mean[j] = mu;
    sd[j] = dev > 0 && Number.isFinite(dev) ? dev : 1;
  }
  const z = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) z[i * m + j] = (losses[i * m + j]! - mean[j]!) / sd[j]!;
  const ref = referencePoint(z, m)!;
  for (let j = 0; j < m; j++) ref[j] = mean[j]! + sd[j]! * ref[j]!;
  return ref;
}
