/**
 * AutoSampler: a portfolio that picks, trial by trial from the study's history alone, the
 * sampler measured best for the situation, in the manner of OptunaHub's AutoSampler (Ozaki,
 * "AutoSampler: automatic selection of optimization algorithms in Optuna", Optuna blog, 2024:
 * Gaussian-process BO on static spaces at small budgets, TPE on conditional spaces and beyond).
 *
 * Rules (`chooseFor`), for each trial at its start:
 *   - several objectives: `TpeSampler` (MOTPE; the facade's measured multi-objective default);
 *   - with `conditionalSpaces: "tpe"`, a conditional space (two finished trials hold different
 *     parameter names): `TpeSampler`, for the rest of the study (OptunaHub's rule; the GP
 *     models only the parameters every trial holds and samples the others from its
 *     independent sampler). Not the default: on the real suite's four conditional problems
 *     the GP was better or equal in 6.5 of 12 (problem, budget) cells (README);
 *   - `gpBudget` or more COMPLETE trials: `TpeSampler` (the GP's cost grows as n³ and its
 *     lead over TPE is at small budgets);
 *   - otherwise `GpSampler` (its first 10 trials are random, as TPE's are) with `branches:
 *     true`: on a conditional space whose branches one categorical parameter decides, one GP
 *     per branch and the branch of largest log EI (README: better than one GP over the shared
 *     parameters in 8.5 of 12 cells on the conditional problems, seeds 101-110). Its
 *     independent sampler is a `TpeSampler`: the parameters no GP models (a branch's first
 *     trials, deeper conditions) come from TPE's 1-D estimators of the trials that hold them.
 *   - with `tpeEvery: k` (not the default; README, "TPE interleaved into the GP phase"), every
 *     k-th trial from the GP's start-up count on that the rules above give the GP goes to TPE.
 * Unlike OptunaHub's sampler, categorical parameters do not send a study to TPE either: the GP
 * models them with a Hamming kernel (`@tunelab/samplers/gp`).
 *
 * The decision depends on the trials every worker can read (and, with `tpeEvery`, on the
 * trial's number), so processes sharing a storage agree on it; it is recorded on each trial as
 * the system attribute `auto:sampler` (`"gp"` or `"tpe"`). Both samplers get the AutoSampler's seed; they draw trial n from a
 * stream keyed by n, so a seed fixes the run at concurrency 1.
 */
import type { Distribution, FrozenTrial, Sampler, SearchSpace, StudyView, TrialState } from "@tunelab/study";
import { GpSampler, type GpSamplerOptions } from "../gp/index.js";
import { resolveSeed } from "../seed/index.js";
import { TpeSampler, type TpeSamplerOptions } from "../tpe/index.js";

/** The samplers an {@link AutoSampler} chooses between. */
export type AutoChoice = "gp" | "tpe";

/** The trial system attribute holding each trial's {@link AutoChoice}. */
export const AUTO_SAMPLER_ATTR = "auto:sampler";

/** Options of {@link AutoSampler}. */
export interface AutoSamplerOptions {
  /** Seed of both samplers. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
  /**
   * COMPLETE trials from which a single-objective study with a static space moves from the GP
   * to TPE. `0` never uses the GP; `Infinity` never leaves it.
   * @defaultValue 250 (OptunaHub AutoSampler's budget for the GP)
   */
  readonly gpBudget?: number;
  /**
   * What a single-objective study below `gpBudget` uses once its space is seen to be
   * conditional (two finished trials hold different parameter names): `"gp"` keeps the GP
   * (the parameters outside the shared set come from its independent sampler), `"tpe"` moves
   * to TPE for the rest of the study (OptunaHub's AutoSampler).
   * @defaultValue "gp" (measured on the real suite's conditional problems, seeds 101-110: README)
   */
  readonly conditionalSpaces?: "gp" | "tpe";
  /**
   * Options of the GP sampler (its seed is the AutoSampler's).
   * @defaultValue \{ branches: true, independentSampler: new TpeSampler(\{ seed, warnIndependentSampling: false \}), warnIndependentSampling: false \}
   */
  readonly gp?: Omit<GpSamplerOptions, "seed">;
  /** Options of the TPE sampler (its seed is the AutoSampler's). @defaultValue \{\} */
  readonly tpe?: Omit<TpeSamplerOptions, "seed">;
  /**
   * Interleave TPE into the GP phase: of the trials numbered from the GP's start-up count on
   * (`gp.nStartupTrials`, 10), every `tpeEvery`-th goes to TPE (k = 2: trials 11, 13, 15, ...),
   * a trial the rules give the GP otherwise. TPE then models every finished trial, the GP's
   * included. `0` never interleaves.
   * @defaultValue 0
   */
  readonly tpeEvery?: number;
}

