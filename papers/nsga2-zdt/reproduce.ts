/**
 * Reproduces Deb, Pratap, Agarwal and Meyarivan (2002), "A fast and elitist multiobjective
 * genetic algorithm: NSGA-II", IEEE TEC 6(2), 182-197, Table II (convergence metric Υ) and
 * Table III (diversity metric Δ), real-coded NSGA-II on ZDT1, ZDT2 and ZDT3 (30 variables),
 * with tunelab's NsgaIISampler run inside a study (in memory, seeded), as the paper's §V-A
 * configures it:
 *
 *   population N = 100, 250 generations (25,000 evaluations), SBX with η_c = 20 and
 *   crossover probability p_c = 0.9, polynomial mutation with η_m = 20 and p_m = 1/n
 *   (n = 30 variables).
 *
 * Notation (the paper's §V-B): A is the final non-dominated set (the first front of the last
 * population P_{t+1} = the N survivors of the last generation's children together with their
 * parents), Z = 500 points of the true front, uniformly spaced in f₁ (ZDT3: over its five
 * pieces), both row-major |·|×2.
 *   Υ = (1/|A|) Σ_{a∈A} min_{z∈Z} ‖a − z‖       (`gd` of @tunelab/math/indicators, p = 1)
 *   Δ = (d_f + d_l + Σ|d_i − d̄|) / (d_f + d_l + (|A| − 1) d̄)   (eq. (1); `spread`)
 * Both are averaged over independent runs; the paper reports mean and variance (10 runs).
 *
 * Run: npm run ts -- papers/nsga2-zdt/reproduce.ts [--seeds 10] [--generations 250]
 *        [--problems zdt1,zdt2,zdt3] [--json papers/nsga2-zdt/results.json]
 * Prints one line per run (Υ, Δ, CPU seconds) and the table of means and variances beside
 * the published ones.
 */
import { writeFileSync } from "node:fs";
import { cpuUsage } from "node:process";
import { nsgaIISurvival, polynomialMutation } from "@tunelab/math/genetic";
import { gd, spread } from "@tunelab/math/indicators";
import { paretoFrontIndices } from "@tunelab/math/pareto";
import { NSGA2_KEYS, NsgaIISampler, type ParentsRecord } from "@tunelab/samplers/nsga2";
import { createStudy, type FrozenTrial, setLogLevel } from "@tunelab/study";
import { testFunction } from "@tunelab/test-functions/registry";

