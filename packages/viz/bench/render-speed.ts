/**
 * What the plotting layer costs, measured for the choice written in packages/viz/README.md:
 * install size of vega + vega-lite (their dependency closure in node_modules), the CPU time
 * of importing them, and the CPU time and SVG size of a 10,000-point scatter plot drawn by
 * Vega-Lite + Vega and by the hand-written `scatterPlot` of `@tunelab/viz/svg`; then every
 * study plot of a 10,000-trial seeded study. CPU time (user + system, process.cpuUsage) is
 * reported, as the machine is shared; each figure is the median of `--reps` runs in one
 * process after one warm-up.
 *
 * Run: nice -n 19 npx tsx packages/viz/bench/render-speed.ts [--reps 5] [--trials 10000]
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { reps: { type: "string", default: "5" }, trials: { type: "string", default: "10000" } },
});
const reps = Number(args.reps);
const nTrials = Number(args.trials);

function cpuMs<T>(f: () => T): [T, number] {
  const a = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(a);
  return [r, (u.user + u.system) / 1000];
}
async function cpuMsAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const a = process.cpuUsage();
  const r = await f();
  const u = process.cpuUsage(a);
  return [r, (u.user + u.system) / 1000];
}
const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[(s.length - 1) >> 1]!;
};

// Install size: the dependency closure of vega and vega-lite, as installed.
const root = join(import.meta.dirname, "../../..");
function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += e.name === "node_modules" ? 0 : dirBytes(p);
    else n += statSync(p).size;
  }
  return n;
}
/** The folder of package `name` as Node resolves it from `from` (nearest node_modules up). */
function findPackage(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const p = join(dir, "node_modules", name);
    if (existsSync(join(p, "package.json"))) return p;
    if (dirname(dir) === dir) throw new Error(`render-speed: ${name} is not installed`);
  }
}
const seen = new Set<string>();
const queue: [string, string][] = [
  ["vega", root],
  ["vega-lite", root],
];
while (queue.length > 0) {
  const [name, from] = queue.pop()!;
  const dir = findPackage(name, from);
  if (seen.has(dir)) continue;
  seen.add(dir);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push([dep, dir]);
}
const bytes = [...seen].reduce((n, dir) => n + dirBytes(dir), 0);
console.log(`install: vega + vega-lite closure = ${seen.size} packages, ${(bytes / 2 ** 20).toFixed(1)} MiB`);

const [, importMs] = await cpuMsAsync(async () => {
  await import("vega");
  await import("vega-lite");
});
console.log(`import vega + vega-lite: ${importMs.toFixed(0)} ms CPU`);

const { renderSvg } = await import("../src/plots/index.js");
const { scatterPlot, PALETTE } = await import("../src/svg/index.js");
const { Rng } = await import("@tunelab/math/random");

const rng = Rng.fromSeed(1);
const pts = Array.from({ length: 10_000 }, () => [rng.uniform(0, 1), rng.uniform(1e-3, 1)] as const);
const spec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  width: 400,
  height: 300,
  data: { values: pts.map(([x, y]) => ({ x, y })) },
  mark: { type: "point" as const, filled: true, size: 9 },
  encoding: {
    x: { field: "x", type: "quantitative" as const },
    y: { field: "y", type: "quantitative" as const, scale: { type: "log" as const } },
  },
};
const vegaMs: number[] = [];
const handMs: number[] = [];
let vegaSize = 0;
let handSize = 0;
for (let r = 0; r <= reps; r++) {
  const [svg, ms] = await cpuMsAsync(() => renderSvg(spec));
  const [hand, hms] = cpuMs(() =>
    scatterPlot([{ label: "x", color: PALETTE[0]!, points: pts }], {
      kind: "s",
      title: "t",
      xLabel: "x",
      yLabel: "y",
    }),
  );
  if (r === 0) continue; // warm-up
  vegaMs.push(ms);
  handMs.push(hms);
  vegaSize = svg.length;
  handSize = hand.length;
}
console.log(
  `10,000-point scatter: vega-lite+vega ${median(vegaMs).toFixed(0)} ms CPU, ${(vegaSize / 1e6).toFixed(2)} MB SVG; ` +
    `hand-written ${median(handMs).toFixed(0)} ms CPU, ${(handSize / 1e6).toFixed(2)} MB SVG; ratio ${(median(vegaMs) / median(handMs)).toFixed(1)}x`,
);

// Every study plot on a seeded study of nTrials trials.
const P = await import("../src/plots/index.js");
const { seededStudy, seededMoStudy } = await import("../test/plots/seeded-study.js");
const { study } = seededStudy(1, nTrials);
const mo = seededMoStudy(2, nTrials, 2);
const plots: [string, () => object][] = [
  ["optimizationHistory", () => P.optimizationHistory(study)],
  ["intermediateValues", () => P.intermediateValues(study)],
  ["parallelCoordinate", () => P.parallelCoordinate(study)],
  ["contourPlot", () => P.contourPlot(study)],
  ["slicePlot", () => P.slicePlot(study)],
  ["edfPlot", () => P.edfPlot(study)],
  ["rankPlot", () => P.rankPlot(study)],
  ["timelinePlot", () => P.timelinePlot(study)],
  ["paretoFrontPlot", () => P.paretoFrontPlot(mo)],
  ["hypervolumeHistory", () => P.hypervolumeHistory(mo, [2, 3])],
];
console.log(
  `\n${nTrials}-trial study: spec (ms CPU), render (ms CPU), SVG (MB), median of ${Math.min(reps, 3)}`,
);
let total = 0;
for (const [name, make] of plots) {
  const specMs: number[] = [];
  const renderMs: number[] = [];
  let size = 0;
  for (let r = 0; r < Math.min(reps, 3); r++) {
    const [s, ms] = cpuMs(make);
    const [svg, rms] = await cpuMsAsync(() => renderSvg(s as never));
    specMs.push(ms);
    renderMs.push(rms);
    size = svg.length;
  }
  total += median(specMs) + median(renderMs);
  console.log(
    `${name.padEnd(20)} ${median(specMs).toFixed(0).padStart(6)} ${median(renderMs).toFixed(0).padStart(7)} ${(size / 1e6).toFixed(2).padStart(6)}`,
  );
}
console.log(`all ten plots: ${total.toFixed(0)} ms CPU`);
