/**
 * QMC-started against random-started TPE (issue 17): per function, the median best value of
 * each sampler over the seeds of a benchmark run and the two-sided Mann–Whitney U test (SciPy
 * 1.10.1's defaults, `@tunelab/math/stats`) of the best values, with the verdict "worse" when
 * tpe_qmc's median is higher and p < 0.05.
 *
 * Run: nice -n 19 npm run ts -- benchmarks/qmc/start-table.ts benchmarks/results/qmc-start [trials]
 * (the directory of `npm run bench -- standard --samplers tpe,tpe_qmc -j 1 -o benchmarks/results/qmc-start`).
 */
import { mannWhitneyU, median } from "@tunelab/math/stats";
import { bestValues } from "../compare/best-values.js";

const dir = process.argv[2] ?? "benchmarks/results/qmc-start";
const atTrials = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const best = bestValues(dir, atTrials);
const fmt = (x: number): string =>
  Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4);
console.log("| function | tpe median best | tpe_qmc median best | Mann-Whitney p (two-sided) | tpe_qmc |");
console.log("|---|---:|---:|---:|---|");
let worse = 0;
let better = 0;
for (const [fn, bySampler] of [...best].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const a = bySampler.get("tpe");
  const b = bySampler.get("tpe_qmc");
  if (a === undefined || b === undefined) continue;
  const p = mannWhitneyU(b, a).pValue;
  const verdict = p < 0.05 ? (median(b) > median(a) ? "worse" : "better") : "no significant difference";
  if (verdict === "worse") worse++;
  if (verdict === "better") better++;
  console.log(`| ${fn} | ${fmt(median(a))} | ${fmt(median(b))} | ${p.toFixed(3)} | ${verdict} |`);
}
console.log(
  `\nsignificantly worse on ${worse}, better on ${better} of ${best.size} functions (n = ${[...best.values()][0]?.get("tpe")?.length ?? 0} seeds each)`,
);
