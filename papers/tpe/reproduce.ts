/**
 * Reproduces, with tunelab's TpeSampler, the claims of the TPE papers listed in
 * papers/tpe/README.md, on this project's test functions (about a minute):
 *
 *   E1  Bergstra et al. (2011): TPE finds better configurations than random search for the
 *       same budget (univariate TPE, Optuna's defaults, vs RandomSampler).
 *   E2  Watanabe (2023, arXiv:2304.11127): the multivariate kernel and the bandwidth rule
 *       matter; multivariate with Scott's rule ranks first over the 24 BBOB functions.
 *   E3  Ozaki et al. (2020, 2022): MOTPE reaches a larger hypervolume than random search on
 *       ZDT problems at small budgets.
 *   E4  Watanabe and Hutter (2023, c-TPE) / Optuna's constraints: a feasibility-aware split
 *       finds better feasible solutions than ignoring the constraint.
 *
 * Scores as the benchmark computes them (log10 regret, log10 hypervolume gap), medians over
 * seeds, two-sided Mann-Whitney U p-values (`benchmarks/src/stats`).
 *
 * Run: npm run ts -- papers/tpe/reproduce.ts [--seeds 1-10]
 */
import {
  hypervolume,
  mannWhitneyU,
  median,
  nonDominated,
  type RunCell,
  type RunRecord,
  resolveProblem,
  runTunelabCell,
  type SamplerEntry,
} from "@tunelab/benchmarks";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler, type TpeSamplerOptions } from "@tunelab/samplers/tpe";
import {
  createStudy,
  InMemoryStorage,
  isFeasible,
  type Sampler,
  setLogLevel,
  type Trial,
} from "@tunelab/study";

setLogLevel("error");
const seedArg = process.argv.indexOf("--seeds");
const [s0, s1] = (seedArg >= 0 ? process.argv[seedArg + 1]! : "1-10").split("-").map(Number) as [
  number,
  number,
];
const seeds = Array.from({ length: s1 - s0 + 1 }, (_, i) => s0 + i);

function entry(name: string, make: (seed: number) => Sampler): SamplerEntry {
  return { name, side: "tunelab", description: name, multiObjective: true, create: make };
}
const tpe = (o: TpeSamplerOptions) => (seed: number) => new TpeSampler({ ...o, seed });
const registry: SamplerEntry[] = [
  entry("random", (seed) => new RandomSampler({ seed })),
  entry("tpe-univariate", tpe({ multivariate: false })),
  entry(
    "tpe-multivariate-optuna-rule",
    tpe({ multivariateBandwidth: { kind: "scaled-range", factor: 0.2 } }),
  ),
  entry("tpe-multivariate-scott", tpe({})),
];

async function scores(fn: string, sampler: string, trials: number, seedList = seeds): Promise<number[]> {
  const out: number[] = [];
  for (const seed of seedList) {
    const cell: RunCell = {
      function: fn,
      side: "tunelab",
      sampler,
      pruner: "none",
      seed,
      trials,
      budgetSteps: null,
      concurrency: 1,
    };
    const r = await runTunelabCell(cell, registry);
    if (r.error !== null || r.skipped !== null) throw new Error(`${r.key}: ${r.error ?? r.skipped}`);
    out.push(score(r));
  }
  return out;
}

/** log10 regret, or log10 relative hypervolume gap (1000-point analytic front). */
function score(r: RunRecord): number {
  const fn = resolveProblem(r.cell.function).fn;
  const done = r.values.filter((v, i) => r.states[i] === "C" && v !== null) as number[][];
  if (fn.kind === "multi") {
    const star = hypervolume(fn.paretoFront(1000), fn.referencePoint);
    return Math.log10(Math.max(1 - hypervolume(nonDominated(done), fn.referencePoint) / star, 1e-12));
  }
  const best = Math.min(...done.map((v) => v[0]!));
  return Math.log10(Math.max(best - (fn as { optimum: number }).optimum, 1e-12));
}

const fmt = (xs: number[]): string => median(xs.slice().sort((a, b) => a - b)).toFixed(2);

console.log(`seeds ${seeds.join(",")}\n`);
console.log("E1 (Bergstra et al. 2011): univariate TPE vs random search, 100 trials, median log10 regret");
for (const fn of ["branin", "hartmann6", "bbob-f1-d5-i1", "rosenbrock-10"]) {
  const a = await scores(fn, "tpe-univariate", 100);
  const b = await scores(fn, "random", 100);
  console.log(`  ${fn}: TPE ${fmt(a)}, random ${fmt(b)}, p = ${mannWhitneyU(a, b).pValue.toFixed(4)}`);
}

console.log("\nE2 (Watanabe 2023): kernel and bandwidth, 24 BBOB functions in 5-D, 200 trials, 5 seeds");
const variants = ["tpe-univariate", "tpe-multivariate-optuna-rule", "tpe-multivariate-scott"];
const rankSum: Record<string, number> = Object.fromEntries(variants.map((v) => [v, 0]));
const bbobSeeds = seeds.slice(0, 5);
for (let f = 1; f <= 24; f++) {
  const med = await Promise.all(
    variants.map(async (v) =>
      median((await scores(`bbob-f${f}-d5-i1`, v, 200, bbobSeeds)).sort((a, b) => a - b)),
    ),
  );
  for (let i = 0; i < variants.length; i++) {
    let r = 1;
    for (let j = 0; j < variants.length; j++)
      r += med[j]! < med[i]! ? 1 : med[j] === med[i] && j !== i ? 0.5 : 0;
    rankSum[variants[i]!]! += r / 24;
  }
}
for (const v of variants) console.log(`  mean rank ${rankSum[v]!.toFixed(2)}  ${v}`);

console.log("\nE3 (Ozaki et al. 2020, 2022): MOTPE vs random, ZDT (30 variables), 200 trials, log10 HV gap");
for (const fn of ["zdt1", "zdt2", "zdt3"]) {
  const a = await scores(fn, "tpe-multivariate-scott", 200);
  const b = await scores(fn, "random", 200);
  console.log(`  ${fn}: MOTPE ${fmt(a)}, random ${fmt(b)}, p = ${mannWhitneyU(a, b).pValue.toFixed(4)}`);
}

console.log("\nE4 (c-TPE / Optuna constraints): min Σ(x_i − 1)² s.t. Σ x_i ≤ 0 in 5-D, 100 trials");
console.log("  (constrained optimum 5 at x = 0); median of the best feasible value − 5");
const constrained = (t: Trial): number => {
  const x = Array.from({ length: 5 }, (_, i) => t.suggestFloat(`x${i}`, -3, 3));
  t.setConstraint(
    "sum",
    x.reduce((a, b) => a + b, 0),
  );
  return x.reduce((a, b) => a + (b - 1) ** 2, 0);
};
for (const [name, make] of [
  ["TPE, constraints used", tpe({})],
  ["TPE, constraints ignored", tpe({ constraints: false })],
  ["random", (seed: number) => new RandomSampler({ seed })],
] as const) {
  const gaps: number[] = [];
  for (const seed of seeds) {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: make(seed) });
    await study.optimize(constrained, { nTrials: 100 });
    const feasible = study.trials.filter((t) => t.state === "COMPLETE" && isFeasible(t));
    gaps.push(Math.min(...feasible.map((t) => t.value!)) - 5);
  }
  console.log(`  ${name}: ${fmt(gaps)}`);
}
