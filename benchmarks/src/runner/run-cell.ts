/**
 * Runs one tunelab cell in this thread: a fresh in-memory study with the registered sampler
 * (wrapped to time it) and pruner, the problem as objective, and the trials read back.
 */
import { createStudy, InMemoryStorage, isFeasible, setLogLevel } from "@tunelab/study";
import { problemObjective } from "../problems/problem.js";
import { resolveProblem } from "../problems/registry.js";
import { SAMPLERS, type SamplerEntry, samplerApplies, samplerEntry } from "../samplers/registry.js";
import { prunerEntry } from "../suites/pruners.js";
import { curveTrials } from "./curve-trials.js";
import { TimedSampler } from "./timed-sampler.js";
import { cellKey, type RunCell, type RunRecord, skippedRecord, type TrialCode } from "./types.js";

/** Trials a budgeted run may start at most, as a multiple of `trials`. */
export const BUDGET_TRIAL_CAP = 10;

/**
 * Runs a tunelab cell. A sampler that does not apply to the problem gives a skipped record;
 * an error thrown by the study gives a record with `error` set (never a rejection).
 */
export async function runTunelabCell(
  cell: RunCell,
  registry: readonly SamplerEntry[] = SAMPLERS,
): Promise<RunRecord> {
  // Failed trials (NaN from a diverged surrogate run) are part of the benchmark: no warnings.
  setLogLevel("error");
  try {
    const problem = resolveProblem(cell.function);
    const entry = samplerEntry("tunelab", cell.sampler, registry);
    if (!samplerApplies(entry, problem)) {
      return skippedRecord(
        cell,
        `${cell.sampler} does not handle ${problem.directions.length}-objective problems`,
      );
    }
    const missing = problem.unavailable?.() ?? null;
    if (missing !== null) return skippedRecord(cell, missing);
    if (cell.pruner !== "none" && problem.curve === undefined) {
      return skippedRecord(cell, `${cell.function} has no learning curve to prune`);
    }
    const sampler = entry.create?.(cell.seed, { problem, trials: cell.trials }) ?? null;
    if (sampler === null) return skippedRecord(cell, `${cell.sampler} does not apply to ${cell.function}`);
    const timed = new TimedSampler(sampler);
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: timed,
      pruner: prunerEntry(cell.pruner).create(),
      directions: problem.directions,
      studyName: `${cell.function}-${cell.sampler}-${cell.pruner}-${cell.seed}`,
    });
    const usage = { steps: new Map<number, number>(), reports: new Map<number, number>() };
    let used = 0;
    const budget = cell.budgetSteps;
    const t0 = performance.now();
    await study.optimize(problemObjective(problem, usage), {
      nTrials: budget === null ? cell.trials : cell.trials * BUDGET_TRIAL_CAP,
      concurrency: cell.concurrency,
      catch: true,
      callbacks:
        budget === null
          ? []
          : [
              (s, t) => {
                used += usage.steps.get(t.number) ?? 0;
                if (used >= budget) s.stop();
              },
            ],
    });
    const wallMs = performance.now() - t0;
    const trials = study.trials;
    const values: (number[] | null)[] = [];
    const states: TrialCode[] = [];
    const steps: number[] = [];
    const reports: number[] = [];
    const feasible: boolean[] = [];
    const samplerMs: number[] = [];
    for (const t of trials) {
      values.push(t.state === "COMPLETE" && t.values !== null ? t.values.slice() : null);
      states.push(t.state === "COMPLETE" ? "C" : t.state === "PRUNED" ? "P" : "F");
      steps.push(usage.steps.get(t.number) ?? 0);
      reports.push(usage.reports.get(t.number) ?? 0);
      feasible.push(isFeasible(t));
      samplerMs.push(timed.ms.get(t.number) ?? 0);
    }
    return {
      key: cellKey(cell),
      cell,
      values,
      states,
      steps,
      feasible,
      samplerMs,
      ...(problem.curve === undefined ? {} : { curves: curveTrials(problem.curve, trials, reports) }),
      wallMs,
      skipped: null,
      error: null,
    };
  } catch (e) {
    return skippedRecord(cell, "", e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
}
