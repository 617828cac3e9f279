/**
 * Prints the real suite's tables from a run's folder:
 * `node benchmarks/dist/problems/sklearn/table-cli.js bench-results/real 20,40`
 * (budgets default to 20,40). Reads `<dir>/runs.jsonl`, so a run still in progress can be read.
 * Several folders, comma-separated, are read as one; `--seeds 1,2,3` keeps only those seeds
 * (e.g. the seeds every folder has finished). `--summary` prints, instead of the per-problem tables,
 * one row per method: at each budget the count of problems at least as good as the better
 * Optuna default, the count significantly worse, and the mean rank of its median.
 * `--methods auto,tpe,optuna/tpe,...` keeps only those methods (labels as in the table).
 * `--gain A,B` prints instead, per problem and method, the median relative gain of the best loss
 * from A to B trials within the same run (e.g. `--gain 10,20`: what the ten trials after a
 * ten-trial random start-up added).
 * `--blocks 1-10,11-20,21-30` prints instead, per budget and method, the count of problems at
 * least as good as the better Optuna default for every (method's seed block, references' seed
 * block) pair ({@link blockCounts}): what the 10-seed count reads on other seeds, and, for an
 * Optuna default as the method, what a sampler exactly as good as it reaches.
 * `--pooled N` prints instead, per problem, the losses of the first N trials of every run pooled
 * by method, their median, and the two-sided Mann-Whitney p of each method against each Optuna
 * default ({@link pooledFirstTrials}): with N the start-up size, whether the start-up draws are
 * alike.
 */
import { join } from "node:path";
import { mannWhitneyU } from "@tunelab/math/stats";
import { readRunsFile } from "../../runner/run-benchmark.js";
import type { RunRecord } from "../../runner/types.js";
import { methodLabel } from "../../samplers/registry.js";
import {
  blockCounts,
  budgetGain,
  budgetSummary,
  budgetTable,
  fmt,
  median,
  pooledFirstTrials,
} from "./budget-table.js";

const args = process.argv.slice(2);
const summaryAt = args.indexOf("--summary");
if (summaryAt >= 0) args.splice(summaryAt, 1);
const seedsAt = args.indexOf("--seeds");
const seedsArg = seedsAt < 0 ? undefined : args.splice(seedsAt, 2)[1];
const seeds = seedsArg === undefined ? null : new Set(seedsArg.split(",").map(Number));
if (seeds !== null && [...seeds].some((s) => !Number.isSafeInteger(s))) {
  throw new RangeError(`table-cli: --seeds must be a comma-separated list of integers, got ${seedsArg}`);
}
const methodsAt = args.indexOf("--methods");
const methodsArg = methodsAt < 0 ? undefined : args.splice(methodsAt, 2)[1];
const only = methodsArg === undefined ? null : new Set(methodsArg.split(","));
const gainAt = args.indexOf("--gain");
const gainArg = gainAt < 0 ? undefined : args.splice(gainAt, 2)[1];
const gain = gainArg === undefined ? null : gainArg.split(",").map(Number);
if (
  gain !== null &&
  (gain.length !== 2 || !gain.every((b) => Number.isSafeInteger(b) && b >= 1) || gain[0]! >= gain[1]!)
) {
  throw new RangeError(`table-cli: --gain must be two budgets A,B with 1 <= A < B, got ${gainArg}`);
}
const blocksAt = args.indexOf("--blocks");
const blocksArg = blocksAt < 0 ? undefined : args.splice(blocksAt, 2)[1];
const blocks = blocksArg === undefined ? null : blocksArg.split(",").map((b) => parseBlock(b));

