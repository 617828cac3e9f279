/** Typed reads of parameter records with clear errors. */
import type { Params } from "../types.js";

/** The number `params[name]`. @throws TypeError naming `fn` if absent or not a number. */
export function readNumber(fn: string, params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== "number") {
    throw new TypeError(
      `${fn}: parameter ${name} must be a number, got ${v === undefined ? "nothing" : String(v)}`,
    );
  }
  return v;
}

/** The choice `params[name]` among `choices`. @throws TypeError naming `fn` if absent or not a choice. */
export function readChoice<T extends string>(
  fn: string,
  params: Params,
  name: string,
  choices: readonly T[],
): T {
  const v = params[name];
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
    throw new TypeError(
      `${fn}: parameter ${name} must be one of ${choices.join(", ")}, got ${v === undefined ? "nothing" : String(v)}`,
    );
  }
  return v as T;
}
