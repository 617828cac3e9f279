/**
 * The script a client-rendered page runs (inlined, allowed by its CSP hash): it draws each
 * plot's Vega spec (compiled from Vega-Lite in Node when the page is made,
 * `report/page-data.ts`) with the Vega runtime alone: `vega.parse(spec)` and a `vega.View` on
 * a **canvas** whose expressions are the functions of the page's expression table
 * (`globalThis.tunelabExpressions`, `page/expression-script.ts`: compiled in Node, so no
 * `Function` and no `unsafe-eval`, and no interpreter), with a loader that refuses every
 * load. This is what vega-embed did for us before (vega-embed 7.3.0's `embed`: parse,
 * `initialize(container).runAsync()`, hover off for Vega-Lite specs), without compiling
 * Vega-Lite in the page. What vega-embed added and this does not: its HTML tooltips
 * (vega-tooltip); Vega's own tooltip handler is used instead, the canvas's `title`
 * attribute, a plain-text tooltip of the same fields. The plots on screen are drawn first,
 * then the others, one at a time with a pause between two for the browser to paint and scroll
 * (on `<body>`, from navigation start: `data-first-plot-ms` when the first plot was drawn,
 * `data-first-screen-ms` when no plot left to draw was on screen; `data-rendered`: every plot
 * drawn; `data-draw-seq` on a figure: its plot was the k-th drawn). It also fills the trial table a page at
 * a time with a state filter, and, on a dashboard page (`<body data-live="URL">`), polls that
 * URL with the last ETag and redraws only the plots whose signature changed; when the new data
 * name an expression table the page has not loaded (`PageData.expressions`: their specs hold
 * expressions the page's table lacks), it loads that script from the server first. Every user
 * string reaches the DOM through `textContent`, never as markup. Plain ES2017 in a string: it
 * runs in the browser as written.
 *
 * The page data (`<script type="application/json" id="tunelab-data">`) is a {@link PageData}.
 */

/** What a page embeds (or a dashboard serves) for the client script. */
export interface PageData {
  /** The plots in page order: id (a `figure.plot[data-plot]`), heading, spec, dataset names, signature. */
  readonly plots: readonly {
    readonly id: string;
    readonly heading: string;
    /** Empty, or how the plot's trials were sampled. */
    readonly note: string;
    /**
     * A Vega spec whose data entries named in `uses` hold no values (`{ name }`): the page
     * fills them from `datasets`, as Vega-Lite's compile does with top-level `datasets`.
     */
    readonly spec: unknown;
    readonly uses: readonly string[];
    readonly sig: string;
  }[];
  readonly datasets: Readonly<Record<string, readonly unknown[]>>;
  /** The trial table: column names, the column holding the state, rows of cell values. */
  readonly table: {
    readonly columns: readonly string[];
    readonly stateColumn: number;
    readonly rows: readonly (readonly unknown[])[];
  };
  /** A short summary line (counts by state) shown above the plots on a dashboard. */
  readonly summary?: string;
  /**
   * The URL of a script holding the expression table of these plots (the dashboard's
   * `/api/expressions/<hash>.js`); the page loads it before drawing when it has not yet. A
   * report has none: its table is inline.
   */
  readonly expressions?: string;
}

