/** Pairs of parameters for the pair plots (contour, rank): every unordered pair, in order. */
import type { ParamAxis } from "./params.js";

/**
 * The pairs (a, b) with a before b in `axes`.
 * @throws RangeError when fewer than two parameters are given.
 */
export function paramPairs(where: string, axes: readonly ParamAxis[]): [ParamAxis, ParamAxis][] {
  if (axes.length < 2)
    throw new RangeError(`${where}: params must name at least 2 parameters, got ${axes.length}`);
  const pairs: [ParamAxis, ParamAxis][] = [];
  for (let i = 0; i < axes.length; i++)
    for (let j = i + 1; j < axes.length; j++) pairs.push([axes[i]!, axes[j]!]);
  return pairs;
}

/**
 * A parameter's value mapped to [0, 1] for distances: log10 for log axes, the choice index
 * for categorical ones, given the value range seen.
 */
export function unitScale(
  axis: ParamAxis,
  values: readonly (number | string)[],
): (v: number | string) => number {
  if (axis.kind === "categorical") {
    const k = axis.choices.length;
    return (v) => (k <= 1 ? 0.5 : axis.choices.indexOf(String(v)) / (k - 1));
  }
  const t = (v: number) => (axis.kind === "log" ? Math.log10(v) : v);
  const nums = values.map((v) => t(v as number));
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  return (v) => (hi > lo ? (t(v as number) - lo) / (hi - lo) : 0.5);
}
