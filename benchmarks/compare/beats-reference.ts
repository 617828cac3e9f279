/**
 * Samplers against a reference sampler in one benchmark run (issue 17's "beats random"
 * evidence): per function, each sampler's median best value over the seeds beside the
 * reference's, and the two-sided Mann–Whitney U test of the best values (`@tunelab/math/stats`,
 * SciPy's defaults): "**beats**" when the sampler's median is lower and p < 0.05, "worse" when
 * higher and p < 0.05. The standard functions (the Optuna 3.1 baselines' eight) come first and
 * are counted; the run's other problems are listed as extra.
 *
 * Run: nice -n 19 npm run ts -- benchmarks/compare/beats-reference.ts <dir> [--reference random]
 *   [--samplers a,b] [--trials n]
 * (dir holds the `runs.jsonl` of `npm run bench -- ... -o <dir>`; samplers: default every one
 * in the run but the reference; trials: read only the first n trials of each run).
 */
import { mannWhitneyU, median } from "@tunelab/math/stats";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { bestValues } from "./best-values.js";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const dir = args[0];
if (dir === undefined || dir.startsWith("--")) {
  throw new RangeError(
    "beats-reference: the first argument must be a benchmark output folder (with runs.jsonl)",
  );
}
const reference = option("--reference") ?? "random";
const trialsArg = option("--trials");
const atTrials = trialsArg === undefined ? undefined : Number(trialsArg);
if (atTrials !== undefined && !(Number.isInteger(atTrials) && atTrials >= 1)) {
  throw new RangeError(`beats-reference: --trials must be an integer >= 1, got ${trialsArg}`);
}

const best = bestValues(dir, atTrials);
const inRun = [...new Set([...best.values()].flatMap((m) => [...m.keys()]))].sort();
const samplers = option("--samplers")?.split(",") ?? inRun.filter((s) => s !== reference);
for (const s of [reference, ...samplers]) {
  if (!inRun.includes(s))
    throw new RangeError(`beats-reference: sampler "${s}" is not in the run; it has ${inRun.join(", ")}`);
}

const fmt = (x: number): string =>
  Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4);
const standard: readonly string[] = STANDARD_NAMES;
const functions = [
  ...standard.filter((f) => best.has(f)),
  ...[...best.keys()].filter((f) => !standard.includes(f)).sort(),
];
console.log(
  `| function | ${reference} | ${samplers.map((s) => `${s} | p (${s} vs ${reference})`).join(" | ")} |`,
);
console.log(`|---|---:|${samplers.map(() => "---:|---:|").join("")}`);
const counts = new Map(samplers.map((s) => [s, { standard: 0, all: 0, worse: 0 }]));
for (const fn of functions) {
  const by = best.get(fn)!;
  const r = by.get(reference);
  if (r === undefined) continue;
  const cells: string[] = [];
  for (const s of samplers) {
    const x = by.get(s);
    if (x === undefined) {
      cells.push("n/a", "");
      continue;
    }
    const p = mannWhitneyU(x, r).pValue;
    const verdict = p < 0.05 ? (median(x) < median(r) ? "**beats**" : "worse") : "n.s.";
    const c = counts.get(s)!;
    if (verdict === "**beats**") {
      c.all++;
      if (standard.includes(fn)) c.standard++;
    }
    if (verdict === "worse") c.worse++;
    cells.push(fmt(median(x)), `${p.toFixed(4)} ${verdict}`);
  }
  console.log(
    `| ${standard.includes(fn) ? fn : `${fn} (extra)`} | ${fmt(median(r))} | ${cells.join(" | ")} |`,
  );
}
const nStandard = functions.filter((f) => standard.includes(f)).length;
const seeds = best.get(functions[0] ?? "")?.get(reference)?.length ?? 0;
for (const [s, c] of counts) {
  console.log(
    `\n${s}: beats ${reference} on ${c.standard} of ${nStandard} standard functions (${c.all} of ${functions.length} with the extra problems), significantly worse on ${c.worse}; median best of ${seeds} seeds, two-sided Mann-Whitney p < 0.05`,
  );
}
