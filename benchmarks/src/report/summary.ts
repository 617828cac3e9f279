/**
 * Aggregates run records into what the reports show: per function and method, the final
 * score's median and IQR over seeds and the median / IQR curve over progress; sampler time
 * per trial; ranks, the Friedman test with Conover's post-hoc test, Wilcoxon signed-rank tests
 * for pairs, and Mann-Whitney U tests of tunelab against Optuna for the same sampler.
 */

import {
  blockRanks,
  conoverFriedman,
  friedmanTest,
  mannWhitneyU,
  type Summary,
  summarize,
  wilcoxonSignedRank,
} from "@tunelab/math/stats";
import { resolveProblem } from "../problems/registry.js";
import type { RunRecord } from "../runner/types.js";
import { methodLabel } from "../samplers/registry.js";
import { hypervolume } from "../stats/hypervolume.js";
import {
  type FunctionScorer,
  type MetricKind,
  normalizedScorer,
  runFront,
  scoreByTrial,
  scoreOnAxis,
} from "../stats/metrics.js";

/** Median and quartiles along a progress axis. */
export interface BandCurve {
  readonly median: number[];
  readonly q1: number[];
  readonly q3: number[];
}

/** One function × method. */
export interface CellSummary {
  /** Final score over seeds. */
  readonly final: Summary;
  /** Score over progress (median and IQR over seeds). */
  readonly curve: BandCurve;
  /** Runs aggregated. */
  readonly runs: number;
  /** Median trials per run (more than `trials` for pruned, budgeted runs). */
  readonly trials: number;
  /** Multi-objective: the final non-dominated front of the run with the median score. */
  readonly front?: number[][];
}

/** How a function is scored and plotted. */
export interface FunctionInfo {
  readonly name: string;
  readonly kind: "single" | "multi";
  readonly metric: MetricKind;
  readonly optimum: number | null;
  readonly nObjectives: number;
  readonly dimension: number;
  /** Progress axis: trial counts, or evaluations used for budgeted runs. */
  readonly axis: number[];
  readonly axisLabel: string;
  /** Multi-objective: 100 points of the analytic front (first two objectives) and HV*. */
  readonly trueFront?: number[][];
  readonly hvStar?: number;
}

/** A Wilcoxon signed-rank comparison of two methods over functions. */
export interface PairTest {
  readonly a: string;
  readonly b: string;
  readonly statistic: number;
  readonly pValue: number;
  readonly n: number;
}

/** tunelab against Optuna for one sampler on one function (Mann-Whitney U, two-sided, 5%). */
export interface PeerComparison {
  readonly function: string;
  readonly sampler: string;
  readonly pruner: string;
  readonly tunelab: number;
  readonly optuna: number;
  readonly pValue: number;
  readonly verdict: "tunelab better" | "optuna better" | "no significant difference";
  /** The Optuna sampler when it is not `sampler` itself: "<sampler>@<version>" (another Optuna, see the registry). */
  readonly optunaSampler?: string;
}

/** Sampler time per trial of one method: median over its runs at each trial index. */
export interface TimingSummary {
  readonly trialIndex: number[];
  readonly medianMs: number[];
  /** Mean over all its trials. */
  readonly meanMs: number;
}

/**
 * Ranks and tests over a group of functions on which the same methods ran (a complete block
 * design: every method has a score on every function of the group).
 */
export interface RankingGroup {
  /** Methods, best mean rank first. */
  readonly methods: string[];
  readonly functions: string[];
  readonly meanRanks: Record<string, number>;
  readonly ranksByFunction: Record<string, Record<string, number>>;
  /** With at least 2 functions and 2 methods. */
  readonly friedman: { statistic: number; df: number; pValue: number } | null;
  /** Holm-adjusted Conover p-values, in `methods` order. */
  readonly conover: number[][] | null;
  readonly wilcoxon: PairTest[];
}

/** Everything the reports need. */
export interface BenchmarkSummary {
  readonly functions: FunctionInfo[];
  readonly methods: string[];
  readonly cells: Record<string, Record<string, CellSummary>>;
  readonly timing: Record<string, TimingSummary>;
  /**
   * Rankings, one per set of functions that share the same methods (e.g. Optuna's CMA-ES
   * has no multi-objective runs; pruned methods run on curve problems only), the group with
   * the most functions first.
   */
  readonly rankings: RankingGroup[];
  readonly peers: PeerComparison[];
}

const hvStarCache = new Map<string, { hvStar: number; front: number[][] }>();

