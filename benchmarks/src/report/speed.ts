/**
 * CPU time of writing a benchmark report.html from a result folder, in one process: the import
 * of the HTML module (with Vega and Vega-Lite since issue 16) and `renderHtml` on the folder's
 * results.json, `--reps` times (the first includes warm-up). Nothing is written. Run:
 *
 *   nice -n 19 npm run ts -- benchmarks/src/report/speed.ts benchmarks/results/quick-optuna [--reps 3] [--html path/to/html.ts]
 *
 * `--html` times another version of the module (e.g. an older one extracted with `git show`),
 * so before and after are measured the same way.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchmarkResults } from "../runner/run-benchmark.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = args[0];
const reps = Number(opt("--reps") ?? 3);
if (dir === undefined || dir.startsWith("--"))
  throw new Error("speed: give a result folder holding results.json");
if (!Number.isInteger(reps) || reps < 1 || reps > 100)
  throw new RangeError(`speed: --reps must be an integer in [1, 100], got ${opt("--reps")}`);
const html = opt("--html");
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

const t0 = process.cpuUsage();
const mod = (await import(html === undefined ? "./html.js" : pathToFileURL(resolve(html)).href)) as {
  renderHtml(r: BenchmarkResults): string | Promise<string>;
};
const importMs = cpuMs(process.cpuUsage(t0));
const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as BenchmarkResults;
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < reps; i++) {
  const t = process.cpuUsage();
  bytes = (await mod.renderHtml(results)).length;
  times.push(cpuMs(process.cpuUsage(t)));
}
console.log(
  `${html ?? "html.ts"}: import ${importMs.toFixed(0)} ms CPU; renderHtml ${times.map((t) => t.toFixed(0)).join(", ")} ms CPU; ${(bytes / 1e6).toFixed(2)} MB`,
);
