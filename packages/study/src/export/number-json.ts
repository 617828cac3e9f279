/**
 * Numbers in JSON: JSON has no NaN, ±Infinity or negative zero, so exports write them as the
 * strings "NaN", "Infinity", "-Infinity" and "-0" and read them back, keeping every number
 * exactly.
 */

/** A number as a JSON value: itself when finite (but -0), else "NaN", "Infinity", "-Infinity" or "-0". */
export function numberToJson(x: number): number | string {
  if (Object.is(x, -0)) return "-0";
  return Number.isFinite(x) ? x : String(x);
}

/**
 * The number a JSON value written by {@link numberToJson} stands for.
 * @throws TypeError naming `where` for anything else.
 */
export function numberFromJson(v: unknown, where: string): number {
  if (typeof v === "number") return v;
  if (v === "NaN") return Number.NaN;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (v === "-0") return -0;
  throw new TypeError(
    `${where}: expected a number (or "NaN", "Infinity", "-Infinity"), got ${JSON.stringify(v)}`,
  );
}
