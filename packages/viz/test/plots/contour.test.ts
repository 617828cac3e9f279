import { describe, expect, it } from "vitest";
import { contourPlot, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

describe("contourPlot", () => {
  it("draws a grid of cells per pair (one row per categorical choice) and the completed trials", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = contourPlot(study, { resolution: 10 });
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    // pairs: (lr, layers) 10×10, (lr, opt) 10×3, (layers, opt) 10×3.
    expect(countMarks(svg, "rect")).toBe(100 + 30 + 30);
    expect(countMarks(svg, "symbol")).toBe(3 * counts.complete);
    const json = JSON.stringify(spec);
    expect(json).toContain('"type":"log"');
    expect(json).toContain('"domain":["adam","sgd","<b>rms</b>"]');
  });

  it("each cell is a weighted mean of the trials' values, so it lies within their range", () => {
    const { study } = seededStudy(1, 30);
    const spec = contourPlot(study, { params: ["lr", "layers"], resolution: 8 }) as unknown as {
      concat: { layer: { data: { values: { z?: number; value?: number }[] } }[] }[];
    };
    const cells = spec.concat[0]!.layer[0]!.data.values.map((c) => c.z!);
    const values = spec.concat[0]!.layer[1]!.data.values.map((p) => p.value!);
    expect(Math.min(...cells)).toBeGreaterThanOrEqual(Math.min(...values));
    expect(Math.max(...cells)).toBeLessThanOrEqual(Math.max(...values));
  });

  it("rejects fewer than two parameters and a bad resolution", () => {
    const { study } = seededStudy(1, 10);
    expect(() => contourPlot(study, { params: ["lr"] })).toThrow(/at least 2 parameters, got 1/);
    expect(() => contourPlot(study, { resolution: 1 })).toThrow(
      /resolution must be an integer in \[2, 200\], got 1/,
    );
  });
});
