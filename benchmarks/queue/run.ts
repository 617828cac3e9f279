/**
 * The resource-queue simulator's scenario grids (issue 15), median over seeds, as terminal
 * tables: `npm run ts -- benchmarks/queue/run.ts [parallelism|packing|job-size|samplers|plan|all] [--seeds 10] [--target 0.79] [--html out.html]`.
 * With `--html` it also writes a page with each table and the median best value against
 * wall-clock hours and against GPU-hours.
 * The figures in packages/runner/src/queue-sim/README.md come from this script. The grids run
 * through `runQueueSuite` (benchmarks/src/queue-suite.ts), as `npm run bench -- queue` does.
 */
import { writeFileSync } from "node:fs";
import {
  DEFAULT_OVERHEAD,
  EVIDENCE_SAMPLERS,
  llmModel,
  planCampaign,
  renderQueueHtml,
} from "@tunelab/runner/queue-sim";
import { setLogLevel } from "@tunelab/study";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";
import { runQueueSuite } from "../src/queue-suite.js";

setLogLevel("silent");
const args = process.argv.slice(2);
const flag = (name: string, def: number): number => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v)) throw new RangeError(`run.ts: ${name} needs a number, got ${String(args[i + 1])}`);
  return v;
};
const htmlAt = args.indexOf("--html");
const html = htmlAt >= 0 ? args[htmlAt + 1] : undefined;
if (htmlAt >= 0 && (html === undefined || html.startsWith("--")))
  throw new RangeError("run.ts: --html needs a file name");
const which =
  args.find((a, i) => !a.startsWith("--") && !/^[0-9.]+$/.test(a) && (htmlAt < 0 || i !== htmlAt + 1)) ??
  "all";
const seeds = Array.from({ length: flag("--seeds", 10) }, (_, i) => i + 1);
const target = flag("--target", 0.79);

if (which === "plan") {
  // The planner on the surrogate: 128 trials, default overheads, a half-loaded queue,
  // job time limit = 1 h of overhead margin + m × 1 h.
  const t0 = process.cpuUsage();
  const plan = await planCampaign({
    base: (seed) => ({
      sampler: EVIDENCE_SAMPLERS.tpe!,
      model: llmModel(llmFinetuneLoss({ model: "1.5B", seed })),
      nTrials: 128,
      cluster: { overhead: DEFAULT_OVERHEAD, queue: { load: 0.5 } },
    }),
    workers: [4, 8, 16, 32],
    trialsPerTask: [1, 2, 4, 8],
    timeLimit: (m) => 3600 * (1 + m),
    target,
    seeds,
  });
  const cpu = process.cpuUsage(t0);
  console.log(
    `\nplanner: 128 trials, TPE, default overheads, load 0.5, target ${target} (median over seeds ${seeds[0]}-${seeds[seeds.length - 1]}), best first\n`,
  );
  console.log(plan.table);
  const r = plan.recommended;
  console.log(
    r === null
      ? "\nno candidate reaches the target"
      : `\nrecommended: ${r.workers} jobs at once, ${r.trialsPerTask} trials per task, ${r.gpus} GPU per job`,
  );
  console.log(`\n(${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU)`);
  process.exit(0);
}
const { sections } = await runQueueSuite({
  grids: [which],
  seeds,
  target,
  onGrid: (title, table, cpu) => console.log(`\n${title}\n\n${table}\n\n(${cpu.toFixed(1)} s CPU)`),
});
if (html !== undefined) {
  writeFileSync(html, renderQueueHtml(sections));
  console.log(`\nreport: ${html}`);
}