/** The script's text. */
export const CLIENT_SCRIPT: string = `(function () {
"use strict";
var PAGE = 100;
var refuse = function (uri) { return Promise.reject(new Error("tunelab: loading " + String(uri) + " is refused")); };
var loader = vega.loader();
loader.load = refuse;
loader.sanitize = refuse;
var views = {};
var sigs = {};
var drawn = 0;
window.tunelabViews = views;
function cell(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toPrecision(6);
  return typeof v === "string" ? v : JSON.stringify(v);
}
function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function figureFor(p) {
  var all = document.querySelectorAll("figure.plot");
  for (var i = 0; i < all.length; i++) if (all[i].getAttribute("data-plot") === p.id) return all[i];
  var box = document.getElementById("plots");
  box.appendChild(el("h3", p.heading));
  if (p.note) box.appendChild(el("p", p.note, "note sample"));
  var f = el("figure", undefined, "plot");
  f.setAttribute("data-plot", p.id);
  box.appendChild(f);
  return f;
}
function onScreen(f) {
  var r = f.getBoundingClientRect();
  return r.bottom >= 0 && r.top <= (window.innerHeight || document.documentElement.clientHeight);
}
function pause() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }
function drawOne(data, p) {
  var f = figureFor(p);
  if (views[p.id]) { views[p.id].finalize(); delete views[p.id]; }
  sigs[p.id] = p.sig;
  var datasets = {};
  p.uses.forEach(function (n) { datasets[n] = data.datasets[n]; });
  var spec = Object.assign({}, p.spec, { data: (p.spec.data || []).map(function (d) {
    return Object.keys(d).length === 1 && Object.prototype.hasOwnProperty.call(datasets, d.name)
      ? { name: d.name, values: datasets[d.name] } : d;
  }) });
  var t = performance.now();
  var view = new vega.View(vega.parse(spec), {
    expr: globalThis.tunelabExpressions, renderer: "canvas", loader: loader
  });
  return view.initialize(f).runAsync().then(function () {
    views[p.id] = view;
    f.setAttribute("data-render-ms", String(Math.round(performance.now() - t)));
    f.setAttribute("data-draw-seq", String(++drawn));
    if (!document.body.hasAttribute("data-first-plot-ms"))
      document.body.setAttribute("data-first-plot-ms", String(Math.round(performance.now())));
  });
}
function drawPlots(data) {
  var queue = data.plots.filter(function (p) { return sigs[p.id] !== p.sig; });
  var n = queue.length;
  // One plot at a time, and between two plots a macrotask, so the browser paints each plot as
  // soon as it is drawn and handles scrolling. The next plot is the first one in page order
  // whose figure is on screen now (figures move as the plots above them are drawn, and the
  // reader may scroll), else the first one left: the first screen is drawn first, the rest
  // after it. data-render-ms on a figure is its own time.
  function next() {
    var k = -1;
    for (var i = 0; i < queue.length; i++) if (onScreen(figureFor(queue[i]))) { k = i; break; }
    if (k < 0 && !document.body.hasAttribute("data-first-screen-ms"))
      document.body.setAttribute("data-first-screen-ms", String(Math.round(performance.now())));
    if (queue.length === 0) return Promise.resolve(n);
    if (k < 0) k = 0;
    var p = queue.splice(k, 1)[0];
    return drawOne(data, p).then(pause).then(next);
  }
  return next();
}
var table = null;
var shown = { page: 0, state: "" };
function drawTable() {
  var t = document.getElementById("trials");
  if (!t || !table) return;
  var rows = shown.state === "" ? table.rows : table.rows.filter(function (r) { return r[table.stateColumn] === shown.state; });
  var pages = Math.max(1, Math.ceil(rows.length / PAGE));
  if (shown.page >= pages) shown.page = pages - 1;
  var head = el("thead");
  var hr = el("tr");
  table.columns.forEach(function (c) { hr.appendChild(el("th", c)); });
  head.appendChild(hr);
  var body = el("tbody");
  rows.slice(shown.page * PAGE, (shown.page + 1) * PAGE).forEach(function (r) {
    var tr = el("tr");
    tr.setAttribute("data-trial", cell(r[0]));
    r.forEach(function (v, k) {
      var td = el("td", cell(v), typeof v === "number" ? "" : "s");
      if (k === table.stateColumn) td.className = "s state-" + cell(v);
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  t.replaceChildren(head, body);
  var info = document.getElementById("trials-page");
  if (info) info.textContent = rows.length === 0 ? "no trial" :
    "trials " + (shown.page * PAGE + 1) + "-" + Math.min(rows.length, (shown.page + 1) * PAGE) + " of " + rows.length + " (page " + (shown.page + 1) + " of " + pages + ")";
}
function setTable(t) { table = t; drawTable(); }
function wire() {
  var prev = document.getElementById("trials-prev");
  var next = document.getElementById("trials-next");
  var state = document.getElementById("trials-state");
  if (prev) prev.addEventListener("click", function () { if (shown.page > 0) { shown.page--; drawTable(); } });
  if (next) next.addEventListener("click", function () { shown.page++; drawTable(); });
  if (state) state.addEventListener("change", function () { shown.state = state.value; shown.page = 0; drawTable(); });
}
var tables = {};
function loadExpressions(url) {
  if (!url || tables[url]) return Promise.resolve();
  return new Promise(function (resolve, reject) {
    var s = document.createElement("script");
    s.src = url;
    s.onload = function () { tables[url] = true; resolve(); };
    s.onerror = function () { reject(new Error("tunelab: could not load the expression table " + url)); };
    document.head.appendChild(s);
  });
}
function show(data) {
  setTable(data.table);
  var s = document.getElementById("summary-line");
  if (s && data.summary !== undefined) s.textContent = data.summary;
  var t0 = performance.now();
  return loadExpressions(data.expressions).then(function () { return drawPlots(data); }).then(function (n) {
    document.body.setAttribute("data-rendered", String(Object.keys(views).length));
    document.body.setAttribute("data-render-ms", String(Math.round(performance.now() - t0)));
    return n;
  }, function (e) {
    document.body.setAttribute("data-render-error", String(e && e.message));
    console.error(e);
  });
}
wire();
var embedded = document.getElementById("tunelab-data");
var firstData = embedded ? JSON.parse(embedded.textContent) : null;
// The embedded data's expression table is the page's inline one.
if (firstData && firstData.expressions) tables[firstData.expressions] = true;
var first = firstData ? show(firstData) : Promise.resolve(0);
var live = document.body.getAttribute("data-live");
if (live) {
  var etag = document.body.getAttribute("data-etag") || "";
  var every = Number(document.body.getAttribute("data-poll-ms")) || 2000;
  var poll = function () {
    fetch(live, { headers: etag ? { "If-None-Match": etag } : {}, credentials: "same-origin" })
      .then(function (r) {
        if (r.status !== 200) return null;
        etag = r.headers.get("ETag") || "";
        return r.json();
      })
      .then(function (d) {
        if (!d) return;
        return show(d).then(function () {
          document.body.setAttribute("data-updates", String(Number(document.body.getAttribute("data-updates") || 0) + 1));
        });
      })
      .catch(function (e) { console.warn("tunelab: poll failed", e); })
      .then(function () { setTimeout(poll, every); });
  };
  first.then(function () { setTimeout(poll, every); });
}
})();
`;
