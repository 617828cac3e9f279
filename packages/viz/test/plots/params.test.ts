import { createFrozenTrial, floatDistribution } from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contourPlot,
  optimizationHistory,
  parallelCoordinate,
  paretoFrontPlot,
  rankPlot,
  renderSvg,
  slicePlot,
} from "../../src/plots/index.js";
import { paramAxes } from "../../src/plots/params.js";
import { seededMoStudy, seededStudy } from "./seeded-study.js";

/** A one-parameter study whose parameter and study are both named `name`. */
function namedStudy(name: string) {
  const trials = [0, 1, 2].map((i) => ({
    ...createFrozenTrial({
      state: "COMPLETE",
      value: i * i,
      params: { [name]: 10 ** -i },
      distributions: { [name]: floatDistribution(1e-3, 1, { log: true }) },
    }),
    number: i,
    trialId: i,
  }));
  return { studyName: name, directions: ["minimize" as const], trials };
}

/** The elements Vega writes; a name that became markup would add another. */
const SVG_TAGS = ["svg", "g", "path", "rect", "text", "defs", "clipPath", "line", "linearGradient", "stop"];

const names = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "a.b",
    "a[0]",
    "datum",
    "'\"",
    "<script>x</script>",
    "&amp;",
    "\\",
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

describe("parameter names are data, never keys or expressions", () => {
  it("paramAxes keeps any name as it is, with its log scale", () => {
    fc.assert(
      fc.property(names, (name) => {
        expect(paramAxes("t", namedStudy(name).trials)).toEqual([{ name, kind: "log", choices: [] }]);
      }),
    );
  });

  it("slicePlot's data rows have fixed keys; the name is only a title", () => {
    fc.assert(
      fc.property(names, (name) => {
        const spec = slicePlot(namedStudy(name)) as unknown as {
          hconcat: { data: { values: object[] }; encoding: { x: { title: string; field: string } } }[];
        };
        const panel = spec.hconcat[0]!;
        for (const row of panel.data.values) expect(Object.keys(row).sort()).toEqual(["trial", "value", "x"]);
        expect(panel.encoding.x.field).toBe("x");
        expect(panel.encoding.x.title).toBe(`${name} (log)`);
      }),
    );
  });

  it("renders any parameter or study name as escaped text (slice, parallel coordinates, history)", async () => {
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const study = namedStudy(name);
        for (const spec of [
          slicePlot(study),
          parallelCoordinate(study),
          optimizationHistory([study, study]),
        ]) {
          const svg = await renderSvg(spec);
          expect(svg).not.toContain("<script");
          const tags = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]!));
          for (const tag of tags) expect(SVG_TAGS).toContain(tag);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("renders any metric or target name as text (Pareto front, rank, contour)", async () => {
    const mo = seededMoStudy(1, 8, 2);
    const { study } = seededStudy(1, 12);
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        for (const spec of [
          paretoFrontPlot(mo, { targetNames: [name, `${name}2`] }),
          rankPlot(study, { targetName: name }),
          contourPlot(study, { targetName: name, resolution: 3 }),
        ]) {
          const svg = await renderSvg(spec);
          const tags = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]!));
          for (const tag of tags) expect(SVG_TAGS).toContain(tag);
        }
      }),
      { numRuns: 8 },
    );
  });
});
