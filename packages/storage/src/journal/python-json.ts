/**
 * JSON as Python's `json` module writes and reads it, the dialect of Optuna's journal files
 * (Optuna writes each record with `json.dumps`: optuna/storages/_journal/file.py at v3.1.0,
 * optuna/storages/journal/_file.py at v5.0.0-rc1). It differs from standard JSON in three
 * ways that a journal meets:
 *
 * - non-finite floats are the bare tokens `NaN`, `Infinity` and `-Infinity` (Python's
 *   `allow_nan=True` default), e.g. a reported `NaN` intermediate value or an `inf` value;
 *   `JSON.parse` refuses them and `JSON.stringify` writes `null`;
 * - a float that happens to be whole is written `1.0` and read back as a Python float, while
 *   `1` is read as a Python int: where Optuna keeps floats (objective values, intermediate
 *   values, internal parameter values of float and int distributions), a writer that wants
 *   Python readers to see floats writes the `.0` (see {@link stringifyPythonJson}'s `float`);
 * - negative zero is `-0.0` (a float); `JSON.stringify(-0)` writes `0` and loses the sign.
 *
 * Everything else is standard JSON, so {@link parsePythonJson} tries `JSON.parse` first and
 * rewrites the non-finite tokens only for the rare text that holds them.
 */
import type { JsonValue } from "@tunelab/study";

/** Marks a non-finite token while the rewritten text goes through `JSON.parse`. */
const SENTINEL = "\u0000tunelab-python-json\u0000";
/** The sentinel as it is written inside a JSON string (a raw NUL is not allowed there). */
const SENTINEL_IN_JSON = "\\u0000tunelab-python-json\\u0000";
const NAN_STRING = `${SENTINEL}NaN`;
const POS_INF_STRING = `${SENTINEL}Infinity`;
const NEG_INF_STRING = `${SENTINEL}-Infinity`;

/**
 * Parses JSON in Python's dialect (standard JSON plus `NaN`, `Infinity`, `-Infinity`).
 * @throws SyntaxError (from `JSON.parse`) when the text is not JSON in that dialect.
 * @example parsePythonJson('{"v": NaN, "w": [Infinity, -0.0]}') // { v: NaN, w: [Infinity, -0] }
 */
export function parsePythonJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    if (!text.includes("NaN") && !text.includes("Infinity")) throw e;
    const rewritten = rewriteNonFinite(text);
    if (rewritten === null) throw e;
    return JSON.parse(rewritten, revive) as JsonValue;
  }
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith(SENTINEL)) return value;
  if (value === NAN_STRING) return Number.NaN;
  if (value === POS_INF_STRING) return Number.POSITIVE_INFINITY;
  if (value === NEG_INF_STRING) return Number.NEGATIVE_INFINITY;
  return value;
}

/**
 * The text with each bare `NaN`, `Infinity`, `-Infinity` outside strings replaced by a
 * quoted sentinel, or null when it holds none (then the parse error stands).
 */
function rewriteNonFinite(text: string): string | null {
  let out = "";
  let last = 0;
  let inString = false;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    let token: string | null = null;
    if (c === 0x4e /* N */ && text.startsWith("NaN", i)) token = "NaN";
    else if (c === 0x49 /* I */ && text.startsWith("Infinity", i)) token = "Infinity";
    else if (c === 0x2d /* - */ && text.startsWith("-Infinity", i)) token = "-Infinity";
    if (token === null) continue;
    out += `${text.slice(last, i)}"${SENTINEL_IN_JSON}${token}"`;
    i += token.length - 1;
    last = i + 1;
    found = true;
  }
  return found ? out + text.slice(last) : null;
}

/**
 * Writes a number as Python's `json.dumps` writes the float or int it stands for: a whole
 * number below 1e21 as an int (unless `float`), anything else as `repr(float)` does
 * (see {@link pythonFloatRepr}), and the non-finite tokens.
 * @param float - write a whole number as a Python float (`2.0`, not `2`).
 * @example pythonNumber(2, true) // "2.0"; pythonNumber(1e-5, false) // "1e-05"
 */
export function pythonNumber(x: number, float: boolean): string {
  if (!float && Number.isInteger(x) && Math.abs(x) < 1e21 && !Object.is(x, -0)) return String(x);
  return pythonFloatRepr(x);
}

/**
 * Python's `repr(float)`: the shortest digits that read back as `x` (the same digits
 * JavaScript finds), in positional notation when the decimal exponent is in [-4, 16), else
 * as `d.ddde±XX` with at least two exponent digits; `NaN`, `Infinity`, `-Infinity` as
 * `json.dumps` writes them (CPython's `float_repr_style` "short", Objects/floatobject.c).
 * @example pythonFloatRepr(1e-5) // "1e-05"; pythonFloatRepr(1e16) // "1e+16"; pythonFloatRepr(3) // "3.0"
 */
export function pythonFloatRepr(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    // The values a journal holds most. Both languages pick the same digits: the fewest that
    // read back as x, the closest to x among those (ECMA-262 Number::toString; CPython's
    // repr through dtoa mode 0). For a decimal exponent in [-4, 16) both write them
    // positionally (JavaScript keeps positional notation from 1e-6 up to 1e21), so they
    // differ only in Python's ".0" on a whole number. pythonFloatReprFromDigits is the
    // general path that the tests check this one against.
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  return pythonFloatReprFromDigits(x);
}

/**
 * {@link pythonFloatRepr} for every number, built from the digits of `toExponential()`: the
 * general path, which the fast path for [1e-4, 1e16) must equal (a test checks it).
 * @example pythonFloatReprFromDigits(0.5) // "0.5"; pythonFloatReprFromDigits(1e22) // "1e+22"
 */
export function pythonFloatReprFromDigits(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, e] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(e);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, "0");
    const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : "0";
    return `${sign}${whole}.${frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/**
 * JSON text in Python's dialect: non-finite numbers as `NaN`/`Infinity`/`-Infinity`, `-0`
 * as `-0.0`, compact separators (as Optuna 5.0 writes its journal; Optuna 3.1 wrote `", "`
 * and `": "`; both read either). Keys are written in their own order; `__proto__` and
 * `constructor` are ordinary keys.
 * @param float - write every whole number in `value` as a Python float (`2.0`).
 * @throws TypeError for a value that is not JSON (a function, `undefined`, a bigint, a cycle).
 * @example stringifyPythonJson({ v: [1, Number.NaN] }, true) // '{"v":[1.0,NaN]}'
 */
export function stringifyPythonJson(value: JsonValue, float = false): string {
  return write(value, float, 0);
}

const MAX_DEPTH = 1000;

function write(value: JsonValue, float: boolean, depth: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return pythonNumber(value, float);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (depth > MAX_DEPTH) {
        throw new TypeError(`stringifyPythonJson: nesting deeper than ${MAX_DEPTH} levels (a cycle?)`);
      }
      if (Array.isArray(value)) {
        let s = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) s += ",";
          s += write((value as readonly JsonValue[])[i] ?? null, float, depth + 1);
        }
        return `${s}]`;
      }
      const rec = value as { readonly [key: string]: JsonValue };
      let s = "{";
      let first = true;
      for (const key of Object.keys(rec)) {
        const v = rec[key];
        if (v === undefined) continue;
        if (!first) s += ",";
        first = false;
        s += `${JSON.stringify(key)}:${write(v, float, depth + 1)}`;
      }
      return `${s}}`;
    }
    default:
      throw new TypeError(`stringifyPythonJson: a ${typeof value} is not a JSON value`);
  }
}
