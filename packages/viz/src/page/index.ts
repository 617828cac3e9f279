/**
 * Client-rendered pages (the study report's default mode and the dashboard): the inlined
 * vega bundle and the page's expression table (its specs' expressions compiled to functions
 * in Node) with their CSP hashes, the page's client script, named datasets shared by the
 * plots, and the HTML shell.
 * @packageDocumentation
 */
export { cspHash, type InlineScript, inlineScript, vegaBundles } from "./bundles.js";
export { CLIENT_SCRIPT, type PageData } from "./client-script.js";
export { type HoistedData, hoistDatasets } from "./datasets.js";
export { expressionScript, scriptBody, scriptString, specsExpressionScript } from "./expression-script.js";
export {
  type CompiledExpression,
  type EncodeExpression,
  type ExpressionKind,
  encodeKey,
  expressionKey,
  runtimeExpressions,
  specExpressions,
} from "./expressions.js";
export {
  type ClientPageOptions,
  clientCsp,
  clientPage,
  jsonForScript,
  PAGE_STYLE,
  pageExpressions,
  pageScripts,
} from "./html.js";
