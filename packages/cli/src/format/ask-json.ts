/**
 * The output of `tunelab ask`: the shape Optuna 5.0's `optuna ask` prints
 * (`{"number": 0, "params": {"x": 0.5}}`, or with `--flatten`
 * `{"number": 0, "params_x": 0.5}`), written with Python's `json.dumps` separators so the
 * two read alike. A float parameter whose value is whole is written `2.0`, as Python writes
 * a float, so `json.loads` in a Python script gives a float for a float parameter.
 */
import type { Distribution } from "@tunelab/study/distributions";

/** A parameter's value as the trial holds it (a categorical as its choice). */
export type ParamValue = number | string | boolean | null;

/**
 * The line `tunelab ask` prints for trial `number` (without the newline).
 * @param distributions - of the params, to write whole floats as floats.
 */
export function askJson(
  number: number,
  params: Readonly<Record<string, ParamValue>>,
  distributions: Readonly<Record<string, Distribution>>,
  flatten: boolean,
): string {
  const items = Object.keys(params).map((name) => {
    const d = Object.hasOwn(distributions, name) ? distributions[name] : undefined;
    return [name, valueText(params[name] ?? null, d?.kind === "float")] as const;
  });
  if (flatten) {
    const fields = items.map(([name, text]) => `${JSON.stringify(`params_${name}`)}: ${text}`);
    return `{${[`"number": ${number}`, ...fields].join(", ")}}`;
  }
  const inner = items.map(([name, text]) => `${JSON.stringify(name)}: ${text}`).join(", ");
  return `{"number": ${number}, "params": {${inner}}}`;
}

function valueText(v: ParamValue, float: boolean): string {
  if (typeof v === "number" && float && Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  return JSON.stringify(v);
}
