/**
 * What the benchmark charts share: the style of each method (its colour and whether its line
 * is dashed, the same in every chart of a report), the size options, and the checks of both.
 */

/** How one method is drawn: its label (a data value, never markup), colour and line style. */
export interface MethodStyle {
  /** The method's name, e.g. `tpe` or `optuna/tpe`; shown in the legend (Vega escapes it). */
  readonly label: string;
  /** A CSS colour, e.g. `#0072B2`. */
  readonly color: string;
  /**
   * Dashed line (Optuna's methods in the report).
   * @defaultValue false
   */
  readonly dashed?: boolean;
}

/** Size and titles of a chart. */
export interface ChartOptions {
  /** The chart's title (a function name may hold any text: Vega escapes it). */
  readonly title: string;
  /** Title of the x axis. */
  readonly xLabel: string;
  /** Title of the y axis. */
  readonly yLabel: string;
  /**
   * Width of the plotting area in pixels (the legend is drawn to its right).
   * @defaultValue 340
   */
  readonly width?: number;
  /**
   * Height of the plotting area in pixels.
   * @defaultValue 240
   */
  readonly height?: number;
}

/** Legend labels are never cut ("optuna/tpe_multivariate" is longer than Vega's 160 px default). */
export const LEGEND_CONFIG: { readonly legend: { readonly labelLimit: number } } = {
  legend: { labelLimit: 0 },
};

/** The dash pattern of a solid line (Vega `strokeDash`). */
export const SOLID: readonly number[] = [1, 0];
/** The dash pattern of a dashed line (Vega `strokeDash`): 6 px drawn, 3 px gap. */
export const DASHED: readonly number[] = [6, 3];

/** The width and height of a chart, checked: each an integer in [50, 4000]. */
export function chartSize(where: string, options: ChartOptions): { width: number; height: number } {
  const width = options.width ?? 340;
  const height = options.height ?? 240;
  for (const [name, v] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(v) || v < 50 || v > 4000)
      throw new RangeError(`${where}: options.${name} must be an integer in [50, 4000], got ${v}`);
  }
  return { width, height };
}

/**
 * The colour and dash scales of the methods (in their order), checked: at least one method,
 * labels distinct.
 */
export function methodScales(
  where: string,
  methods: readonly MethodStyle[],
): { domain: string[]; colors: string[]; dashes: number[][] } {
  if (methods.length === 0) throw new RangeError(`${where}: methods must hold at least one method, got none`);
  const domain = methods.map((m) => m.label);
  const seen = new Set<string>();
  for (const d of domain) {
    if (seen.has(d))
      throw new RangeError(`${where}: methods must have distinct labels, got ${JSON.stringify(d)} twice`);
    seen.add(d);
  }
  return {
    domain,
    colors: methods.map((m) => m.color),
    dashes: methods.map((m) => [...(m.dashed === true ? DASHED : SOLID)]),
  };
}

/** A number as a data value: finite numbers as they are, anything else `null` (not drawn). */
export function finiteOrNull(v: number | null | undefined): number | null {
  return v !== null && v !== undefined && Number.isFinite(v) ? v : null;
}

/** A method label that is one of `domain`, else a one-line error naming the argument. */
export function checkMethod(where: string, arg: string, method: string, domain: ReadonlySet<string>): void {
  if (!domain.has(method))
    throw new RangeError(
      `${where}: ${arg} names the method ${JSON.stringify(method)}, which is not in options.methods`,
    );
}
