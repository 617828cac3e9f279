/**
 * Issue 17's evidence table: per function of a benchmark run, each population sampler's median
 * best value over the seeds against random search's, with the two-sided Mann–Whitney U test
 * (SciPy 1.10.1's defaults, `@tunelab/math/stats`) of the best values; "beats" when its median
 * is lower and p < 0.05, "worse" when higher and p < 0.05. The count is over the eight standard
 * functions (the Optuna 3.1 baselines'); the mixed and conditional problems are listed too.
 *
 * Run: nice -n 19 npm run ts -- benchmarks/results/population-de-pso/beats-random.ts [dir] [trials]
 * (dir: the output of `npm run bench -- standard --samplers random,shade,de,pso --trials 1000 -j 1
 * -o benchmarks/results/population-de-pso`; trials: read only the first n trials of each run).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mannWhitneyU } from "@tunelab/math/stats";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";

const dir = process.argv[2] ?? "benchmarks/results/population-de-pso";
const atTrials = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
interface Run {
  cell: { function: string; sampler: string; seed: number };
  values: (number[] | null)[];
}
const best = new Map<string, Map<string, number[]>>();
for (const line of readFileSync(join(dir, "runs.jsonl"), "utf8").split("\n")) {
  if (line.trim() === "") continue;
  const run = JSON.parse(line) as Run;
  const values = atTrials === undefined ? run.values : run.values.slice(0, atTrials);
  let b = Number.POSITIVE_INFINITY;
  for (const v of values) if (v !== null && v[0]! < b) b = v[0]!;
  const byFn = best.get(run.cell.function) ?? new Map<string, number[]>();
  best.set(run.cell.function, byFn);
  byFn.set(run.cell.sampler, [...(byFn.get(run.cell.sampler) ?? []), b]);
}
const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (x: number): string =>
  Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4);
const samplers = ["shade", "de", "pso"].filter((s) => [...best.values()].some((m) => m.has(s)));
const standard = new Set<string>(STANDARD_NAMES);
const functions = [...best.keys()].sort((a, b) => (standard.has(a) === standard.has(b) ? (a < b ? -1 : 1) : standard.has(a) ? -1 : 1));
console.log(`| function | random | ${samplers.map((s) => `${s} (p)`).join(" | ")} |`);
console.log(`|---|---:|${samplers.map(() => "---:").join("|")}|`);
const wins = new Map(samplers.map((s) => [s, 0]));
const losses = new Map(samplers.map((s) => [s, 0]));
for (const fn of functions) {
  const bySampler = best.get(fn)!;
  const r = bySampler.get("random");
  if (r === undefined) continue;
  const cells = samplers.map((s) => {
    const b = bySampler.get(s);
    if (b === undefined) return "n/a";
    const p = mannWhitneyU(b, r).pValue;
    const beats = p < 0.05 && median(b) < median(r);
    const worse = p < 0.05 && median(b) > median(r);
    if (standard.has(fn) && beats) wins.set(s, wins.get(s)! + 1);
    if (standard.has(fn) && worse) losses.set(s, losses.get(s)! + 1);
    return `${fmt(median(b))} (${p < 1e-3 ? p.toExponential(1) : p.toFixed(3)})${beats ? " **beats**" : worse ? " worse" : ""}`;
  });
  console.log(`| ${standard.has(fn) ? fn : `${fn} (not counted)`} | ${fmt(median(r))} | ${cells.join(" | ")} |`);
}
const n = [...best.values()][0]?.get("random")?.length ?? 0;
console.log(
  `\nMedian best value over ${n} seeds${atTrials === undefined ? "" : ` after ${atTrials} trials`}; p: two-sided Mann–Whitney U against random.`,
);
for (const s of samplers) {
  const w = wins.get(s)!;
  console.log(
    `${s}: beats random on ${w} of ${STANDARD_NAMES.length} standard functions (target ≥ 6: ${w >= 6 ? "met" : "NOT met"}), significantly worse on ${losses.get(s)!}`,
  );
}
