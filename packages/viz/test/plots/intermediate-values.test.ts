import { describe, expect, it } from "vitest";
import { intermediateValues, renderSvg, STATE_COLORS } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

describe("intermediateValues", () => {
  it("draws a line per reporting trial and a point per report, pruned trials in their own colour", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = intermediateValues(study);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    // seededStudy: completed trials report 5 steps, pruned ones 3, failed and running none.
    expect(countMarks(svg, "line")).toBe(counts.complete + counts.pruned);
    expect(countMarks(svg, "symbol")).toBe(5 * counts.complete + 3 * counts.pruned);
    const pruned = STATE_COLORS[1]!;
    const complete = STATE_COLORS[0]!;
    const strokes = [
      ...svg.matchAll(/<path[^>]*aria-roledescription="line mark"[^>]*stroke="(#[0-9a-fA-F]+)"/g),
    ].map((m) => m[1]!.toUpperCase());
    expect(strokes.filter((c) => c === pruned.toUpperCase()).length).toBe(counts.pruned);
    expect(strokes.filter((c) => c === complete.toUpperCase()).length).toBe(counts.complete);
  });
});
