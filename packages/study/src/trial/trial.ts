/**
 * The Trial interface: what an objective receives. A study's running trial and a
 * {@link FixedTrial} (for testing an objective with given parameters) both implement it, so
 * an objective typed `(trial: Trial) => number` runs with either.
 */
import type {
  CategoricalChoice,
  Distribution,
  FloatOptions,
  IntOptions,
} from "../distributions/distribution.js";
import type { ParamValue } from "./frozen.js";
import type { JsonValue } from "./state.js";

/**
 * A trial as the objective sees it: suggest parameters, report intermediate values, ask
 * whether to prune, attach attributes.
 *
 * @example
 * ```ts
 * const objective = async (trial: Trial): Promise<number> => {
 *   const lr = trial.suggestFloat("lr", 1e-5, 1e-1, { log: true });
 *   const layers = trial.suggestInt("layers", 1, 4);
 *   for (let epoch = 0; epoch < 10; epoch++) {
 *     await trial.report(trainOneEpoch(lr, layers, { signal: trial.signal }), epoch);
 *     if (trial.shouldPrune()) throw new TrialPruned();
 *   }
 *   return evaluate();
 * };
 * ```
 */
export interface Trial {
  /** 0-based number of the trial in its study. */
  readonly number: number;
  /** External parameter values suggested so far. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Distributions of the parameters suggested so far. */
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Reported values by step. */
  readonly intermediateValues: ReadonlyMap<number, number>;
  readonly datetimeStart: Date | null;
  /**
   * Fires when the trial should stop its work: its `trialTimeout` passed, the study was
   * stopped, or the signal given to `optimize` was aborted. Pass it to cancellable work
   * (`fetch`, child processes, timers); `signal.reason` says why.
   */
  readonly signal: AbortSignal;

  /**
   * Suggests a real value in [low, high].
   * @param options - `log` (low > 0) or `step` (grid), not both.
   * @throws RangeError for invalid bounds or options, or if `name` was already suggested
   * with another distribution.
   */
  suggestFloat(name: string, low: number, high: number, options?: FloatOptions): number;
  /**
   * Suggests an integer in [low, high].
   * @param options - `step` (integer ≥ 1) or `log` (low ≥ 1, step 1).
   * @throws RangeError for invalid bounds or options, or if `name` was already suggested
   * with another distribution.
   */
  suggestInt(name: string, low: number, high: number, options?: IntOptions): number;
  /**
   * Suggests one of `choices` (strings, numbers, booleans or null, which may be mixed).
   * @throws RangeError for empty or repeated choices, or if `name` was already suggested
   * with other choices.
   */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T;
  /** Suggests a value for `name` from any distribution (the general form of the three above). */
  suggest(name: string, distribution: Distribution): ParamValue;
  /**
   * Reports an intermediate objective value at `step` (an integer ≥ 0) for pruners: a number
   * in a single-objective study, an array with one number per objective in a multi-objective
   * study (read back with `intermediateVectors`).
   * @throws TypeError if value is not a number (one objective) or not an array of one number
   * per objective (several); RangeError if step is not an integer ≥ 0.
   */
  report(value: number | readonly number[], step: number): Promise<void>;
  /** Whether the pruner wants this trial stopped; throw `TrialPruned` when it returns true. */
  shouldPrune(): boolean;
  /** Sets a user attribute (a JSON value). */
  setUserAttr(key: string, value: JsonValue): void;
  /**
   * Sets a constraint value: the trial is feasible when every constraint is ≤ 0.
   * @throws RangeError if value is NaN or not a number.
   */
  setConstraint(name: string, value: number): void;
}
