/**
 * A sampler or pruner chosen by name and options, as `tunelab study create` stores it in a
 * study system attribute so that every later process rebuilds the same one.
 */
import type { JsonValue } from "@tunelab/study";
import { UsageError } from "../exit-codes.js";

/** A class by name and constructor options (JSON, camelCase keys). */
export interface ClassChoice {
  /** The tunelab class name, e.g. `TpeSampler` or `MedianPruner`. */
  readonly name: string;
  /** Constructor options, camelCase keys. */
  readonly kwargs: Readonly<Record<string, JsonValue>>;
}

/**
 * The choice stored under `attr` in a study's system attributes, or null when there is none.
 * @throws UsageError naming the attribute when its value is not `{"name": ..., "kwargs": {...}}`
 *   (it was written by something else than `tunelab study create`).
 */
export function storedChoice(
  systemAttrs: Readonly<Record<string, JsonValue>>,
  attr: string,
): ClassChoice | null {
  if (!Object.hasOwn(systemAttrs, attr)) return null;
  const raw = systemAttrs[attr] as unknown;
  const rec =
    raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const kwargs = rec?.kwargs;
  if (
    rec === null ||
    typeof rec.name !== "string" ||
    kwargs === null ||
    typeof kwargs !== "object" ||
    Array.isArray(kwargs)
  ) {
    throw new UsageError(
      `the study's system attribute ${attr} is not {"name": ..., "kwargs": {...}}: ${JSON.stringify(raw)}`,
    );
  }
  return { name: rec.name, kwargs: kwargs as Record<string, JsonValue> };
}

/** The JSON value stored for a choice. */
export function choiceToJson(choice: ClassChoice): JsonValue {
  return { name: choice.name, kwargs: { ...choice.kwargs } };
}
