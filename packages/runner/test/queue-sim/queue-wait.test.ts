import { Rng } from "@tunelab/math/random";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDurationDistribution,
  DEFAULT_QUEUE,
  drawDuration,
  meanQueueWait,
  queueWait,
  resolveOverhead,
  resolveQueueModel,
} from "../../src/queue-sim/index.js";

describe("meanQueueWait", () => {
  it("is the documented formula", () => {
    expect(meanQueueWait(8, 4 * 3600, { ...DEFAULT_QUEUE, load: 0.8 })).toBeCloseTo(
      600 * (1 + 32 / 8) * 4,
      9,
    );
    expect(meanQueueWait(8, 3600, DEFAULT_QUEUE)).toBe(0); // idle cluster
  });

  it("is non-decreasing in GPUs, time limit and load, for the same draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 64 }),
        fc.double({ min: 60, max: 7 * 86400, noNaN: true }),
        fc.double({ min: 0, max: 7 * 86400, noNaN: true }),
        fc.double({ min: 0, max: 0.98, noNaN: true }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (g, dg, t, dt, load, dload, e) => {
          const q = resolveQueueModel("test", { load });
          const q2 = resolveQueueModel("test", { load: load + dload });
          const w = queueWait(g, t, q, e);
          expect(queueWait(g + dg, t, q, e)).toBeGreaterThanOrEqual(w);
          expect(queueWait(g, t + dt, q, e)).toBeGreaterThanOrEqual(w);
          expect(queueWait(g, t, q2, e)).toBeGreaterThanOrEqual(w);
        },
      ),
    );
  });

  it("names the bad field and its range", () => {
    expect(() => resolveQueueModel("simulate", { load: 1 })).toThrow(
      "simulate: queue.load must be in [0, 1), got 1",
    );
    expect(() => resolveQueueModel("simulate", { baseWait: -1 })).toThrow(
      /queue.baseWait must be a number of seconds >= 0/,
    );
    expect(() => resolveQueueModel("simulate", { referenceGpuHours: 0 })).toThrow(
      /queue.referenceGpuHours must be > 0/,
    );
    expect(() => resolveQueueModel("simulate", { sizeExponent: Number.NaN })).toThrow(/queue.sizeExponent/);
  });
});

describe("overhead distributions", () => {
  it("draw inside their support, and the defaults are issue 15's", () => {
    const o = resolveOverhead("t", undefined);
    const rng = Rng.fromSeed(3);
    for (let i = 0; i < 500; i++) {
      const n = drawDuration(o.nodePreparation, rng);
      const l = drawDuration(o.loading, rng);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(300);
      expect(l).toBeGreaterThanOrEqual(60);
      expect(l).toBeLessThanOrEqual(1800);
      expect(drawDuration(o.imports, rng)).toBeGreaterThanOrEqual(0);
    }
  });

  it("refuse bad parameters, naming them", () => {
    expect(() => checkDurationDistribution("x", { kind: "uniform", low: 5, high: 1 })).toThrow(
      "x: uniform needs 0 <= low <= high, finite, got low=5 high=1",
    );
    expect(() => checkDurationDistribution("x", { kind: "log-uniform", low: 0, high: 1 })).toThrow(/0 < low/);
    expect(() => checkDurationDistribution("x", { kind: "constant", value: -1 })).toThrow(/value must be/);
    expect(() => resolveOverhead("simulate", { loading: { kind: "normal", mean: 1, sd: -1 } })).toThrow(
      /simulate: overhead.loading: normal needs/,
    );
  });
});
