/**
 * The self-contained HTML report (report.html): inline CSS and inline SVG plots, no script,
 * no external resource, so it opens from disk. The plots are Vega-Lite specs (`./charts/`)
 * rendered to SVG in Node by Vega (issue 16). Sections: the rank table and tests, median
 * best-so-far score vs progress with IQR bands per function, Pareto fronts for
 * multi-objective problems (whose score plot is the hypervolume gap over trials), sampler time
 * per trial vs trial count, final scores, and tunelab vs Optuna.
 */

import { escapeHtml, PALETTE } from "@tunelab/viz/svg";
import { resolveProblem } from "../problems/registry.js";
import type { BenchmarkResults } from "../runner/run-benchmark.js";
import {
  type CurveRow,
  chartFigure,
  type FrontRow,
  type MethodStyle,
  paretoFrontChart,
  samplerTimeChart,
  scoreCurveChart,
  type TimingRow,
} from "./charts/index.js";
import { fmt, fmtMs, fmtP, metricCaption } from "./format.js";
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

function htmlTable(t: Table, cls = ""): string {
  const head = t.header
    .map((h, j) => `<th${t.right[j] ? ' class="num"' : ""}>${escapeHtml(h)}</th>`)
    .join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => `<td${t.right[j] ? ' class="num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<table class="${cls}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1400px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px;margin-bottom:4px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{padding:3px 9px;border-bottom:1px solid #eee;text-align:left}
th{background:#f6f6f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.plots{display:flex;flex-wrap:wrap;gap:12px}.plots figure{margin:0;border:1px solid #e3e3e3}.plots svg{display:block}
.note{color:#555}code{background:#f3f3f3;padding:1px 4px}
`;

/**
 * Renders the results as one HTML document (a Promise: Vega renders the charts
 * asynchronously).
 */
export async function renderHtml(results: BenchmarkResults): Promise<string> {
  const { plan, summary: s, meta, runs } = results;
  const ordered = rankedMethods(s);
  const style = new Map<string, MethodStyle>();
  s.methods.forEach((m, i) => {
    style.set(m, { label: m, color: PALETTE[i % PALETTE.length]!, dashed: m.startsWith("optuna/") });
  });
  const styles = (ms: readonly string[]): MethodStyle[] => ms.map((m) => style.get(m)!);
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tunelab benchmark: ${escapeHtml(plan.suite)}</title>`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head><body>`,
    `<h1>tunelab benchmark: ${escapeHtml(plan.suite)}</h1>`,
    `<p>${escapeHtml(plan.description)}</p>`,
    `<p class="note">${runs.length} runs: ${plan.functions.length} functions × samplers (tunelab: ${escapeHtml(plan.samplers.tunelab.join(", ") || "none")}; Optuna: ${escapeHtml(plan.samplers.optuna.join(", ") || "none")}) × seeds ${escapeHtml(plan.seeds.join(", "))} × ${plan.trials} trials${plan.budgetSteps === null ? "" : `, budget ${plan.budgetSteps} evaluations on curve problems, pruners ${escapeHtml(plan.pruners.join(", "))}`}. Peer: ${escapeHtml(meta.peer.message)}. Wall time ${meta.wallSeconds.toFixed(1)} s, ${meta.parallel} parallel runs, ${escapeHtml(meta.node)} on ${escapeHtml(meta.platform)}, finished ${escapeHtml(meta.finishedAt)}.</p>`,
  );
  parts.push(`<h2 id="ranking">Ranking</h2>`);
  parts.push(
    `<p>Methods are ranked on each function by their median final score (1 = lowest; ties share ranks) and the ranks averaged over functions. Each table covers the functions on which the same methods ran.</p>`,
  );
  for (const g of shownRankings(s)) {
    parts.push(`<h3>Over ${escapeHtml(groupCaption(g))}</h3>`, htmlTable(rankTable(s, g), "ranks"));
    if (g.friedman !== null) {
      parts.push(
        `<p>Friedman test over functions: χ² = ${fmt(g.friedman.statistic)}, df = ${g.friedman.df}, p = ${fmtP(g.friedman.pValue)}. Post-hoc: Conover (1999), Holm-adjusted p-values (read where the Friedman test rejects):</p>`,
      );
      const c = conoverTable(g);
      if (c !== null) parts.push(htmlTable(c));
      parts.push(`<p>Wilcoxon signed-rank tests over functions:</p>`, htmlTable(wilcoxonTable(g)));
    }
  }

  parts.push(`<h2 id="curves">Best score so far</h2>`);
  const metrics = [...new Set(s.functions.map((f) => f.metric))];
  parts.push(
    `<p>Median over seeds with the interquartile band. ${metrics.map((m) => escapeHtml(metricCaption(m))).join("; ")}.</p>`,
  );
  parts.push(`<div class="plots">`);
  for (const f of s.functions) {
    const methods = s.methods.filter((m) => s.cells[f.name]?.[m] !== undefined);
    if (methods.length === 0) continue;
    const rows: CurveRow[] = [];
    let bands = 0;
    for (const m of methods) {
      const c = s.cells[f.name]![m]!.curve;
      f.axis.forEach((x, i) => {
        rows.push({ method: m, x, median: c.median[i] ?? Number.NaN, q1: c.q1[i], q3: c.q3[i] });
      });
      if (c.q1.some(Number.isFinite) && c.q3.some(Number.isFinite)) bands++;
    }
    const drawn = methods.filter((m) => s.cells[f.name]![m]!.curve.median.some(Number.isFinite)).length;
    const spec = scoreCurveChart(rows, {
      title: f.kind === "multi" ? `${f.name}: hypervolume gap` : f.name,
      xLabel: f.axisLabel,
      yLabel: metricCaption(f.metric).split(" (")[0]!,
      methods: styles(methods),
    });
    parts.push(await chartFigure("regret", spec, { lines: drawn, bands }, { function: f.name }));
  }
  parts.push(`</div>`);

  const multi = s.functions.filter((f) => f.kind === "multi");
  if (multi.length > 0) {
    parts.push(
      `<h2 id="pareto">Pareto fronts</h2><p>Non-dominated points of the run with the median hypervolume gap, per method (first two objectives; points beyond the reference point are not shown); grey: the analytic front.</p><div class="plots">`,
    );
    for (const f of multi) {
      const ref = (resolveProblem(f.name).fn as { referencePoint: readonly number[] }).referencePoint;
      const inside = (p: readonly number[]): boolean => p[0]! <= ref[0]! && p[1]! <= ref[1]!;
      const methods = s.methods.filter((m) => s.cells[f.name]?.[m]?.front !== undefined);
      const rows: FrontRow[] = methods.flatMap((m) =>
        s.cells[f.name]![m]!.front!.filter(inside).map((p) => ({ method: m, f1: p[0]!, f2: p[1]! })),
      );
      if (methods.length === 0) continue;
      const reference = f.trueFront ?? [];
      const spec = paretoFrontChart(rows, reference, {
        title: `${f.name}: Pareto front`,
        xLabel: "f1",
        yLabel: "f2",
        methods: styles(methods),
      });
      const points = rows.filter((r) => Number.isFinite(r.f1) && Number.isFinite(r.f2)).length;
      const refPoints = reference.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).length;
      parts.push(await chartFigure("pareto", spec, { points: points + refPoints }, { function: f.name }));
    }
    parts.push(`</div>`);
  }

  parts.push(`<h2 id="timing">Sampler time per trial</h2>`);
  parts.push(
    `<p>Time spent in the sampler's own methods for trial n (median over all runs of the method), log scale.</p>`,
  );
  const timed = s.methods.filter((m) => s.timing[m] !== undefined && s.timing[m].medianMs.length > 0);
  if (timed.length > 0) {
    const rows: TimingRow[] = timed.flatMap((m) =>
      s.timing[m]!.trialIndex.map((trial, i) => ({
        method: m,
        trial,
        ms: s.timing[m]!.medianMs[i] ?? Number.NaN,
      })),
    );
    const drawn = timed.filter((m) => s.timing[m]!.medianMs.some((v) => v > 0 && Number.isFinite(v))).length;
    const spec = samplerTimeChart(rows, {
      title: "sampler time per trial",
      methods: styles(timed),
      width: 520,
    });
    parts.push(`<div class="plots">${await chartFigure("sampler-time", spec, { lines: drawn })}</div>`);
  }
  parts.push(
    htmlTable({
      header: ["method", "mean time/trial"],
      rows: ordered.map((m) => [m, fmtMs(s.timing[m]?.meanMs ?? Number.NaN)]),
      right: [false, true],
    }),
  );

  parts.push(`<h2 id="scores">Final scores</h2><p>Median [q1, q3] over seeds.</p>`, htmlTable(scoreTable(s)));
  if (s.peers.length > 0) {
    parts.push(
      `<h2 id="peers">tunelab vs Optuna</h2><p>Mann-Whitney U, two-sided, 5% level.</p>`,
      htmlTable(peerTable(s)),
    );
  }
  parts.push(`</body></html>`);
  return `${parts.join("\n")}\n`;
}
