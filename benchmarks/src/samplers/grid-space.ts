/**
 * The grid the benchmark gives GridSampler: k values per parameter with k = max(2, ⌊n^(1/d)⌋)
 * for n trials and d parameters, evenly spaced (in log space for log parameters) and snapped
 * to integers / steps; every choice of a categorical. When k^d exceeds the trials, the run
 * visits a seeded random subset of the grid (a "random grid" baseline).
 */
import type { CategoricalChoice } from "@tunelab/study";
import type { ParamSpec } from "@tunelab/test-functions";
import type { BenchmarkProblem } from "../problems/problem.js";

/** The largest grid the benchmark builds (1e6 points). */
export const MAX_GRID_POINTS = 1_000_000;

function gridValues(spec: ParamSpec, k: number): CategoricalChoice[] {
  if (spec.kind === "categorical") return spec.choices.slice();
  const { low, high } = spec;
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const t = k === 1 ? 0.5 : i / (k - 1);
    let v =
      spec.log === true
        ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low)))
        : low + t * (high - low);
    const step = spec.kind === "int" ? (spec.step ?? 1) : spec.step;
    if (step !== undefined) v = low + Math.round((v - low) / step) * step;
    if (spec.kind === "int") v = Math.round(v);
    v = Math.min(high, Math.max(low, v));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * The grid for a problem, or null when its space is conditional (a grid over conditional
 * parameters would name parameters that trials do not suggest) or the grid would exceed
 * {@link MAX_GRID_POINTS} points (GridSampler keeps a permutation of all points).
 */
export function gridForProblem(
  problem: BenchmarkProblem,
  trials: number,
): Record<string, CategoricalChoice[]> | null {
  const space = problem.fn.space;
  if (space.some((s) => s.condition !== undefined)) return null;
  const k = Math.max(2, Math.floor(trials ** (1 / space.length) + 1e-9));
  const grid: Record<string, CategoricalChoice[]> = {};
  let size = 1;
  for (const spec of space) {
    grid[spec.name] = gridValues(spec, k);
    size *= grid[spec.name]!.length;
    if (size > MAX_GRID_POINTS) return null;
  }
  return grid;
}
