/**
 * The study report: one self-contained HTML file (no script, no network: every plot is an
 * SVG rendered in Node and inlined) with the study's summary, its best trials, the trial
 * table and every applicable plot (`applicablePlots`). Every user string (study name,
 * parameter names and values, attributes) is escaped; the plots escape theirs in Vega.
 */
import { writeFile } from "node:fs/promises";
import type { JsonValue } from "@tunelab/study";
import { type FrozenTrial, isFeasible, paretoFront, TrialState } from "@tunelab/study";
import { renderSvg, type StudyLike } from "../plots/index.js";
import { escapeHtml } from "../svg/escape.js";
import { applicablePlots } from "./applicable-plots.js";

/** What a report reads from a study: a `StudyLike`, and its metric names and user attributes when it has them. */
export interface ReportStudy extends StudyLike {
  readonly metricNames?: readonly string[] | null;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
}

/** Options of {@link studyReportHtml}. */
export interface StudyReportOptions {
  /**
   * The most trials listed in the trial table (the most recent ones); the plots show all.
   * An integer in [0, 1000000].
   * @defaultValue 1000
   */
  readonly maxTableRows?: number;
  /**
   * The time the report says it was made, in epoch milliseconds (for reproducible files).
   * @defaultValue Date.now()
   */
  readonly now?: number;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}
th{background:#f4f4f4}td.s,th.s{text-align:left}figure{margin:1em 0;overflow-x:auto}
.state-PRUNED{color:#b07800}.state-FAIL{color:#D55E00}.state-RUNNING{color:#009E73}.note{color:#666}`;

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toPrecision(6);
  return escapeHtml(typeof v === "string" ? v : JSON.stringify(v));
}

function trialRows(trials: readonly FrozenTrial[], params: readonly string[], m: number): string {
  return trials
    .map((t) => {
      const values = Array.from({ length: m }, (_, k) => `<td>${cell(t.values?.[k] ?? null)}</td>`).join("");
      const ps = params
        .map((p) => {
          const v = Object.hasOwn(t.params, p) ? t.params[p] : undefined;
          return `<td class="s">${v === undefined ? "" : cell(v)}</td>`;
        })
        .join("");
      const duration = t.duration === null ? "" : (t.duration / 1000).toFixed(1);
      return `<tr data-trial="${t.number}"><td>${t.number}</td><td class="s state-${t.state}">${t.state}</td>${values}<td>${duration}</td>${ps}</tr>`;
    })
    .join("\n");
}

function trialTable(
  id: string,
  trials: readonly FrozenTrial[],
  params: readonly string[],
  names: readonly string[],
): string {
  const head = [
    "<th>number</th><th class='s'>state</th>",
    ...names.map((n) => `<th>${escapeHtml(n)}</th>`),
    "<th>duration (s)</th>",
    ...params.map((p) => `<th class="s">${escapeHtml(p)}</th>`),
  ].join("");
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${trialRows(trials, params, names.length)}\n</tbody></table>`;
}

/**
 * The report of `study` as one HTML document.
 * @example
 * ```ts
 * await writeFile("report.html", await studyReportHtml(study));
 * ```
 */
export async function studyReportHtml(study: ReportStudy, options: StudyReportOptions = {}): Promise<string> {
  const where = "studyReportHtml";
  const maxRows = options.maxTableRows ?? 1000;
  if (!Number.isInteger(maxRows) || maxRows < 0 || maxRows > 1_000_000)
    throw new RangeError(`${where}: maxTableRows must be an integer in [0, 1000000], got ${String(maxRows)}`);
  const m = study.directions.length;
  const names = study.metricNames ?? Array.from({ length: m }, (_, k) => (m === 1 ? "value" : `value ${k}`));
  const trials = [...study.trials].sort((a, b) => a.number - b.number);
  const params = [...new Set(trials.flatMap((t) => Object.keys(t.distributions)))];
  const counts = Object.values(TrialState).map(
    (s) => [s, trials.filter((t) => t.state === s).length] as const,
  );
  const complete = trials.filter((t) => t.state === TrialState.COMPLETE && isFeasible(t));
  let best: FrozenTrial[] = [];
  if (complete.length > 0) {
    if (m === 1) {
      const sign = study.directions[0] === "maximize" ? -1 : 1;
      best = [complete.reduce((a, b) => (sign * b.values![0]! < sign * a.values![0]! ? b : a))];
    } else best = paretoFront(complete, study.directions);
  }
  const figures: string[] = [];
  for (const plot of applicablePlots(study)) {
    const svg = await renderSvg(plot.spec);
    figures.push(
      `<h3>${escapeHtml(plot.heading)}</h3>\n<figure class="plot" data-plot="${plot.id}">${svg}</figure>`,
    );
  }
  const shown = trials.slice(Math.max(0, trials.length - maxRows));
  const attrs = Object.keys(study.userAttrs ?? {});
  const made = new Date(options.now ?? Date.now()).toISOString();
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`tunelab report: ${study.studyName}`)}</title><style>${STYLE}</style></head>
<body>
<h1 id="study-name">${escapeHtml(study.studyName)}</h1>
<p class="note">tunelab study report, made ${made}; directions: ${study.directions.map(escapeHtml).join(", ")}.</p>
<h2>Summary</h2>
<table id="summary"><tbody>
<tr><th class="s">trials</th><td>${trials.length}</td></tr>
${counts.map(([s, n]) => `<tr><th class="s">${s}</th><td>${n}</td></tr>`).join("\n")}
<tr><th class="s">parameters</th><td class="s">${params.map(escapeHtml).join(", ")}</td></tr>
${attrs.map((k) => `<tr><th class="s">${escapeHtml(k)}</th><td class="s">${cell(study.userAttrs![k])}</td></tr>`).join("\n")}
</tbody></table>
<h2>${m === 1 ? "Best trial" : "Best trials (Pareto front)"}</h2>
${best.length === 0 ? "<p>No completed feasible trial yet.</p>" : trialTable("best-trials", best, params, names)}
<h2>Plots</h2>
${figures.length === 0 ? "<p>No plot applies yet.</p>" : figures.join("\n")}
<h2>Trials</h2>
${shown.length < trials.length ? `<p class="note">The last ${shown.length} of ${trials.length} trials.</p>` : ""}
${trialTable("trials", shown, params, names)}
</body></html>
`;
}

/** Writes {@link studyReportHtml} of `study` to `path`. */
export async function writeStudyReport(
  study: ReportStudy,
  path: string,
  options: StudyReportOptions = {},
): Promise<void> {
  await writeFile(path, await studyReportHtml(study, options), "utf8");
}
