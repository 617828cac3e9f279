/**
 * Inline SVG plots generated as strings (no library, no script, so a report opens from disk):
 * line plots with optional bands, scatter plots with an optional reference curve, with axes,
 * round ticks and a legend. Each plot is an `<svg class="plot" data-plot="kind">` whose data
 * series carry `class="series"`, `data-series` and `data-points`, so a test (or a browser
 * check) can tell that data was drawn. The benchmark report no longer draws with them (its
 * charts are Vega-Lite specs since issue 16); `linePlot` still draws the multi-objective pruning
 * figure (benchmarks/pruning/mo-report.ts), `scatterPlot` is the baseline of
 * bench/render-speed.ts, and the report uses `escapeHtml` and `PALETTE`.
 * @packageDocumentation
 */
export { escapeHtml } from "./escape.js";
export type { PlotOptions } from "./frame.js";
export { type LineSeries, linePlot } from "./line-plot.js";
export { PALETTE } from "./palette.js";
export { type PointSeries, scatterPlot } from "./scatter-plot.js";
export { niceTicks, tickLabel } from "./ticks.js";
