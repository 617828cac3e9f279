import { ThresholdPruner } from "@tunelab/pruners/threshold";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import type { FrozenTrial, Sampler, StudyView } from "@tunelab/study";
import { branin, llmFinetuneLoss } from "@tunelab/test-functions";
import { describe, expect, it } from "vitest";
import {
  fixedJobOverhead,
  llmModel,
  NO_OVERHEAD,
  type SimulationOptions,
  simulate,
  testFunctionModel,
  timeToTarget,
} from "../../src/queue-sim/index.js";

const random = (seed: number): Sampler => new RandomSampler({ seed });
const base: SimulationOptions = {
  sampler: random,
  model: testFunctionModel(branin(), { duration: 600 }),
  nTrials: 12,
  mode: { kind: "async", workers: 3 },
  cluster: { overhead: NO_OVERHEAD },
  seed: 1,
  trace: true,
};

describe("simulate: determinism and event order", () => {
  it("the same seed gives the identical trace; another seed another one", async () => {
    const opts: SimulationOptions = {
      ...base,
      sampler: (seed) => new TpeSampler({ seed, nStartupTrials: 4 }),
      model: llmModel(llmFinetuneLoss({ seed: 2 })),
      nTrials: 20,
      cluster: { queue: { load: 0.6 } }, // default overheads, a loaded queue
    };
    const a = await simulate(opts);
    const b = await simulate(opts);
    const c = await simulate({ ...opts, seed: 2 });
    expect(a.trace.length).toBeGreaterThan(20 * 3);
    expect(b.trace).toEqual(a.trace);
    expect(b.progress).toEqual(a.progress);
    expect(c.trace).not.toEqual(a.trace);
    // Times never go backwards.
    for (let i = 1; i < a.trace.length; i++)
      expect(a.trace[i]!.time).toBeGreaterThanOrEqual(a.trace[i - 1]!.time);
  });

  it("async with k workers of fixed-length trials runs k at a time, a new trial the moment one ends", async () => {
    const r = await simulate(base);
    const asks = r.trace.filter((e) => e.kind === "ask").map((e) => e.time);
    expect(asks).toEqual([0, 0, 0, 600, 600, 600, 1200, 1200, 1200, 1800, 1800, 1800]);
    expect(r.makespan).toBe(2400);
    expect(r.gpuHours).toBeCloseTo((12 * 600) / 3600, 12);
    expect(r.computeShare).toBeCloseTo(1, 12);
    expect(r.jobs).toBe(12);
  });

  it("batch waits for every trial of a batch; async does not", async () => {
    // Durations 100·(1 + x₁ index parity): vary by trial, so batch waits for its slowest.
    let n = 0;
    const model = testFunctionModel(branin(), { duration: () => (n++ % 3 === 0 ? 900 : 300) });
    const batch = await simulate({ ...base, model, mode: { kind: "batch", size: 3 } });
    const asks = batch.trace.filter((e) => e.kind === "ask").map((e) => e.time);
    expect(asks).toEqual([0, 0, 0, 900, 900, 900, 1800, 1800, 1800, 2700, 2700, 2700]);
    n = 0;
    const asyncRun = await simulate({ ...base, model });
    expect(asyncRun.makespan).toBeLessThan(batch.makespan);
    expect(batch.idleShare).toBe(0); // batch jobs release their GPUs; the loss is wall-clock
  });

  it("sequential runs one job at a time", async () => {
    const r = await simulate({ ...base, mode: { kind: "sequential" }, nTrials: 4 });
    expect(r.trace.filter((e) => e.kind === "ask").map((e) => e.time)).toEqual([0, 600, 1200, 1800]);
    expect(Math.max(...r.trace.map((e) => e.running))).toBe(1);
  });
});

