/** The final terminal output: the ranked table and a line per statistical test. */
import type { BenchmarkResults } from "../runner/run-benchmark.js";
import { fmt, fmtP, textTable } from "./format.js";
import { groupCaption, peerTable, rankTable, shownRankings } from "./tables.js";

/** Renders the ranked table (and the tunelab-vs-Optuna verdicts) as plain text. */
export function renderTerminal(results: BenchmarkResults): string {
  const s = results.summary;
  const out: string[] = [];
  if (s.rankings.length === 0) out.push("No run finished: nothing to rank.");
  shownRankings(s).forEach((g, i) => {
    const t = rankTable(s, g);
    if (i > 0) out.push("");
    out.push(
      `Ranking over ${groupCaption(g)} (${results.plan.seeds.length} seeds, ${results.plan.trials} trials):`,
      textTable(t.header, t.rows, t.right),
    );
    if (g.friedman !== null) {
      out.push(
        `Friedman χ² = ${fmt(g.friedman.statistic)} (df ${g.friedman.df}), p = ${fmtP(g.friedman.pValue)}`,
      );
    }
  });
  if (s.peers.length > 0) {
    const p = peerTable(s);
    out.push("", "tunelab vs Optuna (Mann-Whitney U, 5%):", textTable(p.header, p.rows, p.right));
  }
  return out.join("\n");
}
