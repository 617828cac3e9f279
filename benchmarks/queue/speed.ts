/**
 * Speed of the resource-queue simulator (issue 15): 1,000 trials, 64 asynchronous workers,
 * TPE on the LLM surrogate, seeds 1-3 in one process. Reports CPU seconds per run and the
 * share spent inside the sampler's methods (the rest: study, surrogate, event loop).
 *   npm run ts -- benchmarks/queue/speed.ts
 */
import { llmModel, NO_OVERHEAD, simulate } from "@tunelab/runner/queue-sim";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { type Sampler, setLogLevel } from "@tunelab/study";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";

setLogLevel("silent");

/** Wraps a sampler's methods to accumulate the process CPU time spent inside them (wall time would count time descheduled on a shared machine). */
function timed(inner: Sampler, acc: { ms: number }): Sampler {
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      const t = process.cpuUsage();
      try {
        return f(...a);
      } finally {
        const d = process.cpuUsage(t);
        acc.ms += (d.user + d.system) / 1000;
      }
    };
  return {
    inferRelativeSearchSpace: wrap(inner.inferRelativeSearchSpace.bind(inner)),
    sampleRelative: wrap(inner.sampleRelative.bind(inner)),
    sampleIndependent: wrap(inner.sampleIndependent.bind(inner)),
    ...(inner.beforeTrial ? { beforeTrial: wrap(inner.beforeTrial.bind(inner)) } : {}),
    ...(inner.afterTrial ? { afterTrial: wrap(inner.afterTrial.bind(inner)) } : {}),
  };
}

for (const seed of [1, 2, 3]) {
  const acc = { ms: 0 };
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const r = await simulate({
    sampler: (s) => timed(new TpeSampler({ seed: s }), acc),
    model: llmModel(llmFinetuneLoss({ seed })),
    nTrials: 1000,
    mode: { kind: "async", workers: 64 },
    cluster: { overhead: NO_OVERHEAD },
    seed,
  });
  const cpu = process.cpuUsage(t0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const wall = (performance.now() - w0) / 1000;
  console.log(
    `seed ${seed}: ${r.trials.complete + r.trials.pruned + r.trials.failed} trials, ${cpuS.toFixed(2)} s CPU (${wall.toFixed(2)} s wall), sampler ${(acc.ms / 1000).toFixed(2)} s = ${((100 * acc.ms) / 1000 / cpuS).toFixed(0)}% of CPU; best ${r.best.toFixed(4)}, simulated ${(r.makespan / 3600).toFixed(1)} h`,
  );
}
