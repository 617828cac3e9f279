/**
 * Settings of tunelab's CmaEsSampler against each other (no Python): log10 regret after
 * `trials` trials on a list of functions, medians over seeds, and for each variant against the
 * first: per-function two-sided Mann-Whitney U at 5% and the Wilcoxon signed-rank test of the
 * medians over functions. Used to check that a default is robust beyond the eight standard
 * functions (e.g. on the 24 BBOB functions, whose optima COCO shifts away from the centre).
 *
 * Run: npm run ts -- benchmarks/compare/cmaes-variants.ts --functions bbob10 --trials 200 \
 *        --seeds 1-10 --variants '[{}, {"populationSize": 6}]'
 * `--functions`: a comma list of registry names, or `standard`, `bbob5`, `bbob10` (f1-f24, COCO
 * instance 1, 5-D or 10-D).
 */
import {
  mannWhitneyU,
  median,
  type RunCell,
  type RunRecord,
  resolveProblem,
  runTunelabCell,
  SAMPLERS,
  type SamplerEntry,
  wilcoxonSignedRank,
} from "@tunelab/benchmarks";
import { CmaEsSampler, type CmaEsSamplerOptions } from "@tunelab/samplers/cmaes";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { arg, parseSeeds } from "./args.js";

function parseFunctions(s: string): string[] {
  if (s === "standard") return STANDARD_NAMES.slice();
  const m = /^bbob(\d+)$/.exec(s);
  if (m !== null) return Array.from({ length: 24 }, (_, i) => `bbob-f${i + 1}-d${m[1]}-i1`);
  return s.split(",");
}

const trials = Number(arg("trials", "200"));
const seeds = parseSeeds(arg("seeds", "1-10"));
const functions = parseFunctions(arg("functions", "standard"));
const variants = JSON.parse(arg("variants", "[{}]")) as CmaEsSamplerOptions[];

function finalScore(r: RunRecord): number {
  if (r.error !== null || r.skipped !== null) throw new Error(`${r.key}: ${r.error ?? r.skipped}`);
  const optimum = (resolveProblem(r.cell.function).fn as { optimum: number | null }).optimum!;
  let best = Number.POSITIVE_INFINITY;
  r.values.forEach((v, i) => {
    if (r.states[i] === "C" && v !== null) best = Math.min(best, v[0]!);
  });
  return Math.log10(Math.max(best - optimum, 1e-12));
}

const scores: number[][][] = []; // [variant][function][seed]
for (const options of variants) {
  const entry: SamplerEntry = {
    name: "cmaes",
    side: "tunelab",
    description: "CmaEsSampler",
    multiObjective: false,
    create: (seed) => new CmaEsSampler({ ...options, seed }),
  };
  const registry = [entry, ...SAMPLERS];
  const perFunction: number[][] = [];
  for (const fn of functions) {
    const row: number[] = [];
    for (const seed of seeds) {
      const cell: RunCell = {
        function: fn,
        side: "tunelab",
        sampler: "cmaes",
        pruner: "none",
        seed,
        trials,
        budgetSteps: null,
        concurrency: 1,
      };
      row.push(finalScore(await runTunelabCell(cell, registry)));
    }
    perFunction.push(row);
  }
  scores.push(perFunction);
}

const label = (o: CmaEsSamplerOptions): string => JSON.stringify(o);
console.log(`log10 regret after ${trials} trials, median over seeds ${seeds.join(",")}`);
console.log(`\n| function | ${variants.map(label).join(" | ")} |`);
console.log(`|---|${variants.map(() => "---:").join("|")}|`);
functions.forEach((fn, f) => {
  const cells = variants.map((_, v) => {
    const m = median(scores[v]![f]!);
    if (v === 0) return m.toFixed(2);
    const p = mannWhitneyU(scores[v]![f]!, scores[0]![f]!).pValue;
    return `${m.toFixed(2)}${p < 0.05 ? (m < median(scores[0]![f]!) ? " (+)" : " (−)") : ""}`;
  });
  console.log(`| ${fn} | ${cells.join(" | ")} |`);
});
for (let v = 1; v < variants.length; v++) {
  const a = functions.map((_, f) => median(scores[v]![f]!));
  const b = functions.map((_, f) => median(scores[0]![f]!));
  const better = a.filter((x, i) => x < b[i]!).length;
  const worse = a.filter((x, i) => x > b[i]!).length;
  const sigBetter = functions.filter(
    (_, f) => mannWhitneyU(scores[v]![f]!, scores[0]![f]!).pValue < 0.05 && a[f]! < b[f]!,
  ).length;
  const sigWorse = functions.filter(
    (_, f) => mannWhitneyU(scores[v]![f]!, scores[0]![f]!).pValue < 0.05 && a[f]! > b[f]!,
  ).length;
  let w = "n/a";
  try {
    w = wilcoxonSignedRank(a, b).pValue.toFixed(3);
  } catch {
    // all differences zero
  }
  const meanDiff = a.reduce((s, x, i) => s + x - b[i]!, 0) / a.length;
  console.log(
    `${label(variants[v]!)} vs ${label(variants[0]!)}: better median on ${better}, worse on ${worse} of ${functions.length} (significant: +${sigBetter} / −${sigWorse}); mean Δ median ${meanDiff.toFixed(3)}; Wilcoxon p = ${w}`,
  );
}
