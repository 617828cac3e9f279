/**
 * What a study report costs: CPU time (user + system) to build the HTML of a seeded study of
 * n trials in the "static" mode (every applicable plot rendered to inline SVG in Node), and
 * its size (the interactive mode: report-speed.ts).
 *
 * Run: nice -n 19 npx tsx packages/viz/bench/report-size.ts [--trials 100,1000]
 */
import { parseArgs } from "node:util";
import { studyReportHtml } from "../src/report/index.js";
import { seededMoStudy, seededStudy } from "../test/plots/seeded-study.js";

const { values: args } = parseArgs({ options: { trials: { type: "string", default: "100,1000" } } });
await studyReportHtml(seededStudy(1, 20).study); // warm-up (imports, JIT)
for (const n of args.trials!.split(",").map(Number)) {
  for (const [kind, study] of [
    ["single-objective", seededStudy(1, n).study],
    ["two-objective", seededMoStudy(2, n, 2)],
  ] as const) {
    const a = process.cpuUsage();
    const html = await studyReportHtml(study, { now: 0, mode: "static" });
    const u = process.cpuUsage(a);
    console.log(
      `${String(n).padStart(6)} trials, ${kind.padEnd(16)}: ${((u.user + u.system) / 1000).toFixed(0).padStart(6)} ms CPU, ${(html.length / 1e6).toFixed(2)} MB`,
    );
  }
}
