/** Checks on declared spaces and parameter records: well-formedness, activity, membership. */
import type { ParamSpec, Params, ParamValue } from "../types.js";

/** True when `spec` exists for the values in `params` (no condition, or its parent took an allowed value). */
export function isActive(spec: ParamSpec, params: Params): boolean {
  const c = spec.condition;
  if (c === undefined) return true;
  if (!(c.parent in params)) return false;
  return c.values.includes(params[c.parent] as ParamValue);
}

/** True when `value` lies in the support of `spec` (bounds, integrality, step grid, choices). */
export function inSpace(spec: ParamSpec, value: ParamValue | undefined): boolean {
  if (spec.kind === "categorical") return value !== undefined && spec.choices.includes(value);
  if (typeof value !== "number" || !(value >= spec.low && value <= spec.high)) return false;
  if (spec.kind === "int" && !Number.isInteger(value)) return false;
  const step = spec.kind === "int" ? (spec.step ?? 1) : spec.step;
  if (step === undefined) return true;
  const k = (value - spec.low) / step;
  return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
}

/**
 * The problems of a declared space, empty when it is well-formed: unique names; finite bounds
 * low ≤ high (low > 0 for log scales; integer bounds for int); positive steps; at least one
 * distinct choice per categorical; every condition names an earlier categorical parameter and
 * only values among its choices.
 */
export function spaceProblems(space: readonly ParamSpec[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, ParamSpec>();
  for (const spec of space) {
    if (seen.has(spec.name)) problems.push(`duplicate parameter name "${spec.name}"`);
    if (spec.kind === "categorical") {
      if (spec.choices.length === 0) problems.push(`${spec.name}: no choices`);
      if (new Set(spec.choices).size !== spec.choices.length) problems.push(`${spec.name}: repeated choices`);
    } else {
      if (!Number.isFinite(spec.low) || !Number.isFinite(spec.high) || spec.low > spec.high) {
        problems.push(
          `${spec.name}: bounds must be finite with low <= high, got [${spec.low}, ${spec.high}]`,
        );
      }
      if (spec.log === true && !(spec.low > 0)) problems.push(`${spec.name}: log scale needs low > 0`);
      if (spec.kind === "int" && (!Number.isInteger(spec.low) || !Number.isInteger(spec.high))) {
        problems.push(`${spec.name}: int bounds must be integers`);
      }
      if (spec.step !== undefined && !(spec.step > 0)) problems.push(`${spec.name}: step must be positive`);
      if (spec.log === true && spec.step !== undefined && spec.kind === "float") {
        problems.push(`${spec.name}: a float cannot be both log-scaled and stepped`);
      }
    }
    const c = spec.condition;
    if (c !== undefined) {
      const parent = seen.get(c.parent);
      if (parent === undefined)
        problems.push(`${spec.name}: condition parent "${c.parent}" is not an earlier parameter`);
      else if (parent.kind !== "categorical")
        problems.push(`${spec.name}: condition parent "${c.parent}" is not categorical`);
      else {
        for (const v of c.values) {
          if (!parent.choices.includes(v))
            problems.push(`${spec.name}: condition value ${String(v)} is not a choice of ${c.parent}`);
        }
      }
    }
    seen.set(spec.name, spec);
  }
  return problems;
}

/**
 * The problems of a parameter record against a space: each active parameter present and in
 * its support, no inactive or unknown parameter given. Empty when the record is valid.
 */
export function paramsProblems(space: readonly ParamSpec[], params: Params): string[] {
  const problems: string[] = [];
  const names = new Set(space.map((s) => s.name));
  for (const key of Object.keys(params)) if (!names.has(key)) problems.push(`unknown parameter "${key}"`);
  for (const spec of space) {
    const active = isActive(spec, params);
    const present = spec.name in params;
    if (active && !present) problems.push(`missing active parameter "${spec.name}"`);
    else if (!active && present) problems.push(`inactive parameter "${spec.name}" given`);
    else if (active && !inSpace(spec, params[spec.name])) {
      problems.push(`${spec.name} = ${String(params[spec.name])} is outside its space`);
    }
  }
  return problems;
}