function scorerFor(
  fnName: string,
  runs: readonly RunRecord[],
): { scorer: FunctionScorer; info: Omit<FunctionInfo, "axis" | "axisLabel"> } {
  const problem = resolveProblem(fnName);
  const fn = problem.fn;
  if (fn.kind === "multi") {
    let cached = hvStarCache.get(fnName);
    if (cached === undefined) {
      const front = fn.paretoFront(fn.nObjectives === 2 ? 1000 : 1000);
      cached = { hvStar: hypervolume(front, fn.referencePoint), front: fn.paretoFront(100) };
      hvStarCache.set(fnName, cached);
    }
    return {
      scorer: { kind: "log10-hv-gap", reference: fn.referencePoint, hvStar: cached.hvStar },
      info: {
        name: fnName,
        kind: "multi",
        metric: "log10-hv-gap",
        optimum: null,
        nObjectives: fn.nObjectives,
        dimension: problem.dimension,
        trueFront: cached.front.map((p) => [p[0]!, p[1]!]),
        hvStar: cached.hvStar,
      },
    };
  }
  if (fn.optimum !== null) {
    return {
      scorer: { kind: "log10-regret", optimum: fn.optimum },
      info: {
        name: fnName,
        kind: "single",
        metric: "log10-regret",
        optimum: fn.optimum,
        nObjectives: 1,
        dimension: problem.dimension,
      },
    };
  }
  return {
    scorer: normalizedScorer(runs),
    info: {
      name: fnName,
      kind: "single",
      metric: "normalized-regret",
      optimum: null,
      nObjectives: 1,
      dimension: problem.dimension,
    },
  };
}

function axisFor(runs: readonly RunRecord[]): { axis: number[]; label: string; byBudget: boolean } {
  const cell = runs[0]!.cell;
  if (cell.budgetSteps !== null) {
    const n = 100;
    return {
      axis: Array.from({ length: n }, (_, i) => Math.round(((i + 1) * cell.budgetSteps!) / n)),
      label: "evaluations used",
      byBudget: true,
    };
  }
  return { axis: Array.from({ length: cell.trials }, (_, i) => i + 1), label: "trials", byBudget: false };
}

function band(rows: number[][], length: number): BandCurve {
  const median: number[] = [];
  const q1: number[] = [];
  const q3: number[] = [];
  for (let j = 0; j < length; j++) {
    const s = summarize(rows.map((r) => r[j]!));
    median.push(s.median);
    q1.push(s.q1);
    q3.push(s.q3);
  }
  return { median, q1, q3 };
}

/** Ranks, Friedman, Conover and Wilcoxon over one complete block of functions × methods. */
function rankGroup(
  groupMethods: readonly string[],
  fns: readonly string[],
  cells: Record<string, Record<string, CellSummary>>,
): RankingGroup {
  const matrix = fns.map((f) => groupMethods.map((m) => cells[f]![m]!.final.median));
  const { ranks, meanRanks: mr } = blockRanks(matrix);
  const order = groupMethods.map((m, j) => [m, mr[j]!] as const).sort((a, b) => a[1] - b[1]);
  const ms = order.map(([m]) => m);
  const col = (m: string): number => groupMethods.indexOf(m);
  const meanRanks = Object.fromEntries(order);
  const ranksByFunction = Object.fromEntries(
    fns.map((f, i) => [f, Object.fromEntries(ms.map((m) => [m, ranks[i]![col(m)]!]))]),
  );
  let friedman: RankingGroup["friedman"] = null;
  let conover: number[][] | null = null;
  const wilcoxon: PairTest[] = [];
  if (ms.length >= 2 && fns.length >= 2) {
    const sorted = matrix.map((row) => ms.map((m) => row[col(m)]!));
    const fr = friedmanTest(sorted);
    friedman = { statistic: fr.statistic, df: fr.df, pValue: fr.pValue };
    conover = conoverFriedman(sorted).adjusted;
    for (let a = 0; a < ms.length; a++) {
      for (let b = a + 1; b < ms.length; b++) {
        const w = wilcoxonSignedRank(
          sorted.map((row) => row[a]!),
          sorted.map((row) => row[b]!),
        );
        wilcoxon.push({ a: ms[a]!, b: ms[b]!, statistic: w.statistic, pValue: w.pValue, n: w.n });
      }
    }
  }
  return { methods: ms, functions: fns.slice(), meanRanks, ranksByFunction, friedman, conover, wilcoxon };
}

/** Label of a record's method. */
export function recordMethod(r: RunRecord): string {
  return methodLabel({ side: r.cell.side, sampler: r.cell.sampler, pruner: r.cell.pruner });
}

/**
 * Summarizes the records that ran (skipped and failed records are left out).
 * @param methodOrder - the order of methods in tables (others follow, sorted).
 */
