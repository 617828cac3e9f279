/**
 * TPE ablations and the early-branch trap candidates (issue 20), in one process: every
 * (variant, function, seed) runs once for the largest budget as the benchmark runner runs a
 * cell (a fresh in-memory study, the registered problem as objective), and the
 * smaller budgets read the best value among the first trials of the same run (no variant
 * looks at the budget). Per budget: the median log10 regret of each variant per function,
 * the mean rank of each variant over the (function, seed) blocks (1 = best) with Friedman's
 * test, and the two-sided Wilcoxon signed-rank test of each variant against the first one,
 * paired by function and seed (SciPy 1.10.1's defaults, `@tunelab/math/stats`).
 *
 * Run (CPU-heavy: nice it):
 *   nice -n 19 npm run ts -- benchmarks/ablations/run.ts --set ablation --seeds 1-10 \
 *     --trials 20,40,100 --out benchmarks/results/tpe-ablation
 *   nice -n 19 npm run ts -- benchmarks/ablations/run.ts --set branch \
 *     --functions conditional-branch-trap --seeds 101-110 --trials 20,40,100
 * Options: --set ablation|branch|schedule (the variant list, variants.ts), --variants a,b (a subset,
 * the first is the reference), --functions (default: the eight standard functions),
 * --seeds a-b or a,b,c, --trials (budgets, ascending), --out <dir> (writes runs.json and
 * table.md), --branch <param> (also count, per variant, the trials after the start-up spent
 * on each value of that categorical).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { friedmanTest, median, wilcoxonSignedRank } from "@tunelab/math/stats";
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { problemObjective } from "../src/problems/problem.js";
import { resolveProblem } from "../src/problems/registry.js";
import {
  ABLATION_VARIANTS,
  BRANCH_VARIANTS,
  SCHEDULE_VARIANTS,
  type TpeVariant,
  tpeVariant,
  variantSampler,
} from "./variants.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

function seedsArg(v: string): number[] {
  const m = /^(\d+)-(\d+)$/.exec(v);
  if (m !== null) {
    const out: number[] = [];
    for (let s = Number(m[1]); s <= Number(m[2]); s++) out.push(s);
    return out;
  }
  return v.split(",").map(Number);
}

const set = arg("set") ?? "ablation";
if (set !== "ablation" && set !== "branch" && set !== "schedule")
  throw new RangeError(`--set must be ablation, branch or schedule, got ${set}`);
const variants: TpeVariant[] =
  arg("variants") !== undefined
    ? arg("variants")!.split(",").map(tpeVariant)
    : [...(set === "ablation" ? ABLATION_VARIANTS : set === "branch" ? BRANCH_VARIANTS : SCHEDULE_VARIANTS)];
const functions = arg("functions")?.split(",") ?? [...STANDARD_NAMES];
const seeds = seedsArg(arg("seeds") ?? "1-10");
const budgets = (arg("trials") ?? "20,40,100").split(",").map(Number);
const maxTrials = Math.max(...budgets);
const out = arg("out");
const branchParam = arg("branch");

interface Run {
  readonly fn: string;
  readonly variant: string;
  readonly seed: number;
  /** Best value within each budget. */
  readonly best: number[];
  /** Trials after the first 10 on each choice of --branch (when given). */
  readonly branches?: Record<string, number>;
  /** The --branch value of the run's best trial (when given). */
  readonly bestBranch?: string;
}

/** One run: a fresh in-memory study with the variant, the problem as objective (as the runner does). */
async function runOne(fn: string, v: TpeVariant, seed: number): Promise<Run> {
  setLogLevel("error");
  const problem = resolveProblem(fn);
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: variantSampler(v, seed),
    directions: problem.directions,
    studyName: `${fn}-${v.name}-${seed}`,
  });
  await study.optimize(problemObjective(problem, { steps: new Map() }), { nTrials: maxTrials });
  const trials = study.trials;
  const best = budgets.map((b) => {
    let m = Number.POSITIVE_INFINITY;
    for (const t of trials.slice(0, b))
      if (t.state === "COMPLETE" && t.value !== null && t.value < m) m = t.value;
    return m;
  });
  if (branchParam === undefined) return { fn, variant: v.name, seed, best };
  let bestTrial = trials[0]!;
  for (const t of trials)
    if (t.state === "COMPLETE" && t.value !== null && t.value < (bestTrial.value ?? Number.POSITIVE_INFINITY))
      bestTrial = t;
  const bestBranch = String(bestTrial.params[branchParam]);
  const branches: Record<string, number> = {};
  for (const t of trials.slice(10)) {
    const k = String(t.params[branchParam]);
    branches[k] = (branches[k] ?? 0) + 1;
  }
  return { fn, variant: v.name, seed, best, branches, bestBranch };
}

const runs: Run[] = [];
const t0 = process.cpuUsage();
for (const fn of functions) {
  for (const v of variants) {
    const c0 = process.cpuUsage();
    for (const seed of seeds) runs.push(await runOne(fn, v, seed));
    const c = process.cpuUsage(c0);
    process.stderr.write(`${fn} ${v.name}: ${((c.user + c.system) / 1e6).toFixed(1)} s CPU\n`);
  }
}