describe("simulate: pruning and RUNNING trials", () => {
  it("a pruned trial frees its worker at the simulated time of the pruning report", async () => {
    // Ten reports at 10%, 20%, ... of 1000 s; the value 5 at step 2 exceeds the threshold 4.
    const curve = () => ({ values: [1, 1, 5, 1, 1, 1, 1, 1, 1, 1] });
    const r = await simulate({
      ...base,
      model: testFunctionModel(branin(), { duration: 1000, curve }),
      pruner: () => new ThresholdPruner({ upper: 4 }),
      mode: { kind: "sequential" },
      job: { trialsPerTask: 3 },
      nTrials: 3,
    });
    const ev = r.trace.filter((e) => e.kind !== "report").map((e) => [e.kind, e.time, e.trial ?? null]);
    expect(ev).toEqual([
      ["submit", 0, null],
      ["job-start", 0, null],
      ["ask", 0, 0],
      ["prune", 300, 0],
      ["ask", 300, 1],
      ["prune", 600, 1],
      ["ask", 600, 2],
      ["prune", 900, 2],
      ["job-end", 900, null],
    ]);
    const reports = r.trace.filter((e) => e.kind === "report" && e.trial === 0).map((e) => [e.time, e.value]);
    expect(reports).toEqual([
      [100, 1],
      [200, 1],
      [300, 5],
    ]);
    expect(r.trials).toEqual({ complete: 0, pruned: 3, failed: 0 });
    expect(r.study.trials.map((t) => t.state)).toEqual(["PRUNED", "PRUNED", "PRUNED"]);
    // Simulated datetimes: the study read the virtual clock.
    expect(r.study.trials[1]!.datetimeStart?.getTime()).toBe(300_000);
  });

  it("the sampler sees the other workers' trials RUNNING when it samples", async () => {
    const seen: number[] = [];
    const spy = (seed: number): Sampler => {
      const inner = new RandomSampler({ seed });
      return {
        inferRelativeSearchSpace: (s: StudyView, t: FrozenTrial) => inner.inferRelativeSearchSpace(s, t),
        sampleRelative: (s: StudyView, t: FrozenTrial, sp) => inner.sampleRelative(s, t, sp),
        sampleIndependent: (s, t, name, d) => inner.sampleIndependent(s, t, name, d),
        beforeTrial: (s: StudyView, t: FrozenTrial) => {
          seen.push(s.getTrials({ states: ["RUNNING"] }).filter((x) => x.number !== t.number).length);
        },
      };
    };
    let n = 0;
    const model = testFunctionModel(branin(), { duration: () => 600 + 10 * n++ });
    await simulate({ ...base, model, sampler: spy, mode: { kind: "async", workers: 4 }, nTrials: 8 });
    // Four start at 0 (seeing 0, 1, 2, 3 others); each later one replaces the one that ended.
    expect(seen).toEqual([0, 1, 2, 3, 3, 3, 3, 3]);
  });
});

