import { describe, expect, it } from "vitest";
import { edfPlot, renderSvg } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

type Row = { study: string; value: number; fraction: number };

describe("edfPlot", () => {
  it("draws one step line per study, rising from 1/n to 1 over the sorted completed values", async () => {
    const a = seededStudy(1, 30, "a");
    const b = seededStudy(2, 20, "b");
    const spec = edfPlot([a.study, b.study]);
    expect(compileWarnings(spec)).toEqual([]);
    expect(countMarks(await renderSvg(spec), "line")).toBe(2);
    const rows = (spec as { data: { values: Row[] } }).data.values.filter((r) => r.study === "a");
    expect(rows.length).toBe(a.counts.complete);
    expect(rows.at(-1)!.fraction).toBe(1);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.value).toBeGreaterThanOrEqual(rows[i - 1]!.value);
  });

  it("two studies of one name are still two curves", async () => {
    const spec = edfPlot([seededStudy(1, 20, "same").study, seededStudy(2, 20, "same").study]);
    expect(countMarks(await renderSvg(spec), "line")).toBe(2);
    const names = new Set((spec as { data: { values: Row[] } }).data.values.map((r) => r.study));
    expect([...names]).toEqual(["same", "same (2)"]);
  });
});
