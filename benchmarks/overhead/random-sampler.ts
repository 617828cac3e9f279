/**
 * Per-trial overhead of RandomSampler through the study API: `nTrials` in-memory trials of a
 * `dim`-dimensional objective, timed over the whole optimize call and over the last 1000
 * trials. Baseline in the same run: the bare cost of drawing the same numbers with Rng.
 *
 * With Debian's python3-optuna present, Optuna 3.1's RandomSampler runs the same workload in
 * the same run (optuna_random.py), and the ratio is printed: the machines are shared and
 * noisy, so the ratio is the figure to compare.
 *
 * Run: npm run ts -- benchmarks/overhead/random-sampler.ts [nTrials=10000] [dim=10] [repeats=3]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Rng } from "@tunelab/math/random";
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";

setLogLevel("warn");

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

const python = "/usr/bin/python3";
const script = fileURLToPath(new URL("./optuna_random.py", import.meta.url));
if (!existsSync(python)) {
  console.log("  Optuna comparison skipped: /usr/bin/python3 is missing");
} else {
  try {
    const out = execFileSync(python, [script, String(nTrials), String(dim), String(repeats)], {
      encoding: "utf8",
    });
    const optuna = JSON.parse(out.trim().split("\n").pop()!) as { optuna: string; ms_per_trial: number };
    const ours = med.total / nTrials;
    console.log(
      `  Optuna ${optuna.optuna} RandomSampler, same workload: ${optuna.ms_per_trial.toFixed(4)} ms/trial`,
    );
    console.log(`  tunelab is ${(optuna.ms_per_trial / ours).toFixed(1)}x faster per trial`);
  } catch (error) {
    console.log(`  Optuna comparison skipped: ${(error as Error).message.split("\n")[0]}`);
  }
}
