/**
 * Argument checks shared by every Trial implementation (the study's running trial and
 * FixedTrial), so both refuse the same inputs with the same messages.
 */
import type { JsonValue } from "./state.js";

/** @throws TypeError unless `name` is a non-empty string. */
export function checkName(where: string, what: string, name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0) {
    throw new TypeError(`${where}: ${what} must be a non-empty string, got ${describe(name)}`);
  }
}

/** @throws TypeError / RangeError unless `value` is a number and `step` an integer ≥ 0. */
export function checkReport(value: unknown, step: unknown): asserts value is number {
  if (typeof value !== "number")
    throw new TypeError(`report: value must be a number, got ${describe(value)}`);
  if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
    throw new RangeError(`report: step must be an integer >= 0, got ${describe(step)}`);
  }
}

/**
 * @throws TypeError unless `value` is an array of numbers (of length `nObjectives` when given,
 * else at least 1); RangeError unless `step` is an integer ≥ 0.
 */
export function checkReportVector(value: unknown, step: unknown, nObjectives?: number): void {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `report: value must be an array of ${nObjectives ?? "one or more"} numbers (one per objective) in a multi-objective study, got ${describe(value)}`,
    );
  }
  const arr = value as unknown[];
  if (nObjectives === undefined ? arr.length === 0 : arr.length !== nObjectives) {
    throw new TypeError(
      `report: value must hold ${nObjectives ?? "one or more"} numbers (one per objective), got ${arr.length}`,
    );
  }
  for (let i = 0; i < arr.length; i++) {
    if (typeof arr[i] !== "number") {
      throw new TypeError(`report: value[${i}] must be a number, got ${describe(arr[i])}`);
    }
  }
  if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
    throw new RangeError(`report: step must be an integer >= 0, got ${describe(step)}`);
  }
}

/** @throws RangeError unless `value` is a number other than NaN. */
export function checkConstraint(name: unknown, value: unknown): void {
  checkName("setConstraint", "name", name);
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new RangeError(
      `setConstraint: value of "${name}" must be a number (feasible when <= 0), got ${describe(value)}`,
    );
  }
}

/**
 * Checks that `value` is a JSON value: null, a boolean, a number, a string, an array or a
 * plain object of JSON values, without cycles.
 * @throws TypeError naming `where` and the path of the first offending part.
 */
export function checkJsonValue(where: string, value: unknown): asserts value is JsonValue {
  const stack = new Set<object>();
  const visit = (v: unknown, path: string): void => {
    if (v === null) return;
    const t = typeof v;
    if (t === "string" || t === "number" || t === "boolean") return;
    if (t !== "object") throw new TypeError(`${where}: ${path} must be a JSON value, got ${describe(v)}`);
    const o = v as object;
    if (stack.has(o)) throw new TypeError(`${where}: ${path} refers to itself (a cycle)`);
    const proto = Object.getPrototypeOf(o);
    if (Array.isArray(o)) {
      stack.add(o);
      for (let i = 0; i < o.length; i++) visit(o[i], `${path}[${i}]`);
      stack.delete(o);
      return;
    }
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(
        `${where}: ${path} must be a JSON value, got a ${(o as { constructor?: { name?: string } }).constructor?.name ?? "non-plain object"}`,
      );
    }
    stack.add(o);
    for (const k of Object.keys(o)) visit((o as Record<string, unknown>)[k], `${path}.${k}`);
    stack.delete(o);
  };
  visit(value, "value");
}

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (typeof v === "function") return "a function";
  if (typeof v === "symbol") return "a symbol";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
