/**
 * Speed of TpeSampler on the cases of issue 5, with baselines measured in the same run:
 *
 *   sphere10, 1000 trials     10-D sphere on [-5, 5]^10, default TPE (multivariate) and univariate
 *   zdt1_10, 500 trials       ZDT1 with 10 variables, MOTPE (default options, two objectives)
 *   sphere10, 10,000 trials   default TPE (and univariate with --long): time per trial at the end,
 *                             and the heap after a full GC at 1,000 / 5,000 / 10,000 trials
 *
 * For each: total wall time of `study.optimize`, the mean wall time per trial over the last 100
 * trials (between consecutive completions), and the time spent in the sampler's own methods.
 * Baselines: RandomSampler on the same cases (the study's own cost), and with --optuna,
 * Optuna 3.1's TPESampler on the 1000- and 500-trial cases through
 * `tpe_speed_optuna.py` (same objectives, same way of timing), for ratios measured on the same
 * machine at the same time.
 *
 * Run: NODE_OPTIONS=--expose-gc npm run ts -- benchmarks/compare/tpe-speed.ts [--optuna] [--long]
 *        [--repeats 3] [--out file.json]
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel, type Trial } from "@tunelab/study";
import { TimedSampler } from "../src/runner/timed-sampler.js";
import { arg } from "./args.js";

setLogLevel("error");
const withOptuna = process.argv.includes("--optuna");
const long = process.argv.includes("--long");
const repeats = Number(arg("repeats", "3"));
const outPath = arg("out", "");
const gc = (globalThis as { gc?: () => void }).gc;

function sphere10(t: Trial): number {
  let s = 0;
  for (let i = 0; i < 10; i++) s += t.suggestFloat(`x${i}`, -5, 5) ** 2;
  return s;
}

function zdt1(t: Trial): number[] {
  const x = Array.from({ length: 10 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
  const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / 9;
  return [x[0]!, g * (1 - Math.sqrt(x[0]! / g))];
}

interface Timing {
  total: number;
  lastMs: number;
  samplerLastMs: number;
  samplerTotal: number;
  heapMB?: Record<number, number>;
}

async function run(
  make: () => Sampler,
  objective: (t: Trial) => number | number[],
  directions: ("minimize" | "maximize")[],
  trials: number,
  heapAt: number[] = [],
): Promise<Timing> {
  const timed = new TimedSampler(make());
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: timed, directions });
  const stamps: number[] = [];
  const heap: Record<number, number> = {};
  const t0 = performance.now();
  await study.optimize(objective, {
    nTrials: trials,
    callbacks: [
      () => {
        stamps.push(performance.now());
        if (heapAt.includes(stamps.length) && gc !== undefined) {
          const before = performance.now();
          gc();
          heap[stamps.length] = process.memoryUsage().heapUsed / 2 ** 20;
          // The time of the GC is not the sampler's: shift the clock by it.
          const spent = performance.now() - before;
          stamps[stamps.length - 1] = stamps[stamps.length - 1]! + spent;
        }
      },
    ],
  });
  const total = performance.now() - t0;
  const last = stamps.slice(-101);
  const lastMs = (last[last.length - 1]! - last[0]!) / (last.length - 1);
  const ms = [...timed.ms.values()];
  const samplerLastMs = ms.slice(-100).reduce((a, b) => a + b, 0) / 100;
  return {
    total: total / 1000,
    lastMs,
    samplerLastMs,
    samplerTotal: ms.reduce((a, b) => a + b, 0) / 1000,
    ...(heapAt.length > 0 ? { heapMB: heap } : {}),
  };
}

/** Median by total of `repeats` runs. */
async function best(f: () => Promise<Timing>): Promise<Timing> {
  const rs: Timing[] = [];
  for (let r = 0; r < repeats; r++) rs.push(await f());
  rs.sort((a, b) => a.total - b.total);
  return rs[rs.length >> 1]!;
}

const sphere = (m: () => Sampler, n: number, heapAt?: number[]) => run(m, sphere10, ["minimize"], n, heapAt);
const results: Record<string, Timing | Record<string, unknown>> = {};
const cases: [string, () => Promise<Timing>][] = [
  ["sphere10 1000 random", () => sphere(() => new RandomSampler({ seed: 1 }), 1000)],
  ["sphere10 1000 tpe (default: multivariate)", () => sphere(() => new TpeSampler({ seed: 1 }), 1000)],
  [
    "sphere10 1000 tpe univariate",
    () => sphere(() => new TpeSampler({ seed: 1, multivariate: false }), 1000),
  ],
  [
    "zdt1_10 500 random",
    () => run(() => new RandomSampler({ seed: 1 }), zdt1, ["minimize", "minimize"], 500),
  ],
  [
    "zdt1_10 500 tpe (MOTPE, default)",
    () => run(() => new TpeSampler({ seed: 1 }), zdt1, ["minimize", "minimize"], 500),
  ],
  [
    "zdt1_10 500 tpe univariate",
    () => run(() => new TpeSampler({ seed: 1, multivariate: false }), zdt1, ["minimize", "minimize"], 500),
  ],
];
for (const [name, f] of cases) {
  results[name] = await best(f);
  console.log(name, JSON.stringify(results[name]));
}
// One run each: 10,000 trials.
const heapAt = [1000, 5000, 10_000];
results["sphere10 10000 random"] = await sphere(() => new RandomSampler({ seed: 1 }), 10_000, heapAt);
console.log("sphere10 10000 random", JSON.stringify(results["sphere10 10000 random"]));
results["sphere10 10000 tpe (default)"] = await sphere(() => new TpeSampler({ seed: 1 }), 10_000, heapAt);
console.log("sphere10 10000 tpe (default)", JSON.stringify(results["sphere10 10000 tpe (default)"]));
if (long) {
  results["sphere10 10000 tpe univariate"] = await sphere(
    () => new TpeSampler({ seed: 1, multivariate: false }),
    10_000,
    heapAt,
  );
  console.log("sphere10 10000 tpe univariate", JSON.stringify(results["sphere10 10000 tpe univariate"]));
}

if (withOptuna) {
  const py = spawnSync(
    process.env.TUNELAB_PYTHON ?? "/usr/bin/python3",
    [
      new URL("./tpe_speed_optuna.py", import.meta.url).pathname,
      "sphere10-tpe-1000",
      "sphere10-tpe_multivariate-1000",
      "zdt1_10-tpe-500",
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (py.status !== 0) throw new Error(`Optuna side failed: ${py.stderr}`);
  for (const line of py.stdout.trim().split("\n")) {
    const r = JSON.parse(line) as { case: string; total: number; perTrialMs: number[]; optuna: string };
    const last = r.perTrialMs.slice(-100);
    results[`optuna ${r.case}`] = {
      total: r.total,
      lastMs: last.reduce((a, b) => a + b, 0) / last.length,
      optuna: r.optuna,
    };
    console.log(`optuna ${r.case}`, JSON.stringify(results[`optuna ${r.case}`]));
  }
}
if (outPath !== "") {
  writeFileSync(
    outPath,
    `${JSON.stringify({ node: process.version, date: new Date().toISOString(), repeats, results }, null, 1)}\n`,
  );
}
