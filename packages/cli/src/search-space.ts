/**
 * The search space of `tunelab ask --search-space`, in the JSON form of Optuna's CLI
 * (`optuna ask --search-space`): an object from parameter name to the JSON record of a
 * distribution as Optuna's `distribution_to_json` writes it, e.g.
 *
 * ```json
 * {"x": {"name": "FloatDistribution", "attributes": {"low": 0.0, "high": 1.0, "log": false}},
 *  "n": {"name": "IntDistribution", "attributes": {"low": 1, "high": 8}},
 *  "opt": {"name": "CategoricalDistribution", "attributes": {"choices": ["adam", "sgd"]}}}
 * ```
 *
 * The records are read by `distributionFromJson` of `@tunelab/study` (Optuna's legacy names,
 * e.g. `UniformDistribution`, included). A value starting with `@` names a file holding the
 * JSON (`--search-space @space.json`), as curl does.
 */
import { readFileSync } from "node:fs";
import { type Distribution, distributionFromJson } from "@tunelab/study/distributions";
import { setKey } from "@tunelab/study/records";
import { UsageError } from "./exit-codes.js";

/**
 * Parses a search space given to `flag` (used in error messages, e.g. `"--search-space"`):
 * JSON text, or `@path` naming a file that holds it.
 * @returns the distributions by parameter name (keys may be any string, `__proto__` too).
 * @throws UsageError, one line naming `flag` and, where one is at fault, the parameter: the
 * file cannot be read, the text is not JSON or not an object, a record is not
 * `{name, attributes}`, the name is unknown, an attribute is missing or out of range
 * (low > high, log with low <= 0, empty choices, ...).
 * @example parseSearchSpace('{"x": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}}', "--search-space")
 */
export function parseSearchSpace(text: string, flag: string): Record<string, Distribution> {
  let source = text;
  if (text.startsWith("@")) {
    const path = text.slice(1);
    try {
      source = readFileSync(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`${flag}: cannot read the file ${JSON.stringify(path)} (${code ?? errorText(e)})`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (e) {
    throw new UsageError(
      `${flag}: not JSON (${errorText(e)}); expected {"name": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1}}, ...}`,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(
      `${flag}: expected a JSON object from parameter names to distributions, got ${describe(parsed)}`,
    );
  }
  const space: Record<string, Distribution> = {};
  for (const [name, record] of Object.entries(parsed as Record<string, unknown>)) {
    setKey(space, name, parseOne(record, name, flag));
  }
  return space;
}

const NAMES =
  "FloatDistribution, IntDistribution, CategoricalDistribution (or Optuna's legacy Uniform/LogUniform/DiscreteUniform/IntUniform/IntLogUniformDistribution)";

function parseOne(record: unknown, name: string, flag: string): Distribution {
  const at = `${flag}: parameter ${JSON.stringify(name)}`;
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new UsageError(`${at}: expected {"name": ..., "attributes": {...}}, got ${describe(record)}`);
  }
  const r = record as { name?: unknown; attributes?: unknown };
  if (typeof r.name !== "string") {
    throw new UsageError(`${at}: "name" must be one of ${NAMES}, got ${describe(r.name)}`);
  }
  if (r.attributes === null || typeof r.attributes !== "object" || Array.isArray(r.attributes)) {
    throw new UsageError(`${at}: "attributes" must be an object, got ${describe(r.attributes)}`);
  }
  try {
    return distributionFromJson({
      name: r.name as "FloatDistribution",
      attributes: r.attributes as Record<string, unknown>,
    });
  } catch (e) {
    const msg = errorText(e)
      .replace(/^distributionFromJson: /, "")
      .replace(/^(float|int|categorical)Distribution: /, "");
    if (/^unknown distribution name/.test(msg)) {
      throw new UsageError(`${at}: unknown distribution name ${JSON.stringify(r.name)}; allowed: ${NAMES}`);
    }
    throw new UsageError(`${at}: ${msg}`);
  }
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `${typeof v} ${JSON.stringify(v)}`;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
}
