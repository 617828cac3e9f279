/**
 * The multi-objective section of the Markdown summary: per problem, the median over seeds of
 * the hypervolume and of IGD+ against evaluations (trial counts) for every method, and at the
 * last trial tunelab against each Optuna sampler of the same name (`nsga2` against
 * `optuna/nsga2` and `optuna/nsga2@3.1`) with the report's Mann-Whitney U test (two-sided,
 * 5%) on each indicator. Indicators are computed by `stats/front-quality.ts`.
 */
import { mannWhitneyU, summarize } from "@tunelab/math/stats";
import { resolveProblem } from "../problems/registry.js";
import type { RunRecord } from "../runner/types.js";
import { evenCheckpoints, frontQuality, referenceFront } from "../stats/front-quality.js";
import { fmtP, markdownTable } from "./format.js";
import { recordMethod } from "./summary.js";

/** Number of checkpoints per problem. @defaultValue 5 */
export const FRONT_QUALITY_CHECKPOINTS = 5;

/** One method on one problem: medians over seeds at each checkpoint, and the final values per seed. */
export interface MethodFrontQuality {
  readonly method: string;
  readonly side: string;
  readonly sampler: string;
  readonly hypervolume: number[];
  readonly igdPlus: number[];
  /** Final hypervolume and IGD+ of each run, in seed order. */
  readonly finalHypervolume: number[];
  readonly finalIgdPlus: number[];
}

/** tunelab against one Optuna method on one problem, at the last checkpoint. */
export interface FrontQualityTest {
  readonly tunelab: string;
  readonly optuna: string;
  readonly hypervolume: { readonly tunelab: number; readonly optuna: number; readonly pValue: number };
  readonly igdPlus: { readonly tunelab: number; readonly optuna: number; readonly pValue: number };
  /** "tunelab better", "optuna better" or "no significant difference", per indicator. */
  readonly hypervolumeVerdict: string;
  readonly igdPlusVerdict: string;
}

/** The section's data for one multi-objective problem. */
export interface ProblemFrontQuality {
  readonly function: string;
  readonly nObjectives: number;
  readonly checkpoints: number[];
  readonly methods: MethodFrontQuality[];
  readonly tests: FrontQualityTest[];
}

function verdict(p: number, tunelabBetter: boolean): string {
  if (!(p < 0.05)) return "no significant difference";
  return tunelabBetter ? "tunelab better" : "optuna better";
}

/** The Optuna methods a tunelab sampler is compared with: same name, or "<name>@<version>". */
function matches(tunelabSampler: string, optunaSampler: string): boolean {
  return optunaSampler === tunelabSampler || optunaSampler.startsWith(`${tunelabSampler}@`);
}

/**
 * Hypervolume and IGD+ against evaluations for every multi-objective problem of `runs`
 * (runs without a pruner and without a budget; skipped and failed runs are left out).
 */
