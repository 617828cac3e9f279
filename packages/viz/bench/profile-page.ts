/**
 * Where a client-rendered page spends its main-thread time: writes the interactive report of a
 * seeded n-trial study (as bench/report-speed.ts does), opens it in headless Chromium with the
 * V8 sampling profiler on (Chrome DevTools Protocol `Profiler.start` / `Profiler.stop` through
 * playwright-core's CDP session) until every plot is drawn, and prints the functions with the
 * most self time (sampled), and the total by script (vega, the page's expression table, the
 * client script, the page's JSON parse, garbage collection, ...).
 *
 * Run: nice -n 19 npx tsx packages/viz/bench/profile-page.ts [--trials 10000] [--top 25]
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { studyReportHtml } from "../src/report/index.js";
import { seededStudy } from "../test/plots/seeded-study.js";
import { launchChromium } from "./chromium.js";

const { values: args } = parseArgs({
  options: { trials: { type: "string", default: "10000" }, top: { type: "string", default: "25" } },
});
const n = Number(args.trials);
const path = join(mkdtempSync(join(tmpdir(), "tunelab-profile-page-")), "report.html");
const source = await studyReportHtml(seededStudy(1, n).study, { now: 0 });
writeFileSync(path, source);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
const context = await launchChromium();
try {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  await page.waitForSelector("body[data-rendered], body[data-render-error]", { timeout: 600_000 });
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  // Self time per node: each sample's delta goes to the node it hit.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  const byScript = new Map<string, number>();
  // Inline scripts share the page URL; tell them apart by the <script> element a line is in:
  // in page order the data block, vega, the expression table and the client script.
  const html = source.split("\n");
  const names = ["page data (JSON)", "vega", "expression table", "client script"];
  const starts = html.flatMap((l, i) => (l.includes("<script") ? [i] : []));
  const scriptOf = (f: Node["callFrame"]): string => {
    if (f.url === "") return f.functionName === "" ? "(program)" : `(${f.functionName})`;
    let k = -1;
    while (k + 1 < starts.length && starts[k + 1]! <= f.lineNumber) k++;
    return k < 0 ? `page line ${f.lineNumber + 1}` : (names[k] ?? `script ${k + 1}`);
  };
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} (${scriptOf(f)}, line ${f.lineNumber + 1}:${f.columnNumber + 1})`;
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    byScript.set(scriptOf(f), (byScript.get(scriptOf(f)) ?? 0) + t);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${n} trials: ${(total / 1000).toFixed(0)} ms sampled (wall of the main thread, idle included)`,
  );
  for (const [k, t] of [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  console.log("self time by function:");
  for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top)))
    console.log(`${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  await page.close();
} finally {
  await context.close();
}
