/**
 * Solution quality of tunelab's CmaEsSampler against Optuna 3.1's CmaEsSampler on the eight
 * standard functions (branin, hartmann6, and rosenbrock, rastrigin, ackley, styblinski-tang,
 * levy, griewank in 10-D; `standardFunctions()` of `@tunelab/test-functions`, the definitions
 * of the Optuna 3.1 baselines): log10 regret log10(max(best − f*, 1e-12)) after `trials`
 * trials, over the same seeds, same budget, in the same run.
 *
 * Both sides go through the benchmark runner's pieces: tunelab runs with `runTunelabCell` (the
 * sampler given to it as an extra registry entry, here in this thread), Optuna runs in the peer
 * bridge (`benchmarks/peers/optuna_peer.py`, which re-implements the functions in Python;
 * `benchmarks/test/peers/agreement.test.ts` checks both implementations agree on shared points)
 * with `CmaEsSampler(seed=seed)` and defaults. Per function: medians and quartiles, and a
 * two-sided Mann-Whitney U test at 5% (`mannWhitneyU` of `benchmarks/src/stats`, checked
 * against SciPy 1.10 by the benchmark package's fixtures).
 *
 * Run: npm run ts -- benchmarks/compare/cmaes-quality.ts [--trials 200] [--seeds 0-9]
 *        [--functions a,b] [--parallel 2] [--options '{"restart":{"kind":"ipop"}}']
 *        [--optuna-cache file.json] [--out file.json]
 * With `--optuna-cache`, Optuna's records are read from the file when it has them all, else
 * computed and written there (to iterate on tunelab's side without rerunning Python).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  checkOptunaPeer,
  mannWhitneyU,
  median,
  OptunaExecutor,
  quantileSorted,
  type RunCell,
  type RunRecord,
  resolveProblem,
  runTunelabCell,
  SAMPLERS,
  type SamplerEntry,
} from "@tunelab/benchmarks";
import { CmaEsSampler, type CmaEsSamplerOptions } from "@tunelab/samplers/cmaes";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { arg, parseSeeds } from "./args.js";

const trials = Number(arg("trials", "200"));
const seeds = parseSeeds(arg("seeds", "0-9"));
const functions = arg("functions", STANDARD_NAMES.join(",")).split(",");
const parallel = Number(arg("parallel", "2"));
const samplerOptions = JSON.parse(arg("options", "{}")) as CmaEsSamplerOptions;
const cachePath = arg("optuna-cache", "");
const outPath = arg("out", "");

const entry: SamplerEntry = {
  name: "cmaes",
  side: "tunelab",
  description: "CmaEsSampler",
  multiObjective: false,
  create: (seed) => new CmaEsSampler({ ...samplerOptions, seed }),
};
const registry: SamplerEntry[] = [
  entry,
  ...SAMPLERS.filter((s) => !(s.side === "tunelab" && s.name === "cmaes")),
];

function cell(fn: string, side: "tunelab" | "optuna", seed: number): RunCell {
  return {
    function: fn,
    side,
    sampler: "cmaes",
    pruner: "none",
    seed,
    trials,
    budgetSteps: null,
    concurrency: 1,
  };
}

/** log10 regret after the whole run. */
function finalScore(r: RunRecord): number {
  if (r.error !== null || r.skipped !== null) throw new Error(`${r.key}: ${r.error ?? r.skipped}`);
  const f = resolveProblem(r.cell.function).fn;
  const optimum = (f as { optimum: number | null }).optimum;
  if (optimum === null) throw new Error(`${r.cell.function} has no known optimum`);
  let best = Number.POSITIVE_INFINITY;
  r.values.forEach((v, i) => {
    if (r.states[i] === "C" && v !== null) best = Math.min(best, v[0]!);
  });
  return Math.log10(Math.max(best - optimum, 1e-12));
}

async function runOptuna(): Promise<RunRecord[]> {
  const cells = functions.flatMap((fn) => seeds.map((s) => cell(fn, "optuna", s)));
  const keys = new Set(cells.map((c) => JSON.stringify(c)));
  if (cachePath !== "" && existsSync(cachePath)) {
    const cached = JSON.parse(readFileSync(cachePath, "utf8")) as RunRecord[];
    const have = new Map(cached.map((r) => [JSON.stringify(r.cell), r]));
    if ([...keys].every((k) => have.has(k))) return cells.map((c) => have.get(JSON.stringify(c))!);
  }
  const status = checkOptunaPeer();
  if (!status.available) throw new Error(status.message);
  console.log(`Optuna side: ${status.message}, ${cells.length} runs on ${parallel} processes`);
  const out: RunRecord[] = new Array(cells.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      const ex = new OptunaExecutor();
      try {
        for (;;) {
          const i = next++;
          if (i >= cells.length) return;
          out[i] = await ex.run(cells[i]!);
        }
      } finally {
        await ex.close();
      }
    }),
  );
  if (cachePath !== "") writeFileSync(cachePath, JSON.stringify(out));
  return out;
}

const t0 = performance.now();
const tunelab: RunRecord[] = [];
for (const fn of functions)
  for (const s of seeds) tunelab.push(await runTunelabCell(cell(fn, "tunelab", s), registry));
const tunelabSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const optuna = await runOptuna();
const optunaSeconds = (performance.now() - t1) / 1000;

function fmt(xs: number[]): string {
  const s = xs.slice().sort((a, b) => a - b);
  return `${median(s).toFixed(2)} [${quantileSorted(s, 0.25).toFixed(2)}, ${quantileSorted(s, 0.75).toFixed(2)}]`;
}

const rows: string[] = [];
let better = 0;
let worseSignificant = 0;
const summary: Record<string, unknown>[] = [];
for (const fn of functions) {
  const a = tunelab.filter((r) => r.cell.function === fn).map(finalScore);
  const b = optuna.filter((r) => r.cell.function === fn).map(finalScore);
  const ma = median(a.slice().sort((x, y) => x - y));
  const mb = median(b.slice().sort((x, y) => x - y));
  const p = mannWhitneyU(a, b).pValue;
  const verdict =
    p < 0.05
      ? ma < mb
        ? "better (significant)"
        : "worse (significant)"
      : ma < mb
        ? "better median"
        : ma > mb
          ? "worse median"
          : "tie";
  if (ma < mb) better++;
  if (p < 0.05 && ma > mb) worseSignificant++;
  rows.push(`| ${fn} | ${fmt(a)} | ${fmt(b)} | ${p.toFixed(3)} | ${verdict} |`);
  summary.push({ function: fn, tunelab: a, optuna: b, medianTunelab: ma, medianOptuna: mb, p });
}
console.log(
  `\nlog10 regret after ${trials} trials, median [q1, q3] over seeds ${seeds.join(",")}; tunelab options ${JSON.stringify(samplerOptions)}`,
);
console.log("\n| function | tunelab CmaEsSampler | Optuna 3.1 CmaEsSampler | Mann-Whitney p | tunelab |");
console.log("|---|---|---|---:|---|");
for (const r of rows) console.log(r);
console.log(
  `\nbetter median on ${better}/${functions.length}; significantly worse on ${worseSignificant}; wall: tunelab ${tunelabSeconds.toFixed(1)} s (1 thread), Optuna ${optunaSeconds.toFixed(1)} s (${parallel} processes)`,
);
if (outPath !== "")
  writeFileSync(outPath, `${JSON.stringify({ trials, seeds, options: samplerOptions, summary }, null, 1)}\n`);
