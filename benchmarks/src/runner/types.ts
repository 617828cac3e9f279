/** The unit of work of a benchmark (one study) and what it produces. */
import type { SamplerSide } from "../samplers/registry.js";
import type { CurveTrials } from "./curve-trials.js";

/** One run: a sampler (with a pruner) on a function with a seed. */
export interface RunCell {
  readonly function: string;
  readonly side: SamplerSide;
  readonly sampler: string;
  /** "none" for no pruner. */
  readonly pruner: string;
  readonly seed: number;
  /** Trials of the run (without a budget), or the reference trial count (with one). */
  readonly trials: number;
  /** Total evaluations allowed (curve problems); null to run exactly `trials` trials. */
  readonly budgetSteps: number | null;
  /** Trials evaluated at once inside the study. */
  readonly concurrency: number;
}

/** Trial outcome codes: C(omplete), P(runed), F(ail). */
export type TrialCode = "C" | "P" | "F";

/** What a run produced. Everything but `samplerMs` and `wallMs` is a function of the cell. */
export interface RunRecord {
  /** {@link cellKey} of the cell. */
  readonly key: string;
  readonly cell: RunCell;
  /** Objective values of each trial (by trial number); null unless COMPLETE. */
  readonly values: (readonly number[] | null)[];
  /** Outcome of each trial. */
  readonly states: TrialCode[];
  /**
   * Evaluations each trial used (1 per trial for functions without a learning curve); for a
   * curve that gives its cost (the LLM surrogate's progress variant), that cost: evaluations of
   * the plain problem, possibly fractional.
   */
  readonly steps: number[];
  /** Constraint feasibility of each trial (all true for unconstrained functions). */
  readonly feasible: boolean[];
  /** Milliseconds the sampler spent on each trial (its own methods only). */
  readonly samplerMs: number[];
  /**
   * Curve problems only: each trial's whole learning curve (its length, its final value had it
   * not been pruned, the training steps it consumed). Absent for other problems and in records
   * written before it existed.
   */
  readonly curves?: CurveTrials;
  /** Wall time of the whole run in milliseconds. */
  readonly wallMs: number;
  /** Why the run did not happen (sampler not applicable, peer missing, ...); null when it ran. */
  readonly skipped: string | null;
  /** The error that ended the run, or null. */
  readonly error: string | null;
}

/** The identity of a cell, used to resume an interrupted run. */
export function cellKey(c: RunCell): string {
  return [
    c.function,
    c.side,
    c.sampler,
    c.pruner,
    c.seed,
    c.trials,
    c.budgetSteps ?? "-",
    `c${c.concurrency}`,
  ].join("|");
}

/** An empty record for a cell that did not run. */
export function skippedRecord(cell: RunCell, reason: string, error: string | null = null): RunRecord {
  return {
    key: cellKey(cell),
    cell,
    values: [],
    states: [],
    steps: [],
    feasible: [],
    samplerMs: [],
    wallMs: 0,
    skipped: error === null ? reason : null,
    error,
  };
}