const KNOWN = new Set(["seed", "gpBudget", "conditionalSpaces", "gp", "tpe", "tpeEvery"]);

/**
 * Per study (object): the trials' choices, and the two one-way facts (COMPLETE trials only
 * accumulate, and a conditional space stays conditional) that make every later choice TPE.
 */
interface StudyState {
  readonly choices: Map<number, AutoChoice>;
  conditional: boolean;
  pastBudget: boolean;
}

/** Keep at most this many trials' choices per study (trials that never reach afterTrial). */
const MAX_PENDING = 4096;

/**
 * Chooses between `GpSampler` and `TpeSampler` for each trial from the study's history (rules
 * in the module comment and the README).
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new AutoSampler({ seed: 1 }) });
 * await study.optimize(objective, { nTrials: 60 });
 * study.trials.map((t) => t.systemAttrs["auto:sampler"]); // "gp" on a static space
 * ```
 */
export class AutoSampler implements Sampler {
  /** The GP sampler (used while the rules choose `"gp"`). */
  readonly gp: GpSampler;
  /** The TPE sampler. */
  readonly tpe: TpeSampler;
  /** COMPLETE trials from which a single-objective study moves to TPE. */
  readonly gpBudget: number;
  /** The sampler of a conditional single-objective space below `gpBudget`. */
  readonly conditionalSpaces: "gp" | "tpe";
  /** Every `tpeEvery`-th trial of the GP phase after the start-up goes to TPE (0: none). */
  readonly tpeEvery: number;
  private currentSeed: number;
  private studies = new WeakMap<StudyView, StudyState>();

