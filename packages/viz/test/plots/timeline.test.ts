import { createFrozenTrial, type FrozenTrial } from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderSvg, STATE_COLORS, timelinePlot } from "../../src/plots/index.js";
import { type LaneBar, type MergedBar, mergeRuns } from "../../src/plots/thin.js";
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

/**
 * Checks that `runs` cover exactly the union of `bars` per worker and state, up to the gaps
 * of at most `gap` they bridge: each bar lies in one run of its worker and state, each run
 * starts at its first bar's start and ends at its bars' latest end, and its bars, in order of
 * start, leave no hole longer than `gap`.
 */
function expectExactCover(bars: readonly LaneBar[], runs: readonly MergedBar[], gap: number): void {
  const used = new Set<LaneBar>();
  let total = 0;
  for (const run of runs) {
    const inside = bars
      .filter(
        (b) =>
          !used.has(b) &&
          b.worker === run.worker &&
          b.state === run.state &&
          b.start >= run.start &&
          b.end <= run.end,
      )
      .sort((a, b) => a.start - b.start);
    expect(inside.length).toBeGreaterThanOrEqual(run.trials);
    const mine = inside.slice(0, run.trials);
    for (const b of mine) used.add(b);
    total += run.trials;
    expect(mine[0]!.start).toBe(run.start);
    let reach = mine[0]!.end;
    for (const b of mine.slice(1)) {
      expect(b.start - reach).toBeLessThanOrEqual(gap);
      reach = Math.max(reach, b.end);
    }
    expect(reach).toBe(run.end);
  }
  expect(total).toBe(bars.length);
  // Runs of one worker and state never touch within the gap (else they would be one), unless
  // one of them is a bar kept on its own.
  for (const r of runs)
    for (const q of runs)
      if (r !== q && r.worker === q.worker && r.state === q.state && r.trials > 1 && q.trials > 1)
        expect(q.start > r.end + gap || r.start > q.end + gap).toBe(true);
}

describe("mergeRuns (timeline thinning)", () => {
  const bar = fc.record({
    worker: fc.constantFrom("a", "b", "c"),
    state: fc.constantFrom("COMPLETE", "PRUNED", "FAIL"),
    start: fc.integer({ min: 0, max: 1000 }),
    length: fc.integer({ min: 0, max: 60 }),
  });

  it("covers exactly the union of the bars per worker and state, bridging only gaps <= gap", () => {
    fc.assert(
      fc.property(
        fc.array(bar, { maxLength: 200 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        (raw, gap, all) => {
          const bars: LaneBar[] = raw.map((b, i) => ({
            worker: b.worker,
            state: b.state,
            start: b.start,
            end: b.start + b.length,
            trial: i,
          }));
          const merge = (b: LaneBar): boolean => all || b.state === "COMPLETE";
          const runs = mergeRuns(bars, gap, merge, (s) => (s === "COMPLETE" ? 0 : 1));
          expectExactCover(bars, runs, gap);
          for (const r of runs) if (!merge(r)) expect(r.trials).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("timelinePlot with maxBars", () => {
  it("a 10,000-trial study: at most maxBars bars, covering every trial's interval, said in the spec", async () => {
    const { study } = seededStudy(1, 10_000);
    const full = rowsOf(timelinePlot(study));
    const spec = timelinePlot(study, { maxBars: 1000 });
    const runs = rowsOf(spec) as unknown as MergedBar[];
    expect(runs.length).toBeLessThanOrEqual(1000);
    expect(runs.length).toBeGreaterThan(0);
    const span = Math.max(...full.map((r) => r.end)) - Math.min(...full.map((r) => r.start));
    // Failed trials come about every 600 s on a lane, a pixel is 500 s: a pixel's merge leaves
    // 1,172 bars, so the gap bridged doubles once.
    const description = (spec as { description?: string }).description!;
    expect(description).toBe(
      `10,000 trials drawn as ${runs.length.toLocaleString("en-US")} bars: consecutive trials of one worker and state at most 2 pixels (16.7 min) apart merged, failed and pruned ones too`,
    );
    expectExactCover(full, runs, (2 * span) / 600);
    expect(compileWarnings(spec)).toEqual([]);
    expect(countMarks(await renderSvg(spec), "rect")).toBe(runs.length);
  });

  it("keeps a bar per failed and pruned trial when that fits, drawn over the merged ones", () => {
    const t0 = Date.UTC(2026, 0, 1);
    const trials: FrozenTrial[] = Array.from({ length: 3000 }, (_, i) => ({
      ...createFrozenTrial({
        state: i % 100 === 7 ? "FAIL" : i % 100 === 50 ? "PRUNED" : "COMPLETE",
        ...(i % 100 === 7 || i % 100 === 50 ? {} : { value: i }),
        userAttrs: { worker: `w${i % 2}` },
        datetimeStart: new Date(t0 + i * 1000),
        datetimeComplete: new Date(t0 + i * 1000 + 1900),
      }),
      number: i,
      trialId: i,
    }));
    const study = { studyName: "fp", directions: ["minimize" as const], trials };
    const spec = timelinePlot(study, { maxBars: 1000 });
    const runs = rowsOf(spec) as unknown as MergedBar[];
    expect(runs.length).toBeLessThanOrEqual(1000);
    const fp = runs.filter((r) => r.state !== "COMPLETE");
    expect(fp.length).toBe(60);
    for (const r of fp) expect(r.trials).toBe(1);
    // Per worker, the completed runs come first (drawn underneath).
    for (const w of ["w0", "w1"]) {
      const states = runs.filter((r) => r.worker === w).map((r) => r.state);
      expect(states.lastIndexOf("COMPLETE")).toBeLessThan(states.findIndex((s) => s !== "COMPLETE"));
    }
    expectExactCover(rowsOf(timelinePlot(study)), runs, (2999_000 + 1900) / 600);
    expect((spec as { description?: string }).description).toMatch(
      /^3,000 trials drawn as \d+ bars: .*; every failed and pruned trial has its own bar$/,
    );
  });

  it("draws every trial at or below the limit, and refuses a bad maxBars", () => {
    const { study } = seededStudy(3, 200);
    expect(timelinePlot(study, { maxBars: 200 })).toEqual(timelinePlot(study));
    expect(() => timelinePlot(study, { maxBars: 2.5 })).toThrow(
      "timelinePlot: maxPoints must be an integer >= 10 or Infinity, got 2.5",
    );
  });
});
