/**
 * CmaEsSampler with margin (the default, `margin: {}`) against rounding (`margin: null`, Optuna's
 * default) on mixed-integer problems through the study API: how many seeds end with every
 * discrete parameter at its optimum, and the median final value.
 *
 * - binary: 3 continuous x on [-3, 3] (ellipsoid with weights 1, 10^1.5, 10^3) + 5 binary
 *   ints b ∈ {0, 1}, each costing 1 unless b = 1 (the continuous part dominates the ranking at
 *   first, so the binaries can fixate while σ shrinks);
 * - integer: the same 3 continuous x + 3 ints k ∈ 0..6 costing (k − 4)².
 *
 * Run: npm run ts -- benchmarks/compare/cmaes-margin.ts [trials=500] [seeds=10]
 */
import { median } from "@tunelab/benchmarks";
import { CmaEsSampler } from "@tunelab/samplers/cmaes";
import { createStudy, InMemoryStorage, setLogLevel, type Trial } from "@tunelab/study";

setLogLevel("warn");

const trials = Number(process.argv[2] ?? 500);
const seeds = Number(process.argv[3] ?? 10);

function continuous(t: Trial): number {
  let s = 0;
  for (let i = 0; i < 3; i++) s += 10 ** (1.5 * i) * t.suggestFloat(`x${i}`, -3, 3) ** 2;
  return s;
}

const problems: {
  name: string;
  objective: (t: Trial) => number;
  solved: (p: Record<string, unknown>) => boolean;
}[] = [
  {
    name: "binary (3 continuous + 5 binary)",
    objective: (t) =>
      continuous(t) + [0, 1, 2, 3, 4].reduce((s, j) => s + (1 - t.suggestInt(`b${j}`, 0, 1)), 0),
    solved: (p) => [0, 1, 2, 3, 4].every((j) => p[`b${j}`] === 1),
  },
  {
    name: "integer (3 continuous + 3 ints 0..6)",
    objective: (t) =>
      continuous(t) + [0, 1, 2].reduce((s, j) => s + (t.suggestInt(`k${j}`, 0, 6) - 4) ** 2, 0),
    solved: (p) => [0, 1, 2].every((j) => p[`k${j}`] === 4),
  },
];

console.log(
  `${trials} trials, seeds 1..${seeds}: seeds ending with every discrete parameter optimal; median final value`,
);
console.log("\n| problem | margin: {} (default) | margin: null (rounding) |\n|---|---|---|");
for (const p of problems) {
  const cells: string[] = [];
  for (const margin of [{}, null]) {
    let ok = 0;
    const finals: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new CmaEsSampler({ seed, margin }),
      });
      await study.optimize(p.objective, { nTrials: trials });
      if (p.solved(study.bestParams)) ok++;
      finals.push(study.bestValue);
    }
    cells.push(`${ok}/${seeds}, median ${median(finals).toExponential(1)}`);
  }
  console.log(`| ${p.name} | ${cells.join(" | ")} |`);
}
