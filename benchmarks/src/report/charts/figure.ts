/**
 * A chart as the report inlines it: the spec rendered to SVG in Node by Vega (`renderSvg` of
 * `@tunelab/viz/plots`: no script in the page, nothing fetched), inside
 * `<figure class="plot" data-plot="kind" ...>` whose attributes say what a test should find
 * drawn (`data-lines`, `data-bands`, `data-points`).
 */
import { type PlotSpec, renderSvg } from "@tunelab/viz/plots";
import { escapeHtml } from "@tunelab/viz/svg";

/** What a chart draws, written on its figure so a browser test can count the marks. */
export interface FigureCounts {
  /** Line paths (one per method with at least one drawn point). */
  readonly lines?: number;
  /** Band paths (one per method with a band). */
  readonly bands?: number;
  /** Point symbols (the methods' points and the reference's). */
  readonly points?: number;
}

/**
 * The chart rendered to SVG inside a `<figure class="plot">`.
 * @param kind the figure's `data-plot` (`regret`, `pareto`, `sampler-time`)
 * @param attrs more `data-*` attributes (values escaped), e.g. `{ function: name }`
 * @throws RangeError when an attribute name is not `[a-z][a-z0-9-]*`; Error when Vega rejects the spec.
 * @example
 * ```ts
 * const html = await chartFigure("regret", spec, { lines: 2, bands: 2 }, { function: "branin" });
 * ```
 */
export async function chartFigure(
  kind: string,
  spec: PlotSpec,
  counts: FigureCounts,
  attrs: Readonly<Record<string, string>> = {},
): Promise<string> {
  const data: Record<string, string> = { plot: kind, ...attrs };
  for (const [k, v] of Object.entries(counts)) if (v !== undefined) data[k] = String(v);
  const attributes = Object.entries(data)
    .map(([k, v]) => {
      if (!/^[a-z][a-z0-9-]*$/.test(k))
        throw new RangeError(`chartFigure: attribute name ${JSON.stringify(k)} must match [a-z][a-z0-9-]*`);
      return ` data-${k}="${escapeHtml(v)}"`;
    })
    .join("");
  return `<figure class="plot"${attributes}>${await renderSvg(spec)}</figure>`;
}
