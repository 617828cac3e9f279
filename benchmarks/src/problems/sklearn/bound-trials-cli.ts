/**
 * How often a sampler's model-phase trials put a float parameter exactly on a bound of its
 * range, and how often such trials improve the best loss so far, against interior trials
 * (issue 20, the AutoSampler README's "Optuna's length-scale prior"):
 * `node benchmarks/dist/problems/sklearn/bound-trials-cli.js auto 40 1,2,3,4,5,6,7,8,9,10`.
 * Replays the sampler on each real problem through the study API (the evaluations come from
 * the scikit-learn cache when the benchmark has run those seeds, so a replay is cheap) and
 * counts trials from number `startup` on (default 10, the samplers' start-up). A second table
 * splits the bound trials by parameter and end (a trial on two bounds counts under each), with
 * the median loss of those trials.
 */
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";
import type { ParamSpec } from "@tunelab/test-functions";
import { SAMPLERS } from "../../samplers/registry.js";
import { problemObjective } from "../problem.js";
import { median } from "./budget-table.js";
import { sklearnProblem } from "./problem.js";
import { SKLEARN_PROBLEM_NAMES } from "./spaces.js";

const [samplerName = "auto", trialsArg = "40", seedsArg = "1,2,3,4,5,6,7,8,9,10", startupArg = "10"] =
  process.argv.slice(2);
const entry = SAMPLERS.find((e) => e.side === "tunelab" && e.name === samplerName);
if (entry?.create === undefined)
  throw new RangeError(`bound-trials-cli: unknown tunelab sampler ${samplerName}`);
const trials = Number(trialsArg);
const startup = Number(startupArg);
const seeds = seedsArg.split(",").map(Number);
if (!Number.isSafeInteger(trials) || trials < 1 || !Number.isSafeInteger(startup) || startup < 0) {
  throw new RangeError(
    `bound-trials-cli: trials must be >= 1 and startup >= 0, got ${trialsArg}, ${startupArg}`,
  );
}
setLogLevel("warn");

/** Which end of a float parameter's range the value sits on, if either (log ranges compared in log). */
function whichBound(v: number, s: ParamSpec & { kind: "float" }): "low" | "high" | null {
  if (s.log === true) {
    if (Math.abs(Math.log(v / s.low)) < 1e-9) return "low";
    return Math.abs(Math.log(v / s.high)) < 1e-9 ? "high" : null;
  }
  const tol = 1e-9 * (s.high - s.low);
  if (Math.abs(v - s.low) <= tol) return "low";
  return Math.abs(v - s.high) <= tol ? "high" : null;
}

const total = { bound: 0, boundImproved: 0, interior: 0, interiorImproved: 0 };
/** Per "problem | parameter | end": the losses of the trials there and how many improved the best. */
const perBound = new Map<string, { losses: number[]; improved: number }>();
console.log("| problem | trials on a bound (improved) | interior trials (improved) |");
console.log("|---|---:|---:|");
for (const name of SKLEARN_PROBLEM_NAMES) {
  const problem = sklearnProblem(name)!;
  const floats = problem.fn.space.filter((s): s is ParamSpec & { kind: "float" } => s.kind === "float");
  const c = { bound: 0, boundImproved: 0, interior: 0, interiorImproved: 0 };
  for (const seed of seeds) {
    const sampler = entry.create(seed, { problem, trials })!;
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler,
      directions: problem.directions,
      studyName: `${name}-${samplerName}-none-${seed}`,
    });
    await study.optimize(problemObjective(problem, { steps: new Map(), reports: new Map() }), {
      nTrials: trials,
      catch: true,
    });
    let best = Number.POSITIVE_INFINITY;
    for (const t of study.trials) {
      const v = t.values?.[0] ?? Number.POSITIVE_INFINITY;
      if (t.number >= startup) {
        const p = t.params;
        let atBound = false;
        for (const s of floats) {
          const x = p[s.name];
          const end = typeof x === "number" ? whichBound(x, s) : null;
          if (end === null) continue;
          atBound = true;
          const key = `${name} | ${s.name} | ${end}`;
          const b = perBound.get(key) ?? { losses: [], improved: 0 };
          b.losses.push(v);
          if (v < best) b.improved++;
          perBound.set(key, b);
        }
        if (atBound) c.bound++;
        else c.interior++;
        if (v < best) {
          if (atBound) c.boundImproved++;
          else c.interiorImproved++;
        }
      }
      if (v < best) best = v;
    }
  }
  console.log(`| ${name} | ${c.bound} (${c.boundImproved}) | ${c.interior} (${c.interiorImproved}) |`);
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
}
const rate = (k: number, n: number): string => (n === 0 ? "n/a" : `${((100 * k) / n).toFixed(1)}%`);
console.log(
  `\nall: ${total.bound} of ${total.bound + total.interior} trials on a bound, improving the best ${rate(total.boundImproved, total.bound)} of the time; interior ${rate(total.interiorImproved, total.interior)}`,
);
console.log("\n| problem | parameter | end | trials | improved | median loss |");
console.log("|---|---|---|---:|---:|---:|");
for (const [key, b] of perBound) {
  console.log(`| ${key} | ${b.losses.length} | ${b.improved} | ${median(b.losses).toPrecision(4)} |`);
}
process.exit(0);
