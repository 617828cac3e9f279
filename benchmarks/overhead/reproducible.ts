/**
 * The price of `optimize({ reproducible: true })`: a 5-D TpeSampler study at concurrency 4
 * whose objective takes a seeded random 0–2 ms (so trials finish out of order), run with and
 * without the option. Reports wall time (idle time waiting for earlier trials shows here)
 * and CPU time (samplers rebuild their per-study caches for each trial's fixed view).
 *
 *   npm run ts -- benchmarks/overhead/reproducible.ts [trials] [sampler: tpe|cmaes|random]
 */
import { Rng } from "@tunelab/math/random";
import { CmaEsSampler } from "@tunelab/samplers/cmaes";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel } from "@tunelab/study";

setLogLevel("warn");
const nTrials = Number(process.argv[2] ?? 500);
const which = process.argv[3] ?? "tpe";
const make = (): Sampler =>
  which === "cmaes"
    ? new CmaEsSampler({ seed: 1 })
    : which === "random"
      ? new RandomSampler({ seed: 1 })
      : new TpeSampler({ seed: 1 });

async function once(reproducible: boolean): Promise<{ wall: number; cpu: number }> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: make() });
  const delays = Rng.fromSeed(7);
  const wait = Array.from({ length: nTrials }, () => delays.int(0, 2));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await study.optimize(
    async (t) => {
      let s = 0;
      for (let i = 0; i < 5; i++) s += (t.suggestFloat(`x${i}`, -5, 5) - i / 5) ** 2;
      await new Promise((r) => setTimeout(r, wait[t.number]));
      return s;
    },
    { nTrials, concurrency: 4, reproducible },
  );
  const cpu = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

await once(false);
for (const reproducible of [false, true, false, true]) {
  const r = await once(reproducible);
  console.log(
    `${which}, ${nTrials} trials, concurrency 4, reproducible=${reproducible}: wall ${r.wall.toFixed(2)} s, CPU ${r.cpu.toFixed(2)} s`,
  );
}
