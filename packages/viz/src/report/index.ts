/**
 * The study report: one self-contained HTML file (summary, best trials, trial table and every
 * applicable plot as inline SVG), from a study in memory or loaded from a storage.
 * @packageDocumentation
 */
export { applicablePlots, type ReportPlot } from "./applicable-plots.js";
export {
  type ReportStudy,
  type StudyReportOptions,
  studyReportHtml,
  writeStudyReport,
} from "./study-report.js";