  /**
   * @throws TypeError for an unknown option or `gp` / `tpe` not an object; RangeError for a
   *   seed that is not a safe integer, a `gpBudget` that is not a non-negative integer or
   *   Infinity, and whatever `GpSampler` / `TpeSampler` throw for their options.
   */
  constructor(options: AutoSamplerOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("AutoSampler: options must be an object");
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN.has(key)) {
        throw new TypeError(`AutoSampler: unknown option "${key}" (known: ${[...KNOWN].join(", ")})`);
      }
    }
    const budget = options.gpBudget ?? 250;
    if (!(budget === Number.POSITIVE_INFINITY || (Number.isInteger(budget) && budget >= 0))) {
      throw new RangeError(
        `AutoSampler: gpBudget must be an integer >= 0 or Infinity, got ${String(budget)}`,
      );
    }
    const conditional = options.conditionalSpaces ?? "gp";
    if (conditional !== "gp" && conditional !== "tpe") {
      throw new RangeError(
        `AutoSampler: conditionalSpaces must be "gp" or "tpe", got ${JSON.stringify(conditional)}`,
      );
    }
    for (const key of ["gp", "tpe"] as const) {
      const o = options[key];
      if (o !== undefined && (o === null || typeof o !== "object" || Array.isArray(o))) {
        throw new TypeError(`AutoSampler: ${key} must be an options object`);
      }
      if (o !== undefined && "seed" in o) {
        throw new TypeError(
          `AutoSampler: ${key}.seed is not allowed (both samplers take the AutoSampler's seed)`,
        );
      }
    }
    const every = options.tpeEvery ?? 0;
    if (!(Number.isSafeInteger(every) && (every === 0 || every >= 2))) {
      throw new RangeError(`AutoSampler: tpeEvery must be 0 or an integer >= 2, got ${String(every)}`);
    }
    this.gpBudget = budget;
    this.conditionalSpaces = conditional;
    this.tpeEvery = every;
    this.currentSeed = resolveSeed("AutoSampler", options.seed);
    // The parameters outside the GP's shared space come from TPE's 1-D estimators, not at
    // random (README: better in 8.5 of 12 cells on the conditional problems, seeds 101-110).
    // TPE's start-up draws are RandomSampler's, so static spaces get GpSampler({ seed })'s trials.
    this.gp = new GpSampler({
      independentSampler: new TpeSampler({ seed: this.currentSeed, warnIndependentSampling: false }),
      // Its warning says a parameter is drawn at random; here TPE models it.
      warnIndependentSampling: false,
      // One GP per branch of a conditional space (README: 8.5 of 12 cells, seeds 101-110).
      branches: true,
      ...options.gp,
      seed: this.currentSeed,
    });
    this.tpe = new TpeSampler({ ...options.tpe, seed: this.currentSeed });
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed (both samplers reseeded; the choices already made are kept).
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("AutoSampler.reseed", seed);
    this.gp.reseed(this.currentSeed);
    this.tpe.reseed(this.currentSeed);
  }

  private state(study: StudyView): StudyState {
    let s = this.studies.get(study);
    if (s === undefined) {
      s = { choices: new Map(), conditional: false, pastBudget: false };
      this.studies.set(study, s);
    }
    return s;
  }

  /**
   * The sampler the rules give a new trial of `study` now (see the module comment). Reads the
   * study's trials (O(n)) until the choice is TPE for good (past the budget, or a conditional
   * space under `conditionalSpaces: "tpe"`), O(1) after.
   * @param trialNumber - the new trial's number; with `tpeEvery`, a GP choice becomes TPE for
   *   every `tpeEvery`-th number from the GP's start-up count on. @defaultValue none (no interleaving)
   */
  chooseFor(study: StudyView, trialNumber?: number): AutoChoice {
    const c = this.ruleFor(study);
    if (c === "gp" && trialNumber !== undefined && this.tpeEvery > 0) {
      const k = trialNumber - this.gp.nStartupTrials;
      if (k >= 0 && k % this.tpeEvery === this.tpeEvery - 1) return "tpe";
    }
    return c;
  }

  private ruleFor(study: StudyView): AutoChoice {
    if (study.directions.length > 1) return "tpe";
    const s = this.state(study);
    if (s.conditional || s.pastBudget) return "tpe";
    if (this.conditionalSpaces === "gp") {
      s.pastBudget = study.getTrials({ states: ["COMPLETE"] }).length >= this.gpBudget;
      return s.pastBudget ? "tpe" : "gp";
    }
    let complete = 0;
    let names: readonly string[] | null = null;
    for (const t of study.getTrials()) {
      if (t.state !== "COMPLETE" && t.state !== "PRUNED") continue;
      if (t.state === "COMPLETE") complete += 1;
      const own = Object.keys(t.params);
      if (names === null) names = own;
      else if (!sameNames(names, own, t.params)) {
        s.conditional = true;
        return "tpe";
      }
    }
    s.pastBudget = complete >= this.gpBudget;
    return s.pastBudget ? "tpe" : "gp";
  }

  /** The sampler of a trial: the one chosen at its start (chosen now if it was not). */
  private samplerOf(study: StudyView, trial: FrozenTrial): Sampler {
    return this.choiceOf(study, trial) === "gp" ? this.gp : this.tpe;
  }

  private choiceOf(study: StudyView, trial: FrozenTrial): AutoChoice {
    const s = this.state(study);
    let c = s.choices.get(trial.number);
    if (c === undefined) {
      const recorded = trial.systemAttrs[AUTO_SAMPLER_ATTR];
      c = recorded === "gp" || recorded === "tpe" ? recorded : this.chooseFor(study, trial.number);
      remember(s.choices, trial.number, c);
    }
    return c;
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    const s = this.state(study);
    const c = this.chooseFor(study, trial.number);
    remember(s.choices, trial.number, c);
    study.setTrialSystemAttr(trial.trialId, AUTO_SAMPLER_ATTR, c);
    const chosen: Sampler = c === "gp" ? this.gp : this.tpe;
    chosen.beforeTrial?.(study, trial);
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace {
    return this.samplerOf(study, trial).inferRelativeSearchSpace(study, trial);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    return this.samplerOf(study, trial).sampleRelative(study, trial, searchSpace);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    return this.samplerOf(study, trial).sampleIndependent(study, trial, paramName, distribution);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.samplerOf(study, trial).afterTrial?.(study, trial, state, values);
    this.state(study).choices.delete(trial.number);
  }
}

/** True when `b` (a trial's parameter names, of `params`) holds exactly the names of `a`. */
function sameNames(
  a: readonly string[],
  b: readonly string[],
  params: Readonly<Record<string, unknown>>,
): boolean {
  if (a.length !== b.length) return false;
  for (const name of a) if (!Object.hasOwn(params, name)) return false;
  return true;
}

/** Records a trial's choice, dropping the oldest when too many trials never finished. */
function remember(choices: Map<number, AutoChoice>, number: number, c: AutoChoice): void {
  choices.set(number, c);
  if (choices.size > MAX_PENDING) {
    const oldest = choices.keys().next().value;
    if (oldest !== undefined) choices.delete(oldest);
  }
}
