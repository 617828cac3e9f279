/**
 * Per-trial overhead of RandomSampler through the study API: `nTrials` in-memory trials of a
 * `dim`-dimensional objective, timed over the whole optimize call and over the last 1000
 * trials. Baseline in the same run: the bare cost of drawing the same numbers with Rng.
 *
 * Run: npm run ts -- benchmarks/overhead/random-sampler.ts [nTrials=10000] [dim=10] [repeats=3]
 */
import { Rng } from "@tunelab/math/random";
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage } from "@tunelab/study";

const nTrials = Number(process.argv[2] ?? 10_000);
const dim = Number(process.argv[3] ?? 10);
const repeats = Number(process.argv[4] ?? 3);
const names = Array.from({ length: dim }, (_, i) => `x${i}`);

async function once(seed: number): Promise<{ total: number; last: number }> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: new RandomSampler({ seed }) });
  const stamps: number[] = [];
  const t0 = performance.now();
  await study.optimize(
    (trial) => {
      let s = 0;
      for (const n of names) {
        const x = trial.suggestFloat(n, -5, 5);
        s += x * x;
      }
      stamps.push(performance.now());
      return s;
    },
    { nTrials },
  );
  const total = performance.now() - t0;
  const k = Math.min(1000, nTrials - 1);
  const last = (stamps[stamps.length - 1]! - stamps[stamps.length - 1 - k]!) / k;
  return { total, last };
}

function baseline(): number {
  const rng = Rng.fromSeed(1);
  let s = 0;
  const t0 = performance.now();
  for (let i = 0; i < nTrials * dim; i++) s += rng.uniform(-5, 5);
  if (s === 42) console.log("");
  return performance.now() - t0;
}

await once(0); // warm-up
const runs: { total: number; last: number }[] = [];
for (let r = 0; r < repeats; r++) runs.push(await once(r + 1));
runs.sort((a, b) => a.total - b.total);
const med = runs[Math.floor(runs.length / 2)]!;
const base = baseline();
console.log(`RandomSampler, ${nTrials} trials, ${dim}-D, in-memory, median of ${repeats}:`);
console.log(
  `  total ${med.total.toFixed(1)} ms = ${(med.total / nTrials).toFixed(4)} ms/trial; last 1000 trials ${med.last.toFixed(4)} ms/trial`,
);
console.log(
  `  baseline (the same ${nTrials * dim} uniform draws with Rng alone): ${(base / nTrials).toFixed(5)} ms/trial`,
);
console.log(`  overhead ratio total/baseline: ${(med.total / base).toFixed(1)}x`);
