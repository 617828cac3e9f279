/**
 * PartialFixedSampler: fixes some parameters to given values and lets a base sampler choose
 * the others, as Optuna's PartialFixedSampler (optuna/samplers/_partial_fixed.py): after a
 * first search, fix what is settled (say the optimizer) and search the rest again.
 *
 * The fixed parameters are removed from the base sampler's relative search space, so a joint
 * model (TPE, CMA-ES) models only the free ones; when the objective asks for a fixed one, its
 * value is checked against the distribution of that call.
 *
 * Where it differs from Optuna 3.x: Optuna warns about a fixed int or float value outside the
 * distribution (or off its step) and stores it anyway; here the suggest call throws a
 * RangeError naming the parameter and the distribution, because a trial holding a value
 * outside its distribution breaks what every sampler and storage assumes of trials. (A
 * categorical value that is not a choice is an error in both.)
 */
import {
  type Distribution,
  describeDistribution,
  type FrozenTrial,
  type ParamValue,
  type Sampler,
  type SearchSpace,
  type StudyView,
  snapInternal,
  type TrialState,
  toInternal,
} from "@tunelab/study";

/** Fixed values by parameter name: a record (own keys) or a Map. */
export type FixedParams = Readonly<Record<string, ParamValue>> | ReadonlyMap<string, ParamValue>;

/** A sampler that can be reseeded (every sampler of this package). */
interface Reseedable {
  reseed(seed?: number): void;
}

/**
 * Samples with `baseSampler`, except the parameters of `fixedParams`, which always take
 * their fixed value.
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new TpeSampler({ seed: 0 }) });
 * await study.optimize(objective, { nTrials: 50 });
 * // Keep the best optimizer and tune the rest again:
 * const fixed = new PartialFixedSampler({ optimizer: study.bestParams.optimizer }, new TpeSampler({ seed: 1 }));
 * const again = await createStudy({ sampler: fixed });
 * await again.optimize(objective, { nTrials: 50 });
 * ```
 */
export class PartialFixedSampler implements Sampler {
  /** The fixed values by name (a copy of the argument). */
  readonly fixedParams: ReadonlyMap<string, ParamValue>;
  /** The sampler of every other parameter. */
  readonly baseSampler: Sampler;
  /** The base's relative space without the fixed names, by the base's space object. */
  private readonly filtered = new WeakMap<SearchSpace, SearchSpace>();

  /**
   * @param fixedParams - values by parameter name (own keys of a record, or a Map, so that
   *   any string, "__proto__" included, can be a name).
   * @param baseSampler - samples the parameters that are not fixed.
   * @throws TypeError if `fixedParams` is not a record or Map, a value is not a number,
   *   string, boolean or null, or `baseSampler` is not a sampler; RangeError for a NaN value
   *   or an empty name.
   */
  constructor(fixedParams: FixedParams, baseSampler: Sampler) {
    const where = "PartialFixedSampler";
    if (fixedParams === null || typeof fixedParams !== "object" || Array.isArray(fixedParams)) {
      throw new TypeError(`${where}: fixedParams must be a record or a Map of values by parameter name`);
    }
    const entries: [string, unknown][] =
      fixedParams instanceof Map
        ? [...(fixedParams as ReadonlyMap<unknown, unknown>)].map(([k, v]) => [k as string, v])
        : Object.keys(fixedParams).map((k) => [k, (fixedParams as Record<string, unknown>)[k]]);
    const fixed = new Map<string, ParamValue>();
    for (const [name, value] of entries) {
      if (typeof name !== "string" || name.length === 0) {
        throw new RangeError(
          `${where}: fixedParams names must be non-empty strings, got ${JSON.stringify(name)}`,
        );
      }
      const t = value === null ? "null" : typeof value;
      if (t !== "number" && t !== "string" && t !== "boolean" && t !== "null") {
        throw new TypeError(
          `${where}: fixedParams[${JSON.stringify(name)}] must be a number, string, boolean or null, got ${t}`,
        );
      }
      if (Number.isNaN(value))
        throw new RangeError(`${where}: fixedParams[${JSON.stringify(name)}] must not be NaN`);
      fixed.set(name, value as ParamValue);
    }
    if (
      baseSampler === null ||
      typeof baseSampler !== "object" ||
      typeof baseSampler.sampleIndependent !== "function" ||
      typeof baseSampler.sampleRelative !== "function" ||
      typeof baseSampler.inferRelativeSearchSpace !== "function"
    ) {
      throw new TypeError(`${where}: baseSampler must be a Sampler`);
    }
    this.fixedParams = fixed;
    this.baseSampler = baseSampler;
  }

  /** The base sampler's seed, when it has one. */
  get seed(): number | undefined {
    const s = (this.baseSampler as { seed?: unknown }).seed;
    return typeof s === "number" ? s : undefined;
  }

  /**
   * Reseeds the base sampler (the fixed values draw nothing), as Optuna's `reseed_rng`; a base
   * sampler without a `reseed` method is left as it is.
   * @param seed - @defaultValue a fresh seed from the OS (chosen by the base sampler)
   */
  reseed(seed?: number): void {
    (this.baseSampler as Partial<Reseedable>).reseed?.(seed);
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace {
    const space = this.baseSampler.inferRelativeSearchSpace(study, trial);
    let out = this.filtered.get(space);
    if (out === undefined) {
      // Kept per space object: a base sampler that caches its space (CMA-ES) sees the same
      // filtered object again.
      const rest: Record<string, Distribution> = Object.create(null);
      for (const name of Object.keys(space)) if (!this.fixedParams.has(name)) rest[name] = space[name]!;
      out = rest;
      this.filtered.set(space, out);
    }
    return out;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    const sampled = this.baseSampler.sampleRelative(study, trial, searchSpace);
    let clean = true;
    for (const name of Object.keys(sampled)) if (this.fixedParams.has(name)) clean = false;
    if (clean) return sampled;
    const out: Record<string, number> = Object.create(null);
    for (const name of Object.keys(sampled)) if (!this.fixedParams.has(name)) out[name] = sampled[name]!;
    return out;
  }

  /**
   * The fixed value of `paramName` in the internal representation, or the base sampler's
   * value for a parameter that is not fixed.
   * @throws RangeError if the fixed value is not in `distribution` (outside the bounds, off
   * the step, not an integer for an int, not one of the choices); the message names the
   * parameter, the value and the distribution.
   */
  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    if (!this.fixedParams.has(paramName)) {
      return this.baseSampler.sampleIndependent(study, trial, paramName, distribution);
    }
    const value = this.fixedParams.get(paramName);
    let internal: number;
    try {
      internal = toInternal(distribution, value);
    } catch {
      const allowed =
        distribution.kind === "categorical"
          ? `one of the choices ${JSON.stringify(distribution.choices)}`
          : `inside ${describeDistribution(distribution)}${distribution.kind === "int" ? " (an integer on its step)" : distribution.step !== null ? " (on its step)" : ""}`;
      throw new RangeError(
        `PartialFixedSampler: the fixed value ${JSON.stringify(value)} of parameter "${paramName}" is not in the distribution it is suggested with in trial ${trial.number}; it must be ${allowed}`,
      );
    }
    // On the grid within the tolerance of containsInternal: store the grid value itself.
    return snapInternal(distribution, internal);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.baseSampler.beforeTrial?.(study, trial);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.baseSampler.afterTrial?.(study, trial, state, values);
  }

  /** The base sampler's answer (a grid or brute-force base ends the study). */
  isExhausted(study: StudyView): boolean {
    return this.baseSampler.isExhausted?.(study) ?? false;
  }
}
