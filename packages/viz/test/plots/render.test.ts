import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Study } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import {
  compileSpec,
  optimizationHistory,
  type PlotSpec,
  paramImportances,
  renderSvg,
  type StudyLike,
  slicePlot,
  writeSvg,
} from "../../src/plots/index.js";
import { countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

describe("renderSvg / writeSvg / compileSpec", () => {
  it("renders a spec to one <svg> element in Node, and writeSvg writes the same text", async () => {
    const spec = optimizationHistory(seededStudy(1, 12).study);
    const svg = await renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const path = join(mkdtempSync(join(tmpdir(), "tunelab-viz-")), "h.svg");
    await writeSvg(spec, path);
    expect(readFileSync(path, "utf8")).toBe(svg);
    expect(compileSpec(spec)).toHaveProperty("marks");
  });

  it("is deterministic: the same seeded study renders to the same SVG, up to per-process ids", async () => {
    const ids = (svg: string) => svg.replace(/(gradient_|clip)\d+/g, "$1#");
    const a = await renderSvg(slicePlot(seededStudy(3, 20).study));
    const b = await renderSvg(slicePlot(seededStudy(3, 20).study));
    expect(ids(a)).toBe(ids(b));
    expect(a).not.toBe(b); // gradient ids differ, so two plots inlined in one page never clash
  });

  it("draws user strings as text: a <script> study name, parameter name and choice never become markup", async () => {
    const evil = '<script>alert("x")</script>';
    const { study } = seededStudy(2, 15, evil);
    for (const spec of [optimizationHistory(study), slicePlot(study), paramImportances([[evil, 1]])]) {
      const svg = await renderSvg(spec);
      expect(svg).not.toContain("<script");
      expect(svg).toContain("&lt;script&gt;");
    }
    // The categorical choice "<b>rms</b>" of the seeded study is a label, not a <b> element.
    const slice = await renderSvg(slicePlot(study));
    expect(slice).not.toContain("<b>");
    expect(slice).toContain("&lt;b&gt;rms&lt;/b&gt;");
  });

  it("refuses to load data from a URL (a restyled spec cannot make rendering fetch)", async () => {
    const spec = { data: { url: "file:///etc/passwd" }, mark: "point" } as PlotSpec;
    await expect(renderSvg(spec)).rejects.toThrow(/refused/);
  });

  it("counts the same marks however often it renders (no state kept between views)", async () => {
    const spec = slicePlot(seededStudy(4, 10).study);
    const n1 = countMarks(await renderSvg(spec), "symbol");
    const n2 = countMarks(await renderSvg(spec), "symbol");
    expect(n1).toBe(n2);
    expect(n1).toBeGreaterThan(0);
  });
});

describe("StudyLike", () => {
  it("is satisfied by a Study (type check: plots take a live study as it is)", () => {
    const asStudyLike = (s: Study): StudyLike => s;
    expect(typeof asStudyLike).toBe("function");
  });
});
