/**
 * What GpSampler costs per trial as a study grows: the 10-D sphere on [-5.12, 5.12]^10,
 * one study of N trials (default 300) in this process, the sampler's CPU time per trial
 * (process.cpuUsage around every sampler call: inferRelativeSearchSpace, sampleRelative,
 * sampleIndependent, beforeTrial, afterTrial) and the process's peak RSS as it goes.
 *
 * Prints, for windows of trials ending at each checkpoint (50, 100, 200, 300, 500, 750,
 * 1000 up to N), the mean, median and maximum sampler CPU ms per trial over the window's
 * last 10 trials and over the whole window, the peak RSS so far, and at the end the
 * sampler's total and the best value found.
 *
 * Run: npm run ts -- benchmarks/gp/sampler-speed.ts [N] [seed] [options JSON]
 *   e.g. npm run ts -- benchmarks/gp/sampler-speed.ts 300 1
 *        npm run ts -- benchmarks/gp/sampler-speed.ts 300 1 '{"refitFraction":0}'
 * (heavy: run with nice -n 19 on a shared machine; N = 1000 takes tens of minutes of CPU).
 */
import { GpSampler, type GpSamplerOptions } from "@tunelab/samplers/gp";
import {
  createStudy,
  type Distribution,
  type FrozenTrial,
  InMemoryStorage,
  type Sampler,
  type SearchSpace,
  type StudyView,
  setLogLevel,
  type TrialState,
} from "@tunelab/study";

const D = 10;
const B = 5.12;

/** Wraps a sampler, charging the CPU time of each call to the trial it serves. */
class TimedSampler implements Sampler {
  readonly cpuMs = new Map<number, number>();
  constructor(private readonly inner: Sampler) {}
  private time<T>(trial: FrozenTrial, f: () => T): T {
    const t0 = process.cpuUsage();
    const out = f();
    const t = process.cpuUsage(t0);
    this.cpuMs.set(trial.number, (this.cpuMs.get(trial.number) ?? 0) + (t.user + t.system) / 1000);
    return out;
  }
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace {
    return this.time(trial, () => this.inner.inferRelativeSearchSpace(study, trial));
  }
  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, number> {
    return this.time(trial, () => this.inner.sampleRelative(study, trial, space));
  }
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, d: Distribution): number {
    return this.time(trial, () => this.inner.sampleIndependent(study, trial, name, d));
  }
  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.time(trial, () => this.inner.beforeTrial?.(study, trial));
  }
  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.time(trial, () => this.inner.afterTrial?.(study, trial, state, values));
  }
}

function stats(xs: number[]): { mean: number; median: number; max: number } {
  const s = xs.slice().sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, median: s[s.length >> 1]!, max: s[s.length - 1]! };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 300);
  const seed = Number(process.argv[3] ?? 1);
  const options = JSON.parse(process.argv[4] ?? "{}") as GpSamplerOptions;
  setLogLevel("warn");
  const timed = new TimedSampler(new GpSampler({ ...options, seed }));
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: timed });
  const checkpoints = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000].filter((c) => c <= n);
  if (checkpoints.at(-1) !== n) checkpoints.push(n);
  console.log(
    `GpSampler ${JSON.stringify(options)} seed ${seed}: 10-D sphere, ${n} trials; sampler CPU ms per trial (node ${process.version})`,
  );
  console.log("| trials | last 10: mean / median / max ms | window: mean / max ms | peak RSS MiB | best |");
  console.log("|---:|---|---|---:|---:|");
  let from = 0;
  for (const c of checkpoints) {
    await study.optimize(
      (t) => {
        let v = 0;
        for (let i = 0; i < D; i++) v += t.suggestFloat(`x${i}`, -B, B) ** 2;
        return v;
      },
      { nTrials: c - from },
    );
    const window: number[] = [];
    for (let k = from; k < c; k++) window.push(timed.cpuMs.get(k) ?? 0);
    const last = stats(window.slice(-10));
    const all = stats(window);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `| ${c} | ${last.mean.toFixed(0)} / ${last.median.toFixed(0)} / ${last.max.toFixed(0)} | ${all.mean.toFixed(0)} / ${all.max.toFixed(0)} | ${rss.toFixed(0)} | ${study.bestValue!.toPrecision(3)} |`,
    );
    from = c;
  }
  let total = 0;
  for (const v of timed.cpuMs.values()) total += v;
  console.log(`sampler CPU total ${(total / 1000).toFixed(1)} s over ${n} trials; best ${study.bestValue}`);
}

await main();
