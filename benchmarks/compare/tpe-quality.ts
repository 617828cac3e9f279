/**
 * Solution quality of tunelab's TpeSampler against Optuna 3.1's two TPE configurations
 * (`TPESampler(seed)`, univariate, and `TPESampler(seed, multivariate=True)`), on the same
 * functions, seeds and budget: log10 regret log10(max(best − f*, 1e-12)) after `trials`
 * trials, or the log10 relative hypervolume gap for multi-objective functions, as the
 * benchmark scores them.
 *
 * Both sides go through the benchmark runner's pieces: tunelab runs with `runTunelabCell`
 * (each variant given to it as an extra registry entry), Optuna runs in the peer bridge
 * (`benchmarks/peers/optuna_peer.py`) and are read from `--optuna` (written by
 * `tpe-optuna-runs.ts`). Per function and pair: medians, quartiles and a two-sided
 * Mann-Whitney U test at 5% (`mannWhitneyU` of `benchmarks/src/stats`, checked against SciPy).
 *
 * Run: npm run ts -- benchmarks/compare/tpe-quality.ts [--trials 200] [--seeds 1-10]
 *        [--functions a,b] [--optuna benchmarks/compare/tpe-results/optuna-standard.json]
 *        [--variants '{"tpe":{},"tpe_univariate":{"multivariate":false}}'] [--out file.json]
 *        [--markdown file.md]
 * Variants are TpeSamplerOptions by name (JSON; `"bandwidth"` rules as records). Without an
 * Optuna file (or for functions it lacks), only tunelab's figures are printed.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  hypervolume,
  mannWhitneyU,
  median,
  nonDominated,
  quantileSorted,
  type RunCell,
  type RunRecord,
  resolveProblem,
  runTunelabCell,
  SAMPLERS,
  type SamplerEntry,
} from "@tunelab/benchmarks";
import { hyperoptGamma, TpeSampler, type TpeSamplerOptions } from "@tunelab/samplers/tpe";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { arg, parseSeeds } from "./args.js";

const trials = Number(arg("trials", "200"));
const seeds = parseSeeds(arg("seeds", "1-10"));
const functions = arg("functions", STANDARD_NAMES.join(",")).split(",");
const optunaPath = arg("optuna", "benchmarks/compare/tpe-results/optuna-standard.json");
const variants = JSON.parse(arg("variants", '{"tpe":{},"tpe_univariate":{"multivariate":false}}')) as Record<
  string,
  TpeSamplerOptions & { gammaName?: string }
>;
const outPath = arg("out", "");
const markdownPath = arg("markdown", "");

/** JSON cannot hold functions: `"gammaName": "hyperopt"` selects hyperoptGamma. */
function options(v: TpeSamplerOptions & { gammaName?: string }, seed: number): TpeSamplerOptions {
  const { gammaName, ...rest } = v;
  return { ...rest, seed, ...(gammaName === "hyperopt" ? { gamma: hyperoptGamma } : {}) };
}

const registry: SamplerEntry[] = [
  ...Object.entries(variants).map(
    ([name, v]): SamplerEntry => ({
      name,
      side: "tunelab",
      description: `TpeSampler ${JSON.stringify(v)}`,
      multiObjective: true,
      create: (seed) => new TpeSampler(options(v, seed)),
    }),
  ),
  ...SAMPLERS.filter((s) => !(s.side === "tunelab" && s.name in variants)),
];

function cell(fn: string, sampler: string, seed: number): RunCell {
  return {
    function: fn,
    side: "tunelab",
    sampler,
    pruner: "none",
    seed,
    trials,
    budgetSteps: null,
    concurrency: 1,
  };
}

const optuna: RunRecord[] = existsSync(optunaPath)
  ? (JSON.parse(readFileSync(optunaPath, "utf8")) as RunRecord[]).filter(
      (r) => functions.includes(r.cell.function) && seeds.includes(r.cell.seed) && r.cell.trials === trials,
    )
  : [];

const t0 = performance.now();
const tunelab: RunRecord[] = [];
for (const fn of functions) {
  for (const name of Object.keys(variants)) {
    for (const s of seeds) {
      const r = await runTunelabCell(cell(fn, name, s), registry);
      if (r.error !== null || r.skipped !== null) throw new Error(`${r.key}: ${r.error ?? r.skipped}`);
      tunelab.push(r);
    }
  }
}
const seconds = (performance.now() - t0) / 1000;

function finals(fn: string, method: string): number[] {
  const runs = method.startsWith("optuna/")
    ? optuna.filter((r) => r.cell.function === fn && `optuna/${r.cell.sampler}` === method)
    : tunelab.filter((r) => r.cell.function === fn && r.cell.sampler === method);
  return runs.map((r) => finalScore(r));
}

/** HV* of each multi-objective function: 1000 points of its analytic front (as the benchmark). */
const hvStar = new Map<string, number>();

/**
 * The final score of a run as the benchmark scores it (COMPLETE, feasible trials): log10
 * regret log10(max(best − f*, 1e-12)), or for multi-objective functions the log10 relative
 * hypervolume gap log10(max(1 − HV/HV*, 1e-12)) with the published reference point.
 */