/** Published means and variances (Deb et al. 2002, Tables II and III, "NSGA-II real-coded"). */
const PUBLISHED: Record<string, { upsilon: [number, number]; delta: [number, number] }> = {
  zdt1: { upsilon: [0.033482, 0.00475], delta: [0.390307, 0.001876] },
  zdt2: { upsilon: [0.072391, 0.031689], delta: [0.430776, 0.004721] },
  zdt3: { upsilon: [0.1145, 0.00794], delta: [0.73854, 0.019706] },
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

setLogLevel("error");

const N = 100;
const seeds = Number(arg("seeds", "10"));
const generations = Number(arg("generations", "250"));
const problems = arg("problems", "zdt1,zdt2,zdt3").split(",");
const jsonOut = arg("json", "");
/** Generations at which Υ of the parent population is also reported. */
const CHECKPOINTS = [10, 25, 50, 100, 150, 200];

/** The paper's NSGA-II configuration as NsgaIISampler options. */
function paperSampler(seed: number): NsgaIISampler {
  return new NsgaIISampler({
    seed,
    populationSize: N,
    // SBX as in Deb's NSGA-II code: each variable crossed with probability 0.5, the pair's
    // values exchanged with probability 0.5 (the operator's defaults), η_c = 20.
    crossover: { kind: "sbx", eta: 20 },
    crossoverProb: 0.9,
    mutation: polynomialMutation({ eta: 20 }),
    mutationProb: null, // 1/n
  });
}

function values(trials: readonly FrozenTrial[]): Float64Array {
  const out = new Float64Array(trials.length * 2);
  trials.forEach((t, i) => {
    out[2 * i] = t.values![0]!;
    out[2 * i + 1] = t.values![1]!;
  });
  return out;
}

interface RunResult {
  readonly problem: string;
  readonly seed: number;
  readonly upsilon: number;
  readonly delta: number;
  /** Υ against 10,000 front points instead of 500: how much of Υ is the sampling of Z. */
  readonly upsilonDense: number;
  /** Υ of the first front of P_g at the generations of {@link CHECKPOINTS} (and the last). */
  readonly upsilonAt: Record<number, number>;
  readonly finalSize: number;
  readonly cpuSeconds: number;
}

async function runOnce(problem: string, seed: number): Promise<RunResult> {
  const fn = testFunction(problem);
  if (fn.kind !== "multi") throw new RangeError(`${problem} is not multi-objective`);
  const names = fn.space.map((s) => s.name);
  const t0 = cpuUsage();
  const study = await createStudy({ directions: ["minimize", "minimize"], sampler: paperSampler(seed) });
  await study.optimize(
    (t) => {
      const p: Record<string, number> = {};
      for (const name of names) p[name] = t.suggestFloat(name, 0, 1);
      return fn.evaluate(p);
    },
    { nTrials: N * generations },
  );
  const cpu = cpuUsage(t0);
  const trials = study.trials;
  const byNumber = new Map(trials.map((t) => [t.number, t]));
  // P_g, the parent population of generation g ≥ 1, as the sampler stored it (the record on the
  // lowest trial number of g wins, as in the sampler).
  const parentsOf = new Map<number, FrozenTrial[]>();
  for (const t of trials) {
    const r = t.systemAttrs[NSGA2_KEYS.parents] as ParentsRecord | undefined;
    if (r !== undefined && !parentsOf.has(r.generation))
      parentsOf.set(
        r.generation,
        r.trials.map((n) => byNumber.get(n)!),
      );
  }
  // The last population P_G (G = generations): the N survivors of generation G − 1's children
  // together with their parents P_{G−1}, as the sampler would select them for a next generation.
  const last = generations - 1;
  const lastGen = trials.filter(
    (t) => t.systemAttrs[NSGA2_KEYS.generation] === last && t.state === "COMPLETE",
  );
  const pool = [...lastGen, ...(parentsOf.get(last) ?? [])];
  const survivors = nsgaIISurvival(values(pool), 2, N);
  const population = Array.from(survivors.indices, (i) => pool[i]!);
  const z = Float64Array.from(fn.paretoFront(500).flat());
  const zDense = Float64Array.from(fn.paretoFront(10000).flat());
  const a = firstFront(population);
  const upsilonAt: Record<number, number> = {};
  for (const g of CHECKPOINTS) {
    const pg = parentsOf.get(g);
    if (g < generations && pg !== undefined) upsilonAt[g] = gd(firstFront(pg), 2, z);
  }
  upsilonAt[generations] = gd(a, 2, z);
  return {
    problem,
    seed,
    upsilon: gd(a, 2, z),
    delta: spread(a, 2, z),
    upsilonDense: gd(a, 2, zDense),
    upsilonAt,
    finalSize: a.length / 2,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** The objective vectors of the first non-dominated front of a population, row-major. */
function firstFront(population: readonly FrozenTrial[]): Float64Array {
  const v = values(population);
  return values(Array.from(paretoFrontIndices(v, 2), (i) => population[i]!));
}

function meanVar(xs: readonly number[]): [number, number] {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  // The paper does not say whether its variance divides by n or n - 1; n - 1 here.
  const v = xs.length > 1 ? xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) : 0;
  return [m, v];
}

const results: RunResult[] = [];
for (const problem of problems) {
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await runOnce(problem, seed);
    results.push(r);
    console.log(
      `${problem} seed ${seed}: Υ = ${r.upsilon.toFixed(6)} (10,000 front points: ${r.upsilonDense.toFixed(6)}), Δ = ${r.delta.toFixed(6)}, |A| = ${r.finalSize}, ${r.cpuSeconds.toFixed(1)} s CPU`,
    );
  }
}
const e = (x: number): string => x.toExponential(2);
console.log(`\nNSGA-II (tunelab NsgaIISampler), N = ${N}, ${generations} generations, ${seeds} seeds`);
console.log(
  "| problem | Υ measured (mean ± var) | Υ published | Δ measured (mean ± var) | Δ published | Υ, 10,000 front points |",
);
console.log("|---|---|---|---|---|---|");
for (const problem of problems) {
  const rs = results.filter((r) => r.problem === problem);
  const [um, uv] = meanVar(rs.map((r) => r.upsilon));
  const [dm, dv] = meanVar(rs.map((r) => r.delta));
  const [ud] = meanVar(rs.map((r) => r.upsilonDense));
  const pub = PUBLISHED[problem];
  const p = (x: [number, number] | undefined): string => (x === undefined ? "–" : `${x[0]} ± ${x[1]}`);
  console.log(
    `| ${problem} | ${um.toFixed(6)} ± ${e(uv)} | ${p(pub?.upsilon)} | ${dm.toFixed(6)} ± ${e(dv)} | ${p(pub?.delta)} | ${ud.toFixed(6)} |`,
  );
}
const gens = [...CHECKPOINTS.filter((g) => g < generations), generations];
console.log(`\nMean Υ of the parent population's first front against generations (evaluations = 100 × g)`);
console.log(`| problem | ${gens.map((g) => `g = ${g}`).join(" | ")} |`);
console.log(`|---|${gens.map(() => "---").join("|")}|`);
for (const problem of problems) {
  const rs = results.filter((r) => r.problem === problem);
  const cells = gens.map((g) => meanVar(rs.map((r) => r.upsilonAt[g] ?? Number.NaN))[0].toFixed(4));
  console.log(`| ${problem} | ${cells.join(" | ")} |`);
}
if (jsonOut !== "")
  writeFileSync(jsonOut, `${JSON.stringify({ N, generations, seeds, results }, null, 1)}\n`);
