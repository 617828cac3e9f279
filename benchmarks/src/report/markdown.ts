/** The Markdown summary of a benchmark (summary.md). */
import type { BenchmarkResults } from "../runner/run-benchmark.js";
import { fmt, fmtMs, fmtP, markdownTable, metricCaption } from "./format.js";
import { frontQualityTables, renderFrontQuality } from "./front-quality.js";
import { prunerBudget, renderPrunerBudget } from "./pruner-budget.js";
import {
  conoverTable,
  groupCaption,
  peerTable,
  rankedMethods,
  rankTable,
  scoreTable,
  shownRankings,
  type Table,
  wilcoxonTable,
} from "./tables.js";

const md = (t: Table): string => markdownTable(t.header, t.rows, t.right);

/** Renders results as Markdown. */
export function renderMarkdown(results: BenchmarkResults): string {
  const { plan, summary: s, meta, runs } = results;
  const lines: string[] = [];
  lines.push(`# Benchmark: ${plan.suite}`, "", plan.description, "");
  lines.push(
    `- functions: ${plan.functions.join(", ")}`,
    `- tunelab samplers: ${plan.samplers.tunelab.join(", ") || "none"}; Optuna samplers: ${plan.samplers.optuna.join(", ") || "none"} (peer: ${meta.peer.message})`,
    `- pruners (curve problems): ${plan.pruners.join(", ")}`,
    `- seeds: ${plan.seeds.join(", ")}; trials per run: ${plan.trials}${plan.budgetSteps === null ? "" : `; budget on curve problems: ${plan.budgetSteps} evaluations`}; concurrency in a study: ${plan.concurrency}`,
    `- runs: ${runs.length} (${runs.filter((r) => r.skipped !== null).length} not applicable, ${runs.filter((r) => r.error !== null).length} failed); wall time ${meta.wallSeconds.toFixed(1)} s with ${meta.parallel} parallel runs on ${meta.cpus} CPUs (${meta.node}, ${meta.platform})`,
  );
  if (meta.command !== "") lines.push(`- command: \`${meta.command}\``);
  lines.push("", "## Ranking", "");
  lines.push(
    "Methods are ranked on each function by their median final score (rank 1 = lowest; ties share ranks) and the ranks averaged over functions. Each table covers the functions on which the same methods ran.",
    "",
  );
  for (const g of shownRankings(s)) {
    lines.push(`### Over ${groupCaption(g)}`, "", md(rankTable(s, g)), "");
    if (g.friedman !== null) {
      lines.push(
        `Friedman test over functions: χ² = ${fmt(g.friedman.statistic)}, df = ${g.friedman.df}, p = ${fmtP(g.friedman.pValue)}.`,
        "",
      );
      const c = conoverTable(g);
      if (c !== null) {
        lines.push(
          "Conover post-hoc test, Holm-adjusted p-values (read where the Friedman test rejects):",
          "",
          md(c),
          "",
        );
      }
      lines.push(
        "Wilcoxon signed-rank tests of each pair over functions (medians paired by function):",
        "",
        md(wilcoxonTable(g)),
        "",
      );
    }
  }
  lines.push("## Final scores", "");
  const metrics = [...new Set(s.functions.map((f) => f.metric))];
  lines.push(
    `Median [q1, q3] over seeds of the final score; lower is better. Scores: ${metrics.map((m) => `${metricCaption(m)}`).join("; ")}.`,
    "",
    md(scoreTable(s)),
    "",
  );
  if (s.peers.length > 0) {
    lines.push(
      "## tunelab vs Optuna",
      "",
      "Mann-Whitney U, two-sided, 5% level, over seeds:",
      "",
      md(peerTable(s)),
      "",
    );
  }
  // Multi-objective problems: hypervolume and IGD+ against evaluations (report/front-quality.ts).
  const fronts = renderFrontQuality(frontQualityTables(runs));
  if (fronts !== "") lines.push(fronts);
  // Runs with and without pruners on curve problems: best loss against evaluations used.
  const budget = renderPrunerBudget(prunerBudget(runs));
  if (budget !== "") lines.push(budget);
  lines.push("## Sampler time per trial", "");
  const ordered = rankedMethods(s);
  lines.push(
    markdownTable(
      ["method", "mean", "trial 1", "trial 10", "last trial"],
      ordered.map((m) => {
        const t = s.timing[m]!;
        const at = (i: number): string => fmtMs(t.medianMs[i] ?? Number.NaN);
        return [m, fmtMs(t.meanMs), at(0), at(9), at(t.medianMs.length - 1)];
      }),
      [false, true, true, true, true],
    ),
    "",
  );
  const skipped = runs.filter((r) => r.skipped !== null);
  const failed = runs.filter((r) => r.error !== null);
  if (skipped.length > 0 || failed.length > 0) {
    lines.push("## Not run", "");
    const reasons = new Map<string, number>();
    for (const r of skipped) reasons.set(r.skipped!, (reasons.get(r.skipped!) ?? 0) + 1);
    for (const r of failed) reasons.set(`error: ${r.error}`, (reasons.get(`error: ${r.error}`) ?? 0) + 1);
    for (const [why, n] of reasons) lines.push(`- ${n} run(s): ${why}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
