/**
 * `@tunelab/viz`: plots as data and as markup, for the benchmark report, the study report and
 * the dashboard. Today the inline SVG plots of the benchmark report (`@tunelab/viz/svg`).
 * @packageDocumentation
 */
export * from "./svg/index.js";
