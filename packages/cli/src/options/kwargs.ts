/**
 * `--sampler-kwargs` and `--pruner-kwargs`: a JSON object of constructor options, written as
 * Optuna's keyword arguments (`{"n_startup_trials": 5, "seed": 1}`) or in tunelab's
 * camelCase (`{"nStartupTrials": 5}`). Keys are checked against the options the class
 * takes, so a misspelt or Optuna-only option is an error naming it, not a silent default.
 */
import { getKey, setKey } from "@tunelab/study/records";
import { UsageError } from "../exit-codes.js";

/** What a constructor option holds, as far as the command line checks it. */
export type KwargKind = "number" | "integer" | "boolean" | "json";

/** The options of one class: camelCase name → kind. */
export type KwargSpec = Readonly<Record<string, KwargKind>>;

/** `n_startup_trials` → `nStartupTrials` (camelCase keys are left as they are). */
export function camelCase(key: string): string {
  return key.replace(/_+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Parses a JSON object of options for the class `className`, given to `flag`.
 * @returns the options with camelCase keys.
 * @throws UsageError naming `flag`: not JSON, not an object, an unknown option (listing the
 *   known ones), an option of the wrong type, the same option twice (snake and camel case).
 * @example parseKwargs('{"n_startup_trials": 5}', "--sampler-kwargs", "TpeSampler", { nStartupTrials: "integer" })
 */
export function parseKwargs(
  text: string,
  flag: string,
  className: string,
  spec: KwargSpec,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `${flag}: not JSON (${e instanceof Error ? e.message : String(e)}); expected an object such as {"seed": 1}`,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`${flag}: expected a JSON object of ${className} options, such as {"seed": 1}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const name = camelCase(key);
    const kind = getKey(spec, name);
    if (kind === undefined) {
      const known = Object.keys(spec);
      throw new UsageError(
        `${flag}: ${className} has no option ${JSON.stringify(key)}; it takes ${known.length === 0 ? "none" : known.join(", ")} (or their snake_case forms)`,
      );
    }
    if (Object.hasOwn(out, name)) throw new UsageError(`${flag}: the option ${name} is given twice`);
    checkKind(value, kind, `${flag}: ${className} option ${key}`);
    setKey(out, name, value);
  }
  return out;
}

function checkKind(value: unknown, kind: KwargKind, where: string): void {
  switch (kind) {
    case "number":
      if (typeof value !== "number")
        throw new UsageError(`${where} must be a number, got ${JSON.stringify(value)}`);
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) {
        throw new UsageError(`${where} must be an integer, got ${JSON.stringify(value)}`);
      }
      return;
    case "boolean":
      if (typeof value !== "boolean")
        throw new UsageError(`${where} must be true or false, got ${JSON.stringify(value)}`);
      return;
    case "json":
      return;
  }
}
