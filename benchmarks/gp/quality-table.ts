/**
 * The GP sampler's quality table: median log10 regret after the last trial, per function
 * and method, over the runs of several benchmark output folders (one folder per Optuna
 * version, since both name their samplers "tpe" and "tpe_multivariate"), with each median's
 * verdict against a chosen method, and the sampler's mean CPU ms per trial.
 *
 * Scores as the benchmark's (benchmarks/src/stats/metrics.ts: log10(max(best − f*, 1e-12)),
 * COMPLETE feasible trials only); medians as the benchmark's summary (`quantileSorted`,
 * midpoint).
 *
 * Run: npm run ts -- benchmarks/gp/quality-table.ts <label>=<dir> ... [--versus gp]
 *   e.g. npm run ts -- benchmarks/gp/quality-table.ts 3.1=/tmp/gpq/optuna31 5.0=/tmp/gpq/optuna50 gp=/tmp/gpq/gp
 * A folder's tunelab methods are named as they are; its Optuna methods get the label
 * ("optuna 3.1/tpe"). Prints a Markdown table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { quantileSorted } from "@tunelab/math/stats";
import { testFunction } from "@tunelab/test-functions/registry";

interface Run {
  readonly cell: { function: string; side: string; sampler: string; seed: number; trials: number };
  readonly values: (number[] | null)[];
  readonly states: string[];
  readonly feasible: boolean[];
  /** The sampler's wall ms per trial, as the runner's TimedSampler measured it. */
  readonly samplerMs?: number[];
}

const args = process.argv.slice(2);
const versusAt = args.indexOf("--versus");
const versus = versusAt >= 0 ? args[versusAt + 1]! : "gp";
const folders = args.filter((a, i) => a.includes("=") && (versusAt < 0 || i !== versusAt + 1));

/** score → runs by function, method. */
const scores = new Map<string, Map<string, number[]>>();
const times = new Map<string, number[]>();
for (const f of folders) {
  const [label, dir] = f.split("=") as [string, string];
  const lines = readFileSync(join(dir, "runs.jsonl"), "utf8").split("\n").filter(Boolean);
  for (const line of lines) {
    const r = JSON.parse(line) as Run & { error?: string | null; skipped?: string | null };
    if (r.error != null || r.skipped != null || !Array.isArray(r.values)) continue;
    const method = r.cell.side === "tunelab" ? r.cell.sampler : `optuna ${label}/${r.cell.sampler}`;
    const fn = testFunction(r.cell.function);
    const optimum = (fn as { optimum?: number }).optimum;
    if (typeof optimum !== "number") continue;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < r.values.length; i++) {
      const v = r.values[i];
      if (r.states[i] === "C" && r.feasible[i] && v !== null && v !== undefined && v[0]! < best) best = v[0]!;
    }
    const score = Math.log10(Math.max(best - optimum, 1e-12));
    let byMethod = scores.get(r.cell.function);
    if (byMethod === undefined) {
      byMethod = new Map();
      scores.set(r.cell.function, byMethod);
    }
    const list = byMethod.get(method) ?? [];
    list.push(score);
    byMethod.set(method, list);
    const st = r.samplerMs;
    if (Array.isArray(st) && st.length > 0) {
      const t = times.get(method) ?? [];
      t.push(st.reduce((a, b) => a + b, 0) / st.length);
      times.set(method, t);
    }
  }
}

const methods = [...new Set([...scores.values()].flatMap((m) => [...m.keys()]))].sort((a, b) =>
  a === versus ? -1 : b === versus ? 1 : a.localeCompare(b),
);
const median = (xs: number[]): number =>
  quantileSorted(
    xs.slice().sort((a, b) => a - b),
    0.5,
    { method: "midpoint" },
  );
console.log(`| function | ${methods.join(" | ")} |`);
console.log(`|---|${methods.map(() => "---:").join("|")}|`);
const wins = new Map<string, number>();
for (const [fn, byMethod] of scores) {
  const own = byMethod.get(versus);
  const ownMedian = own === undefined ? Number.NaN : median(own);
  const cells = methods.map((m) => {
    const xs = byMethod.get(m);
    if (xs === undefined) return "n/a";
    const med = median(xs);
    if (m !== versus && med > ownMedian) wins.set(m, (wins.get(m) ?? 0) + 1);
    return `${med.toFixed(2)} (${xs.length})`;
  });
  console.log(`| ${fn} | ${cells.join(" | ")} |`);
}
console.log(
  `\nfunctions where ${versus}'s median is lower (better): ${methods
    .filter((m) => m !== versus)
    .map((m) => `${wins.get(m) ?? 0}/${scores.size} against ${m}`)
    .join("; ")}`,
);
const timeCells = methods.map((m) => {
  const t = times.get(m);
  return t === undefined ? "n/a" : `${(t.reduce((a, b) => a + b, 0) / t.length).toFixed(1)} ms`;
});
console.log(
  `mean sampler time per trial (wall, as recorded by the runner): ${methods.map((m, i) => `${m} ${timeCells[i]}`).join(", ")}`,
);
