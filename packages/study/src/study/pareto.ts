/**
 * The Pareto front of completed trials under the study's directions, for `bestTrials`.
 */
import type { FrozenTrial } from "../trial/frozen.js";
import type { StudyDirection } from "../trial/state.js";

/** True when a is at least as good as b everywhere and better somewhere (values in minimization form). */
function dominates(a: Float64Array, b: Float64Array): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]! > b[k]!) return false;
    if (a[k]! < b[k]!) better = true;
  }
  return better;
}

/**
 * The trials not dominated by any other (ties on every objective are all kept), ordered by
 * number. O(n·f·m) where f is the front size: each candidate is compared with the current front.
 */
export function paretoFront(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
): FrozenTrial[] {
  const m = directions.length;
  const sign = directions.map((d) => (d === "maximize" ? -1 : 1));
  const front: { trial: FrozenTrial; v: Float64Array }[] = [];
  for (const trial of trials) {
    const v = new Float64Array(m);
    for (let k = 0; k < m; k++) v[k] = sign[k]! * trial.values![k]!;
    let dominated = false;
    for (const f of front) {
      if (dominates(f.v, v)) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    for (let i = front.length - 1; i >= 0; i--) if (dominates(v, front[i]!.v)) front.splice(i, 1);
    front.push({ trial, v });
  }
  return front.map((f) => f.trial).sort((a, b) => a.number - b.number);
}