export function summarizeRecords(
  records: readonly RunRecord[],
  methodOrder: readonly string[] = [],
): BenchmarkSummary {
  const ran = records.filter((r) => r.skipped === null && r.error === null && r.states.length > 0);
  const byFn = new Map<string, RunRecord[]>();
  for (const r of ran) {
    const list = byFn.get(r.cell.function) ?? [];
    list.push(r);
    byFn.set(r.cell.function, list);
  }
  const seen = new Set(ran.map(recordMethod));
  const methods = [
    ...methodOrder.filter((m) => seen.has(m)),
    ...[...seen].filter((m) => !methodOrder.includes(m)).sort(),
  ];
  const functions: FunctionInfo[] = [];
  const cells: Record<string, Record<string, CellSummary>> = {};
  for (const [fnName, runs] of byFn) {
    const { scorer, info } = scorerFor(fnName, runs);
    const { axis, label, byBudget } = axisFor(runs);
    functions.push({ ...info, axis, axisLabel: label });
    const perMethod = new Map<string, RunRecord[]>();
    for (const r of runs) {
      const m = recordMethod(r);
      const list = perMethod.get(m) ?? [];
      list.push(r);
      perMethod.set(m, list);
    }
    cells[fnName] = {};
    for (const [m, list] of perMethod) {
      const sorted = list.slice().sort((a, b) => a.cell.seed - b.cell.seed);
      const rows = sorted.map((r) => scoreOnAxis(r, scoreByTrial(r, scorer), axis, byBudget));
      const finals = rows.map((row) => row[row.length - 1]!);
      const final = summarize(finals);
      const cell: CellSummary = {
        final,
        curve: band(rows, axis.length),
        runs: sorted.length,
        trials: summarize(sorted.map((r) => r.states.length)).median,
      };
      if (info.kind === "multi") {
        // The run whose final score is closest to the median.
        let pick = 0;
        finals.forEach((f, i) => {
          if (Math.abs(f - final.median) < Math.abs(finals[pick]! - final.median)) pick = i;
        });
        const front = runFront(sorted[pick]!).map((p) => [p[0]!, p[1]!]);
        cells[fnName][m] = { ...cell, front };
      } else cells[fnName][m] = cell;
    }
  }
  functions.sort((a, b) => a.name.localeCompare(b.name));

  // Sampler time per trial, by method, over all its runs.
  const timing: Record<string, TimingSummary> = {};
  for (const m of methods) {
    const list = ran.filter((r) => recordMethod(r) === m);
    const maxLen = Math.max(...list.map((r) => r.samplerMs.length));
    const trialIndex: number[] = [];
    const medianMs: number[] = [];
    let total = 0;
    let count = 0;
    for (const r of list) {
      for (const v of r.samplerMs) total += v;
      count += r.samplerMs.length;
    }
    for (let i = 0; i < maxLen; i++) {
      const vals = list.filter((r) => i < r.samplerMs.length).map((r) => r.samplerMs[i]!);
      trialIndex.push(i + 1);
      medianMs.push(summarize(vals).median);
    }
    timing[m] = { trialIndex, medianMs, meanMs: count === 0 ? Number.NaN : total / count };
  }

  // Group functions by the set of methods with a finite median final score there.
  const groups = new Map<string, { methods: string[]; functions: string[] }>();
  for (const f of functions) {
    const ms = methods.filter((m) => Number.isFinite(cells[f.name]?.[m]?.final.median ?? Number.NaN));
    if (ms.length === 0) continue;
    const key = ms.join("\u0000");
    const g = groups.get(key) ?? { methods: ms, functions: [] };
    g.functions.push(f.name);
    groups.set(key, g);
  }
  const rankings = [...groups.values()]
    .sort((a, b) => b.functions.length - a.functions.length || b.methods.length - a.methods.length)
    .map((g) => rankGroup(g.methods, g.functions, cells));

  // tunelab vs Optuna, same sampler name and pruner, per function.
  const peers: PeerComparison[] = [];
  for (const f of functions) {
    const fc = cells[f.name]!;
    const fnRuns = byFn.get(f.name)!;
    for (const m of methods) {
      const tl = fnRuns.filter((r) => r.cell.side === "tunelab" && recordMethod(r) === m);
      if (tl.length === 0) continue;
      const { sampler, pruner } = tl[0]!.cell;
      // The Optuna sampler of the same name, and "<sampler>@<version>" under other Optunas.
      const versions = [
        ...new Set(
          fnRuns
            .filter((r) => r.cell.side === "optuna" && r.cell.pruner === pruner)
            .map((r) => r.cell.sampler)
            .filter((x) => x === sampler || x.startsWith(`${sampler}@`)),
        ),
      ].sort();
      for (const optunaSampler of versions) {
        const om = methodLabel({ side: "optuna", sampler: optunaSampler, pruner });
        if (fc[om] === undefined) continue;
        const scorer = scorerFor(f.name, fnRuns).scorer;
        const { axis, byBudget } = axisFor(fnRuns);
        const finals = (rs: RunRecord[]): number[] =>
          rs
            .map((r) => scoreOnAxis(r, scoreByTrial(r, scorer), axis, byBudget).at(-1)!)
            .filter((v) => !Number.isNaN(v));
        const op = fnRuns.filter((r) => recordMethod(r) === om);
        const x = finals(tl);
        const y = finals(op);
        if (x.length === 0 || y.length === 0) continue;
        const u = mannWhitneyU(x, y);
        const tMed = fc[m]!.final.median;
        const oMed = fc[om].final.median;
        peers.push({
          function: f.name,
          sampler,
          pruner,
          tunelab: tMed,
          optuna: oMed,
          pValue: u.pValue,
          verdict:
            u.pValue >= 0.05 ? "no significant difference" : tMed < oMed ? "tunelab better" : "optuna better",
          ...(optunaSampler === sampler ? {} : { optunaSampler }),
        });
      }
    }
  }

  return {
    functions,
    methods,
    cells,
    timing,
    rankings,
    peers,
  };
}
