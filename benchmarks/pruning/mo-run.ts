/**
 * One run of the multi-objective pruning benchmark (issue 14): multi-objective TPE (the
 * facade's default sampler for several objectives, `TpeSampler` with its defaults, seeded) on
 * the loss-vs-GPU-hours LLM fine-tuning surrogate with vector learning curves
 * (`llmFinetuneLossVsCostCurves`), with one pruner, in an in-memory study at concurrency 1.
 *
 * Each trial reports `[loss(t), projected full-run GPU-hours]` at every evaluation (step i =
 * evaluation i, 10 per epoch) and stops when the pruner says so. The run records, per
 * finished trial in order: its state, the evaluations it ran (its training steps, in
 * evaluations of 1/10 epoch), the GPU-hours it spent (H·t_i/T) and, when COMPLETE, its final
 * vector. It stops after `maxTrials` trials or once the cumulative evaluations reach
 * `stepBudget`, whichever comes first.
 */
import { DominancePruner } from "@tunelab/pruners/dominance";
import { MoHyperbandPruner } from "@tunelab/pruners/mo-hyperband";
import { MoSuccessiveHalvingPruner } from "@tunelab/pruners/mo-successive-halving";
import { TpeSampler } from "@tunelab/samplers/tpe";
import {
  createStudy,
  InMemoryStorage,
  NopPruner,
  type Pruner,
  setLogLevel,
  TrialPruned,
} from "@tunelab/study";
import { type LlmFinetuneCostCurveFunction, llmFinetuneLossVsCostCurves } from "@tunelab/test-functions/llm";
import { suggestSpace } from "../src/problems/problem.js";

/** A pruner of the comparison: its name, the settings used, and a factory. */
export interface MoPrunerMethod {
  readonly name: string;
  readonly description: string;
  readonly create: () => Pruner;
}

/**
 * The methods compared. The settings are those of the single-objective pruner suite
 * (`benchmarks/src/suites/pruners.ts`: median nStartupTrials 5 / nWarmupSteps 5, successive
 * halving minResource 2 / η 3, Hyperband minResource 2 / maxResource 50 / η 3; 50 is the
 * longest curve, 5 epochs × 10 evaluations), with the dominance share at its default ρ = ½,
 * the median rule's analogue. They were fixed before any multi-objective run, not tuned.
 */
export const MO_PRUNER_METHODS: readonly MoPrunerMethod[] = [
  { name: "none", description: "no pruning", create: () => new NopPruner() },
  {
    name: "dominance",
    description: "DominancePruner(fraction 0.5, nStartupTrials 5, nWarmupSteps 5)",
    create: () => new DominancePruner({ fraction: 0.5, nStartupTrials: 5, nWarmupSteps: 5 }),
  },
  {
    name: "mo-sha",
    description: "MoSuccessiveHalvingPruner(minResource 2, reductionFactor 3)",
    create: () => new MoSuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3 }),
  },
  {
    name: "mo-hyperband",
    description: "MoHyperbandPruner(minResource 2, maxResource 50, reductionFactor 3)",
    create: () => new MoHyperbandPruner({ minResource: 2, maxResource: 50, reductionFactor: 3 }),
  },
];

/**
 * The method of a name.
 * @throws RangeError naming the known methods.
 */
export function moPrunerMethod(name: string): MoPrunerMethod {
  const m = MO_PRUNER_METHODS.find((x) => x.name === name);
  if (m === undefined) {
    throw new RangeError(
      `moPrunerMethod: unknown method "${name}"; known: ${MO_PRUNER_METHODS.map((x) => x.name).join(", ")}`,
    );
  }
  return m;
}

/** One finished trial of a run. */
export interface MoTrialRecord {
  /** "C" COMPLETE, "P" PRUNED, "F" FAIL (a diverged run). */
  readonly state: "C" | "P" | "F";
  /** Evaluations the trial ran. */
  readonly steps: number;
  /** GPU-hours the trial spent. */
  readonly gpuHours: number;
  /** Final (loss, GPU-hours) of a COMPLETE trial, else null. */
  readonly values: readonly [number, number] | null;
  /** The trial's `epochs` parameter (its schedule length; 1-5). */
  readonly epochs: number;
}

