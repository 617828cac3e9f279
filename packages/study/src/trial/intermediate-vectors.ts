/**
 * Intermediate values of several objectives (issue 14): in a multi-objective study,
 * `trial.report([v₁, …, v_m], step)` stores the vector reported at `step` as the trial system
 * attribute `intermediate_vector:<step>` (one key per step, so concurrent writes to different
 * steps never overwrite each other and journal storages append one small record per report).
 * The trial's `intermediateValues` map stays empty in such a study, so a single-objective
 * pruner cannot mistake one objective for the whole. Entries are JSON numbers, with NaN and
 * ±Infinity written as the strings "NaN", "Infinity" and "-Infinity" (JSON has no such numbers).
 */
import type { FrozenTrial } from "./frozen.js";
import type { JsonValue } from "./state.js";

/** Prefix of the system attribute holding the vector reported at a step. */
export const INTERMEDIATE_VECTOR_PREFIX = "intermediate_vector:";

/** The system attribute key of the vector reported at `step`. */
export function intermediateVectorKey(step: number): string {
  return `${INTERMEDIATE_VECTOR_PREFIX}${step}`;
}

/** The JSON form of a reported vector (non-finite entries as strings). */
export function encodeIntermediateVector(values: readonly number[]): JsonValue[] {
  return values.map((v) => (Number.isFinite(v) ? v : String(v)));
}

function decodeEntry(v: JsonValue): number {
  if (typeof v === "number") return v;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

/**
 * The vectors a trial reported, by step (ascending). In a multi-objective study these are the
 * vectors of `trial.report([…], step)`; in a single-objective study, each intermediate value
 * as a vector of one entry, so a pruner written for vectors also serves one objective.
 * @example intermediateVectors(trial).get(3) // [0.41, 12.5]: loss and GPU-hours at step 3
 */
export function intermediateVectors(trial: FrozenTrial): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const steps: number[] = [];
  for (const key of Object.keys(trial.systemAttrs)) {
    if (!key.startsWith(INTERMEDIATE_VECTOR_PREFIX)) continue;
    const step = Number(key.slice(INTERMEDIATE_VECTOR_PREFIX.length));
    if (Number.isSafeInteger(step) && step >= 0) steps.push(step);
  }
  if (steps.length === 0) {
    const sorted = [...trial.intermediateValues.keys()].sort((a, b) => a - b);
    for (const s of sorted) out.set(s, [trial.intermediateValues.get(s)!]);
    return out;
  }
  steps.sort((a, b) => a - b);
  for (const s of steps) {
    const raw = Object.getOwnPropertyDescriptor(trial.systemAttrs, intermediateVectorKey(s))
      ?.value as JsonValue;
    if (Array.isArray(raw as unknown)) out.set(s, (raw as JsonValue[]).map(decodeEntry));
  }
  return out;
}
