/**
 * The scenario grids behind issue 15's four claims, on the LLM fine-tuning surrogate
 * (Qwen2.5-1.5B, 10,000 examples, H100; `@tunelab/test-functions/llm`), shared by the tests
 * (`test/queue-sim/evidence.test.ts`), the report script (`benchmarks/queue/run.ts`) and the
 * figures in this folder's README. Each scenario maps a seed to simulation options; the seed
 * fixes the sampler, the surrogate's noise, the overheads and the queue waits.
 */
import { CmaEsSampler } from "@tunelab/samplers/cmaes";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import type { Sampler } from "@tunelab/study";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";
import { llmModel } from "./evaluation.js";
import { DEFAULT_OVERHEAD, fixedJobOverhead, NO_OVERHEAD } from "./overhead.js";
import { type SimulationOptions, type SimulationResult, simulate } from "./simulate.js";
import { type ScenarioSummary, summarizeScenario } from "./summary.js";

/** One row of a grid: a name, the options for a seed, and the target of "time to target". */
export interface Scenario {
  readonly name: string;
  readonly options: (seed: number) => SimulationOptions;
  readonly target: number | null;
}

/** The samplers the grids compare, by name. */
export const EVIDENCE_SAMPLERS: Readonly<Record<string, (seed: number) => Sampler>> = {
  /** tunelab's default TPE: multivariate, constant liar on (RUNNING trials count as bad). */
  tpe: (seed) => new TpeSampler({ seed }),
  /** TPE blind to RUNNING trials (Optuna's default, `constant_liar=False`). */
  "tpe-no-liar": (seed) => new TpeSampler({ seed, constantLiar: false }),
  random: (seed) => new RandomSampler({ seed }),
  cmaes: (seed) => new CmaEsSampler({ seed }),
};

const surrogate = (seed: number, duration?: number) =>
  llmModel(llmFinetuneLoss({ model: "1.5B", seed }), duration === undefined ? {} : { duration });

/**
 * Claim 1: sequential against batch and asynchronous evaluation with `workers` workers, TPE,
 * equal trial counts, no overhead (selection and parallelism only), the surrogate's own
 * trial durations (about 3-25 minutes, varying with epochs, batch and method).
 * @defaultValue nTrials 64, workers 16
 */
export function parallelismScenarios(target: number, nTrials = 64, workers = 16): Scenario[] {
  const common = (seed: number) => ({
    sampler: EVIDENCE_SAMPLERS.tpe!,
    model: surrogate(seed),
    nTrials,
    cluster: { overhead: NO_OVERHEAD },
    seed,
  });
  return [
    { name: "sequential", target, options: (seed) => ({ ...common(seed), mode: { kind: "sequential" } }) },
    {
      name: `batch-${workers}`,
      target,
      options: (seed) => ({ ...common(seed), mode: { kind: "batch", size: workers } }),
    },
    {
      name: `async-${workers}`,
      target,
      options: (seed) => ({ ...common(seed), mode: { kind: "async", workers } }),
    },
  ];
}

/**
 * Claim 2: a job array (`--array=0-N%K`) of m trials per task, K tasks at once, 20 minutes of
 * overhead per job, 10-minute trials, TPE.
 * @defaultValue ms 1, 2, 4, 8, 16, 32; nTrials 128; K 16
 */
export function packingScenarios(
  target: number,
  ms: readonly number[] = [1, 2, 4, 8, 16, 32],
  nTrials = 128,
  tasksAtOnce = 16,
): Scenario[] {
  return ms.map((m) => ({
    name: `m=${m}`,
    target,
    options: (seed) => ({
      sampler: EVIDENCE_SAMPLERS.tpe!,
      model: surrogate(seed, 600),
      nTrials,
      mode: { kind: "async", workers: tasksAtOnce },
      job: { trialsPerTask: m, timeLimit: 20 * 60 + m * 600 + 600 },
      cluster: { overhead: fixedJobOverhead(1200) },
      seed,
    }),
  }));
}

/**
 * Claim 3: one 8-GPU job (8 trials at once, `trialsPerTask` per GPU) against eight 1-GPU jobs
 * of the same trials per task, on a cluster with background load ρ, default overheads, TPE.
 * @defaultValue load 0.8, nTrials 64, trialsPerTask 4, timeLimit 8 h
 */
export function jobSizeScenarios(target: number, load = 0.8, nTrials = 64, trialsPerTask = 4): Scenario[] {
  const common = (seed: number) => ({
    sampler: EVIDENCE_SAMPLERS.tpe!,
    model: surrogate(seed),
    nTrials,
    cluster: { overhead: DEFAULT_OVERHEAD, queue: { load } },
    seed,
  });
  const timeLimit = 8 * 3600;
  return [
    {
      name: `1 job x 8 GPUs (load ${load})`,
      target,
      options: (seed) => ({
        ...common(seed),
        mode: { kind: "sequential" },
        job: { gpus: 8, trialsPerTask, timeLimit },
      }),
    },
    {
      name: `8 jobs x 1 GPU (load ${load})`,
      target,
      options: (seed) => ({
        ...common(seed),
        mode: { kind: "async", workers: 8 },
        job: { gpus: 1, trialsPerTask, timeLimit },
      }),
    },
  ];
}

/**
 * Claim 4: samplers against the number of asynchronous workers, equal trial counts, no
 * overhead, the surrogate's own durations.
 * @defaultValue workers 1, 4, 16, 64; samplers tpe, tpe-no-liar, random, cmaes; nTrials 128
 */
export function samplerRankingScenarios(
  workers: readonly number[] = [1, 4, 16, 64],
  samplers: readonly string[] = ["tpe", "tpe-no-liar", "random", "cmaes"],
  nTrials = 128,
): Scenario[] {
  const out: Scenario[] = [];
  for (const k of workers) {
    for (const s of samplers) {
      const sampler = EVIDENCE_SAMPLERS[s];
      if (sampler === undefined) throw new RangeError(`samplerRankingScenarios: unknown sampler "${s}"`);
      out.push({
        name: `${s} k=${k}`,
        target: null,
        options: (seed) => ({
          sampler,
          model: surrogate(seed),
          nTrials,
          mode: { kind: "async", workers: k },
          cluster: { overhead: NO_OVERHEAD },
          seed,
        }),
      });
    }
  }
  return out;
}

/** Runs every scenario for every seed, in this thread, one after another. */
export async function runScenarios(
  scenarios: readonly Scenario[],
  seeds: readonly number[],
): Promise<{ summaries: ScenarioSummary[]; runs: SimulationResult[][] }> {
  const summaries: ScenarioSummary[] = [];
  const runs: SimulationResult[][] = [];
  for (const sc of scenarios) {
    const rs: SimulationResult[] = [];
    for (const seed of seeds) rs.push(await simulate(sc.options(seed)));
    runs.push(rs);
    summaries.push(summarizeScenario(sc.name, rs, sc.target));
  }
  return { summaries, runs };
}
