/**
 * Overhead of CmaEsSampler through the study API: `nTrials` in-memory trials of the
 * `dim`-dimensional sphere on [-5, 5]^dim (the workload of the issue's Optuna figure, 1.35 s for
 * 1000 trials), whole `optimize` call timed, median over `repeats` runs after two warm-up runs
 * (the cold first run of each sampler, JIT compilation included, is printed too). In the same run: RandomSampler
 * on the same workload (what the study machinery itself costs) and, when /usr/bin/python3 has
 * Optuna, Optuna 3.1's CmaEsSampler and RandomSampler (cmaes_overhead.py). The machine is shared
 * and noisy: the ratios measured in one run are the figures to quote.
 *
 * Run: npm run ts -- benchmarks/compare/cmaes-overhead.ts [nTrials=1000] [dim=10] [repeats=5]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CmaEsSampler, type CmaEsSamplerOptions } from "@tunelab/samplers/cmaes";
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel } from "@tunelab/study";

setLogLevel("warn");

const nTrials = Number(process.argv[2] ?? 1000);
const dim = Number(process.argv[3] ?? 10);
const repeats = Number(process.argv[4] ?? 5);
const names = Array.from({ length: dim }, (_, i) => `x${i}`);

async function once(sampler: Sampler): Promise<number> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler });
  const t0 = performance.now();
  await study.optimize(
    (trial) => {
      let s = 0;
      for (const n of names) {
        const x = trial.suggestFloat(n, -5, 5);
        s += x * x;
      }
      return s;
    },
    { nTrials },
  );
  return (performance.now() - t0) / 1000;
}

async function measure(
  make: (seed: number) => Sampler,
): Promise<{ cold: number; median: number; runs: number[] }> {
  const cold = await once(make(0));
  await once(make(0)); // a second warm-up: V8 tiers hot functions up over the first runs
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) runs.push(await once(make(r + 1)));
  runs.sort((a, b) => a - b);
  return { cold, median: runs[Math.floor(runs.length / 2)]!, runs };
}

const variants: [string, CmaEsSamplerOptions][] = [
  ["CmaEsSampler (defaults)", {}],
  ["CmaEsSampler (orthogonalSampling: false)", { orthogonalSampling: false }],
  ["CmaEsSampler (restart ipop)", { restart: { kind: "ipop" } }],
  ["CmaEsSampler (separable)", { variant: { kind: "separable" } }],
];
console.log(
  `${nTrials} trials, ${dim}-D sphere, in-memory storage, median of ${repeats} after two warm-up runs:`,
);
const random = await measure((seed) => new RandomSampler({ seed }));
const results: { label: string; median: number }[] = [];
for (const [label, options] of variants) {
  const m = await measure((seed) => new CmaEsSampler({ ...options, seed }));
  results.push({ label, median: m.median });
  console.log(
    `  ${label}: ${m.median.toFixed(3)} s (${((m.median / nTrials) * 1e6).toFixed(1)} µs/trial; cold first run ${m.cold.toFixed(3)} s)`,
  );
}
console.log(
  `  RandomSampler (the study's own cost): ${random.median.toFixed(3)} s (${((random.median / nTrials) * 1e6).toFixed(1)} µs/trial; cold first run ${random.cold.toFixed(3)} s)`,
);
const ours = results[0]!.median;
console.log(
  `  target ≤ 0.1 s for 1000 trials: ${nTrials === 1000 && dim === 10 ? (ours <= 0.1 ? "met" : "NOT met") : "n/a (other workload)"}`,
);

const python = "/usr/bin/python3";
const script = fileURLToPath(new URL("./cmaes_overhead.py", import.meta.url));
if (!existsSync(python)) {
  console.log("  Optuna comparison skipped: /usr/bin/python3 is missing");
} else {
  try {
    const out = execFileSync(python, [script, String(nTrials), String(dim), String(repeats)], {
      encoding: "utf8",
    });
    const o = JSON.parse(out.trim().split("\n").pop()!) as {
      optuna: string;
      cmaes_s: number;
      random_s: number;
    };
    console.log(
      `  Optuna ${o.optuna} CmaEsSampler, same workload: ${o.cmaes_s.toFixed(3)} s; RandomSampler ${o.random_s.toFixed(3)} s`,
    );
    console.log(
      `  ratio Optuna / tunelab, CmaEsSampler: ${(o.cmaes_s / ours).toFixed(1)}x; RandomSampler: ${(o.random_s / random.median).toFixed(1)}x`,
    );
  } catch (error) {
    console.log(`  Optuna comparison skipped: ${(error as Error).message.split("\n")[0]}`);
  }
}
