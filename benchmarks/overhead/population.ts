/**
 * Issue 17: per-trial overhead of the population samplers (DifferentialEvolutionSampler with
 * SHADE and with rand/1/bin, ParticleSwarmSampler, AntColonySampler, GeneticSampler) against
 * RandomSampler, in one process: `nTrials` in-memory trials of a `dim`-dimensional sphere each, CPU time (process.cpuUsage,
 * user + system) of the whole optimize call and of its last 1,000 trials. The samplers run in
 * turn, `repeats` rounds in rotating order after one warm-up round of 1,000 trials each; the
 * medians and their ratios to random's are printed (the machine is shared: the ratios are the
 * figures to compare). Target (issue 17): at most 3× random's CPU per trial at 10,000 trials.
 *
 * Run: npm run ts -- benchmarks/overhead/population.ts [nTrials=10000] [dim=10] [repeats=3]
 */
import { AntColonySampler } from "@tunelab/samplers/aco";
import { DifferentialEvolutionSampler } from "@tunelab/samplers/de";
import { GeneticSampler } from "@tunelab/samplers/ga";
import { ParticleSwarmSampler } from "@tunelab/samplers/pso";
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel } from "@tunelab/study";

setLogLevel("warn");

const nTrials = Number(process.argv[2] ?? 10_000);
const dim = Number(process.argv[3] ?? 10);
const repeats = Number(process.argv[4] ?? 3);
const names = Array.from({ length: dim }, (_, i) => `x${i}`);

const SAMPLERS: Record<string, (seed: number) => Sampler> = {
  random: (seed) => new RandomSampler({ seed }),
  shade: (seed) => new DifferentialEvolutionSampler({ seed }),
  de: (seed) => new DifferentialEvolutionSampler({ seed, strategy: { kind: "rand1bin" } }),
  pso: (seed) => new ParticleSwarmSampler({ seed }),
  aco: (seed) => new AntColonySampler({ seed }),
  ga: (seed) => new GeneticSampler({ seed }),
};

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function once(
  make: (seed: number) => Sampler,
  seed: number,
  n: number,
): Promise<{ total: number; last: number; best: number }> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: make(seed) });
  const stamps: number[] = [];
  const t0 = cpuMs();
  await study.optimize(
    (trial) => {
      let s = 0;
      for (const name of names) {
        const x = trial.suggestFloat(name, -5, 5);
        s += (x - 1) * (x - 1);
      }
      stamps.push(cpuMs());
      return s;
    },
    { nTrials: n },
  );
  const total = cpuMs() - t0;
  const k = Math.min(1000, n - 1);
  const last = (stamps[stamps.length - 1]! - stamps[stamps.length - 1 - k]!) / k;
  return { total, last, best: study.bestValue };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const keys = Object.keys(SAMPLERS);
for (const key of keys) await once(SAMPLERS[key]!, 0, 1000); // warm-up
const results = new Map<string, { total: number; last: number; best: number }[]>(keys.map((k) => [k, []]));
for (let r = 0; r < repeats; r++) {
  for (let j = 0; j < keys.length; j++) {
    const key = keys[(j + r) % keys.length]!;
    results.get(key)!.push(await once(SAMPLERS[key]!, r + 1, nTrials));
  }
}
console.log(`${nTrials} trials, ${dim}-D sphere, in-memory, CPU time, median of ${repeats} rounds:`);
const ref = results.get("random")!;
const refTotal = median(ref.map((x) => x.total));
const refLast = median(ref.map((x) => x.last));
for (const key of keys) {
  const rs = results.get(key)!;
  const total = median(rs.map((x) => x.total));
  const last = median(rs.map((x) => x.last));
  console.log(
    `  ${key.padEnd(7)} ${(total / nTrials).toFixed(4)} ms/trial (×${(total / refTotal).toFixed(2)} random); last 1000 trials ${last.toFixed(4)} ms/trial (×${(last / refLast).toFixed(2)}); best ${median(rs.map((x) => x.best)).toExponential(2)}`,
  );
}
