/**
 * The Pareto front of completed trials under the study's directions, for `bestTrials`, by
 * the non-dominated sort of `@tunelab/math/pareto`.
 */
import { paretoFrontIndices } from "@tunelab/math/pareto";
import type { FrozenTrial } from "../trial/frozen.js";
import type { StudyDirection } from "../trial/state.js";

/**
 * The trials not dominated by any other (ties on every objective are all kept), ordered by
 * number. Maximized objectives are negated first.
 */
export function paretoFront(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
): FrozenTrial[] {
  const m = directions.length;
  if (trials.length === 0) return [];
  const points = new Float64Array(trials.length * m);
  trials.forEach((trial, i) => {
    for (let k = 0; k < m; k++)
      points[i * m + k] = (directions[k] === "maximize" ? -1 : 1) * trial.values![k]!;
  });
  return Array.from(paretoFrontIndices(points, m), (i) => trials[i]!).sort((a, b) => a.number - b.number);
}