/** A run: its settings and trials in the order they finished. */
export interface MoRunRecord {
  readonly method: string;
  readonly seed: number;
  readonly trials: readonly MoTrialRecord[];
  /** Process CPU time of the run, ms (sampler, pruner and surrogate). */
  readonly cpuMs: number;
}

/** Settings of {@link runMoPruning}. */
export interface MoRunOptions {
  /** A name of {@link MO_PRUNER_METHODS}. */
  readonly method: string;
  /** Seed of the sampler; the surrogate's noise uses its own instance seed 0. */
  readonly seed: number;
  /** Stop after this many trials. */
  readonly maxTrials: number;
  /** Stop once the cumulative evaluations reach this; null for no step budget. @defaultValue null */
  readonly stepBudget?: number | null;
  /** The surrogate. @defaultValue llmFinetuneLossVsCostCurves() (1.5B, 10k examples, H100) */
  readonly fn?: LlmFinetuneCostCurveFunction;
}

/**
 * Runs one method with one seed.
 * @throws RangeError for an unknown method or a bad count.
 */
export async function runMoPruning(options: MoRunOptions): Promise<MoRunRecord> {
  const where = "runMoPruning";
  const method = moPrunerMethod(options.method);
  if (!Number.isSafeInteger(options.maxTrials) || options.maxTrials < 1) {
    throw new RangeError(`${where}: maxTrials must be an integer >= 1, got ${options.maxTrials}`);
  }
  const budget = options.stepBudget ?? null;
  if (budget !== null && !(budget > 0)) {
    throw new RangeError(`${where}: stepBudget must be a number > 0 or null, got ${budget}`);
  }
  const fn = options.fn ?? llmFinetuneLossVsCostCurves();
  setLogLevel("error"); // diverged runs fail on purpose: no warnings
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new TpeSampler({ seed: options.seed }),
    pruner: method.create(),
    directions: ["minimize", "minimize"],
    studyName: `mo-pruning-${method.name}-${options.seed}`,
  });
  const used = new Map<number, { steps: number; gpuHours: number }>();
  let total = 0;
  const cpu0 = process.cpuUsage();
  await study.optimize(
    async (trial) => {
      const c = fn.vectorCurve(suggestSpace(trial, fn.space));
      const n = c.vectors.length;
      for (let i = 0; i < n; i++) {
        const v = c.vectors[i]!;
        await trial.report([v[0], v[1]], i);
        used.set(trial.number, { steps: i + 1, gpuHours: c.gpuHoursSpent[i]! });
        if (i < n - 1 && trial.shouldPrune()) throw new TrialPruned(`pruned at step ${i}`);
      }
      const last = c.vectors[n - 1]!;
      return [last[0], last[1]];
    },
    {
      nTrials: options.maxTrials,
      catch: true,
      callbacks: [
        (s, t) => {
          total += used.get(t.number)?.steps ?? 0;
          if (budget !== null && total >= budget) s.stop();
        },
      ],
    },
  );
  const cpu = process.cpuUsage(cpu0);
  const trials: MoTrialRecord[] = [];
  for (const t of study.trials) {
    if (t.state !== "COMPLETE" && t.state !== "PRUNED" && t.state !== "FAIL") continue;
    const u = used.get(t.number) ?? { steps: 0, gpuHours: 0 };
    const values =
      t.state === "COMPLETE" && t.values !== null ? ([t.values[0]!, t.values[1]!] as const) : null;
    trials.push({
      state: t.state === "COMPLETE" ? "C" : t.state === "PRUNED" ? "P" : "F",
      steps: u.steps,
      gpuHours: u.gpuHours,
      values,
      epochs: typeof t.params.epochs === "number" ? t.params.epochs : Number.NaN,
    });
  }
  return { method: method.name, seed: options.seed, trials, cpuMs: (cpu.user + cpu.system) / 1000 };
}
