import { RandomSampler } from "@tunelab/samplers/random";
import { branin } from "@tunelab/test-functions";
import { describe, expect, it } from "vitest";
import {
  curvesSvg,
  medianCurve,
  NO_OVERHEAD,
  renderQueueHtml,
  simulate,
  testFunctionModel,
} from "../../src/queue-sim/index.js";

const runs = async () => {
  const out = [];
  for (const seed of [1, 2, 3]) {
    out.push(
      await simulate({
        sampler: (s) => new RandomSampler({ seed: s }),
        model: testFunctionModel(branin(), { duration: 3600 }),
        nTrials: 6,
        mode: { kind: "async", workers: 2 },
        cluster: { overhead: NO_OVERHEAD },
        seed,
      }),
    );
  }
  return out;
};

describe("medianCurve", () => {
  it("is the median best so far at each point of the axis, Infinity before the first trial ends", async () => {
    const rs = await runs();
    const c = medianCurve("a", rs, "time", 3, 4); // x = 0, 1, 2, 3 hours
    expect([...c.x]).toEqual([0, 1, 2, 3]);
    expect(c.y[0]).toBe(Infinity);
    const bestAfter = (h: number) =>
      rs.map((r) =>
        r.progress.filter((p) => p.time <= h * 3600).reduce((b, p) => Math.min(b, p.best), Infinity),
      );
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    expect(c.y[1]).toBe(med(bestAfter(1)));
    expect(c.y[3]).toBe(med(rs.map((r) => r.best)));
    for (let i = 1; i < c.y.length; i++) expect(c.y[i]!).toBeLessThanOrEqual(c.y[i - 1]!);
    // GPU-hours: 2 workers, so 1 GPU-hour is half an hour of wall-clock.
    const g = medianCurve("a", rs, "gpuHours", 6, 4);
    expect(g.y[3]).toBe(c.y[3]);
    expect(() => medianCurve("a", rs, "time", 0)).toThrow(
      "medianCurve: xMax must be a finite number > 0, got 0",
    );
    expect(() => medianCurve("a", rs, "time", 1, 1)).toThrow(/points must be an integer >= 2/);
  });
});

describe("curvesSvg and renderQueueHtml", () => {
  it("draw one line and legend entry per scenario, escaping names", async () => {
    const rs = await runs();
    const svg = curvesSvg([medianCurve("a<b", rs, "time", 3), medianCurve("c", rs, "time", 3)], {
      title: "t",
      x: "hours",
      y: "best",
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain("a&lt;b");
    const html = renderQueueHtml([
      { title: "grid", table: "x", scenarios: [{ name: "s", runs: rs }], target: 1 },
    ]);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain("<h2>grid</h2>");
  });
});
