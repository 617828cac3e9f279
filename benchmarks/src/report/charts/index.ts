/**
 * The benchmark report's charts as Vega-Lite specs over plain rows (issue 16): score curves
 * with interquartile bands, Pareto fronts over the analytic front, sampler time per trial on a
 * log axis; and `chartFigure`, which renders one to inline SVG in Node for the static report.
 */
export { chartFigure, type FigureCounts } from "./figure.js";
export { type FrontRow, type ParetoFrontOptions, paretoFrontChart, REFERENCE_LABEL } from "./pareto-front.js";
export { type SamplerTimeOptions, samplerTimeChart, type TimingRow } from "./sampler-time.js";
export { type CurveRow, type ScoreCurveOptions, scoreCurveChart } from "./score-curves.js";
export { type ChartOptions, DASHED, type MethodStyle, SOLID } from "./style.js";
