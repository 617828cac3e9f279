/**
 * The score of a run over its progress, lower is better:
 * - single objective with a known optimum f*: log10 regret, log10(max(best - f*, 1e-12))
 *   (the floor of the Optuna 3.1 baselines);
 * - single objective with an unknown optimum (the LLM surrogate): normalized regret
 *   (best - lo) / (hi - lo), where lo is the best value any run of the benchmark found on
 *   that function and hi the median of every value observed there (a typical untuned point);
 * - multi-objective: log10 of the relative hypervolume gap, log10(max(1 - HV/HV*, 1e-12)),
 *   HV* being the hypervolume of 1000 points of the analytic Pareto front (reference point as
 *   published for the problem).
 * Only COMPLETE and feasible trials count; before the first one the score is NaN.
 */
import { quantileSorted } from "@tunelab/math/stats";
import type { RunRecord } from "../runner/types.js";
import { hypervolume, nonDominated } from "./hypervolume.js";

/** log10 floor of regrets and gaps. */
export const REGRET_FLOOR = 1e-12;

/** How a function's runs are scored. */
export type MetricKind = "log10-regret" | "normalized-regret" | "log10-hv-gap";

/** Everything needed to score the runs of one function. */
export type FunctionScorer =
  | { readonly kind: "log10-regret"; readonly optimum: number }
  | { readonly kind: "normalized-regret"; readonly lo: number; readonly hi: number }
  | { readonly kind: "log10-hv-gap"; readonly reference: readonly number[]; readonly hvStar: number };

/** Indices of the COMPLETE, feasible trials of a run. */
function usable(r: RunRecord): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.states.length; i++)
    if (r.states[i] === "C" && r.feasible[i] && r.values[i] !== null) out.push(i);
  return out;
}

/**
 * The scorer of a single-objective function with unknown optimum from all its runs.
 * lo = hi (nothing to normalize) gives a scale of 1.
 */
export function normalizedScorer(runs: readonly RunRecord[]): FunctionScorer {
  const all: number[] = [];
  for (const r of runs) for (const i of usable(r)) all.push(r.values[i]![0]!);
  all.sort((a, b) => a - b);
  if (all.length === 0) return { kind: "normalized-regret", lo: 0, hi: 1 };
  const lo = all[0]!;
  const hi = quantileSorted(all, 0.5, { method: "midpoint" });
  return { kind: "normalized-regret", lo, hi: hi > lo ? hi : lo + 1 };
}

/**
 * The score after each trial of a run (index i: after trials 0..i have finished), following
 * the module header. Length = number of trials of the run.
 */
export function scoreByTrial(run: RunRecord, scorer: FunctionScorer): Float64Array {
  const n = run.states.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const ok = new Set(usable(run));
  if (scorer.kind === "log10-hv-gap") {
    let front: number[][] = [];
    let gap = Number.NaN;
    for (let i = 0; i < n; i++) {
      if (ok.has(i)) {
        const v = run.values[i]!;
        const dominated = front.some((p) => p.every((x, k) => x <= v[k]!));
        if (!dominated) {
          front = nonDominated([...front, v as number[]]);
          const hv = hypervolume(front, scorer.reference);
          gap = Math.log10(Math.max(scorer.hvStar > 0 ? 1 - hv / scorer.hvStar : -hv, REGRET_FLOOR));
        } else if (Number.isNaN(gap)) {
          gap = Math.log10(Math.max(scorer.hvStar > 0 ? 1 : 0, REGRET_FLOOR));
        }
      }
      out[i] = gap;
    }
    return out;
  }
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (ok.has(i)) best = Math.min(best, run.values[i]![0]!);
    if (best === Number.POSITIVE_INFINITY) continue;
    out[i] =
      scorer.kind === "log10-regret"
        ? Math.log10(Math.max(best - scorer.optimum, REGRET_FLOOR))
        : (best - scorer.lo) / (scorer.hi - scorer.lo);
  }
  return out;
}

/**
 * Resamples a per-trial score onto a progress axis: for each x (trial count, or evaluations
 * used when `byBudget`), the score after the last trial finished by then (NaN before any).
 * Runs shorter than the axis keep their last score.
 */
export function scoreOnAxis(
  run: RunRecord,
  byTrial: Float64Array,
  axis: readonly number[],
  byBudget: boolean,
): number[] {
  const out: number[] = [];
  if (!byBudget) {
    for (const x of axis)
      out.push(byTrial.length === 0 ? Number.NaN : byTrial[Math.min(x, byTrial.length) - 1]!);
    return out;
  }
  let used = 0;
  let i = 0;
  let current = Number.NaN;
  for (const x of axis) {
    while (i < run.steps.length && used + run.steps[i]! <= x) {
      used += run.steps[i]!;
      current = byTrial[i]!;
      i++;
    }
    out.push(i === run.steps.length && i > 0 ? byTrial[i - 1]! : current);
  }
  return out;
}

/** The non-dominated feasible objective vectors of a run. */
export function runFront(run: RunRecord): number[][] {
  return nonDominated(usable(run).map((i) => run.values[i] as number[]));
}
