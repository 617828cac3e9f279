/**
 * Rendering a plot specification in Node: Vega-Lite compiles the spec to a Vega spec, and a
 * headless Vega view (no canvas, no DOM) writes it as an SVG string. Data sit inline in every
 * spec, so nothing is loaded: a (restyled) spec whose data name a URL is refused before
 * rendering, and the view's loader refuses every load as well, so rendering never fetches or
 * reads a file.
 */
import { writeFile } from "node:fs/promises";
import { loader, parse, type Spec, View } from "vega";
import { compile } from "vega-lite";
import type { PlotSpec } from "./spec.js";

function refusal(uri: unknown): Error {
  return new Error(`renderSvg: loading ${JSON.stringify(uri)} is refused (plot data must be inline)`);
}

/** A Vega loader that refuses every load (data are inline in our specs). */
function noLoader(): ReturnType<typeof loader> {
  const l = loader();
  const refuse = (uri: string): Promise<never> => Promise.reject(refusal(uri));
  l.load = refuse;
  l.sanitize = refuse;
  return l;
}

/**
 * Compiles a Vega-Lite spec to a Vega spec (what `vega-embed` would draw in a page).
 * @throws Error when Vega-Lite rejects the spec.
 */
export function compileSpec(spec: PlotSpec): Spec {
  return compile(spec).spec;
}

/**
 * Renders a plot specification to an SVG string (`<svg ...>...</svg>`), in Node, without a
 * browser. Text (titles, parameter names, categorical choices) is escaped by Vega. Two renders
 * of one spec give the same SVG up to the ids of gradients and clip paths, which Vega numbers
 * per process, so that several SVGs inlined in one page never share an id.
 * @throws Error when the spec is invalid or its data name a URL or file.
 * @example
 * ```ts
 * const svg = await renderSvg(optimizationHistory(study));
 * ```
 */
export async function renderSvg(spec: PlotSpec): Promise<string> {
  const compiled = compileSpec(spec);
  for (const d of compiled.data ?? []) if ("url" in d) throw refusal(d.url);
  const view = new View(parse(compiled), { renderer: "none", loader: noLoader() });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders a plot specification to an SVG file at `path`. */
export async function writeSvg(spec: PlotSpec, path: string): Promise<void> {
  await writeFile(path, await renderSvg(spec), "utf8");
}
