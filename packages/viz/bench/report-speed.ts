/**
 * How fast a study report is made and drawn (issue 16's target: a 10,000-trial report in
 * under 2 s, made and drawn). For each n: CPU time (user + system) to build the interactive
 * report's HTML of a seeded study (`test/plots/seeded-study.ts`) in Node and its size; then
 * the time Debian's headless Chromium takes to draw it from disk: wall time to the last plot
 * and the renderer main thread's CPU time, with each plot's own time, and the wall time until
 * the first plot and the first screen's plots were drawn. The first report of the
 * process (a 20-trial warm-up) pays for reading the inlined bundles.
 *
 * The same for a dashboard study page (`--dashboard`): the single-objective study in an
 * in-memory storage, the server's CPU time to answer the first GET of the study page (reading
 * the storage and building the page), then the page drawn in Chromium as above.
 *
 * Run: nice -n 19 npx tsx packages/viz/bench/report-speed.ts [--trials 1000,10000] [--max-drawn 1000] [--no-browser] [--dashboard]
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createStudy, InMemoryStorage } from "@tunelab/study";
import { startDashboard, storageSource } from "../src/dashboard/index.js";
import { studyReportHtml } from "../src/report/index.js";
import { seededMoStudy, seededStudy } from "../test/plots/seeded-study.js";
import { drawCost, launchChromium } from "./chromium.js";

const { values: args } = parseArgs({
  options: {
    trials: { type: "string", default: "1000,10000" },
    "max-drawn": { type: "string", default: "1000" },
    "no-browser": { type: "boolean", default: false },
    dashboard: { type: "boolean", default: false },
  },
});
const maxTrialsDrawn = Number(args["max-drawn"]);
const dir = mkdtempSync(join(tmpdir(), "tunelab-report-speed-"));
await studyReportHtml(seededStudy(1, 20).study); // warm-up (imports, bundles, JIT)
const context = args["no-browser"] ? null : await launchChromium();
try {
  for (const n of args.trials!.split(",").map(Number)) {
    for (const [kind, study] of [
      ["single-objective", seededStudy(1, n).study],
      ["two-objective", seededMoStudy(2, n, 2)],
    ] as const) {
      const a = process.cpuUsage();
      const html = await studyReportHtml(study, { now: 0, maxTrialsDrawn });
      const u = process.cpuUsage(a);
      const path = join(dir, `report-${n}-${kind}.html`);
      writeFileSync(path, html);
      let line = `${String(n).padStart(6)} trials, ${kind.padEnd(16)}: made in ${((u.user + u.system) / 1000).toFixed(0).padStart(5)} ms CPU, ${(html.length / 1e6).toFixed(2)} MB`;
      if (context !== null) {
        const d = await drawCost(context, pathToFileURL(path).href);
        line += `; drawn in ${d.wallMs.toFixed(0)} ms wall, ${d.cpuMs.toFixed(0)} ms CPU (main thread)`;
        line += `\n${" ".repeat(26)}first plot at ${d.firstPlotMs} ms wall; first screen drawn at ${d.firstScreenMs} ms wall (navigation start to the page's mark)`;
        line += `\n${" ".repeat(26)}${d.plots.map((p) => `${p.id} ${p.ms}`).join(", ")}`;
        if (d.errors.length > 0) line += `\n  ERRORS: ${d.errors.join(" | ")}`;
      }
      console.log(line);
    }
    if (args.dashboard) await dashboardPage(n);
  }
} finally {
  await context?.close();
}

/** The dashboard's study page of a seeded n-trial study: served (CPU) and drawn. */
async function dashboardPage(n: number): Promise<void> {
  const storage = new InMemoryStorage();
  const sampler = {
    inferRelativeSearchSpace: () => ({}),
    sampleRelative: () => ({}),
    sampleIndependent: (): number => {
      throw new Error("no sampling");
    },
  };
  const study = await createStudy({ storage, studyName: `bench-${n}`, sampler });
  await study.addTrials(seededStudy(1, n).study.trials);
  const d = await startDashboard(storageSource(storage), { maxTrialsDrawn });
  try {
    const url = `${d.url}study/bench-${n}`;
    const a = process.cpuUsage();
    const html = await (await fetch(url)).text();
    const u = process.cpuUsage(a);
    let line = `${String(n).padStart(6)} trials, dashboard page    : served in ${((u.user + u.system) / 1000).toFixed(0).padStart(4)} ms CPU, ${(html.length / 1e6).toFixed(2)} MB`;
    if (context !== null) {
      const c = await drawCost(context, url);
      line += `; drawn in ${c.wallMs.toFixed(0)} ms wall, ${c.cpuMs.toFixed(0)} ms CPU (main thread)`;
      line += `\n${" ".repeat(26)}first plot at ${c.firstPlotMs} ms wall; first screen drawn at ${c.firstScreenMs} ms wall (navigation start to the page's mark)`;
      line += `\n${" ".repeat(26)}${c.plots.map((p) => `${p.id} ${p.ms}`).join(", ")}`;
      if (c.errors.length > 0) line += `\n  ERRORS: ${c.errors.join(" | ")}`;
    }
    console.log(line);
  } finally {
    await d.close();
  }
}
