/**
 * FixedTrial: a {@link Trial} whose parameters are given, for running an objective outside a
 * study (unit tests of an objective, re-running the best parameters), as Optuna's
 * `FixedTrial` does.
 */
import {
  type CategoricalChoice,
  categoricalDistribution,
  type Distribution,
  describeDistribution,
  distributionsEqual,
  type FloatOptions,
  floatDistribution,
  type IntOptions,
  intDistribution,
  validateDistribution,
} from "../distributions/distribution.js";
import { toExternal, toInternal } from "../distributions/repr.js";
import { copyRecord, emptyRecord, getKey, hasKey, setKey } from "../records/index.js";
import { checkConstraint, checkJsonValue, checkName, checkReport, checkReportVector } from "./checks.js";
import { CONSTRAINTS_KEY, type ParamValue } from "./frozen.js";
import { IntermediateValues } from "./intermediate-values.js";
import { encodeIntermediateVector, intermediateVectorKey } from "./intermediate-vectors.js";
import type { JsonValue } from "./state.js";
import type { Trial } from "./trial.js";

/** Options of {@link FixedTrial}. */
export interface FixedTrialOptions {
  /** The trial number the objective sees. @defaultValue 0 */
  readonly number?: number;
  /** @defaultValue {} */
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  /** @defaultValue {} */
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  /** The signal the objective sees. @defaultValue a signal that never fires */
  readonly signal?: AbortSignal;
}

/**
 * A trial with fixed parameters. Each suggest call returns the given value after checking it
 * against the distribution; a parameter that was not given is an error.
 *
 * @example
 * ```ts
 * const objective = (trial: Trial) => (trial.suggestFloat("x", -10, 10) - 2) ** 2;
 * expect(objective(new FixedTrial({ x: 2 }))).toBe(0);
 * ```
 */
export class FixedTrial implements Trial {
  readonly number: number;
  readonly signal: AbortSignal;
  readonly datetimeStart: Date;
  private readonly fixed: Record<string, ParamValue>;
  private readonly suggestedParams = emptyRecord<ParamValue>();
  private readonly suggestedDistributions = emptyRecord<Distribution>();
  private readonly user: Record<string, JsonValue>;
  private readonly system: Record<string, JsonValue>;
  private readonly reported = new IntermediateValues();

  /**
   * @param params - the value of each parameter the objective will suggest (external
   *   values: numbers, or categorical choices).
   * @throws TypeError if `params` is not an object, or `number` not an integer ≥ 0.
   */
  constructor(params: Readonly<Record<string, ParamValue>>, options: FixedTrialOptions = {}) {
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
      throw new TypeError("FixedTrial: params must be an object of parameter values by name");
    }
    const number = options.number ?? 0;
    if (!Number.isSafeInteger(number) || number < 0) {
      throw new RangeError(`FixedTrial: number must be an integer >= 0, got ${String(number)}`);
    }
    this.number = number;
    this.fixed = copyRecord(params);
    this.user = copyRecord(options.userAttrs);
    this.system = copyRecord(options.systemAttrs);
    this.signal = options.signal ?? new AbortController().signal;
    this.datetimeStart = new Date();
  }

  get params(): Readonly<Record<string, ParamValue>> {
    return this.suggestedParams;
  }

  get distributions(): Readonly<Record<string, Distribution>> {
    return this.suggestedDistributions;
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.user;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.system;
  }

  get intermediateValues(): ReadonlyMap<number, number> {
    return this.reported;
  }

  suggestFloat(name: string, low: number, high: number, options: FloatOptions = {}): number {
    return this.suggest(name, floatDistribution(low, high, options, `suggestFloat("${name}")`)) as number;
  }

  suggestInt(name: string, low: number, high: number, options: IntOptions = {}): number {
    return this.suggest(name, intDistribution(low, high, options, `suggestInt("${name}")`)) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.suggest(name, categoricalDistribution(choices, `suggestCategorical("${name}")`)) as T;
  }

  /**
   * The fixed value of `name`, checked against `distribution`.
   * @throws RangeError if `name` has no fixed value, the value is not in the distribution,
   *   or `name` was suggested before with another distribution.
   */
  suggest(name: string, distribution: Distribution): ParamValue {
    checkName("suggest", "name", name);
    const d = validateDistribution(distribution, `suggest("${name}")`);
    const before = getKey(this.suggestedDistributions, name);
    if (before !== undefined && !distributionsEqual(before, d)) {
      throw new RangeError(
        `suggest: parameter "${name}" was already suggested as ${describeDistribution(before)}; it cannot be asked again as ${describeDistribution(d)}`,
      );
    }
    if (!hasKey(this.fixed, name)) {
      const known = Object.keys(this.fixed);
      throw new RangeError(
        `FixedTrial: parameter "${name}" was not given (given: ${known.length === 0 ? "none" : known.map((k) => JSON.stringify(k)).join(", ")})`,
      );
    }
    let value: ParamValue;
    try {
      value = toExternal(d, toInternal(d, this.fixed[name]));
    } catch (e) {
      throw new RangeError(`FixedTrial: parameter "${name}": ${(e as Error).message}`);
    }
    setKey(this.suggestedParams, name, value);
    setKey(this.suggestedDistributions, name, d);
    return value;
  }

  /**
   * Records the value (a step reported twice keeps its first value); an array (several
   * objectives) is recorded as the system attribute `intermediate_vector:<step>`.
   */
  report(value: number | readonly number[], step: number): Promise<void> {
    if (typeof value !== "number") {
      checkReportVector(value, step);
      const key = intermediateVectorKey(step);
      if (!hasKey(this.system, key)) setKey(this.system, key, encodeIntermediateVector(value));
      return Promise.resolve();
    }
    checkReport(value, step);
    if (!this.reported.has(step)) this.reported.set(step, value);
    return Promise.resolve();
  }

  /** Always false: a fixed trial has no study to compare with. */
  shouldPrune(): boolean {
    return false;
  }

  setUserAttr(key: string, value: JsonValue): void {
    checkName("setUserAttr", "key", key);
    checkJsonValue(`setUserAttr("${key}")`, value);
    setKey(this.user, key, value);
  }

  setConstraint(name: string, value: number): void {
    checkConstraint(name, value);
    const current = getKey(this.system, CONSTRAINTS_KEY) as Record<string, number> | undefined;
    const next = copyRecord(current);
    setKey(next, name, value);
    this.system[CONSTRAINTS_KEY] = next;
  }
}
