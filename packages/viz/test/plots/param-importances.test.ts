import { describe, expect, it } from "vitest";
import { paramImportances, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";

describe("paramImportances", () => {
  it("draws a bar per parameter, largest first; any name is data", async () => {
    const spec = paramImportances(
      new Map([
        ["lr", 0.2],
        ["__proto__", 0.5],
        ["a.b", 0.3],
      ]),
      { evaluatorName: "fANOVA" },
    );
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "rect")).toBe(3);
    const rows = (spec as { data: { values: { param: string }[] } }).data.values;
    expect(rows.map((r) => r.param)).toEqual(["__proto__", "a.b", "lr"]);
    expect(svg).toContain("a.b");
  });

  it("rejects a negative or non-finite importance", () => {
    expect(() => paramImportances([["x", -1]])).toThrow(
      /importances must be finite numbers >= 0, got -1 for "x"/,
    );
    expect(() => paramImportances([["x", Number.NaN]])).toThrow(/got NaN/);
  });
});
