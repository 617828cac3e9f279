/**
 * GpSampler with and without output warping (`outputWarping: { kind: "rank" }`) on test
 * functions at 100 trials: the sorted log10 regrets of seeds 1..k for each setting.
 *
 * Run: npm run ts -- benchmarks/gp/warp-experiment.ts <function,...> [k = 3]
 *   e.g. npm run ts -- benchmarks/gp/warp-experiment.ts rosenbrock-10,styblinski-tang-10 3
 */
import { GpSampler } from "@tunelab/samplers/gp";
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";
import { testFunction } from "@tunelab/test-functions/registry";
import { suggestSpace } from "../src/problems/problem.js";

setLogLevel("warn");
const fns = process.argv[2]!.split(",");
const seeds = Number(process.argv[3] ?? 3);
for (const name of fns) {
  const fn = testFunction(name) as unknown as {
    space: Parameters<typeof suggestSpace>[1];
    evaluate(p: ReturnType<typeof suggestSpace>): number;
    optimum: number;
  };
  for (const kind of ["none", "rank"] as const) {
    const scores: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new GpSampler({ seed, outputWarping: { kind } }),
      });
      await study.optimize((t) => fn.evaluate(suggestSpace(t, fn.space)), { nTrials: 100 });
      scores.push(Math.log10(Math.max(study.bestValue! - fn.optimum, 1e-12)));
    }
    scores.sort((a, b) => a - b);
    console.log(name, kind, scores.map((s) => s.toFixed(2)).join(" "));
  }
}