/** "11-20" → [11, ..., 20]; "7" → [7]. */
function parseBlock(b: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(b);
  const lo = m === null ? Number.NaN : Number(m[1]);
  const hi = m === null ? Number.NaN : Number(m[2] ?? m[1]);
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi < lo) {
    throw new RangeError(
      `table-cli: --blocks must be comma-separated seed ranges such as 1-10,11-20, got ${blocksArg}`,
    );
  }
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}
const pooledAt = args.indexOf("--pooled");
const pooledArg = pooledAt < 0 ? undefined : args.splice(pooledAt, 2)[1];
const pooled = pooledArg === undefined ? null : Number(pooledArg);
if (pooled !== null && !(Number.isSafeInteger(pooled) && pooled >= 1)) {
  throw new RangeError(`table-cli: --pooled must be an integer >= 1, got ${pooledArg}`);
}
const dirs = (args[0] ?? "bench-results/real").split(",");
const budgets = (args[1] ?? "20,40").split(",").map(Number);
// One record per run: a resumed folder may hold a failed record and then its success.
const byKey = new Map<string, RunRecord>();
for (const dir of dirs) {
  for (const r of readRunsFile(join(dir, "runs.jsonl"))) {
    if (seeds !== null && !seeds.has(r.cell.seed)) continue;
    if (r.error === null || !byKey.has(r.key)) byKey.set(r.key, r);
  }
}
const runs = [...byKey.values()].filter((r) => only === null || only.has(methodLabel(r.cell)));
// The usual columns first, in this order; any other sampler of the folder after them.
const order = [
  "auto",
  "auto_qmc",
  "tpe",
  "tpe_univariate",
  "tpe_group",
  "tpe_branch",
  "tpe_clip30",
  "random",
  "qmc",
  "qmc_scrambled",
  "cmaes",
  "gp",
  "shade",
  "de",
  "pso",
  "ga",
  "aco",
  "nsga2",
  "nsga3",
  "grid",
  "optuna/tpe",
  "optuna/tpe@3.1",
  "optuna/tpe_multivariate@3.1",
];
const present = new Set(runs.map((r) => methodLabel(r.cell)));
const methods = [
  ...order.filter((m) => present.has(m)),
  ...[...present].filter((m) => !order.includes(m)).sort(),
];
const candidates = methods.filter((m) => !m.startsWith("optuna/"));
const references = ["optuna/tpe", "optuna/tpe@3.1"];
if (gain !== null) {
  const [from, to] = gain as [number, number];
  const g = budgetGain(runs, from, to);
  console.log(`Median relative gain of the best loss from ${from} to ${to} trials (same run):\n`);
  console.log(`| problem | ${methods.join(" | ")} |`);
  console.log(`|---|${methods.map(() => "---:").join("|")}|`);
  for (const [fn, byMethod] of g) {
    const cells = methods.map((m) => {
      const v = byMethod.get(m)?.[0];
      return v === undefined ? "–" : `${(100 * v).toFixed(1)}%`;
    });
    console.log(`| ${fn} | ${cells.join(" | ")} |`);
  }
  process.exit(0);
}
if (pooled !== null) {
  const pools = pooledFirstTrials(runs, pooled);
  console.log(
    `Losses of the first ${pooled} trials of every run, pooled by method: size, median, and the two-sided Mann-Whitney p against each of ${references.join(" and ")}.\n`,
  );
  console.log(`| problem | ${methods.join(" | ")} |`);
  console.log(`|---|${methods.map(() => "---").join("|")}|`);
  for (const [fn, byMethod] of pools) {
    const cells = methods.map((m) => {
      const x = byMethod.get(m);
      if (x === undefined || x.length === 0) return "–";
      const ps = references
        .filter((r) => r !== m && (byMethod.get(r)?.length ?? 0) > 0)
        .map((r) => `p=${mannWhitneyU(x, byMethod.get(r)!).pValue.toFixed(2)}`);
      return [`n=${x.length}`, fmt(median(x)), ...ps].join(", ");
    });
    console.log(`| ${fn} | ${cells.join(" | ")} |`);
  }
  process.exit(0);
}
if (blocks !== null) {
  const names = blocks.map((b) => `${b[0]}-${b[b.length - 1]}`);
  for (const b of budgets) {
    console.log(`### ${b} trials\n`);
    for (const m of methods) {
      const c = blockCounts(runs, b, m, references, blocks);
      console.log(
        `${m}: problems at least as good as the better of ${references.join(" and ")} (significantly worse), its seeds by row, theirs by column\n`,
      );
      console.log(`| ${m} seeds | ${names.join(" | ")} |`);
      console.log(`|---|${names.map(() => "---:").join("|")}|`);
      const all: number[] = [];
      // Pairs at least as good on every problem but one (the "7 of 8"; 8 of 9 here).
      let allButOne = 0;
      c.atLeastAsGood.forEach((row, i) => {
        const cells = row.map((g, j) => {
          if (g === null) return "–";
          all.push(g);
          if (g >= c.problems[i]![j]! - 1) allButOne++;
          return `${g}/${c.problems[i]![j]} (${c.significantlyWorse[i]![j]})`;
        });
        console.log(`| ${names[i]} | ${cells.join(" | ")} |`);
      });
      if (all.length > 0) {
        console.log(
          `\n${all.length} pairs: count min ${Math.min(...all)}, median ${median(all)}, max ${Math.max(...all)}; at least as good on all problems but one in ${allButOne}\n`,
        );
      }
    }
  }
  process.exit(0);
}
if (summaryAt >= 0) {
  console.log(budgetSummary(runs, budgets, methods, references));
  process.exit(0);
}
for (const b of budgets) {
  console.log(`### ${b} trials\n`);
  console.log(budgetTable(runs, b, methods, candidates, references));
  console.log("");
}
