import { describe, expect, it } from "vitest";
import { intermediateValues, renderSvg, STATE_COLORS } from "../../src/plots/index.js";
import { compileWarnings, countMarks, ruleData } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

describe("intermediateValues", () => {
  it("draws a curve per reporting trial (its segments) and a point per report, pruned trials in their own colour", async () => {
    const { study, counts } = seededStudy(1, 30);
    const spec = intermediateValues(study);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    // seededStudy: completed trials report 5 steps (4 segments), pruned ones 3 (2), failed and running none.
    expect(countMarks(svg, "rule")).toBe(4 * counts.complete + 2 * counts.pruned);
    expect(countMarks(svg, "line")).toBe(0);
    expect(countMarks(svg, "symbol")).toBe(5 * counts.complete + 3 * counts.pruned);
    const pruned = STATE_COLORS[1]!;
    const complete = STATE_COLORS[0]!;
    const strokes = [...svg.matchAll(/<line[^>]*stroke="(#[0-9a-fA-F]+)"/g)].map((m) => m[1]!.toUpperCase());
    expect(strokes.filter((c) => c === pruned.toUpperCase()).length).toBe(2 * counts.pruned);
    expect(strokes.filter((c) => c === complete.toUpperCase()).length).toBe(4 * counts.complete);
  });

  it("joins each trial's consecutive reports, in step order, and no two trials", async () => {
    const { study } = seededStudy(1, 30);
    const spec = intermediateValues(study);
    const segments = (await ruleData(spec)) as Record<string, number>[];
    for (const t of study.trials) {
      const steps = [...t.intermediateValues.keys()].sort((a, b) => a - b);
      const mine = segments.filter((g) => g.trial === t.number);
      expect(mine.map((g) => [g.step, g.step2])).toEqual(steps.slice(1).map((s, i) => [steps[i], s]));
      for (const g of mine) {
        expect(g.value).toBe(t.intermediateValues.get(g.step!));
        expect(g.value2).toBe(t.intermediateValues.get(g.step2!));
      }
    }
  });

  it("thinToWidth: a long curve drawn with at most 4 reports a pixel column, said in the description; short curves exact", async () => {
    const { study } = seededStudy(1, 30);
    expect(intermediateValues(study, { thinToWidth: true })).toEqual(intermediateValues(study));
    // Three curves of 5,000 reports (a noisy one, a smooth one, one pruned early) on 400 px.
    const long = (n: number, f: (s: number) => number) =>
      new Map(Array.from({ length: n }, (_, s) => [s, f(s)]));
    const trials = study.trials.slice(0, 3).map((t, k) => ({
      ...t,
      intermediateValues: long(
        k === 2 ? 300 : 5000,
        k === 0 ? (s) => Math.sin(s * 1.7) + s / 5000 : (s) => 1 / (1 + s),
      ),
    }));
    const small = { ...study, trials };
    const spec = intermediateValues(small, { thinToWidth: true, width: 400 });
    const rows = (spec.data as { values: { trial: number; step: number }[] }).values;
    expect(rows.length).toBeLessThanOrEqual(3 * 4 * 400);
    expect(rows.length).toBeGreaterThan(400);
    for (const t of trials) {
      const steps = rows.filter((r) => r.trial === t.number).map((r) => r.step);
      expect(steps[0]).toBe(0);
      expect(steps[steps.length - 1]).toBe(t.intermediateValues.size - 1);
    }
    expect(spec.description).toBe(
      `curves: ${rows.length.toLocaleString("en-US")} of 10,300 reported values drawn: per curve, the first, last, lowest and highest of each pixel column (12.498 steps), so each curve is within a pixel of its every report`,
    );
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "rule")).toBe(rows.length - 3);
    expect(countMarks(svg, "symbol")).toBe(rows.length);
    expect(intermediateValues(small, { width: 400 }).description).toBeUndefined();
  });
});
