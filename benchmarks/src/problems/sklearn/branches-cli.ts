/**
 * Which branch of a conditional real problem each run explored (issue 20's early-branch trap):
 * `node benchmarks/dist/problems/sklearn/branches-cli.js bench-results/real sklearn-model-choice-diabetes model`.
 * Run records keep values, not parameters, so each trial's parameters are found by looking its
 * loss up among the cached evaluations of that problem (the cache maps (problem, params) to
 * the loss; losses of different parameters rarely coincide on these problems, and a loss
 * that two parameter records share is shown as "?"). Prints, per method and seed, the branch
 * of the best trial and the branches of trials 21-40.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readRunsFile } from "../../runner/run-benchmark.js";

const [dir = "bench-results/real", problem = "sklearn-model-choice-diabetes", parent = "model"] =
  process.argv.slice(2);
const cachePath = process.env.TUNELAB_SKLEARN_CACHE ?? "bench-results/sklearn-cache.jsonl";
const branchOf = new Map<number, string>();
for (const line of readFileSync(cachePath, "utf8").split("\n")) {
  if (line.trim() === "") continue;
  const rec = JSON.parse(line) as { key: string; value: number | null };
  const [p, kv] = JSON.parse(rec.key) as [string, [string, unknown][]];
  if (p !== problem || rec.value === null) continue;
  const b = String(Object.fromEntries(kv)[parent]);
  const had = branchOf.get(rec.value);
  branchOf.set(rec.value, had === undefined || had === b ? b : "?");
}
const lines = new Map<string, string[]>();
for (const r of readRunsFile(join(dir, "runs.jsonl"))) {
  if (r.cell.function !== problem || r.error !== null || r.skipped !== null) continue;
  const label = r.cell.side === "tunelab" ? r.cell.sampler : `optuna/${r.cell.sampler}`;
  const branches = r.values.map((v) => (v === null ? "failed" : (branchOf.get(v[0]!) ?? "?")));
  let best = -1;
  r.values.forEach((v, i) => {
    if (v !== null && (best < 0 || v[0]! < r.values[best]![0]!)) best = i;
  });
  const counts: Record<string, number> = {};
  for (const b of branches.slice(20, 40)) counts[b] = (counts[b] ?? 0) + 1;
  const text = Object.entries(counts)
    .sort()
    .map(([b, n]) => `${b} ${n}`)
    .join(", ");
  const bestText = best < 0 ? "none" : `${r.values[best]![0]!.toPrecision(4)} (${branches[best]})`;
  const xs = lines.get(label) ?? [];
  xs.push(`seed ${r.cell.seed}: best ${bestText}; trials 21-40: ${text}`);
  lines.set(label, xs);
}
for (const [label, xs] of lines) console.log(`${label}\n  ${xs.sort().join("\n  ")}`);
