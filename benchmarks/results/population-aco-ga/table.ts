/**
 * ACO and GA against random search (issue 17): per function, the median best value of each
 * sampler over the seeds of a benchmark run and the two-sided Mann–Whitney U test
 * (`@tunelab/math/stats`, SciPy's defaults) of the best values against random's; "beats" when
 * the sampler's median is lower and p < 0.05, "worse" when higher and p < 0.05.
 *
 * Run: nice -n 19 npm run ts -- benchmarks/results/population-aco-ga/table.ts [dir]
 * (dir: the output of `npm run bench -- standard --samplers random,aco,ga --trials 1000 -j 1 -o
 * benchmarks/results/population-aco-ga`; default that folder).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mannWhitneyU } from "@tunelab/math/stats";

const dir = process.argv[2] ?? "benchmarks/results/population-aco-ga";
const samplers = ["aco", "ga"];
const STANDARD = [
  "branin",
  "hartmann6",
  "rosenbrock-10",
  "rastrigin-10",
  "ackley-10",
  "styblinski-tang-10",
  "levy-10",
  "griewank-10",
];
interface Run {
  cell: { function: string; sampler: string; seed: number };
  values: (number[] | null)[];
}
const best = new Map<string, Map<string, number[]>>();
for (const line of readFileSync(join(dir, "runs.jsonl"), "utf8").split("\n")) {
  if (line.trim() === "") continue;
  const run = JSON.parse(line) as Run;
  let b = Number.POSITIVE_INFINITY;
  for (const v of run.values) if (v !== null && v[0]! < b) b = v[0]!;
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
console.log(`| function | random | ${samplers.map((s) => `${s} | p (${s} vs random)`).join(" | ")} |`);
console.log(`|---|---:|${samplers.map(() => "---:|---:|").join("")}`);
const beats = new Map(samplers.map((s) => [s, { standard: 0, all: 0, worse: 0 }]));
const functions = [...STANDARD, ...[...best.keys()].filter((f) => !STANDARD.includes(f)).sort()];
for (const fn of functions) {
  const by = best.get(fn);
  const r = by?.get("random");
  if (by === undefined || r === undefined) continue;
  const cells: string[] = [];
  for (const s of samplers) {
    const x = by.get(s);
    if (x === undefined) {
      cells.push("n/a", "");
      continue;
    }
    const p = mannWhitneyU(x, r).pValue;
    const lower = median(x) < median(r);
    const verdict = p < 0.05 ? (lower ? "**beats**" : "worse") : "n.s.";
    const count = beats.get(s)!;
    if (verdict === "**beats**") {
      count.all++;
      if (STANDARD.includes(fn)) count.standard++;
    }
    if (verdict === "worse") count.worse++;
    cells.push(fmt(median(x)), `${p.toFixed(4)} ${verdict}`);
  }
  const mark = STANDARD.includes(fn) ? fn : `${fn} (extra)`;
  console.log(`| ${mark} | ${fmt(median(r))} | ${cells.join(" | ")} |`);
}
const n = best.get(STANDARD[0]!)?.get("random")?.length ?? 0;
for (const [s, c] of beats) {
  console.log(
    `\n${s}: beats random on ${c.standard} of 8 standard functions (${c.all} of ${functions.length} with the extra problems), significantly worse on ${c.worse}; median best of ${n} seeds, two-sided Mann-Whitney p < 0.05`,
  );
}