function finalScore(r: RunRecord): number {
  const fn = resolveProblem(r.cell.function).fn;
  const usable = r.values.filter((v, i) => r.states[i] === "C" && r.feasible[i] && v !== null) as number[][];
  if (fn.kind === "multi") {
    let star = hvStar.get(r.cell.function);
    if (star === undefined) {
      star = hypervolume(fn.paretoFront(1000), fn.referencePoint);
      hvStar.set(r.cell.function, star);
    }
    const hv = hypervolume(nonDominated(usable), fn.referencePoint);
    return Math.log10(Math.max(1 - hv / star, 1e-12));
  }
  const optimum = (fn as { optimum?: number | null }).optimum ?? null;
  if (optimum === null) throw new Error(`${r.cell.function}: no known optimum`);
  let best = Number.POSITIVE_INFINITY;
  for (const v of usable) best = Math.min(best, v[0]!);
  return Math.log10(Math.max(best - optimum, 1e-12));
}

function fmt(xs: number[]): string {
  const s = xs.slice().sort((a, b) => a - b);
  return `${median(s).toFixed(2)} [${quantileSorted(s, 0.25).toFixed(2)}, ${quantileSorted(s, 0.75).toFixed(2)}]`;
}

const optunaMethods = [...new Set(optuna.map((r) => `optuna/${r.cell.sampler}`))].sort();
const lines: string[] = [];
const say = (s: string): void => {
  lines.push(s);
  console.log(s);
};
say(
  `log10 regret (log10 hypervolume gap for multi-objective functions) after ${trials} trials, median [q1, q3] over seeds ${seeds.join(",")}`,
);
for (const [name, v] of Object.entries(variants)) say(`- ${name}: TpeSampler(${JSON.stringify(v)})`);
const header = ["function", ...Object.keys(variants), ...optunaMethods];
say("");
say(`| ${header.join(" | ")} |`);
say(`|${header.map(() => "---").join("|")}|`);
const scores: Record<string, Record<string, number[]>> = {};
for (const fn of functions) {
  scores[fn] = {};
  for (const m of [...Object.keys(variants), ...optunaMethods]) scores[fn][m] = finals(fn, m);
  say(
    `| ${fn} | ${[...Object.keys(variants), ...optunaMethods].map((m) => fmt(scores[fn]![m]!)).join(" | ")} |`,
  );
}
const verdicts: Record<string, unknown>[] = [];
for (const name of Object.keys(variants)) {
  for (const om of optunaMethods) {
    let better = 0;
    let worse = 0;
    let sigBetter = 0;
    const detail: string[] = [];
    for (const fn of functions) {
      const a = scores[fn]![name]!;
      const b = scores[fn]![om]!;
      if (b.length === 0) continue;
      const ma = median(a.slice().sort((x, y) => x - y));
      const mb = median(b.slice().sort((x, y) => x - y));
      const p = mannWhitneyU(a, b).pValue;
      if (ma < mb) better++;
      if (p < 0.05 && ma > mb) {
        worse++;
        detail.push(`${fn} (p=${p.toFixed(3)})`);
      }
      if (p < 0.05 && ma < mb) sigBetter++;
      verdicts.push({ variant: name, optuna: om, function: fn, median: ma, optunaMedian: mb, p });
    }
    say(
      `\n${name} vs ${om}: better median on ${better}/${functions.length} (significantly on ${sigBetter}); significantly worse on ${worse}${worse > 0 ? `: ${detail.join(", ")}` : ""}`,
    );
  }
}
// Mean rank of the medians over functions (every method that ran on all of them).
const ranked = [...Object.keys(variants), ...optunaMethods].filter((m) =>
  functions.every((fn) => scores[fn]![m]!.length > 0),
);
const meanRank: Record<string, number> = Object.fromEntries(ranked.map((m) => [m, 0]));
for (const fn of functions) {
  const med = ranked.map((m) => median(scores[fn]![m]!.slice().sort((x, y) => x - y)));
  for (let i = 0; i < ranked.length; i++) {
    let r = 1;
    for (let j = 0; j < ranked.length; j++)
      r += med[j]! < med[i]! ? 1 : med[j] === med[i] && j !== i ? 0.5 : 0;
    meanRank[ranked[i]!]! += r / functions.length;
  }
}
say(
  `\nmean rank of the median over ${functions.length} functions: ${ranked
    .sort((a, b) => meanRank[a]! - meanRank[b]!)
    .map((m) => `${m} ${meanRank[m]!.toFixed(2)}`)
    .join(", ")}`,
);
say(`\ntunelab wall: ${seconds.toFixed(1)} s for ${tunelab.length} runs (1 thread)`);
if (outPath !== "")
  writeFileSync(outPath, `${JSON.stringify({ trials, seeds, variants, scores, verdicts }, null, 1)}\n`);
if (markdownPath !== "") writeFileSync(markdownPath, `${lines.join("\n")}\n`);
