/**
 * Pruners against a budget of evaluations (issue 14's single-objective evidence): for each
 * pruner, the best final value a run has found against the evaluations it has used so far,
 * measured at fractions of what the run without pruning used, and what the pruner's mistakes
 * cost (pruned trials that would have ended better, and its bias against long schedules).
 *
 * Definitions, per function, sampler and seed (trials in trial-number order, which is the
 * order they ran in at concurrency 1; at higher concurrency it is the order they started in):
 * - the cost of trial i is c_i, the evaluations it reported before it completed, failed or was
 *   pruned (`RunRecord.steps`), or the training steps it consumed (`curves.trainingSteps`);
 *   C_k = c_0 + … + c_k is the cumulative cost after trial k;
 * - best(s) is the lowest final value among the COMPLETE trials k with C_k ≤ s (NaN when none):
 *   a trial counts once the evaluations it used fit in the allowance s;
 * - the reference run is the one without pruning ("none") of the same seed: it used
 *   S = C_last and found L* = its lowest final value;
 * - the gap of a run at a fraction f of the reference is best(f·S)/L* − 1 (minimizing; for a
 *   positive loss, 0.01 means "within 1% of L*");
 * - the target is met when the median over seeds of the gap at f = ⅓ is at most the tolerance
 *   (issue 14: within 1% with at most a third of the steps, median over 10 seeds).
 *
 * Pruning mistakes, pooled over the seeds (they need `curves`, each trial's whole curve):
 * - a false prune is a pruned trial whose final value, had it run to the end, is below the
 *   best final value of the COMPLETE trials before it (it would have become the incumbent);
 *   a lost best is one below the best final value the whole run found;
 * - prune rates of short and long trials: the share of trials pruned among those whose whole
 *   curve has at most `shortLength` evaluations, and among those with at least `longLength`;
 * - early prune rates: among the short and the long trials whose whole curve is longer than
 *   `earlyEvaluations` (so that all of them were still running through that window), the
 *   share pruned after at most `earlyEvaluations` reports. Within the window short and long
 *   trials meet the same rungs (a long trial meets more rungs in all, so its overall prune
 *   rate is higher without any bias), so a difference in early prune rates comes from their
 *   values there: on the LLM surrogate, the schedule-truncation effect (`truncation.ts`).
 */
import { median, quantile } from "@tunelab/math/stats";
import type { RunRecord } from "../runner/types.js";
import { markdownTable } from "./format.js";

/** Options of {@link prunerBudget}. */
export interface PrunerBudgetOptions {
  /** The pruner of the reference runs. @defaultValue "none" */
  readonly reference?: string;
  /** Fractions f of the reference run's cost at which best(f·S) is read. @defaultValue [0.1, 1/3, 1] */
  readonly fractions?: readonly number[];
  /** Fractions of the curve table (medians only). @defaultValue [0.05, 0.1, 0.2, 1/3, 0.5, 0.75, 1] */
  readonly curveFractions?: readonly number[];
  /** The fraction of the target. @defaultValue 1/3 */
  readonly targetFraction?: number;
  /** The relative gap of the target. @defaultValue 0.01 */
  readonly tolerance?: number;
  /** Whole curves of at most this many evaluations are "short". @defaultValue 20 (1-2 epochs of the surrogate) */
  readonly shortLength?: number;
  /** Whole curves of at least this many evaluations are "long". @defaultValue 40 (4-5 epochs) */
  readonly longLength?: number;
  /** Early prunes: pruned after at most this many reports. @defaultValue 19 (short trials are then the 2-epoch ones) */
  readonly earlyEvaluations?: number;
}

