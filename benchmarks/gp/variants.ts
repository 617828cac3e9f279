/**
 * GpSampler variants head to head on test functions: for each function and each options
 * record, the sorted log10 regrets (log10(max(best − f*, 1e-12))) of seeds 1..k after N
 * trials, and the sampler's mean CPU ms per trial. Used for the defaults of outputWarping and
 * refitFraction (packages/samplers/src/gp/README.md).
 *
 * Run: npm run ts -- benchmarks/gp/variants.ts <function,...> <k> <N> '<options JSON>' ...
 * Seeds are 1..k, or from..from+k−1 with the environment variable SEEDS_FROM (to choose
 * defaults on seeds other than the benchmark's 1-10).
 *   e.g. npm run ts -- benchmarks/gp/variants.ts rosenbrock-10,levy-10 3 100 '{}' '{"outputWarping":{"kind":"rank"}}'
 */
import { GpSampler, type GpSamplerOptions } from "@tunelab/samplers/gp";
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";
import { testFunction } from "@tunelab/test-functions/registry";
import { suggestSpace } from "../src/problems/problem.js";

setLogLevel("warn");
const fns = process.argv[2]!.split(",");
const seeds = Number(process.argv[3] ?? 3);
const trials = Number(process.argv[4] ?? 100);
const seedsFrom = Number(process.env.SEEDS_FROM ?? 1);
const variants = process.argv.slice(5).map((s) => JSON.parse(s) as GpSamplerOptions);
if (variants.length === 0) variants.push({});
for (const name of fns) {
  const fn = testFunction(name) as unknown as {
    space: Parameters<typeof suggestSpace>[1];
    evaluate(p: ReturnType<typeof suggestSpace>): number;
    optimum: number;
  };
  for (const options of variants) {
    const scores: number[] = [];
    let cpu = 0;
    for (let seed = seedsFrom; seed < seedsFrom + seeds; seed++) {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new GpSampler({ ...options, seed }),
      });
      const t0 = process.cpuUsage();
      await study.optimize((t) => fn.evaluate(suggestSpace(t, fn.space)), { nTrials: trials });
      const t = process.cpuUsage(t0);
      cpu += (t.user + t.system) / 1000;
      scores.push(Math.log10(Math.max(study.bestValue! - fn.optimum, 1e-12)));
    }
    scores.sort((a, b) => a - b);
    console.log(
      `${name} ${JSON.stringify(options)} ${trials} trials: ${scores.map((s) => s.toFixed(2)).join(" ")} (median ${scores[scores.length >> 1]!.toFixed(2)}); ${(cpu / (seeds * trials)).toFixed(0)} ms CPU per trial`,
    );
  }
}
