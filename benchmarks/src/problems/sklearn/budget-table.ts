/**
 * The real suite's table (issue 20): for each problem and method, the median over seeds of the
 * best loss within the first `budget` trials, at several budgets from the same runs (none of
 * the compared samplers looks at the trial budget, so the best of the first 20 trials of a
 * 40-trial run is the result of a 20-trial run), and for each tunelab sampler whether its
 * median is at least as good as the better of the reference methods' (Optuna's default TPE,
 * 5.0 and 3.1) and whether it is significantly worse than either (two-sided Mann-Whitney U,
 * 5%).
 */
import { mannWhitneyU } from "@tunelab/math/stats";
import type { RunRecord } from "../../runner/types.js";
import { methodLabel } from "../../samplers/registry.js";

/** The best (lowest) first objective among the first `budget` trials; Infinity if none completed. */
export function bestWithin(run: RunRecord, budget: number): number {
  let best = Number.POSITIVE_INFINITY;
  const n = Math.min(budget, run.values.length);
  for (let i = 0; i < n; i++) {
    const v = run.values[i]?.[0];
    if (v !== undefined && v < best) best = v;
  }
  return best;
}

/** The median of a non-empty sample (mean of the middle two for an even size). */
export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Per problem and method: the best loss of each seed within a budget. */
export type BudgetSamples = Map<string, Map<string, number[]>>;

/** Appends `values` to the sample of (problem, method) in `out`. */
function addTo(out: BudgetSamples, fn: string, label: string, ...values: number[]): void {
  let byMethod = out.get(fn);
  if (byMethod === undefined) {
    byMethod = new Map();
    out.set(fn, byMethod);
  }
  const xs = byMethod.get(label);
  if (xs === undefined) byMethod.set(label, values);
  else xs.push(...values);
}

/**
 * The best loss within `budget` trials of every finished run, by problem then method label
 * (runs that were skipped or failed, or have fewer than `budget` trials, are left out).
 */
export function budgetSamples(runs: readonly RunRecord[], budget: number): BudgetSamples {
  const out: BudgetSamples = new Map();
  for (const r of runs) {
    if (r.skipped !== null || r.error !== null || r.values.length < budget) continue;
    addTo(out, r.cell.function, methodLabel(r.cell), bestWithin(r, budget));
  }
  return out;
}

/**
 * Per problem and method, the median over runs of the relative gain of the best loss from
 * `from` trials to `to` trials of the same run, (best(from) − best(to)) / |best(from)|: how much
 * the trials in between improved on what the first `from` found (runs shorter than `to`, or
 * skipped or failed, are left out).
 */
export function budgetGain(runs: readonly RunRecord[], from: number, to: number): BudgetSamples {
  const gains: BudgetSamples = new Map();
  for (const r of runs) {
    if (r.skipped !== null || r.error !== null || r.values.length < to) continue;
    const a = bestWithin(r, from);
    if (!Number.isFinite(a) || a === 0) continue;
    addTo(gains, r.cell.function, methodLabel(r.cell), (a - bestWithin(r, to)) / Math.abs(a));
  }
  for (const byMethod of gains.values()) for (const [m, xs] of byMethod) byMethod.set(m, [median(xs)]);
  return gains;
}

/** How a method did against the reference methods on one problem. */
export interface Verdict {
  /** Its median is at most the smallest reference median. */
  readonly atLeastAsGood: boolean;
  /** Its median is larger than a reference's and the difference is significant (p < 0.05). */
  readonly significantlyWorse: boolean;
  /** The smallest two-sided p against a reference with a smaller median (1 when none). */
  readonly p: number;
}

/** The verdict of sample `x` against the reference samples (empty references are ignored). */
export function verdict(x: readonly number[], references: readonly (readonly number[])[]): Verdict {
  const refs = references.filter((r) => r.length > 0);
  const mx = median(x);
  const best = Math.min(...refs.map(median));
  let p = 1;
  for (const r of refs) {
    if (mx > median(r)) p = Math.min(p, mannWhitneyU(x, r).pValue);
  }
  return { atLeastAsGood: mx <= best, significantlyWorse: p < 0.05, p };
}

/** A median as the tables print it: four significant digits. */
export const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(4) : "n/a");

/**
 * One method's counts over the problems: where it has a sample in `samples` and a reference
 * has one in `refSamples` (the same map, or another block of seeds), the problems judged, those
 * where it is at least as good as the better reference, and those where it is significantly
 * worse ({@link verdict}).
 */
function tally(
  samples: BudgetSamples,
  refSamples: BudgetSamples,
  method: string,
  references: readonly string[],
): { atLeastAsGood: number; significantlyWorse: number; problems: number } {
  let atLeastAsGood = 0;
  let significantlyWorse = 0;
  let problems = 0;
  for (const [fn, byMethod] of samples) {
    const x = byMethod.get(method);
    const other = refSamples.get(fn);
    if (x === undefined || other === undefined) continue;
    const refs = references.map((r) => other.get(r) ?? []);
    if (!refs.some((r) => r.length > 0)) continue;
    const v = verdict(x, refs);
    problems++;
    if (v.atLeastAsGood) atLeastAsGood++;
    if (v.significantlyWorse) significantlyWorse++;
  }
  return { atLeastAsGood, significantlyWorse, problems };
}

