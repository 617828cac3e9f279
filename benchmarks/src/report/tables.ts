/**
 * The tables of a benchmark summary, as rows of strings, shared by the terminal and
 * Markdown renderers: the rank table, per-function medians [IQR], sampler time, pairwise tests
 * and the tunelab-vs-Optuna comparisons.
 */
import { fmt, fmtMs, fmtP } from "./format.js";
import type { BenchmarkSummary, RankingGroup } from "./summary.js";

/** A table: header, rows, right-aligned columns. */
export interface Table {
  readonly header: string[];
  readonly rows: string[][];
  readonly right: boolean[];
}

/**
 * Methods ordered by their mean rank in the first (largest) ranking group, then the others by
 * their best position in later groups.
 */
export function rankedMethods(s: BenchmarkSummary): string[] {
  const out: string[] = [];
  for (const g of s.rankings) for (const m of g.methods) if (!out.includes(m)) out.push(m);
  for (const m of s.methods) if (!out.includes(m)) out.push(m);
  return out;
}

/** The ranked table of one group: position, method, mean rank, wins, sampler ms/trial. */
export function rankTable(s: BenchmarkSummary, g: RankingGroup): Table {
  const rows = g.methods.map((m, i) => {
    let wins = 0;
    for (const f of g.functions) {
      const r = g.ranksByFunction[f]!;
      if (r[m] === Math.min(...Object.values(r))) wins++;
    }
    return [
      String(i + 1),
      m,
      fmt(g.meanRanks[m]!),
      `${wins}/${g.functions.length}`,
      fmtMs(s.timing[m]?.meanMs ?? Number.NaN),
    ];
  });
  return {
    header: ["#", "method", "mean rank", "wins", "sampler time/trial"],
    rows,
    right: [true, false, true, true, true],
  };
}

/**
 * The ranking groups worth a table: those comparing at least 2 methods (or the largest group
 * when none does).
 */
export function shownRankings(s: BenchmarkSummary): RankingGroup[] {
  const many = s.rankings.filter((g) => g.methods.length >= 2);
  return many.length > 0 ? many : s.rankings.slice(0, 1);
}

/** A one-line description of a group's functions. */
export function groupCaption(g: RankingGroup): string {
  const names =
    g.functions.length <= 8 ? g.functions.join(", ") : `${g.functions.slice(0, 8).join(", ")}, ...`;
  return `${g.functions.length} function(s) where ${g.methods.length} method(s) ran: ${names}`;
}

/** Median final score [q1, q3] per function (rows) and method (columns). */
export function scoreTable(s: BenchmarkSummary): Table {
  const ordered = rankedMethods(s);
  const rows = s.functions.map((f) => [
    f.name,
    ...ordered.map((m) => {
      const c = s.cells[f.name]?.[m];
      return c === undefined ? "n/a" : `${fmt(c.final.median)} [${fmt(c.final.q1)}, ${fmt(c.final.q3)}]`;
    }),
  ]);
  return { header: ["function", ...ordered], rows, right: [false, ...ordered.map(() => true)] };
}

/** Conover post-hoc (Holm-adjusted) p-values of a group, methods by mean rank. */
export function conoverTable(g: RankingGroup): Table | null {
  if (g.conover === null) return null;
  const ordered = g.methods;
  const rows = ordered.map((a, i) => [
    a,
    ...ordered.map((b, j) => (a === b ? "-" : fmtP(g.conover![i]![j]!))),
  ]);
  return { header: ["", ...ordered], rows, right: [false, ...ordered.map(() => true)] };
}

/** Wilcoxon signed-rank tests of each pair over the functions of a group. */
export function wilcoxonTable(g: RankingGroup): Table {
  const rows = g.wilcoxon.map((w) => [
    w.a,
    w.b,
    String(w.n),
    fmt(w.statistic, 1),
    fmtP(w.pValue),
    w.pValue < 0.05 ? "yes" : "no",
  ]);
  return {
    header: ["method A", "method B", "n", "W", "p", "significant (5%)"],
    rows,
    right: [false, false, true, true, true, false],
  };
}

/** tunelab vs Optuna per function and sampler (Mann-Whitney U). */
export function peerTable(s: BenchmarkSummary): Table {
  const rows = s.peers.map((p) => [
    p.function,
    (p.pruner === "none" ? p.sampler : `${p.sampler}+${p.pruner}`) +
      (p.optunaSampler === undefined ? "" : ` vs optuna/${p.optunaSampler}`),
    fmt(p.tunelab),
    fmt(p.optuna),
    fmtP(p.pValue),
    p.verdict,
  ]);
  return {
    header: ["function", "sampler", "tunelab median", "optuna median", "p (Mann-Whitney)", "verdict"],
    rows,
    right: [false, false, true, true, true, false],
  };
}
