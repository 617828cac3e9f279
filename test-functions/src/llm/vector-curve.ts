/**
 * The loss-vs-GPU-hours surrogate with learning curves of vectors, for multi-objective pruning
 * (issue 14): what a run reports at each evaluation in a two-objective study
 * (`trial.report([loss, gpuHours], step)`).
 *
 * Notation: T the run's total optimizer steps, t_i the training step of evaluation i
 * (t_{n-1} = T), L(t_i) the validation loss there, H the GPU-hours of the whole run (from the
 * configuration alone: throughput and run length, `cost.ts`).
 *
 * - The intermediate vector at evaluation i is (L(t_i), H) [D]. The second entry is the
 *   projected full-run cost, not the cost spent so far: a run's final GPU-hours are known
 *   from its configuration before it starts (data set size, epochs, batch, method, GPU), so a
 *   worker can report them at every step, and a pruner then compares runs on what each would
 *   cost if it went on. Reporting the cost spent so far (H·t_i/T) instead would make every
 *   run look cheap early and rank runs by how far they got rather than by what they are.
 * - The cost actually spent by a run stopped after evaluation i is H·t_i/T (`gpuHoursSpent`):
 *   the GPU-hours of a pruned run scale with the share of its steps it ran.
 * - The last vector equals `evaluate(params)` of {@link llmFinetuneLossVsCost}; a diverged run
 *   reports NaN losses with a finite cost, as the base surrogate's curve does.
 */
import type { Params } from "../types.js";
import {
  type LlmFinetuneCostFunction,
  type LlmTestFunctionOptions,
  llmFinetuneLossVsCost,
} from "./test-functions.js";

/** A learning curve of (loss, GPU-hours) vectors, one per evaluation. */
export interface LlmVectorCurve {
  readonly kind: "llm-vector-curve";
  /** Total optimizer steps T of the run. */
  readonly totalSteps: number;
  /** Training step t_i of each evaluation (increasing, the last = T). */
  readonly steps: Float64Array;
  /** Validation loss at each evaluation (NaN from divergence on). */
  readonly loss: Float64Array;
  /** GPU-hours H of the whole run, the second entry of every vector. */
  readonly gpuHours: number;
  /** vectors[i] = [loss[i], gpuHours]: report vectors[i] at step i. */
  readonly vectors: readonly (readonly [number, number])[];
  /** GPU-hours spent up to evaluation i, H·t_i/T: the cost of a run stopped there. */
  readonly gpuHoursSpent: Float64Array;
}

/** {@link llmFinetuneLossVsCost} with a vector learning curve accessor. */
export type LlmFinetuneCostCurveFunction = LlmFinetuneCostFunction & {
  /** The (loss, GPU-hours) vectors of a run; `seed` defaults to the one `evaluate` uses. */
  vectorCurve(params: Params, seed?: number | string): LlmVectorCurve;
};

/**
 * Two objectives, both minimized (final validation loss, GPU-hours), over the cost space, as
 * {@link llmFinetuneLossVsCost} (same name, space, reference point and values), plus
 * `vectorCurve(params)`: the vector a run reports at each evaluation, (loss so far, projected
 * full-run GPU-hours), and the GPU-hours spent up to each evaluation.
 * @throws RangeError for invalid options (as {@link llmFinetuneLossVsCost}).
 * @example
 * ```ts
 * const f = llmFinetuneLossVsCostCurves({ model: "1.5B" });
 * const c = f.vectorCurve(params);
 * for (let i = 0; i < c.vectors.length; i++) {
 *   await trial.report([...c.vectors[i]!], i);
 *   if (trial.shouldPrune()) throw new TrialPruned(); // spent: c.gpuHoursSpent[i] GPU-hours
 * }
 * ```
 */
export function llmFinetuneLossVsCostCurves(
  options: LlmTestFunctionOptions = {},
): LlmFinetuneCostCurveFunction {
  const base = llmFinetuneLossVsCost(options);
  return {
    ...base,
    vectorCurve: (params, seed) => {
      const r = base.run(params, seed);
      const n = r.curve.length;
      const vectors: [number, number][] = new Array(n);
      const spent = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        vectors[i] = [r.curve[i]!, r.gpuHours];
        spent[i] = (r.gpuHours * r.steps[i]!) / r.totalSteps;
      }
      return {
        kind: "llm-vector-curve",
        totalSteps: r.totalSteps,
        steps: r.steps,
        loss: r.curve,
        gpuHours: r.gpuHours,
        vectors,
        gpuHoursSpent: spent,
      };
    },
  };
}
