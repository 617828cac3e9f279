/**
 * What a worker has done so far (its trials by outcome, and the study's best trial), as the
 * progress line and the final summary show it, and as a child worker of `--processes` sends
 * it to its parent.
 */
import type { FrozenTrial, Study } from "tunelab";

/** A worker's progress. */
export interface Progress {
  /** Trials this worker finished. */
  readonly done: number;
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  /** The study's best trial (single objective), as this worker last saw the study. */
  readonly best: { readonly number: number; readonly value: number } | null;
  /** The study's direction, or null for several objectives. */
  readonly direction: "minimize" | "maximize" | null;
  /** Trials on the Pareto front (several objectives), else null. */
  readonly front: number | null;
}

/** The progress before any trial. */
export const NO_PROGRESS: Progress = {
  done: 0,
  complete: 0,
  pruned: 0,
  failed: 0,
  best: null,
  direction: null,
  front: null,
};

/** The progress after `trial` finished in `study`. */
export function addTrial(p: Progress, trial: FrozenTrial, study: Study): Progress {
  const single = study.directions.length === 1;
  let best: Progress["best"] = null;
  if (single) {
    try {
      const b = study.bestTrial;
      best = { number: b.number, value: b.values?.[0] ?? Number.NaN };
    } catch {
      best = null; // no complete trial yet
    }
  }
  return {
    done: p.done + 1,
    complete: p.complete + (trial.state === "COMPLETE" ? 1 : 0),
    pruned: p.pruned + (trial.state === "PRUNED" ? 1 : 0),
    failed: p.failed + (trial.state === "FAIL" ? 1 : 0),
    best,
    direction: single ? (study.directions[0] ?? "minimize") : null,
    front: single ? null : study.bestTrials.length,
  };
}

/** The progress of several workers on one study: counts summed, the best of their bests. */
export function combine(parts: readonly Progress[]): Progress {
  let out = NO_PROGRESS;
  for (const p of parts) {
    let best = out.best;
    if (p.best !== null) {
      const better =
        best === null || (p.direction === "maximize" ? p.best.value > best.value : p.best.value < best.value);
      if (better) best = p.best;
    }
    out = {
      done: out.done + p.done,
      complete: out.complete + p.complete,
      pruned: out.pruned + p.pruned,
      failed: out.failed + p.failed,
      best,
      direction: p.direction ?? out.direction,
      front: p.front === null ? out.front : Math.max(out.front ?? 0, p.front),
    };
  }
  return out;
}

/** One line: "12 trials done (9 complete, 2 pruned, 1 failed); best value 0.031 (trial 7)". */
export function describeProgress(p: Progress): string {
  const counts = `${p.done} trial${p.done === 1 ? "" : "s"} done (${p.complete} complete, ${p.pruned} pruned, ${p.failed} failed)`;
  if (p.front !== null) return `${counts}; ${p.front} on the Pareto front`;
  if (p.best === null) return `${counts}; no complete trial in the study yet`;
  return `${counts}; best value ${p.best.value} (trial ${p.best.number})`;
}
