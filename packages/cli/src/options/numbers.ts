/**
 * Numbers on the command line: objective and intermediate values (`--values`, `--value`),
 * trial numbers (`--trial`) and steps (`--step`). Values are read as Python's `float()` reads
 * them, so a Python script's `str(loss)` passes through: decimal and exponent forms, `nan`,
 * `inf`, `-inf`, `infinity` in any case. Hexadecimal, empty text and trailing garbage are
 * refused (JavaScript's `Number()` would read `0x10` as 16 and `""` as 0).
 */
import { UsageError } from "../exit-codes.js";

const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;

/**
 * A float as Python's `float(text)` reads it (surrounding spaces allowed).
 * @returns the number (NaN for `nan`, ±Infinity for `inf`), or null when the text is not a number.
 */
export function parseFloatText(text: string): number | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  const sign = lower.startsWith("-") ? -1 : 1;
  const word = lower.replace(/^[+-]/, "");
  if (word === "nan") return Number.NaN;
  if (word === "inf" || word === "infinity") return sign * Number.POSITIVE_INFINITY;
  if (!DECIMAL.test(t)) return null;
  return Number(t.replaceAll("_", ""));
}

/**
 * A value given to `flag`.
 * @throws UsageError naming the flag and what it accepts when the text is not a number.
 */
export function parseValue(text: string, flag: string): number {
  const v = parseFloatText(text);
  if (v === null) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(text)} is not a number (give a decimal such as 0.25 or 1e-3, or nan, inf, -inf)`,
    );
  }
  return v;
}

/**
 * An integer >= 0 given to `flag` (a trial number, a step).
 * @throws UsageError naming the flag when the text is not such an integer.
 */
export function parseNonNegativeInteger(text: string, flag: string): number {
  const t = text.trim();
  const n = /^\+?\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(`${flag}: must be an integer >= 0, got ${JSON.stringify(text)}`);
  }
  return n;
}
