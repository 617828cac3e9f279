import { median } from "@tunelab/math/stats";
import { RandomSampler } from "@tunelab/samplers/random";
import { branin } from "@tunelab/test-functions";
import { describe, expect, it } from "vitest";
import {
  NO_OVERHEAD,
  renderQueueTable,
  simulate,
  summarizeScenario,
  testFunctionModel,
} from "../../src/queue-sim/index.js";

describe("median (of @tunelab/math/stats, as the summaries use it)", () => {
  it("is the type-7 median, Infinity allowed, NaN when empty", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([1, Infinity, Infinity])).toBe(Infinity);
    expect(median([1, 2, Infinity, Infinity])).toBe(Infinity);
    expect(median([])).toBeNaN();
  });
});

describe("summarizeScenario and renderQueueTable", () => {
  it("summarize runs over seeds, with time to target, and print one row per scenario", async () => {
    const runs = [];
    for (const seed of [1, 2, 3]) {
      runs.push(
        await simulate({
          sampler: (s) => new RandomSampler({ seed: s }),
          model: testFunctionModel(branin(), { duration: 1800 }),
          nTrials: 8,
          mode: { kind: "async", workers: 2 },
          cluster: { overhead: NO_OVERHEAD },
          seed,
        }),
      );
    }
    const target = median(runs.map((r) => r.best));
    const s = summarizeScenario("async-2", runs, target);
    expect(s.hours).toBe(2);
    expect(s.gpuHours).toBe(4);
    expect(s.best).toBe(target);
    expect(s.reached).toBeGreaterThanOrEqual(2);
    expect(s.hoursToTarget).toBeLessThanOrEqual(2);
    const table = renderQueueTable([s, summarizeScenario("no target", runs)]).split("\n");
    expect(table).toHaveLength(4);
    expect(table[0]).toMatch(/^scenario\s+best\s+wall h\s+GPU-h/);
    expect(table[2]).toMatch(/^async-2 /);
    expect(table[3]).toMatch(/ - +- +- +-$/);
    expect(() => summarizeScenario("x", [])).toThrow(
      'summarizeScenario: runs must not be empty (scenario "x")',
    );
  });
});
