/**
 * The input of every importance evaluator: the parameters (name and distribution), the
 * completed trials' parameter values as a row-major matrix, and the target value of each
 * trial. Study-free on purpose (`docs/architecture.md`: the math knows nothing of studies);
 * `@tunelab/viz/plots` turns a study's trials into this record.
 *
 * Notation (every file of this folder):
 *   n trials (rows), d parameters (columns of `X`), y_i the target of trial i.
 *   A numerical parameter's value is its external value (x, not log x); a categorical one's is
 *   the index of its choice in 0..choices-1.
 */

/**
 * A parameter's distribution, as much of it as importance needs (the same fields as the study's
 * float and int distributions; a categorical carries only its number of choices).
 */
export type ImportanceDistribution =
  | {
      readonly kind: "float";
      readonly low: number;
      readonly high: number;
      /** Log scale. @defaultValue false */
      readonly log?: boolean;
      /** Grid spacing, or null / undefined for continuous. @defaultValue null */
      readonly step?: number | null;
    }
  | {
      readonly kind: "int";
      readonly low: number;
      readonly high: number;
      /** Log scale. @defaultValue false */
      readonly log?: boolean;
      /** Grid spacing. @defaultValue 1 */
      readonly step?: number;
    }
  | { readonly kind: "categorical"; readonly choices: number };

/** One parameter: its name (any string) and its distribution. */
export interface ImportanceParam {
  readonly name: string;
  readonly distribution: ImportanceDistribution;
}

/** The trials an evaluator reads. */
export interface ImportanceData {
  /** The d parameters, in the column order of `X`. Names must be distinct. */
  readonly params: readonly ImportanceParam[];
  /** Row-major n×d parameter values (external values; categorical: the choice index). */
  readonly X: Float64Array;
  /** The n target values, all finite. */
  readonly y: Float64Array;
}

/** True when a distribution holds a single value (its importance is 0, as in Optuna). */
export function isSingleValued(d: ImportanceDistribution): boolean {
  return d.kind === "categorical" ? d.choices === 1 : d.low === d.high;
}

/**
 * Checks `data` and returns n. Every message names the function, the argument and what is
 * allowed.
 * @throws TypeError / RangeError on a malformed record, a value outside its distribution, a
 *   non-finite target, or fewer than `minTrials` rows.
 */
export function checkImportanceData(where: string, data: ImportanceData, minTrials = 2): number {
  if (typeof data !== "object" || data === null) throw new TypeError(`${where}: data must be an object`);
  const { params, X, y } = data;
  if (!Array.isArray(params as unknown)) throw new TypeError(`${where}: params must be an array`);
  if (!(X instanceof Float64Array)) throw new TypeError(`${where}: X must be a Float64Array (row-major n×d)`);
  if (!(y instanceof Float64Array)) throw new TypeError(`${where}: y must be a Float64Array`);
  const d = params.length;
  const n = y.length;
  if (X.length !== n * d)
    throw new RangeError(`${where}: X must hold n·d = ${n}·${d} = ${n * d} values, got ${X.length}`);
  const seen = new Set<string>();
  for (let j = 0; j < d; j++) {
    const p = params[j]!;
    if (typeof p.name !== "string") throw new TypeError(`${where}: params[${j}].name must be a string`);
    if (seen.has(p.name))
      throw new RangeError(`${where}: parameter names must be distinct, ${JSON.stringify(p.name)} repeats`);
    seen.add(p.name);
    checkDistribution(where, p, j);
  }
  if (n < minTrials)
    throw new RangeError(`${where}: need at least ${minTrials} trials with every parameter, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`${where}: y must be finite, y[${i}] = ${y[i]}`);
    for (let j = 0; j < d; j++) {
      const v = X[i * d + j]!;
      const dist = params[j]!.distribution;
      const ok =
        dist.kind === "categorical"
          ? Number.isInteger(v) && v >= 0 && v < dist.choices
          : Number.isFinite(v) && v >= dist.low && v <= dist.high;
      if (!ok)
        throw new RangeError(
          `${where}: X[${i}, ${j}] = ${v} is outside ${JSON.stringify(params[j]!.name)}'s ` +
            (dist.kind === "categorical"
              ? `choice indices 0..${dist.choices - 1}`
              : `[${dist.low}, ${dist.high}]`),
        );
    }
  }
  return n;
}

function checkDistribution(where: string, p: ImportanceParam, j: number): void {
  const d = p.distribution as ImportanceDistribution | undefined;
  const name = `params[${j}] (${JSON.stringify(p.name)})`;
  if (typeof d !== "object" || d === null)
    throw new TypeError(`${where}: ${name}.distribution must be an object`);
  if (d.kind === "categorical") {
    if (!Number.isInteger(d.choices) || d.choices < 1)
      throw new RangeError(`${where}: ${name} must have an integer number of choices >= 1, got ${d.choices}`);
    return;
  }
  if (d.kind !== "float" && d.kind !== "int")
    throw new TypeError(`${where}: ${name}.distribution.kind must be "float", "int" or "categorical"`);
  if (!(Number.isFinite(d.low) && Number.isFinite(d.high) && d.low <= d.high))
    throw new RangeError(`${where}: ${name} needs finite low <= high, got [${d.low}, ${d.high}]`);
  if (d.log === true && !(d.low > 0))
    throw new RangeError(`${where}: ${name} is log-scaled and needs low > 0, got ${d.low}`);
  if (d.step !== undefined && d.step !== null && !(d.step > 0 && Number.isFinite(d.step)))
    throw new RangeError(`${where}: ${name} step must be positive and finite, got ${d.step}`);
}