/** Median and quartiles over seeds. */
export interface Spread {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

/** One pruner's row. */
export interface PrunerBudgetRow {
  readonly pruner: string;
  readonly seeds: number;
  /** Trials per run. */
  readonly trials: Spread;
  /** Share of a run's trials that were pruned. */
  readonly prunedShare: Spread;
  /** Evaluations a run used in all. */
  readonly evaluations: Spread;
  /** best(f·S) for each of the fractions, on evaluations. */
  readonly bestAt: readonly Spread[];
  /** Median over seeds of best(f·S) for each of the curve fractions, on evaluations. */
  readonly curve: readonly number[];
  /** The gap at the target fraction, on evaluations. */
  readonly gap: Spread;
  /** Seeds whose gap at the target fraction is within the tolerance, on evaluations. */
  readonly seedsWithin: number;
  /** The gap at the target fraction when the cost is training steps (NaN without them). */
  readonly gapTraining: Spread;
  /** Seeds within the tolerance on training steps. */
  readonly seedsWithinTraining: number;
  /** Pruned trials, false prunes and lost bests, pooled over seeds (NaN without curves). */
  readonly pruned: number;
  readonly falsePrunes: number;
  readonly lostBests: number;
  /** Prune rates of short and long trials, pooled over seeds. */
  readonly shortPruneRate: number;
  readonly longPruneRate: number;
  /** Early prune rates of short and long trials, pooled over seeds. */
  readonly shortEarlyPruneRate: number;
  readonly longEarlyPruneRate: number;
  /** Whole-curve length (evaluations) of each run's best trial. */
  readonly bestLength: Spread;
}

/** The table of one function and sampler. */
export interface PrunerBudgetTable {
  readonly function: string;
  readonly sampler: string;
  readonly side: string;
  readonly fractions: readonly number[];
  readonly curveFractions: readonly number[];
  readonly targetFraction: number;
  readonly tolerance: number;
  readonly shortLength: number;
  readonly longLength: number;
  readonly earlyEvaluations: number;
  /** The reference pruner's row first, then the others in the order of the runs. */
  readonly rows: PrunerBudgetRow[];
}

/**
 * best(s): the lowest final value (first objective) among the COMPLETE trials whose cumulative
 * cost, themselves included, is at most `allowance`; NaN when there is none.
 * @param cost - the cost of each trial (default: the evaluations it used).
 * @throws RangeError if `cost` does not hold one entry per trial.
 */
export function bestWithin(run: RunRecord, allowance: number, cost: readonly number[] = run.steps): number {
  if (cost.length !== run.values.length)
    throw new RangeError(
      `bestWithin: cost must hold one entry per trial (${run.values.length}), got ${cost.length}`,
    );
  let used = 0;
  let best = Number.NaN;
  for (let i = 0; i < cost.length; i++) {
    used += cost[i]!;
    if (used > allowance) break;
    const v = run.values[i]?.[0];
    if (v !== undefined && !Number.isNaN(v) && !(v >= best)) best = v;
  }
  return best;
}

/** The total cost of a run. */
export function totalCost(cost: readonly number[]): number {
  let s = 0;
  for (const c of cost) s += c;
  return s;
}

/** The training steps of each trial of a run (null entries as 0), or null when not recorded. */
export function trainingCost(run: RunRecord): number[] | null {
  const t = run.curves?.trainingSteps;
  if (t === undefined || t.some((x) => x === null)) return null;
  return t.map((x) => x ?? 0);
}

/** Counts of pruning mistakes in one run (see the module header); zeros without curves. */
export interface PruneMistakes {
  readonly pruned: number;
  readonly falsePrunes: number;
  readonly lostBests: number;
  readonly short: number;
  readonly shortPruned: number;
  /** Short trials longer than the early window, and how many of them were pruned within it. */
  readonly shortEligible: number;
  readonly shortEarlyPruned: number;
  readonly long: number;
  readonly longPruned: number;
  readonly longEarlyPruned: number;
}

/** The pruning mistakes of one run. */
export function pruneMistakes(
  run: RunRecord,
  shortLength = 20,
  longLength = 40,
  earlyEvaluations = 19,
): PruneMistakes {
  const curves = run.curves;
  let runBest = Number.POSITIVE_INFINITY;
  for (const v of run.values) if (v !== null && v[0]! < runBest) runBest = v[0]!;
  let incumbent = Number.POSITIVE_INFINITY;
  let pruned = 0;
  let falsePrunes = 0;
  let lostBests = 0;
  let short = 0;
  let shortPruned = 0;
  let shortEligible = 0;
  let shortEarlyPruned = 0;
  let longEarlyPruned = 0;
  let long = 0;
  let longPruned = 0;
  for (let i = 0; i < run.states.length; i++) {
    const isPruned = run.states[i] === "P";
    const early = isPruned && run.steps[i]! <= earlyEvaluations;
    if (isPruned) pruned++;
    if (curves !== undefined) {
      const len = curves.length[i]!;
      if (len <= shortLength) {
        short++;
        if (isPruned) shortPruned++;
        if (len > earlyEvaluations) {
          shortEligible++;
          if (early) shortEarlyPruned++;
        }
      }
      if (len >= longLength) {
        long++;
        if (isPruned) longPruned++;
        if (early) longEarlyPruned++;
      }
      const f = curves.final[i];
      if (isPruned && f !== null && f !== undefined) {
        if (f < incumbent) falsePrunes++;
        if (f < runBest) lostBests++;
      }
    }
    const v = run.values[i]?.[0];
    if (v !== undefined && v < incumbent) incumbent = v;
  }
  return {
    pruned,
    falsePrunes,
    lostBests,
    short,
    shortPruned,
    shortEligible,
    shortEarlyPruned,
    long,
    longPruned,
    longEarlyPruned,
  };
}

function spread(xs: readonly number[]): Spread {
  return { median: median(xs), q1: quantile(xs, 0.25), q3: quantile(xs, 0.75) };
}

function checkFraction(name: string, f: number): number {
  if (!(f > 0 && f <= 1)) throw new RangeError(`prunerBudget: ${name} must be in (0, 1], got ${f}`);
  return f;
}

/**
 * The pruner-budget tables of a benchmark's runs: one per function and sampler that ran with
 * the reference pruner and at least one other. Runs that were skipped or failed are left out;
 * a seed without its reference run is left out of the other pruners too.
 * @throws RangeError for fractions outside (0, 1] or a negative tolerance.
 */
export function prunerBudget(
  runs: readonly RunRecord[],
  options: PrunerBudgetOptions = {},
): PrunerBudgetTable[] {
  const reference = options.reference ?? "none";
  const fractions = (options.fractions ?? [0.1, 1 / 3, 1]).map((f) => checkFraction("fractions", f));
  const curveFractions = (options.curveFractions ?? [0.05, 0.1, 0.2, 1 / 3, 0.5, 0.75, 1]).map((f) =>
    checkFraction("curveFractions", f),
  );
  const target = checkFraction("targetFraction", options.targetFraction ?? 1 / 3);
  const tolerance = options.tolerance ?? 0.01;
  if (!(tolerance >= 0)) throw new RangeError(`prunerBudget: tolerance must be >= 0, got ${tolerance}`);
  const shortLength = options.shortLength ?? 20;
  const longLength = options.longLength ?? 40;
  const earlyEvaluations = options.earlyEvaluations ?? 19;
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    if (r.skipped !== null || r.error !== null || r.values.length === 0) continue;
    const key = `${r.cell.function}\u0000${r.cell.side}\u0000${r.cell.sampler}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  const tables: PrunerBudgetTable[] = [];
  for (const group of groups.values()) {
    const refs = new Map<number, RunRecord>();
    for (const r of group) if (r.cell.pruner === reference) refs.set(r.cell.seed, r);
    const pruners = [reference, ...new Set(group.map((r) => r.cell.pruner).filter((p) => p !== reference))];
    if (refs.size === 0 || pruners.length < 2) continue;
    const rows: PrunerBudgetRow[] = [];
    for (const pruner of pruners) {
      const mine = group.filter((r) => r.cell.pruner === pruner && refs.has(r.cell.seed));
      if (mine.length === 0) continue;
      const trials: number[] = [];
      const share: number[] = [];
      const evals: number[] = [];
      const bestAt: number[][] = fractions.map(() => []);
      const curve: number[][] = curveFractions.map(() => []);
      const gaps: number[] = [];
      const gapsTraining: number[] = [];
      const bestLength: number[] = [];
      let m: PruneMistakes = {
        pruned: 0,
        falsePrunes: 0,
        lostBests: 0,
        short: 0,
        shortPruned: 0,
        shortEligible: 0,
        shortEarlyPruned: 0,
        long: 0,
        longPruned: 0,
        longEarlyPruned: 0,
      };
      for (const r of mine) {
        const ref = refs.get(r.cell.seed)!;
        const s = totalCost(ref.steps);
        const lStar = bestWithin(ref, Number.POSITIVE_INFINITY);
        trials.push(r.states.length);
        const mi = pruneMistakes(r, shortLength, longLength, earlyEvaluations);
        share.push(mi.pruned / r.states.length);
        evals.push(totalCost(r.steps));
        for (let j = 0; j < fractions.length; j++) bestAt[j]!.push(bestWithin(r, fractions[j]! * s));
        for (let j = 0; j < curveFractions.length; j++) curve[j]!.push(bestWithin(r, curveFractions[j]! * s));
        gaps.push(bestWithin(r, target * s) / lStar - 1);
        const rt = trainingCost(r);
        const reft = trainingCost(ref);
        if (rt !== null && reft !== null)
          gapsTraining.push(bestWithin(r, target * totalCost(reft), rt) / lStar - 1);
        m = {
          pruned: m.pruned + mi.pruned,
          falsePrunes: m.falsePrunes + mi.falsePrunes,
          lostBests: m.lostBests + mi.lostBests,
          short: m.short + mi.short,
          shortPruned: m.shortPruned + mi.shortPruned,
          shortEligible: m.shortEligible + mi.shortEligible,
          shortEarlyPruned: m.shortEarlyPruned + mi.shortEarlyPruned,
          long: m.long + mi.long,
          longPruned: m.longPruned + mi.longPruned,
          longEarlyPruned: m.longEarlyPruned + mi.longEarlyPruned,
        };
        if (r.curves !== undefined) {
          const best = bestWithin(r, Number.POSITIVE_INFINITY);
          const k = r.values.findIndex((v) => v !== null && v[0] === best);
          if (k >= 0) bestLength.push(r.curves.length[k]!);
        }
      }
      // A run that found nothing within the allowance has an infinite gap (NaN would drop it).
      const finite = (xs: number[]): number[] =>
        xs.map((x) => (Number.isNaN(x) ? Number.POSITIVE_INFINITY : x));
      const g = finite(gaps);
      const gt = finite(gapsTraining);
      rows.push({
        pruner,
        seeds: mine.length,
        trials: spread(trials),
        prunedShare: spread(share),
        evaluations: spread(evals),
        bestAt: bestAt.map((xs) => spread(finite(xs))),
        curve: curve.map((xs) => median(finite(xs))),
        gap: spread(g),
        seedsWithin: g.filter((x) => x <= tolerance).length,
        gapTraining: spread(gt),
        seedsWithinTraining: gt.filter((x) => x <= tolerance).length,
        pruned: m.pruned,
        falsePrunes: m.falsePrunes,
        lostBests: m.lostBests,
        shortPruneRate: m.shortPruned / m.short,
        longPruneRate: m.longPruned / m.long,
        shortEarlyPruneRate: m.shortEarlyPruned / m.shortEligible,
        longEarlyPruneRate: m.longEarlyPruned / m.long,
        bestLength: spread(bestLength),
      });
    }
    const first = group[0]!;
    tables.push({
      function: first.cell.function,
      sampler: first.cell.sampler,
      side: first.cell.side,
      fractions,
      curveFractions,
      targetFraction: target,
      tolerance,
      shortLength,
      longLength,
      earlyEvaluations,
      rows,
    });
  }
  return tables;
}

const pct = (x: number, digits = 1): string =>
  Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : Number.isNaN(x) ? "n/a" : "inf";
const pct2 = (x: number): string => pct(x, 2);
const num = (x: number, d: number): string =>
  Number.isFinite(x) ? x.toFixed(d) : Number.isNaN(x) ? "n/a" : x > 0 ? "inf" : "-inf";
const sp = (s: Spread, f: (x: number) => string): string => `${f(s.median)} [${f(s.q1)}, ${f(s.q3)}]`;
const fracLabel = (f: number): string => (Math.abs(f - 1 / 3) < 1e-12 ? "⅓" : `${Math.round(f * 100)}%`);

/** The Markdown section of {@link prunerBudget}'s tables ("" when there is none). */
export function renderPrunerBudget(tables: readonly PrunerBudgetTable[]): string {
  if (tables.length === 0) return "";
  const lines: string[] = ["## Pruners against a budget of evaluations", ""];
  for (const t of tables) {
    const tf = fracLabel(t.targetFraction);
    const ref = t.rows[0]!;
    lines.push(
      `### ${t.function}, ${t.side === "tunelab" ? "" : `${t.side}/`}${t.sampler}`,
      "",
      `Per seed, the run without pruning (\`${ref.pruner}\`) used S evaluations and found L*; best(s) is the lowest final loss among the trials that completed within the first s evaluations of a run (pruned trials count the evaluations they used). The gap is best(${tf}·S)/L* − 1; the target (issue 14) is a median gap over seeds of at most ${pct(t.tolerance)}. Median [q1, q3] over ${ref.seeds} seeds.`,
      "",
    );
    lines.push(
      markdownTable(
        [
          "pruner",
          "trials",
          "pruned",
          "evaluations",
          ...t.fractions.map((f) => `best at ${fracLabel(f)} S`),
          `gap at ${tf} S`,
          `seeds within ${pct(t.tolerance)}`,
          "target",
        ],
        t.rows.map((r) => [
          r.pruner,
          sp(r.trials, (x) => num(x, 0)),
          sp(r.prunedShare, pct),
          sp(r.evaluations, (x) => num(x, 0)),
          ...r.bestAt.map((b) => sp(b, (x) => num(x, 4))),
          sp(r.gap, pct2),
          `${r.seedsWithin}/${r.seeds}`,
          r.pruner === ref.pruner ? "-" : r.gap.median <= t.tolerance ? "met" : "not met",
        ]),
        [false, true, true, true, ...t.fractions.map(() => true), true, true, false],
      ),
      "",
      "Best loss against evaluations used, as a fraction of S (median over seeds; inf: no trial completed yet in most seeds):",
      "",
      markdownTable(
        ["pruner", ...t.curveFractions.map((f) => fracLabel(f))],
        t.rows.map((r) => [r.pruner, ...r.curve.map((x) => num(x, 4))]),
        [false, ...t.curveFractions.map(() => true)],
      ),
      "",
      `The same criterion with the cost counted in training (optimizer) steps instead of evaluations (a trial with a small batch takes more steps per evaluation):`,
      "",
      markdownTable(
        ["pruner", `gap at ${tf} of the training steps`, `seeds within ${pct(t.tolerance)}`],
        t.rows.map((r) => [r.pruner, sp(r.gapTraining, pct2), `${r.seedsWithinTraining}/${r.seeds}`]),
        [false, true, true],
      ),
      "",
      `Pruning mistakes, pooled over seeds: a false prune would have beaten the incumbent when it was pruned (its whole curve's final loss below the best completed so far), a lost best would have beaten the run's final best. Short trials have whole curves of at most ${t.shortLength} evaluations, long ones at least ${t.longLength}; "early" is the share pruned within the first ${t.earlyEvaluations} reports among the short and long trials longer than that (where both meet the same rungs, so a difference comes from their values: the truncation effect); the best trial's length is that of the run's best completed trial.`,
      "",
      markdownTable(
        [
          "pruner",
          "pruned trials",
          "false prunes",
          "lost bests",
          "pruned among short",
          "pruned among long",
          "early: short",
          "early: long",
          "best trial's length",
        ],
        t.rows.map((r) => [
          r.pruner,
          String(r.pruned),
          r.pruned === 0 ? "0" : `${r.falsePrunes} (${pct(r.falsePrunes / r.pruned)})`,
          String(r.lostBests),
          pct(r.shortPruneRate),
          pct(r.longPruneRate),
          pct(r.shortEarlyPruneRate),
          pct(r.longEarlyPruneRate),
          sp(r.bestLength, (x) => num(x, 0)),
        ]),
        [false, true, true, true, true, true, true, true, true],
      ),
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}
