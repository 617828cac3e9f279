/**
 * The study report: one self-contained HTML file (summary, best trials, trial table and every
 * applicable plot, drawn in the page from inlined specs or as inline SVG), from a study in
 * memory or loaded from a storage; and the page data a dashboard serves for a study.
 * @packageDocumentation
 */
export { type ApplicablePlotsOptions, applicablePlots, type ReportPlot } from "./applicable-plots.js";
export { type StudyFromExportOptions, studyFromExport } from "./from-export.js";
export {
  type PageDataOptions,
  type PageStudy,
  paramNames,
  stateSummary,
  studyPageData,
  trialTableData,
  valueNames,
} from "./page-data.js";
export { sampleTrials, type TrialSample } from "./sample.js";
export {
  type ReportStudy,
  type StudyReportOptions,
  studyReportHtml,
  tablePager,
  writeStudyReport,
} from "./study-report.js";
