/**
 * Runs Optuna 3.1's TPE samplers through the benchmark's peer bridge and stores their run
 * records, so that tunelab's side (`tpe-quality.ts`) can be rerun without Python.
 *
 * Run: npm run ts -- benchmarks/compare/tpe-optuna-runs.ts --samplers tpe,tpe_multivariate
 *        --functions branin,hartmann6 --trials 200 --seeds 1-10 --parallel 2 --out file.json
 * Records already in `--out` (same cell) are kept and not rerun.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cellKey, checkOptunaPeer, OptunaExecutor, type RunCell, type RunRecord } from "@tunelab/benchmarks";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { arg, parseSeeds } from "./args.js";

const samplers = arg("samplers", "tpe,tpe_multivariate").split(",");
const functions = arg("functions", STANDARD_NAMES.join(",")).split(",");
const trials = Number(arg("trials", "200"));
const seeds = parseSeeds(arg("seeds", "1-10"));
const parallel = Number(arg("parallel", "2"));
const out = arg("out", "benchmarks/compare/tpe-results/optuna-standard.json");

const cells: RunCell[] = [];
for (const fn of functions)
  for (const sampler of samplers)
    for (const seed of seeds)
      cells.push({
        function: fn,
        side: "optuna",
        sampler,
        pruner: "none",
        seed,
        trials,
        budgetSteps: null,
        concurrency: 1,
      });

const have = new Map<string, RunRecord>();
if (existsSync(out)) for (const r of JSON.parse(readFileSync(out, "utf8")) as RunRecord[]) have.set(r.key, r);
const todo = cells.filter((c) => !have.has(cellKey(c)));
const status = checkOptunaPeer();
if (!status.available) throw new Error(status.message);
console.log(`${status.message}: ${todo.length} runs to do (${have.size} cached), ${parallel} processes`);
let next = 0;
let done = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: parallel }, async () => {
    const ex = new OptunaExecutor();
    try {
      for (;;) {
        const i = next++;
        if (i >= todo.length) return;
        const r = await ex.run(todo[i]!);
        if (r.error !== null) throw new Error(`${r.key}: ${r.error}`);
        have.set(r.key, r);
        done++;
        if (done % 10 === 0 || done === todo.length) {
          writeFileSync(out, JSON.stringify([...have.values()]));
          console.log(`${done}/${todo.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      }
    } finally {
      await ex.close();
    }
  }),
);
writeFileSync(out, JSON.stringify([...have.values()]));