export function frontQualityTables(
  runs: readonly RunRecord[],
  checkpointCount: number = FRONT_QUALITY_CHECKPOINTS,
): ProblemFrontQuality[] {
  const ran = runs.filter(
    (r) => r.skipped === null && r.error === null && r.states.length > 0 && r.cell.budgetSteps === null,
  );
  const byFn = new Map<string, RunRecord[]>();
  for (const r of ran) {
    const fn = resolveProblem(r.cell.function).fn;
    if (fn.kind !== "multi") continue;
    const list = byFn.get(r.cell.function) ?? [];
    list.push(r);
    byFn.set(r.cell.function, list);
  }
  const out: ProblemFrontQuality[] = [];
  for (const [name, list] of [...byFn].sort((a, b) => a[0].localeCompare(b[0]))) {
    const fn = resolveProblem(name).fn;
    if (fn.kind !== "multi") continue;
    const z = referenceFront(fn);
    const trials = Math.max(...list.map((r) => r.cell.trials));
    const checkpoints = evenCheckpoints(trials, checkpointCount);
    const byMethod = new Map<string, RunRecord[]>();
    for (const r of list) {
      const m = recordMethod(r);
      const l = byMethod.get(m) ?? [];
      l.push(r);
      byMethod.set(m, l);
    }
    const methods: MethodFrontQuality[] = [];
    for (const [method, rs] of [...byMethod].sort((a, b) => a[0].localeCompare(b[0]))) {
      const sorted = rs.slice().sort((a, b) => a.cell.seed - b.cell.seed);
      const q = sorted.map((r) => frontQuality(r, fn, checkpoints, z));
      methods.push({
        method,
        side: sorted[0]!.cell.side,
        sampler: sorted[0]!.cell.sampler,
        hypervolume: checkpoints.map((_, j) => summarize(q.map((x) => x.hypervolume[j]!)).median),
        igdPlus: checkpoints.map((_, j) => summarize(q.map((x) => x.igdPlus[j]!)).median),
        finalHypervolume: q.map((x) => x.hypervolume.at(-1)!),
        finalIgdPlus: q.map((x) => x.igdPlus.at(-1)!),
      });
    }
    const tests: FrontQualityTest[] = [];
    for (const t of methods.filter((x) => x.side === "tunelab")) {
      for (const o of methods.filter((x) => x.side === "optuna" && matches(t.sampler, x.sampler))) {
        const hv = mannWhitneyU(t.finalHypervolume, o.finalHypervolume);
        const ig = mannWhitneyU(t.finalIgdPlus, o.finalIgdPlus);
        const tHv = summarize(t.finalHypervolume).median;
        const oHv = summarize(o.finalHypervolume).median;
        const tIg = summarize(t.finalIgdPlus).median;
        const oIg = summarize(o.finalIgdPlus).median;
        tests.push({
          tunelab: t.method,
          optuna: o.method,
          hypervolume: { tunelab: tHv, optuna: oHv, pValue: hv.pValue },
          igdPlus: { tunelab: tIg, optuna: oIg, pValue: ig.pValue },
          hypervolumeVerdict: verdict(hv.pValue, tHv > oHv),
          igdPlusVerdict: verdict(ig.pValue, tIg < oIg),
        });
      }
    }
    out.push({ function: name, nObjectives: fn.nObjectives, checkpoints, methods, tests });
  }
  return out;
}

/** A value with 4 significant digits ("n/a" for NaN). */
function sig(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : "n/a";
}

/** The section in Markdown ("" when no multi-objective problem ran). */
export function renderFrontQuality(problems: readonly ProblemFrontQuality[]): string {
  if (problems.length === 0) return "";
  const lines = [
    "## Multi-objective: hypervolume and IGD+ against evaluations",
    "",
    "Median over seeds, for the non-dominated set of each run's trials so far: hypervolume against the problem's reference point (higher is better) and IGD+ against 1,000 points of its analytic front (lower is better). The last table tests tunelab against each Optuna sampler of the same name at the last trial (Mann-Whitney U, two-sided, 5%).",
    "",
  ];
  for (const p of problems) {
    lines.push(`### ${p.function} (${p.nObjectives} objectives)`, "");
    const header = [
      "method",
      ...p.checkpoints.map((c) => `HV @${c}`),
      ...p.checkpoints.map((c) => `IGD+ @${c}`),
    ];
    const rows = p.methods.map((m) => [m.method, ...m.hypervolume.map(sig), ...m.igdPlus.map(sig)]);
    lines.push(markdownTable(header, rows, [false, ...header.slice(1).map(() => true)]), "");
    if (p.tests.length > 0) {
      lines.push(
        markdownTable(
          [
            "tunelab",
            "optuna",
            "HV tunelab",
            "HV optuna",
            "p (HV)",
            "verdict (HV)",
            "IGD+ tunelab",
            "IGD+ optuna",
            "p (IGD+)",
            "verdict (IGD+)",
          ],
          p.tests.map((t) => [
            t.tunelab,
            t.optuna,
            sig(t.hypervolume.tunelab),
            sig(t.hypervolume.optuna),
            fmtP(t.hypervolume.pValue),
            t.hypervolumeVerdict,
            sig(t.igdPlus.tunelab),
            sig(t.igdPlus.optuna),
            fmtP(t.igdPlus.pValue),
            t.igdPlusVerdict,
          ]),
          [false, false, true, true, true, false, true, true, true, false],
        ),
        "",
      );
    }
  }
  return lines.join("\n");
}
