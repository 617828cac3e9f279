import { describe, expect, it } from "vitest";
import { linePlot } from "../../src/svg/line-plot.js";

const options = { kind: "score", title: "best <so far>", xLabel: "trial", yLabel: "value" };

/** The attributes of every element with class `cls`. */
function elements(svg: string, cls: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of svg.matchAll(new RegExp(`<(\\w+) class="${cls}"([^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push(attrs);
  }
  return out;
}

describe("linePlot(series, options)", () => {
  it("draws one path per series with its point count, a band where lo and hi are given, and a legend", () => {
    const svg = linePlot(
      [
        {
          label: "TPE",
          color: "#0072B2",
          x: [1, 2, 3],
          y: [3, 2, 1],
          lo: [2.5, 1.5, 0.5],
          hi: [3.5, 2.5, 1.5],
        },
        { label: "Random & co", color: "#D55E00", x: [1, 2, 3], y: [3, 2.5, 2], dashed: true },
      ],
      options,
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="plot" data-plot="score"')).toBe(
      true,
    );
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).toContain("<title>best &lt;so far&gt;</title>");
    const series = elements(svg, "series");
    expect(series.map((s) => [s["data-series"], s["data-points"]])).toEqual([
      ["TPE", "3"],
      ["Random &amp; co", "3"],
    ]);
    expect(series[1]!["stroke-dasharray"]).toBe("5 3");
    expect(elements(svg, "band")).toHaveLength(1);
    expect(svg.match(/class="legend"/g)).toHaveLength(2);
  });

  it("breaks a line at non-finite points, and leaves out a series with no finite point", () => {
    const svg = linePlot(
      [
        {
          label: "gap",
          color: "#000",
          x: [0, 1, 2, 3, 4],
          y: [1, 2, Number.NaN, 4, Number.POSITIVE_INFINITY],
        },
        { label: "empty", color: "#111", x: [0, 1], y: [Number.NaN, Number.NaN] },
      ],
      options,
    );
    const series = elements(svg, "series");
    expect(series).toHaveLength(1);
    expect(series[0]!["data-points"]).toBe("3");
    expect(series[0]!.d!.match(/M/g)).toHaveLength(2);
  });

  it("draws an empty frame for no data, and takes width, height and data-* attributes", () => {
    const svg = linePlot([], { ...options, width: 300, height: 200, data: { suite: 'q"uick' } });
    expect(svg).toContain('viewBox="0 0 300 200"');
    expect(svg).toContain('data-suite="q&quot;uick"');
    expect(elements(svg, "series")).toHaveLength(0);
  });

  it("is a pure function of its arguments (the same string twice)", () => {
    const s = [{ label: "a", color: "#000", x: [0, 1, 2], y: [0.5, 0.25, 0.125] }];
    expect(linePlot(s, options)).toBe(linePlot(s, options));
  });
});