/**
 * The Markdown table of medians at one budget, with a verdict column per candidate and a
 * count line per candidate (the counts of {@link budgetSummaryCells}: over the problems where
 * the candidate and a reference have runs).
 * @param candidates - method labels judged against `references` (e.g. ["tpe", "random"]).
 * @param references - method labels of the reference (e.g. ["optuna/tpe", "optuna/tpe@3.1"]).
 */
export function budgetTable(
  runs: readonly RunRecord[],
  budget: number,
  methods: readonly string[],
  candidates: readonly string[],
  references: readonly string[],
): string {
  const samples = budgetSamples(runs, budget);
  const lines: string[] = [];
  const seeds = new Set(runs.map((r) => r.cell.seed)).size;
  lines.push(`Median over seeds (${seeds}) of the best loss within ${budget} trials; lower is better.`);
  lines.push("");
  lines.push(`| problem | ${methods.join(" | ")} | ${candidates.map((c) => `${c} vs ref`).join(" | ")} |`);
  lines.push(`|---|${methods.map(() => "---:").join("|")}|${candidates.map(() => ":---:").join("|")}|`);
  for (const [fn, byMethod] of samples) {
    const meds = methods.map((m) => (byMethod.has(m) ? median(byMethod.get(m)!) : Number.NaN));
    const lowest = Math.min(...meds.filter((v) => !Number.isNaN(v)));
    const cells = meds.map((v) => (Number.isNaN(v) ? "–" : v === lowest ? `**${fmt(v)}**` : fmt(v)));
    const refs = references.map((r) => byMethod.get(r) ?? []);
    const hasRefs = refs.some((r) => r.length > 0);
    const verdicts = candidates.map((c) => {
      const x = byMethod.get(c);
      if (x === undefined || !hasRefs) return "–";
      const v = verdict(x, refs);
      return v.atLeastAsGood
        ? "≤"
        : v.significantlyWorse
          ? `worse (p=${v.p.toFixed(3)})`
          : `> (p=${v.p.toFixed(2)})`;
    });
    lines.push(`| ${fn} | ${cells.join(" | ")} | ${verdicts.join(" | ")} |`);
  }
  lines.push("");
  const counts = budgetSummaryCells(runs, [budget], candidates, references);
  for (const c of candidates) {
    const { atLeastAsGood, significantlyWorse, problems } = counts.get(c)![0]!;
    lines.push(
      `- ${c}: median at least as good as the better of ${references.join(" and ")} on ${atLeastAsGood} of ${problems} problems; significantly worse (p < 0.05) than either on ${significantlyWorse}.`,
    );
  }
  return lines.join("\n");
}

/** One method's line of {@link budgetSummary} at one budget. */
export interface BudgetSummaryCell {
  /** Problems where its median is at least as good as the better reference median. */
  readonly atLeastAsGood: number;
  /** Problems where it is significantly worse than a reference (p < 0.05). */
  readonly significantlyWorse: number;
  /** Problems with both the method's and a reference's runs. */
  readonly problems: number;
  /**
   * Mean over problems of the method's rank among all `methods` by median (1 = lowest median,
   * ties share their mean rank); only problems where every method has runs count.
   */
  readonly meanRank: number;
  /** Problems the mean rank is taken over (those where every method has runs). */
  readonly rankedProblems: number;
}

/**
 * Per method and budget, the counts of {@link budgetTable}'s count lines and the mean rank of
 * its median among `methods`: the compact table for many samplers.
 */
export function budgetSummaryCells(
  runs: readonly RunRecord[],
  budgets: readonly number[],
  methods: readonly string[],
  references: readonly string[],
): Map<string, BudgetSummaryCell[]> {
  const out = new Map<string, BudgetSummaryCell[]>(methods.map((m) => [m, []]));
  for (const budget of budgets) {
    const samples = budgetSamples(runs, budget);
    const rankSum = new Map(methods.map((m) => [m, 0]));
    let ranked = 0;
    for (const byMethod of samples.values()) {
      if (methods.every((m) => byMethod.has(m))) {
        ranked++;
        const meds = methods.map((m) => median(byMethod.get(m)!));
        for (let i = 0; i < methods.length; i++) {
          let below = 0;
          let equal = 0;
          for (const o of meds) {
            if (o < meds[i]!) below++;
            else if (o === meds[i]!) equal++;
          }
          rankSum.set(methods[i]!, rankSum.get(methods[i]!)! + below + (equal + 1) / 2);
        }
      }
    }
    for (const m of methods) {
      const t = tally(samples, samples, m, references);
      out.get(m)!.push({
        atLeastAsGood: t.atLeastAsGood,
        significantlyWorse: t.significantlyWorse,
        problems: t.problems,
        meanRank: ranked === 0 ? Number.NaN : rankSum.get(m)! / ranked,
        rankedProblems: ranked,
      });
    }
  }
  return out;
}

