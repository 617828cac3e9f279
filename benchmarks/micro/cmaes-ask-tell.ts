/**
 * Cost of the standalone CMA-ES optimizers: µs per `ask()`, µs per `tell()` of one
 * generation, and µs per evaluated solution = (λ·ask + tell)/λ, excluding the objective.
 *
 * Protocol: `dim`-D sphere from x0 = 3, σ0 = 2; a fresh optimizer every 300 generations (so
 * the run never reaches numerical limits); `generations` generations in total after a
 * warm-up; `performance.now()` around the λ asks and around each tell. Baselines in the same
 * run: (a) evaluating the sphere itself per solution; (b) CyberAgentAILab's `cmaes` 0.9.1
 * (Debian python3-cmaes) with the same protocol, by papers/cmaes/python-cmaes-speed.py,
 * when /usr/bin/python3 has it. Also prints the other variants and dimensions.
 *
 * Run: npm run ts -- benchmarks/micro/cmaes-ask-tell.ts [generations=20000] [dim=10]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CmaEs, type CmaEsOptions, SepCmaEs } from "@tunelab/math/cmaes";

const generations = Number(process.argv[2] ?? 20_000);
const dim = Number(process.argv[3] ?? 10);

interface Timing {
  askUs: number;
  tellUs: number;
  perSolutionUs: number;
  lambda: number;
}

function sphere(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return s;
}

function measure(make: (seed: number) => CmaEs | SepCmaEs, gens: number): Timing {
  let es = make(0);
  let askMs = 0;
  let tellMs = 0;
  let asks = 0;
  for (let g = 0; g < gens; g++) {
    if (g % 300 === 0) es = make(g);
    const lambda = es.populationSize;
    const t0 = performance.now();
    const xs: Float64Array[] = [];
    for (let k = 0; k < lambda; k++) xs.push(es.ask());
    const t1 = performance.now();
    const sols = xs.map((x) => ({ x, value: sphere(x) }));
    const t2 = performance.now();
    es.tell(sols);
    const t3 = performance.now();
    askMs += t1 - t0;
    tellMs += t3 - t2;
    asks += lambda;
  }
  return {
    askUs: (askMs / asks) * 1e3,
    tellUs: (tellMs / gens) * 1e3,
    perSolutionUs: ((askMs + tellMs) / asks) * 1e3,
    lambda: es.populationSize,
  };
}

function sphereBaselineUs(n: number, count: number): number {
  const xs = Array.from({ length: 64 }, (_, k) =>
    Float64Array.from({ length: n }, (_, i) => Math.sin(k + i)),
  );
  let s = 0;
  const t0 = performance.now();
  for (let t = 0; t < count; t++) s += sphere(xs[t & 63]!);
  const dt = performance.now() - t0;
  if (s === 42) console.log("");
  return (dt / count) * 1e3;
}

const full =
  (n: number, extra: Partial<CmaEsOptions> = {}) =>
  (seed: number) =>
    new CmaEs({ mean: new Float64Array(n).fill(3), sigma: 2, seed, ...extra });
const sep = (n: number) => (seed: number) =>
  new SepCmaEs({ mean: new Float64Array(n).fill(3), sigma: 2, seed });

const fmt = (t: Timing) =>
  `ask ${t.askUs.toFixed(2)} µs, tell ${t.tellUs.toFixed(1)} µs/generation (λ = ${t.lambda}), ${t.perSolutionUs.toFixed(2)} µs per solution`;

measure(full(dim), 2000); // warm-up (JIT)
const main = measure(full(dim), generations);
const base = sphereBaselineUs(dim, 2_000_000);
console.log(`CmaEs, ${dim}-D sphere, ${generations} generations:`);
console.log(`  ${fmt(main)}`);
console.log(`  baseline: evaluating the ${dim}-D sphere itself: ${base.toFixed(3)} µs per solution`);
console.log(`  target ≤ 20 µs per solution: ${main.perSolutionUs <= 20 ? "met" : "NOT met"}`);

const py = "/usr/bin/python3";
const script = new URL("../../papers/cmaes/python-cmaes-speed.py", import.meta.url).pathname;
if (existsSync(py)) {
  try {
    const out = execFileSync(py, [script, String(Math.min(generations, 3000)), String(dim)], {
      encoding: "utf8",
    });
    const p = JSON.parse(out.trim().split("\n").pop()!) as Timing & { library: string };
    console.log(`  peer, ${p.library} (same protocol, same session): ${fmt(p)}`);
    console.log(
      `  ratio python / tunelab per solution: ${(p.perSolutionUs / main.perSolutionUs).toFixed(1)}x`,
    );
  } catch (e) {
    console.log(`  peer not measured: ${(e as Error).message.split("\n")[0]}`);
  }
} else {
  console.log("  peer not measured: /usr/bin/python3 not found");
}

console.log("Other variants and dimensions (2000 generations each):");
for (const [name, make] of [
  ["CmaEs 2-D", full(2)],
  ["CmaEs 10-D + LRA", full(10, { learningRateAdaptation: {} })],
  [
    "CmaEs 10-D, bounds (resample)",
    full(10, { bounds: { lower: new Float64Array(10).fill(-5), upper: new Float64Array(10).fill(5) } }),
  ],
  ["CmaEs 50-D", full(50)],
  ["CmaEs 100-D", full(100)],
  ["SepCmaEs 10-D", sep(10)],
  ["SepCmaEs 200-D", sep(200)],
] as const) {
  console.log(`  ${name}: ${fmt(measure(make, 2000))}`);
}
