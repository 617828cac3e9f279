import { describe, expect, it } from "vitest";
import { renderSvg, slicePlot } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

describe("slicePlot", () => {
  it("draws a panel per parameter with a point per completed trial; log and categorical axes", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = slicePlot(study);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "symbol")).toBe(3 * counts.complete);
    const panels = (
      spec as unknown as { hconcat: { encoding: { x: { scale?: { type?: string }; type: string } } }[] }
    ).hconcat;
    expect(panels.map((p) => [p.encoding.x.type, p.encoding.x.scale?.type ?? null])).toEqual([
      ["quantitative", "log"],
      ["quantitative", null],
      ["nominal", null],
    ]);
    expect(svg).toContain("lr (log)");
  });

  it("draws only the parameters asked for", async () => {
    const { study, counts } = seededStudy(1, 30);
    const svg = await renderSvg(slicePlot(study, { params: ["opt"] }));
    expect(countMarks(svg, "symbol")).toBe(counts.complete);
  });
});
