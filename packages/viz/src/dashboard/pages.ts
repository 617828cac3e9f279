/**
 * The dashboard's two pages: the list of studies (no script), and a study's page (a
 * client-rendered page, `page/html.ts`, that polls its JSON and redraws what changed; the note
 * form posts to the server with a CSRF token). Every user string is escaped here, or set as
 * text by the client script.
 */

import type { InlineScript } from "../page/bundles.js";
import type { PageData } from "../page/client-script.js";
import { clientCsp, clientPage, PAGE_STYLE } from "../page/html.js";
import { tablePager } from "../report/study-report.js";
import { escapeHtml } from "../svg/escape.js";
import type { StudyListing } from "./source.js";

/** The path of a study's page (its name percent-encoded: any name, `/` included, is one segment). */
export function studyPath(name: string): string {
  return `/study/${encodeURIComponent(name)}`;
}

/** The CSP of the list page (no script at all). */
export const LIST_CSP: string =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

/**
 * The CSP of a study page: its inline scripts by hash (`expressions`: its expression table),
 * fetches, form posts and further expression tables from itself.
 */
export function studyCsp(expressions: InlineScript): string {
  return clientCsp(expressions, "'self'", "'self'", "'self'");
}

function num(v: number | null): string {
  if (v === null) return "";
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

/** The list of studies. */
export function listPage(studies: readonly StudyListing[], readOnly: boolean): string {
  const rows = studies
    .map(
      (s) =>
        `<tr><td class="s"><a href="${escapeHtml(studyPath(s.studyName))}">${escapeHtml(s.studyName)}</a></td><td class="s">${s.directions.map(escapeHtml).join(", ")}</td><td>${s.nTrials}</td><td>${num(s.bestValue)}</td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${LIST_CSP}">
<title>tunelab dashboard</title><style>${PAGE_STYLE}</style></head>
<body>
<h1>tunelab dashboard</h1>
<p class="note">${studies.length} ${studies.length === 1 ? "study" : "studies"}${readOnly ? " (read-only: a JSON export)" : ""}.</p>
<table id="studies"><thead><tr><th class="s">study</th><th class="s">directions</th><th>trials</th><th>best value</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/** What a study page shows. */
export interface StudyPageOptions {
  readonly name: string;
  readonly data: PageData;
  readonly etag: string;
  readonly note: string;
  /** The CSRF token the note form carries; null when the source is read-only (no form). */
  readonly token: string | null;
  readonly pollMs: number;
  /** The page's expression table (named by the CSP header too). */
  readonly expressions: InlineScript;
}

/** A study's page. */
export function studyPage(o: StudyPageOptions): string {
  const path = studyPath(o.name);
  const form =
    o.token === null
      ? `<p class="note">Read-only (a JSON export): no note.</p>`
      : `<form id="note-form" method="post" action="${escapeHtml(`${path}/note`)}">
<input type="hidden" name="token" value="${escapeHtml(o.token)}">
<label for="note">note</label><br><textarea id="note" name="note" rows="3" cols="90" maxlength="10000">${escapeHtml(o.note)}</textarea><br>
<button type="submit">save note</button></form>`;
  const figures = o.data.plots
    .map(
      (p) =>
        `<h3>${escapeHtml(p.heading)}</h3>\n${p.note === "" ? "" : `<p class="note sample">${escapeHtml(p.note)}</p>\n`}<figure class="plot" data-plot="${escapeHtml(p.id)}"></figure>`,
    )
    .join("\n");
  const body = `<p><a href="/">all studies</a></p>
<h1 id="study-name">${escapeHtml(o.name)}</h1>
<p id="summary-line" class="note">${escapeHtml(o.data.summary ?? "")}</p>
${form}
<h2>Plots</h2>
<div id="plots">${figures}</div>
<h2>Trials</h2>
${tablePager()}
<table id="trials"></table>`;
  return clientPage({
    title: `tunelab: ${o.name}`,
    body,
    data: o.data,
    connect: "'self'",
    formAction: "'self'",
    scripts: "'self'",
    expressions: o.expressions,
    bodyAttrs: { "data-live": `/api${path}`, "data-etag": o.etag, "data-poll-ms": String(o.pollMs) },
  });
}
