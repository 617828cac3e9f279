/**
 * Parameters as plots see them: which parameters to draw, how each axis is scaled (log for a
 * log distribution, a band of choices for a categorical one), and the value of a parameter in
 * a trial as plot data. Parameter names are only ever data values or titles, never field
 * names, so a name such as `a.b`, `__proto__` or `<script>` is drawn as it is.
 */
import type { CategoricalChoice, Distribution, FrozenTrial } from "@tunelab/study";
import { safeTitle } from "./spec.js";

/** How one parameter's axis is drawn. */
export interface ParamAxis {
  readonly name: string;
  readonly kind: "linear" | "log" | "categorical";
  /** The choices, as strings, of a categorical parameter (in the distribution's order). */
  readonly choices: readonly string[];
}

/** The text of a categorical choice on an axis (`null` as "null"). */
export function choiceLabel(c: CategoricalChoice | number): string {
  return c === null ? "null" : String(c);
}

/**
 * The axis of each parameter seen in `trials`, from the distribution of its last occurrence,
 * in first-seen order, restricted to `params` when given.
 * @throws RangeError when a name in `params` is not a parameter of any trial.
 */
export function paramAxes(
  where: string,
  trials: readonly FrozenTrial[],
  params?: readonly string[],
): ParamAxis[] {
  const dists = new Map<string, Distribution>();
  for (const t of trials)
    for (const name of Object.keys(t.distributions)) dists.set(name, t.distributions[name]!);
  const names = params ?? [...dists.keys()];
  return names.map((name) => {
    const d = dists.get(name);
    if (d === undefined) {
      const known = [...dists.keys()].map((k) => JSON.stringify(k)).join(", ");
      throw new RangeError(
        `${where}: params names ${JSON.stringify(name)}, not a parameter of the study (${known})`,
      );
    }
    if (d.kind === "categorical") return { name, kind: "categorical", choices: d.choices.map(choiceLabel) };
    return { name, kind: d.log ? "log" : "linear", choices: [] };
  });
}

/** The value of a parameter as plot data: a number, or a categorical choice's label; null when absent. */
export function paramDatum(t: FrozenTrial, axis: ParamAxis): number | string | null {
  if (!Object.hasOwn(t.params, axis.name)) return null;
  const v = t.params[axis.name];
  if (axis.kind === "categorical") return choiceLabel(v ?? null);
  return typeof v === "number" ? v : null;
}

/** The Vega-Lite encoding of a parameter on a positional channel reading `field`. */
export function paramEncoding(axis: ParamAxis, field: string): Record<string, unknown> {
  if (axis.kind === "categorical")
    return {
      field,
      type: "nominal",
      title: safeTitle(axis.name),
      scale: { domain: [...axis.choices] },
      sort: null,
    };
  return {
    field,
    type: "quantitative",
    title: axis.kind === "log" ? `${axis.name} (log)` : safeTitle(axis.name),
    scale: axis.kind === "log" ? { type: "log" } : { zero: false },
  };
}
