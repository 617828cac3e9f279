/**
 * Client-rendered pages (the study report's default mode and the dashboard): the inlined
 * vega / vega-lite / vega-embed bundles with their CSP hashes, the page's client script,
 * named datasets shared by the plots, and the HTML shell.
 * @packageDocumentation
 */
export { cspHash, type InlineScript, inlineScript, vegaBundles } from "./bundles.js";
export { CLIENT_SCRIPT, type PageData } from "./client-script.js";
export { type HoistedData, hoistDatasets } from "./datasets.js";
export {
  type ClientPageOptions,
  clientCsp,
  clientPage,
  jsonForScript,
  PAGE_STYLE,
  pageScripts,
} from "./html.js";
