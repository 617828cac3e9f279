/**
 * Client-rendered pages (the study report's default mode and the dashboard): the inlined
 * vega bundle and vega-interpreter with their CSP hashes, the page's client script,
 * named datasets shared by the plots, and the HTML shell.
 * @packageDocumentation
 */
export { cspHash, type InlineScript, inlineScript, interpreterScript, vegaBundles } from "./bundles.js";
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
