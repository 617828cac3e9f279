/**
 * The benchmark report's chart builders (src/report/charts): the rows they draw, their checks
 * of bad input, and what Vega renders from them in Node (marks per chart, log axis, escaping).
 */
import { renderSvg } from "@tunelab/viz/plots";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chartFigure,
  DASHED,
  type MethodStyle,
  paretoFrontChart,
  REFERENCE_LABEL,
  SOLID,
  samplerTimeChart,
  scoreCurveChart,
} from "../../src/report/charts/index.js";

const METHODS: MethodStyle[] = [
  { label: "tpe", color: "#0072B2" },
  { label: "optuna/tpe", color: "#D55E00", dashed: true },
];
const AXES = { title: "branin", xLabel: "trials", yLabel: "log10 regret" };

/** Paths with geometry (a `d` attribute) in the SVG's marks of one type (`line`, `area`, `symbol`). */
function marks(svg: string, type: string): number {
  let n = 0;
  for (const g of svg.split(`<g class="mark-${type} role-mark`).slice(1)) {
    const body = g.slice(0, g.indexOf("</g>"));
    n += (body.match(/<path [^>]*\bd="M/g) ?? []).length;
  }
  return n;
}

type Layer = { mark: { type: string }; encoding: Record<string, { field?: string; scale?: unknown }> };
type Values = { values: Record<string, unknown>[] };

describe("scoreCurveChart", () => {
  const rows = [
    { method: "tpe", x: 1, median: 1, q1: 0.5, q3: 1.5 },
    { method: "tpe", x: 2, median: Number.NaN, q1: 0.4, q3: 1.2 },
    { method: "tpe", x: 3, median: 0.2, q1: Number.POSITIVE_INFINITY, q3: 0.3 },
    { method: "optuna/tpe", x: 1, median: 2 },
    { method: "optuna/tpe", x: 3, median: 1.5 },
  ];

  it("draws the median as null where it is not finite, and the band only where both quartiles are", () => {
    const spec = scoreCurveChart(rows, { ...AXES, methods: METHODS }) as unknown as {
      data: Values;
      layer: Layer[];
    };
    expect(spec.data.values).toEqual([
      { method: "tpe", x: 1, y: 1, lo: 0.5, hi: 1.5 },
      { method: "tpe", x: 2, y: null, lo: 0.4, hi: 1.2 },
      { method: "tpe", x: 3, y: 0.2, lo: null, hi: null },
      { method: "optuna/tpe", x: 1, y: 2, lo: null, hi: null },
      { method: "optuna/tpe", x: 3, y: 1.5, lo: null, hi: null },
    ]);
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["area", "line"]);
    expect(spec.layer[1]!.encoding.strokeDash!.scale).toEqual({
      domain: ["tpe", "optuna/tpe"],
      range: [[...SOLID], [...DASHED]],
    });
  });

  it("renders a line per method and a band per method that has one, and one legend entry per method", async () => {
    const svg = await renderSvg(scoreCurveChart(rows, { ...AXES, methods: METHODS }));
    expect(marks(svg, "line")).toBe(2);
    expect(marks(svg, "area")).toBe(1);
    const legend = [...svg.matchAll(/role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)];
    expect(legend.map((m) => m[1])).toEqual(["tpe", "optuna/tpe"]);
    const noBand = rows.map(({ method, x, median }) => ({ method, x, median }));
    const spec = scoreCurveChart(noBand, { ...AXES, methods: METHODS }) as unknown as { layer: Layer[] };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["line"]);
  });

  it("escapes user strings: a title and a method named <script> are text in the SVG", async () => {
    const evil = "<script>alert(1)</script>&";
    const svg = await renderSvg(
      scoreCurveChart([{ method: evil, x: 1, median: 1 }], {
        ...AXES,
        title: evil,
        methods: [{ label: evil, color: "#000" }],
      }),
    );
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&amp;");
  });

  it("refuses bad input with a one-line error naming the argument", () => {
    expect(() => scoreCurveChart(rows, { ...AXES, methods: [] })).toThrow(
      /^scoreCurveChart: methods must hold at least one method, got none$/,
    );
    expect(() => scoreCurveChart(rows, { ...AXES, methods: [METHODS[0]!, METHODS[0]!] })).toThrow(
      /^scoreCurveChart: methods must have distinct labels, got "tpe" twice$/,
    );
    expect(() => scoreCurveChart(rows, { ...AXES, methods: [METHODS[0]!] })).toThrow(
      /^scoreCurveChart: rows\[3\]\.method names the method "optuna\/tpe", which is not in options\.methods$/,
    );
    expect(() => scoreCurveChart(rows, { ...AXES, methods: METHODS, width: 10 })).toThrow(
      /^scoreCurveChart: options\.width must be an integer in \[50, 4000\], got 10$/,
    );
    expect(() => scoreCurveChart(rows, { ...AXES, methods: METHODS, height: 1.5 })).toThrow(
      /^scoreCurveChart: options\.height must be an integer in \[50, 4000\]/,
    );
  });

  it("renders for any method labels (property: labels are data, never markup or expressions)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        async (labels) => {
          const methods = labels.map((label, i) => ({
            label,
            color: ["#111", "#222", "#333"][i]!,
            dashed: i === 1,
          }));
          const data = labels.flatMap((method) =>
            [1, 2].map((x) => ({ method, x, median: x, q1: x - 1, q3: x + 1 })),
          );
          const svg = await renderSvg(scoreCurveChart(data, { ...AXES, title: labels[0]!, methods }));
          expect(marks(svg, "line")).toBe(labels.length);
          expect(marks(svg, "area")).toBe(labels.length);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("samplerTimeChart", () => {
  it("draws milliseconds on a log axis, leaving out times of zero or less", async () => {
    const rows = [
      { method: "tpe", trial: 1, ms: 0.5 },
      { method: "tpe", trial: 2, ms: 0 },
      { method: "tpe", trial: 3, ms: 120 },
      { method: "optuna/tpe", trial: 1, ms: 3 },
      { method: "optuna/tpe", trial: 2, ms: -1 },
    ];
    const spec = samplerTimeChart(rows, { title: "sampler time", methods: METHODS }) as unknown as {
      data: Values;
      layer: Layer[];
    };
    expect(spec.data.values.map((v) => v.y)).toEqual([0.5, null, 120, 3, null]);
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["line"]);
    expect(spec.layer[0]!.encoding.y!.scale).toEqual({ type: "log" });
    const svg = await renderSvg(spec as never);
    expect(marks(svg, "line")).toBe(2);
    expect(svg).toContain("ms per trial (log scale)");
    // decades on the axis: 1 and 100 are tick labels
    expect(svg).toMatch(/>1<\/text>/);
    expect(svg).toMatch(/>100<\/text>/);
  });
});

describe("paretoFrontChart", () => {
  const rows = [
    { method: "tpe", f1: 0, f2: 1 },
    { method: "tpe", f1: 0.5, f2: 0.4 },
    { method: "optuna/tpe", f1: Number.NaN, f2: 0.2 },
    { method: "optuna/tpe", f1: 0.9, f2: 0.1 },
  ];
  const reference = [
    [0, 1],
    [0.5, 0.3],
    [1, Number.POSITIVE_INFINITY],
  ];

  it("draws the finite points of each method over the analytic front, one legend with the front last", async () => {
    const svg = await renderSvg(paretoFrontChart(rows, reference, { ...AXES, methods: METHODS }));
    expect(marks(svg, "symbol")).toBe(3 + 2);
    const legend = [...svg.matchAll(/role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)];
    expect(legend.map((m) => m[1])).toEqual(["tpe", "optuna/tpe", REFERENCE_LABEL]);
    const bare = await renderSvg(paretoFrontChart(rows, [], { ...AXES, methods: METHODS }));
    expect(marks(bare, "symbol")).toBe(3);
  });

  it("refuses a method named like the reference and an unknown method", () => {
    expect(() =>
      paretoFrontChart([], reference, { ...AXES, methods: [{ label: REFERENCE_LABEL, color: "#000" }] }),
    ).toThrow(/^paretoFrontChart: options\.methods must not name a method "analytic front"/);
    expect(() => paretoFrontChart(rows, reference, { ...AXES, methods: [METHODS[1]!] })).toThrow(
      /^paretoFrontChart: rows\[0\]\.method names the method "tpe"/,
    );
  });
});

describe("chartFigure", () => {
  it("wraps the SVG in a figure whose data attributes are escaped, refusing bad attribute names", async () => {
    const spec = scoreCurveChart([{ method: "tpe", x: 1, median: 1 }], { ...AXES, methods: METHODS });
    const html = await chartFigure("regret", spec, { lines: 1, bands: 0 }, { function: 'a"<b>' });
    expect(html).toMatch(
      /^<figure class="plot" data-plot="regret" data-function="a&quot;&lt;b&gt;" data-lines="1" data-bands="0"><svg [\s\S]*<\/svg><\/figure>$/,
    );
    await expect(chartFigure("regret", spec, {}, { 'x" onload="': "1" })).rejects.toThrow(
      /^chartFigure: attribute name "x\\" onload=\\"" must match/,
    );
  });
});
