/**
 * `@tunelab/viz`: plots as data and as markup, for the benchmark report, the study report and
 * the dashboard. Study plots as Vega-Lite specifications (`@tunelab/viz/plots`; the benchmark
 * report's charts are Vega-Lite too) and older hand-written SVG plots (`@tunelab/viz/svg`).
 * @packageDocumentation
 */

export * from "./dashboard/index.js";
export * from "./page/index.js";
export * from "./plots/index.js";
export * from "./report/index.js";
export * from "./svg/index.js";
