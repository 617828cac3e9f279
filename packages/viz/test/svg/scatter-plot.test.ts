import { describe, expect, it } from "vitest";
import { scatterPlot } from "../../src/svg/scatter-plot.js";

const options = { kind: "front", title: "Pareto front", xLabel: "f1", yLabel: "f2" };

describe("scatterPlot(series, options, reference?)", () => {
  it("draws a group of points per series, leaving out non-finite points and empty series", () => {
    const svg = scatterPlot(
      [
        {
          label: "NSGA-II",
          color: "#0072B2",
          points: [
            [0, 1],
            [0.5, 0.5],
            [1, Number.NaN],
            [1, 0],
          ],
        },
        { label: "none", color: "#D55E00", points: [[Number.POSITIVE_INFINITY, 0]] },
      ],
      options,
    );
    expect(svg).toContain('<g class="series" data-series="NSGA-II" data-points="3">');
    expect(svg).not.toContain('data-series="none"');
    expect(svg.match(/class="point"/g)).toHaveLength(3);
    expect(svg.match(/class="legend"/g)).toHaveLength(2);
  });

  it("draws the reference curve as small grey dots with its own legend entry", () => {
    const reference = [
      [1, 0],
      [0, 1],
      [0.5, 0.29],
    ];
    const svg = scatterPlot([{ label: "TPE", color: "#000", points: [[0.2, 0.8]] }], options, reference);
    expect(svg.match(/class="reference"/g)).toHaveLength(3);
    expect(svg).toContain(">true front</text>");
  });
});
