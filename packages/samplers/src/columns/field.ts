/**
 * How a parameter's column of internal values becomes a model's input: which internal
 * values a model accepts (inside the parameter's current distribution; choice indices for
 * categoricals) and the monotone map to the model's space (log for log parameters).
 */

/** A parameter as a model reads its column. */
export interface ColumnField {
  /** Parameter name (any string). */
  readonly name: string;
  /** Smallest internal value accepted (0 for a categorical). */
  readonly low: number;
  /** Largest internal value accepted (the last choice index for a categorical). */
  readonly high: number;
  /** Whether the model value is the log of the internal value. */
  readonly logScale: boolean;
  /** Categorical: only integer indices are accepted. */
  readonly categorical: boolean;
}

/**
 * The model value of an internal value, or NaN when the model does not accept it (outside
 * [low, high], e.g. recorded under other bounds; a categorical value that is not an index).
 * @example fieldValue({ name: "lr", low: 1e-5, high: 1, logScale: true, categorical: false }, 0.01) // log 0.01
 */
export function fieldValue(field: ColumnField, internal: number): number {
  if (!(internal >= field.low && internal <= field.high)) return Number.NaN;
  if (field.categorical) return Number.isInteger(internal) ? internal : Number.NaN;
  return field.logScale ? Math.log(internal) : internal;
}

/** A trial's internal value of a parameter (an own key only, never an inherited member), or NaN. */
export function ownValue(internalParams: Readonly<Record<string, number>>, name: string): number {
  return Object.hasOwn(internalParams, name) ? internalParams[name]! : Number.NaN;
}
