/**
 * A small quality look at NsgaIIISampler on DTLZ1 and DTLZ2 with M objectives (M + 4 and
 * M + 9 variables: k = 5 and 10, as Deb and Jain 2014), against NsgaIISampler and
 * RandomSampler at the same budget and population, seeds 1..S in one process: the IGD+ of the
 * COMPLETE trials against about 5,000 points of the analytic front (lower is better) and, for
 * M ≤ 3, the hypervolume with the reference point 1·1 for DTLZ1 and 1.1·1 for DTLZ2 (points
 * beyond it count nothing; higher is better). Medians over the seeds, each seed's IGD+ listed.
 *
 * Run: npm run ts -- benchmarks/compare/nsga3-quality.ts [trials=2000] [seeds=5] [populationSize=92] [nObjectives=3] [dividingParameter=12]
 * (Deb and Jain's settings: population 92 with 12 divisions, 91 Das–Dennis points, for 3
 * objectives; 212 with 6 divisions, 210 points, for 5. SBX η = 30 and polynomial mutation
 * η = 20 with probability 1/n, their operators, are given to both NSGA samplers.)
 */
import { polynomialMutation } from "@tunelab/math/genetic";
import { igdPlus } from "@tunelab/math/indicators";
import { hypervolume } from "@tunelab/math/pareto";
import { NsgaIISampler } from "@tunelab/samplers/nsga2";
import { NsgaIIISampler } from "@tunelab/samplers/nsga3";
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel } from "@tunelab/study";
import { dtlz1, dtlz2, type MultiBoxFunction } from "@tunelab/test-functions";

setLogLevel("warn");
const trials = Number(process.argv[2] ?? 2000);
const seeds = Number(process.argv[3] ?? 5);
const populationSize = Number(process.argv[4] ?? 92);
const nObjectives = Number(process.argv[5] ?? 3);
const dividingParameter = Number(process.argv[6] ?? 12);

const problems: { fn: MultiBoxFunction; ref: number[] }[] = [
  { fn: dtlz1({ nObjectives }), ref: Array(nObjectives).fill(1) },
  { fn: dtlz2({ nObjectives }), ref: Array(nObjectives).fill(1.1) },
];
const operators = { crossover: { kind: "sbx", eta: 30 } as const, mutation: polynomialMutation({ eta: 20 }) };
const samplers: Record<string, (seed: number) => Sampler> = {
  nsga3: (seed) => new NsgaIIISampler({ seed, populationSize, dividingParameter, ...operators }),
  nsga2: (seed) => new NsgaIISampler({ seed, populationSize, ...operators }),
  random: (seed) => new RandomSampler({ seed }),
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3));

console.log(
  `trials ${trials}, seeds 1..${seeds}, population ${populationSize}, ${nObjectives} objectives, NSGA-III with ${dividingParameter} divisions`,
);
console.log("| problem | sampler | median IGD+ | median HV | IGD+ per seed |");
console.log("|---|---|---|---|---|");
for (const { fn, ref } of problems) {
  const m = fn.nObjectives;
  const front = Float64Array.from(fn.paretoFront(5000).flat());
  const names = Array.from({ length: fn.dimension }, (_, i) => `x${i}`);
  for (const [name, make] of Object.entries(samplers)) {
    const igds: number[] = [];
    const hvs: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: make(seed),
        directions: Array(m).fill("minimize"),
      });
      const x = new Float64Array(fn.dimension);
      const out = new Float64Array(m);
      await study.optimize(
        (t) => {
          for (let i = 0; i < names.length; i++) x[i] = t.suggestFloat(names[i]!, 0, 1);
          return Array.from(fn.evaluateVector(x, out));
        },
        { nTrials: trials },
      );
      const pts = Float64Array.from(study.getTrials({ states: ["COMPLETE"] }).flatMap((t) => t.values!));
      igds.push(igdPlus(pts, m, front));
      if (m <= 3) hvs.push(hypervolume(pts, m, ref));
    }
    console.log(
      `| ${fn.name} | ${name} | ${fmt(median(igds))} | ${hvs.length > 0 ? fmt(median(hvs)) : "—"} | ${igds.map(fmt).join(", ")} |`,
    );
  }
}
