/**
 * The stratum the benchmark's `*-same-epochs` pruners use (issue 14's second attempt at the
 * schedule-truncation bias): the LLM surrogate's trials keyed by their number of epochs. The
 * pruner itself is `StratifiedPruner` of `@tunelab/pruners/stratified` (it lived here before
 * it moved into the package; one implementation).
 *
 * Why epochs, on the LLM surrogate: comparing at the same training step favours short
 * schedules (they have annealed further, `report/truncation.ts`); comparing at the same
 * fraction of each trial's schedule (the progress variant, `problems/progress-curve.ts`)
 * favours long ones (at the same fraction they have trained on more data). Among trials with
 * the same number of epochs the two coincide.
 */
import type { FrozenTrial } from "@tunelab/study";

/** The stratum of a trial of the LLM surrogate: its number of epochs ("?" when not suggested). */
export function epochsStratum(t: FrozenTrial): string {
  const e = t.params.epochs;
  return e === undefined ? "?" : String(e);
}
