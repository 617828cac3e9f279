import { createFrozenTrial } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { renderSvg, STATE_COLORS, timelinePlot } from "../../src/plots/index.js";
import { compileWarnings, countMarks } from "./helpers.js";
import { seededStudy } from "./seeded-study.js";

type Row = { trial: number; worker: string; start: number; end: number; state: string };
const rowsOf = (spec: object): Row[] => (spec as { data: { values: Row[] } }).data.values;

describe("timelinePlot", () => {
  it("draws a bar per started trial, coloured by state (failed and pruned distinguishable)", async () => {
    const { study } = seededStudy(1, 30);
    const spec = timelinePlot(study);
    expect(compileWarnings(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, "rect")).toBe(30);
    const fills = [...svg.matchAll(/aria-roledescription="bar"[^>]*fill="(#[0-9a-fA-F]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(fills.filter((f) => f === STATE_COLORS[2]).length).toBe(4); // FAIL
    expect(fills.filter((f) => f === STATE_COLORS[1]).length).toBe(5); // PRUNED
    expect(fills.filter((f) => f === STATE_COLORS[3]).length).toBe(1); // RUNNING
  });

  it("inferred lanes never overlap, and use as many lanes as trials ever ran at once", () => {
    const { study } = seededStudy(9, 50);
    const rows = rowsOf(timelinePlot(study));
    const byLane = new Map<string, Row[]>();
    for (const r of rows) byLane.set(r.worker, [...(byLane.get(r.worker) ?? []), r]);
    for (const lane of byLane.values())
      for (let i = 1; i < lane.length; i++) expect(lane[i]!.start).toBeGreaterThanOrEqual(lane[i - 1]!.end);
    let most = 0;
    for (const r of rows)
      most = Math.max(most, rows.filter((q) => q.start <= r.start && q.end > r.start).length);
    expect(byLane.size).toBe(most);
  });

  it("uses the trials' worker attribute when every trial has one, and worker() when given", () => {
    const t0 = Date.UTC(2026, 0, 1);
    const trials = [0, 1, 2].map((i) => ({
      ...createFrozenTrial({
        state: "COMPLETE",
        value: i,
        userAttrs: { worker: `node-${i % 2}` },
        datetimeStart: new Date(t0 + i * 1000),
        datetimeComplete: new Date(t0 + i * 1000 + 500),
      }),
      number: i,
      trialId: i,
    }));
    const study = { studyName: "w", directions: ["minimize" as const], trials };
    expect(rowsOf(timelinePlot(study)).map((r) => r.worker)).toEqual(["node-0", "node-1", "node-0"]);
    expect(rowsOf(timelinePlot(study, { worker: (t) => `w${t.number}` })).map((r) => r.worker)).toEqual([
      "w0",
      "w1",
      "w2",
    ]);
  });
});
