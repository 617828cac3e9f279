/**
 * Plots of a study as Vega-Lite specifications: plain functions of a study (or its trials)
 * that return JSON a user can restyle, with `renderSvg` / `writeSvg` to draw them in Node.
 * @packageDocumentation
 */
export type { TargetOptions } from "./checks.js";
export { type ContourOptions, contourPlot } from "./contour.js";
export { type EdfOptions, edfPlot } from "./edf.js";
export {
  type HypervolumeHistoryOptions,
  hypervolumeHistory,
  hypervolumeRows,
} from "./hypervolume-history.js";
export { type IntermediateValuesOptions, intermediateValues } from "./intermediate-values.js";
export { type OptimizationHistoryOptions, optimizationHistory } from "./optimization-history.js";
export { type ParallelCoordinateOptions, parallelCoordinate } from "./parallel-coordinate.js";
export {
  type ParamImportancesOptions,
  paramImportances,
  type StudyImportancesOptions,
  studyImportances,
} from "./param-importances.js";
export { PARETO_CATEGORIES, type ParetoFrontOptions, paretoFrontPlot } from "./pareto-front.js";
export { type RankOptions, rankPlot } from "./rank.js";
export { compileSpec, renderSvg, writeSvg } from "./render.js";
export { type SliceOptions, slicePlot } from "./slice.js";
export { type PlotSpec, type SizeOptions, type StudyLike, safeTitle, VEGA_LITE_SCHEMA } from "./spec.js";
export { STATE_COLORS, STATE_ORDER, STATE_SHAPES } from "./states.js";
export { type TimelineOptions, timelinePlot } from "./timeline.js";
