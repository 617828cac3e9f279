/**
 * Multi-objective pruning on the LLM fine-tuning surrogate (papers/mo-pruning/README.md):
 * the experiment of `benchmarks/pruning/mo-report.ts` at each budget N of no-pruning trials,
 * seeds run one after another in this process. Prints the tables and writes, beside this
 * file, `results-n<N>.json` (every seed's comparison) and `hv-vs-steps-n<N>.svg` (median
 * HV/HV0 with its IQR against cumulative steps / S).
 *
 * Run: nice -n 19 npm run ts -- papers/mo-pruning/reproduce.ts [--trials 100,300] [--seeds 1-10]
 */
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { moPruningExperiment } from "../../benchmarks/pruning/mo-report.js";
import { parseSeeds } from "../../benchmarks/pruning/seeds.js";

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined) throw new RangeError(`reproduce: --${name} needs a value`);
  return v;
}

const seeds = parseSeeds("reproduce: --seeds", argument("seeds", "1-10"));
const budgets = argument("trials", "100,300")
  .split(",")
  .map((x) => Number(x));
for (const n of budgets) {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`reproduce: --trials must be integers >= 1, got "${argument("trials", "")}"`);
  }
}
const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

for (const trials of budgets) {
  console.log(`\n## N = ${trials}\n`);
  const result = await moPruningExperiment({
    seeds,
    trials,
    methods: ["dominance", "mo-sha", "mo-hyperband"],
    progress: (l) => console.log(l),
  });
  for (const l of result.lines) console.log(l);
  const json = here(`./results-n${trials}.json`);
  fs.writeFileSync(
    json,
    `${JSON.stringify({ trials, seeds, references: result.references, met: result.met, comparisons: result.comparisons })}\n`,
  );
  fs.writeFileSync(here(`./hv-vs-steps-n${trials}.svg`), `${result.figure}\n`);
  console.log(`wrote ${json} and hv-vs-steps-n${trials}.svg`);
}