describe("simulate: cluster accounting", () => {
  it("held GPU-time = compute + overhead + idle, with the job overhead paid once per job", async () => {
    const r = await simulate({
      ...base,
      cluster: { overhead: fixedJobOverhead(1200) },
      job: { trialsPerTask: 3 },
      nTrials: 12,
    });
    expect(r.jobs).toBe(4);
    expect(r.gpuSeconds.held).toBeCloseTo(4 * (1200 + 3 * 600), 9);
    expect(r.gpuSeconds.overhead).toBeCloseTo(4 * 1200, 9);
    expect(r.gpuSeconds.compute).toBeCloseTo(12 * 600, 9);
    expect(r.computeShare + r.overheadShare + r.idleShare).toBeCloseTo(1, 12);
  });

  it("a multi-GPU job holds all its GPUs until its last slot ends (idle time counted)", async () => {
    let n = 0;
    const model = testFunctionModel(branin(), { duration: () => (n++ % 2 === 0 ? 1000 : 200) });
    const r = await simulate({ ...base, model, mode: { kind: "sequential" }, job: { gpus: 2 }, nTrials: 2 });
    expect(r.gpuSeconds.held).toBeCloseTo(2 * 1000, 9);
    expect(r.gpuSeconds.idle).toBeCloseTo(800, 9);
  });

  it("never holds more than G GPUs or the account's GPU-minutes; the rest wait in the queue", async () => {
    for (const cluster of [
      { gpus: 2, overhead: NO_OVERHEAD },
      { accountGpuMinutes: 2 * 60, overhead: NO_OVERHEAD },
    ]) {
      const r = await simulate({
        ...base,
        cluster,
        job: { timeLimit: 3600 },
        mode: { kind: "async", workers: 4 },
      });
      expect(Math.max(...r.trace.map((e) => e.running))).toBe(2);
      expect(r.makespan).toBe(6 * 600);
      expect(r.queueSeconds).toBeGreaterThan(0);
    }
  });

  it("a loaded queue delays jobs, and the same job waits longer when it asks for more GPUs", async () => {
    const run = (gpus: number, load: number) =>
      simulate({
        ...base,
        job: { gpus, timeLimit: 4 * 3600 },
        nTrials: 8,
        cluster: { overhead: NO_OVERHEAD, queue: { load } },
      });
    const firstStart = (r: { trace: readonly { kind: string; time: number }[] }) =>
      r.trace.find((e) => e.kind === "job-start")!.time;
    const idle = await run(1, 0);
    const one = await run(1, 0.7);
    const eight = await run(8, 0.7);
    expect(idle.queueSeconds).toBe(0);
    expect(one.meanQueueSeconds).toBeGreaterThan(0);
    // Job 0 draws the same exponential variate in both runs (one stream per job number).
    expect(firstStart(one)).toBeGreaterThan(0);
    expect(firstStart(eight)).toBeCloseTo((firstStart(one) * (1 + 32 / 8)) / (1 + 4 / 8), 6);
  });

  it("the time limit kills the running trial (FAIL) and ends the job", async () => {
    const r = await simulate({
      ...base,
      mode: { kind: "sequential" },
      job: { trialsPerTask: 3, timeLimit: 1500 },
      nTrials: 3,
    });
    expect(r.study.trials.map((t) => t.state)).toEqual(["COMPLETE", "COMPLETE", "FAIL"]);
    expect(r.trace.find((e) => e.kind === "fail")?.time).toBe(1500);
  });

  it("timeToTarget reads the first point at or below the target", async () => {
    const r = await simulate(base);
    const p = timeToTarget(r.progress, r.best);
    expect(p?.best).toBe(r.best);
    expect(timeToTarget(r.progress, -1e9)).toBeNull();
  });
});

describe("simulate: bad options", () => {
  it("names the option and the allowed range", async () => {
    await expect(simulate({ ...base, nTrials: 0 })).rejects.toThrow(
      "simulate: nTrials must be an integer >= 1, got 0",
    );
    await expect(simulate({ ...base, mode: { kind: "async", workers: 1.5 } })).rejects.toThrow(
      "simulate: mode.workers must be an integer >= 1, got 1.5",
    );
    await expect(simulate({ ...base, mode: { kind: "pool" } as never })).rejects.toThrow(
      /mode.kind must be "sequential", "batch" or "async"/,
    );
    await expect(simulate({ ...base, job: { gpus: 8 }, cluster: { gpus: 4 } })).rejects.toThrow(
      "simulate: job.gpus must be <= cluster.gpus (4), got 8",
    );
    await expect(
      simulate({ ...base, job: { gpus: 2, timeLimit: 3600 }, cluster: { accountGpuMinutes: 60 } }),
    ).rejects.toThrow(
      /job.gpus × job.timeLimit must be <= cluster.accountGpuMinutes \(60 GPU-minutes\), got 120/,
    );
    await expect(simulate({ ...base, job: { timeLimit: -1 } })).rejects.toThrow(
      /job.timeLimit must be a number > 0/,
    );
    await expect(simulate({ ...base, seed: 0.5 })).rejects.toThrow(/seed must be a safe integer/);
    await expect(simulate({ ...base, cluster: { queue: { load: 1.2 } } })).rejects.toThrow(
      /queue.load must be in \[0, 1\)/,
    );
    expect(() => testFunctionModel(branin(), { duration: 0 })).toThrow(
      /testFunctionModel: duration must be a finite number of seconds > 0, got 0/,
    );
  });
});
