/**
 * The shell of a client-rendered page (the study report's default mode and the dashboard):
 * the page's own markup, its data as JSON in a `<script type="application/json">` block (not
 * executed; `<` written as `\u003c`, so no string in it can close the block), then the vega
 * bundle, the page's expression table (its specs' expressions as functions,
 * `page/expression-script.ts`) and {@link CLIENT_SCRIPT}, all inline. The
 * Content-Security-Policy allows exactly those scripts, by hash (no `unsafe-inline`, no
 * `unsafe-eval`: Vega's expressions were compiled to functions in Node), and no network unless
 * `connect` says so (the dashboard polls its own origin, and may load a further expression
 * table from it: `scripts: "'self'"`).
 */
import { escapeHtml } from "../svg/escape.js";
import { type InlineScript, inlineScript, vegaBundles } from "./bundles.js";
import { CLIENT_SCRIPT, type PageData } from "./client-script.js";
import { specsExpressionScript } from "./expression-script.js";

/** The stylesheet every tunelab page shares (reports and the dashboard). */
export const PAGE_STYLE: string = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}
th{background:#f4f4f4}td.s,th.s{text-align:left}figure{margin:1em 0;overflow-x:auto}
.state-PRUNED{color:#b07800}.state-FAIL{color:#D55E00}.state-RUNNING{color:#009E73}.note{color:#666}
.pager{margin:.5em 0}.pager button{margin-right:.5em}`;

let client: InlineScript | null = null;

/**
 * The expression table of a page drawing `data` (every expression of its plots' specs as a
 * function; `page/expression-script.ts`), as an inline script; with no data, the evaluator
 * alone.
 */
export function pageExpressions(data?: PageData): InlineScript {
  return inlineScript("expressions", specsExpressionScript((data?.plots ?? []).map((p) => p.spec)));
}

/** The scripts of a client-rendered page, in order (vega, the expression table, the client script), with their CSP hashes. */
export function pageScripts(expressions: InlineScript): readonly InlineScript[] {
  client ??= inlineScript("client", CLIENT_SCRIPT);
  return [...vegaBundles(), expressions, client];
}

/** Options of {@link clientPage}. */
export interface ClientPageOptions {
  /** The document title (escaped here). */
  readonly title: string;
  /** The body's markup before the scripts (the caller escapes its user strings). */
  readonly body: string;
  /** The page data drawn by the client script; omitted on a page that fetches it (`live`). */
  readonly data?: PageData;
  /**
   * Attributes of `<body>` (escaped here), e.g. `data-live` (the URL the client polls).
   * @defaultValue none
   */
  readonly bodyAttrs?: Readonly<Record<string, string>>;
  /**
   * The CSP `connect-src`: `'none'` for a file, `'self'` for the dashboard.
   * @defaultValue "'none'"
   */
  readonly connect?: "'none'" | "'self'";
  /**
   * The CSP `form-action`: `'self'` on a dashboard page with a form.
   * @defaultValue "'none'"
   */
  readonly formAction?: "'none'" | "'self'";
  /**
   * The page's expression table ({@link pageExpressions}); the dashboard passes the one it
   * names in its CSP header.
   * @defaultValue `pageExpressions(data)`
   */
  readonly expressions?: InlineScript;
  /**
   * Scripts the page may load besides its inline ones: `'self'` on a dashboard page, which
   * loads a further expression table from its server when live data bring new expressions.
   * @defaultValue "'none'"
   */
  readonly scripts?: "'none'" | "'self'";
}

/** JSON for a `<script type="application/json">` block: `<` escaped so nothing closes the block. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The Content-Security-Policy of a client-rendered page whose expression table is `expressions`. */
export function clientCsp(
  expressions: InlineScript,
  connect: "'none'" | "'self'" = "'none'",
  formAction: "'none'" | "'self'" = "'none'",
  scripts: "'none'" | "'self'" = "'none'",
): string {
  const hashes = pageScripts(expressions).map((s) => s.hash);
  if (scripts === "'self'") hashes.unshift("'self'");
  return `default-src 'none'; script-src ${hashes.join(" ")}; style-src 'unsafe-inline'; img-src data: blob:; connect-src ${connect}; form-action ${formAction}; base-uri 'none'`;
}

/**
 * A complete client-rendered HTML document.
 * @example
 * ```ts
 * const html = clientPage({ title: "report", body: "<h1>x</h1><div id=\"plots\"></div>", data });
 * ```
 */
export function clientPage(options: ClientPageOptions): string {
  const attrs = Object.entries(options.bodyAttrs ?? {})
    .map(([k, v]) => {
      if (!/^data-[a-z-]+$/.test(k))
        throw new RangeError(`clientPage: bodyAttrs keys must be data-* names, got ${JSON.stringify(k)}`);
      return ` ${k}="${escapeHtml(v)}"`;
    })
    .join("");
  const data =
    options.data === undefined
      ? ""
      : `<script type="application/json" id="tunelab-data">${jsonForScript(options.data)}</script>\n`;
  const expressions = options.expressions ?? pageExpressions(options.data);
  const scripts = pageScripts(expressions)
    .map((s) => `<script>${s.source}</script>`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${clientCsp(expressions, options.connect, options.formAction, options.scripts)}">
<title>${escapeHtml(options.title)}</title><style>${PAGE_STYLE}</style></head>
<body${attrs}>
${options.body}
${data}${scripts}
</body></html>
`;
}