/**
 * The compact Markdown table of {@link budgetSummaryCells}: one row per method, per budget the
 * count of problems at least as good as the better reference ("5/9"), the count significantly
 * worse, and the mean rank of its median among the methods.
 */
export function budgetSummary(
  runs: readonly RunRecord[],
  budgets: readonly number[],
  methods: readonly string[],
  references: readonly string[],
): string {
  const cells = budgetSummaryCells(runs, budgets, methods, references);
  const head = budgets.map((b) => `${b}: ≥ ref | worse | mean rank`).join(" | ");
  const lines = [`| method | ${head} |`, `|---|${budgets.map(() => "---:|---:|---:").join("|")}|`];
  for (const m of methods) {
    const row = cells.get(m)!.map((c) => {
      const rank = Number.isNaN(c.meanRank) ? "n/a" : c.meanRank.toFixed(2);
      return references.includes(m)
        ? `– | – | ${rank}`
        : `${c.atLeastAsGood}/${c.problems} | ${c.significantlyWorse} | ${rank}`;
    });
    lines.push(`| ${m} | ${row.join(" | ")} |`);
  }
  const ranked = budgets.map((_, i) => cells.get(methods[0]!)?.[i]?.rankedProblems ?? 0);
  lines.push("");
  lines.push(
    `≥ ref: problems where the method's median best is at least as good as the better of ${references.join(" and ")}; worse: problems where it is significantly worse than either (two-sided Mann-Whitney U, p < 0.05); mean rank: of its median among the ${methods.length} methods (1 = best, ties share), over the problems every method ran (${ranked.join(", ")} at ${budgets.join(", ")} trials).`,
  );
  return lines.join("\n");
}

/** {@link blockCounts}' result for one candidate at one budget. */
export interface BlockCounts {
  /**
   * `atLeastAsGood[i][j]`: problems where the candidate's median over the seeds of block `i` is
   * at least as good as the better reference median over the seeds of block `j`; `null` on the
   * diagonal when the candidate is itself a reference (the same seeds of the same sampler).
   */
  readonly atLeastAsGood: (number | null)[][];
  /** `significantlyWorse[i][j]`: problems where it is significantly worse than a reference (p < 0.05). */
  readonly significantlyWorse: (number | null)[][];
  /** Problems judged in each pair (those where the candidate and a reference both have runs). */
  readonly problems: (number | null)[][];
}

/**
 * What a count of {@link budgetSummaryCells} would read on other seeds: the seeds are cut into
 * disjoint blocks (e.g. 1-10, 11-20, ...) and the candidate's runs of each block are judged
 * against the references' runs of each block, every (candidate block, reference block) pair a
 * separate count on as many seeds as the issue's criterion uses. With a reference method as the
 * candidate (its block `i` against both references' block `j ≠ i`), the counts are those that a
 * sampler exactly as good as that reference reaches by the criterion: its null distribution.
 * @throws RangeError when the blocks are empty or share a seed.
 */
export function blockCounts(
  runs: readonly RunRecord[],
  budget: number,
  candidate: string,
  references: readonly string[],
  blocks: readonly (readonly number[])[],
): BlockCounts {
  const seen = new Set<number>();
  for (const b of blocks) {
    if (b.length === 0) throw new RangeError("blockCounts: blocks must not be empty");
    for (const s of b) {
      if (seen.has(s)) throw new RangeError(`blockCounts: blocks must be disjoint, seed ${s} is in two`);
      seen.add(s);
    }
  }
  const perBlock = blocks.map((b) => {
    const inBlock = new Set(b);
    return budgetSamples(
      runs.filter((r) => inBlock.has(r.cell.seed)),
      budget,
    );
  });
  const isRef = references.includes(candidate);
  const k = blocks.length;
  const grid = (): (number | null)[][] =>
    Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const good = grid();
  const worse = grid();
  const problems = grid();
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (isRef && i === j) continue;
      const t = tally(perBlock[i]!, perBlock[j]!, candidate, references);
      good[i]![j] = t.atLeastAsGood;
      worse[i]![j] = t.significantlyWorse;
      problems[i]![j] = t.problems;
    }
  }
  return { atLeastAsGood: good, significantlyWorse: worse, problems };
}

/**
 * Per problem and method, the losses of the first `n` trials of every finished run, pooled (a
 * run's failed trials left out). For start-up trials, which every compared sampler draws at
 * random from the same priors, a Mann-Whitney test of two methods' pools checks that the draws
 * are alike in distribution, so that a gap at small budgets is the seeds' luck and not a
 * different start-up (runs shorter than `n`, skipped or failed, are left out).
 */
export function pooledFirstTrials(runs: readonly RunRecord[], n: number): BudgetSamples {
  const out: BudgetSamples = new Map();
  for (const r of runs) {
    if (r.skipped !== null || r.error !== null || r.values.length < n) continue;
    const first: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = r.values[i]?.[0];
      if (v !== undefined && Number.isFinite(v)) first.push(v);
    }
    addTo(out, r.cell.function, methodLabel(r.cell), ...first);
  }
  return out;
}