const total = process.cpuUsage(t0);
const optimum = new Map(
  functions.map((f) => [
    f,
    resolveProblem(f).fn.kind === "single"
      ? ((resolveProblem(f).fn as { optimum: number | null }).optimum ?? 0)
      : 0,
  ]),
);
const logRegret = (fn: string, v: number): number => Math.log10(Math.max(v - optimum.get(fn)!, 1e-12));
const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : String(x));
const lines: string[] = [];
lines.push(
  `TPE variants, seeds ${seeds.join(",")}; log10 regret of the best value (median over seeds); mean rank over ${functions.length}×${seeds.length} (function, seed) blocks, 1 = best; Wilcoxon: two-sided signed-rank test against \`${variants[0]!.name}\` paired by function and seed (+: the variant is better on more blocks).`,
);
lines.push("");
for (const v of variants) lines.push(`- \`${v.name}\`: ${v.description}`);
for (let bi = 0; bi < budgets.length; bi++) {
  const b = budgets[bi]!;
  const matrix: number[][] = [];
  for (const fn of functions)
    for (const seed of seeds)
      matrix.push(
        variants.map((v) =>
          logRegret(fn, runs.find((r) => r.fn === fn && r.variant === v.name && r.seed === seed)!.best[bi]!),
        ),
      );
  const fr = friedmanTest(matrix);
  lines.push(
    "",
    `**${b} trials** (Friedman over ${variants.length} variants: p = ${fr.pValue.toPrecision(2)})`,
    "",
  );
  lines.push(
    `| variant | ${functions.join(" | ")} | mean rank | vs ${variants[0]!.name}: better/worse blocks | Wilcoxon p |`,
  );
  lines.push(`|---|${functions.map(() => "---:").join("|")}|---:|---:|---:|`);
  variants.forEach((v, j) => {
    const meds = functions.map((fn) =>
      fmt(
        median(
          seeds.map((s) =>
            logRegret(fn, runs.find((r) => r.fn === fn && r.variant === v.name && r.seed === s)!.best[bi]!),
          ),
        ),
      ),
    );
    let better = 0;
    let worse = 0;
    const x: number[] = [];
    const y: number[] = [];
    for (const row of matrix) {
      x.push(row[j]!);
      y.push(row[0]!);
      if (row[j]! < row[0]!) better++;
      else if (row[j]! > row[0]!) worse++;
    }
    let p = "";
    if (j > 0) {
      try {
        p = wilcoxonSignedRank(x, y).pValue.toPrecision(2);
      } catch {
        p = "n/a (no differences)";
      }
    }
    lines.push(
      `| ${v.name} | ${meds.join(" | ")} | ${fr.meanRanks[j]!.toFixed(2)} | ${j === 0 ? "" : `${better}/${worse}`} | ${p} |`,
    );
  });
}
if (branchParam !== undefined) {
  lines.push(
    "",
    `Trials 11-${maxTrials} per value of \`${branchParam}\` (median over runs [min, max]); the value a run spent most of them on, and the value of its best trial (${maxTrials} trials): counts over runs:`,
    "",
  );
  for (const fn of functions) {
    for (const v of variants) {
      const rs = runs.filter((r) => r.fn === fn && r.variant === v.name);
      const keys = [...new Set(rs.flatMap((r) => Object.keys(r.branches ?? {})))].sort();
      const parts = keys.map((k) => {
        const c = rs.map((r) => r.branches?.[k] ?? 0);
        return `${k} ${median(c)} [${Math.min(...c)}, ${Math.max(...c)}]`;
      });
      const top = new Map<string, number>();
      for (const r of rs) {
        const e = Object.entries(r.branches ?? {}).sort((a, b) => b[1] - a[1])[0];
        if (e !== undefined) top.set(e[0], (top.get(e[0]) ?? 0) + 1);
      }
      const bestOn = new Map<string, number>();
      for (const r of rs)
        if (r.bestBranch !== undefined) bestOn.set(r.bestBranch, (bestOn.get(r.bestBranch) ?? 0) + 1);
      lines.push(
        `- ${fn}, \`${v.name}\`: ${parts.join("; ")}; most-tried: ${[...top].map(([k, n]) => `${k} ${n}`).join(", ")}; best trial on: ${[
          ...bestOn,
        ]
          .sort()
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}`,
      );
    }
  }
}
lines.push(
  "",
  `CPU: ${((total.user + total.system) / 1e6).toFixed(1)} s for ${runs.length} runs of ${maxTrials} trials.`,
);
const md = lines.join("\n");
console.log(md);
if (out !== undefined) {
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "runs.json"),
    `${JSON.stringify({ command: process.argv.slice(2).join(" "), runs }, null, 0)}\n`,
  );
  writeFileSync(join(out, "table.md"), `${md}\n`);
}
