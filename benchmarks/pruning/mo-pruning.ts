/**
 * Multi-objective pruning on the LLM fine-tuning surrogate (issue 14, "Evidence required",
 * third bullet): multi-objective TPE without pruning against DominancePruner,
 * MoSuccessiveHalvingPruner and MoHyperbandPruner, hypervolume against cumulative training
 * steps, seeds run one after another in this process. Definitions in `mo-measure.ts`, runs in
 * `mo-run.ts`, the experiment in `mo-report.ts`, the write-up in papers/mo-pruning/README.md.
 *
 * For each seed: the no-pruning run of N trials uses S evaluations; each pruned run goes on
 * until it has used S evaluations (or 10·N trials). The target: median over seeds of
 * HV(S/2)/HV₀ ≥ 0.95.
 *
 * Run: nice -n 19 npm run ts -- benchmarks/pruning/mo-pruning.ts [--seeds 1-10] [--trials 100]
 *        [--methods dominance,mo-sha,mo-hyperband] [--json out.json] [--svg out.svg]
 */
import * as fs from "node:fs";
import { moPruningExperiment } from "./mo-report.js";
import { MO_PRUNER_METHODS } from "./mo-run.js";
import { parseSeeds } from "./seeds.js";

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined) throw new RangeError(`mo-pruning: --${name} needs a value`);
  return v;
}

const seeds = parseSeeds("mo-pruning: --seeds", argument("seeds", "1-10"));
const trials = Number(argument("trials", "100"));
const methods = argument(
  "methods",
  MO_PRUNER_METHODS.filter((m) => m.name !== "none")
    .map((m) => m.name)
    .join(","),
).split(",");
const jsonPath = argument("json", "");
const svgPath = argument("svg", "");

const result = await moPruningExperiment({ seeds, trials, methods, progress: (l) => console.log(l) });
for (const l of result.lines) console.log(l);
if (jsonPath !== "") {
  fs.writeFileSync(
    jsonPath,
    `${JSON.stringify({ trials, seeds, references: result.references, comparisons: result.comparisons, met: result.met }, null, 1)}\n`,
  );
  console.log(`wrote ${jsonPath}`);
}
if (svgPath !== "") {
  fs.writeFileSync(svgPath, `${result.figure}\n`);
  console.log(`wrote ${svgPath}`);
}
