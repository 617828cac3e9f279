/**
 * The study report: one self-contained HTML file (no network) with the study's summary, its
 * best trials, the trial table and every applicable plot (`applicablePlots`). Two modes:
 * "interactive" (the default) embeds the Vega-Lite specs and the vega / vega-lite /
 * vega-embed bundles inline and draws the plots in the page (canvas), with the trial table a
 * page at a time from embedded JSON; "static" renders every plot to SVG in Node and writes a
 * file without any script (for places that strip JS), at a much higher cost for large
 * studies (README, "Report speed"). Every user string (study name, parameter names and
 * values, attributes) is escaped, or set as text by the page's script.
 */
import { writeFile } from "node:fs/promises";
import type { JsonValue } from "@tunelab/study";
import { type FrozenTrial, isFeasible, paretoFront, TrialState } from "@tunelab/study";
import { clientPage, PAGE_STYLE } from "../page/html.js";
import { renderSvg, type StudyLike } from "../plots/index.js";
import { escapeHtml } from "../svg/escape.js";
import { applicablePlots } from "./applicable-plots.js";
import { studyPageData } from "./page-data.js";

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
  /**
   * "interactive": plots drawn in the page by vega-embed from inlined specs and bundles (a
   * CSP allows those scripts by hash, nothing else), the trial table paged from embedded
   * JSON (every trial; `maxTableRows` does not apply). "static": plots as SVG rendered in
   * Node, no script at all (CSP `default-src 'none'`), the table as HTML.
   * @defaultValue "interactive"
   */
  readonly mode?: "interactive" | "static";
  /**
   * The most trials a plot that draws a mark per trial draws (slice, rank, contour, parallel
   * coordinates, intermediate values); above it the best and a systematic sample, said under
   * the plot's heading (`applicablePlots`). An integer >= 10, or Infinity.
   * @defaultValue 1000 in "interactive" mode, Infinity in "static"
   */
  readonly maxTrialsDrawn?: number;
}

const STYLE = PAGE_STYLE;

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
  const attrs = Object.keys(study.userAttrs ?? {});
  const made = new Date(options.now ?? Date.now()).toISOString();
  const head = `<h1 id="study-name">${escapeHtml(study.studyName)}</h1>
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
<h2>Plots</h2>`;
  const title = `tunelab report: ${study.studyName}`;
  const mode = options.mode ?? "interactive";
  if (mode === "interactive") {
    const data = studyPageData(study, { maxTrialsDrawn: options.maxTrialsDrawn ?? 1000 });
    const figures = data.plots
      .map(
        (p) =>
          `<h3>${escapeHtml(p.heading)}</h3>\n${noteHtml(p.note)}<figure class="plot" data-plot="${escapeHtml(p.id)}"></figure>`,
      )
      .join("\n");
    const body = `${head}
<div id="plots">${figures.length === 0 ? "<p>No plot applies yet.</p>" : figures}</div>
<h2>Trials</h2>
${tablePager()}
<table id="trials"></table>`;
    return clientPage({ title, body, data });
  }
  if (mode !== "static")
    throw new RangeError(`${where}: mode must be "interactive" or "static", got ${JSON.stringify(mode)}`);
  const figures: string[] = [];
  const limit = options.maxTrialsDrawn ?? Number.POSITIVE_INFINITY;
  for (const plot of applicablePlots(study, { maxTrialsDrawn: limit })) {
    const svg = await renderSvg(plot.spec);
    figures.push(
      `<h3>${escapeHtml(plot.heading)}</h3>\n${noteHtml(plot.note)}<figure class="plot" data-plot="${plot.id}">${svg}</figure>`,
    );
  }
  const shown = trials.slice(Math.max(0, trials.length - maxRows));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${head}
${figures.length === 0 ? "<p>No plot applies yet.</p>" : figures.join("\n")}
<h2>Trials</h2>
${shown.length < trials.length ? `<p class="note">The last ${shown.length} of ${trials.length} trials.</p>` : ""}
${trialTable("trials", shown, params, names)}
</body></html>
`;
}

function noteHtml(note: string): string {
  return note === "" ? "" : `<p class="note sample">${escapeHtml(note)}</p>\n`;
}

/** The trial table's pager and state filter (wired by the page's client script). */
export function tablePager(): string {
  const states = Object.values(TrialState)
    .map((s) => `<option value="${s}">${s}</option>`)
    .join("");
  return `<div class="pager"><label>state <select id="trials-state"><option value="">all</option>${states}</select></label>
<button type="button" id="trials-prev">previous</button><button type="button" id="trials-next">next</button>
<span id="trials-page" class="note"></span></div>`;
}

/** Writes {@link studyReportHtml} of `study` to `path`. */
export async function writeStudyReport(
  study: ReportStudy,
  path: string,
  options: StudyReportOptions = {},
): Promise<void> {
  await writeFile(path, await studyReportHtml(study, options), "utf8");
}
