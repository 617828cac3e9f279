/**
 * The dashboard: a local web server listing a storage's studies, each with its plots and
 * trial table updating live as workers add trials, a state filter and a note.
 * @packageDocumentation
 */
export { checkBind, hostAllowed, isLoopback } from "./bind.js";
export { LIST_CSP, listPage, type StudyPageOptions, studyCsp, studyPage, studyPath } from "./pages.js";
export { type Dashboard, type DashboardOptions, startDashboard } from "./server.js";
export {
  type DashboardSource,
  NOTE_ATTR,
  type StudyListing,
  type StudySnapshot,
  staticSource,
  storageSource,
} from "./source.js";
