import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ScheduleShape,
  scheduleAnnealed,
  scheduleArea,
  scheduleFactor,
} from "../../src/llm/schedule.js";

/** ∫₀ᵗ min(ρ f, 1) by the midpoint rule with n cells. */
function numericArea(s: ScheduleShape, t: number, n = 20000): number {
  const h = t / n;
  let a = 0;
  for (let i = 0; i < n; i++) a += Math.min(s.ratio * scheduleFactor(s, (i + 0.5) * h), 1) * h;
  return a;
}

const shapes = fc.record({
  schedule: fc.constantFrom("constant" as const, "linear" as const, "cosine" as const),
  totalSteps: fc.integer({ min: 10, max: 5000 }),
  warmup: fc.double({ min: 0, max: 0.5, noNaN: true }),
  ratio: fc.double({ min: 0.01, max: 20, noNaN: true }),
});

describe("scheduleArea", () => {
  it("equals a numerical integral of min(ρ·f, 1) for every schedule, warmup and ratio (fast-check)", () => {
    fc.assert(
      fc.property(shapes, fc.double({ min: 0, max: 1, noNaN: true }), (p, frac) => {
        const s: ScheduleShape = {
          schedule: p.schedule,
          totalSteps: p.totalSteps,
          warmupSteps: p.warmup * p.totalSteps,
          ratio: p.ratio,
        };
        const t = frac * p.totalSteps;
        const exact = scheduleArea(s, t);
        return Math.abs(exact - numericArea(s, t)) <= 1e-5 * p.totalSteps;
      }),
      { numRuns: 60 },
    );
  });

  it("has the closed forms T/2 (linear, ρ = 1), T (constant), T(1 - 1/(2ρ)) (linear, ρ > 1)", () => {
    const base = { totalSteps: 1000, warmupSteps: 0 };
    expect(scheduleArea({ ...base, schedule: "linear", ratio: 1 }, 1000)).toBeCloseTo(500, 10);
    expect(scheduleArea({ ...base, schedule: "cosine", ratio: 1 }, 1000)).toBeCloseTo(500, 10);
    expect(scheduleArea({ ...base, schedule: "constant", ratio: 3 }, 1000)).toBeCloseTo(1000, 10);
    expect(scheduleArea({ ...base, schedule: "linear", ratio: 4 }, 1000)).toBeCloseTo(1000 * (1 - 1 / 8), 10);
    expect(scheduleArea({ ...base, schedule: "linear", ratio: 0.1 }, 1000)).toBeCloseTo(50, 10);
    expect(scheduleArea({ ...base, schedule: "linear", ratio: 1 }, 0)).toBe(0);
    expect(scheduleArea({ ...base, schedule: "cosine", ratio: 2 }, 2000)).toBeCloseTo(
      scheduleArea({ ...base, schedule: "cosine", ratio: 2 }, 1000),
      12,
    );
  });

  it("is non-decreasing in t and in ρ (fast-check)", () => {
    fc.assert(
      fc.property(
        shapes,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, a, b) => {
          const s: ScheduleShape = {
            schedule: p.schedule,
            totalSteps: p.totalSteps,
            warmupSteps: p.warmup * p.totalSteps,
            ratio: p.ratio,
          };
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const more = { ...s, ratio: p.ratio * 1.5 };
          const t = hi * p.totalSteps;
          return (
            scheduleArea(s, lo * p.totalSteps) <= scheduleArea(s, t) + 1e-9 &&
            scheduleArea(s, t) <= scheduleArea(more, t) + 1e-9
          );
        },
      ),
    );
  });
});

describe("scheduleAnnealed", () => {
  it("is 0 in warmup and for constant LR, and reaches 1 at the end of a decay", () => {
    const s: ScheduleShape = { schedule: "cosine", totalSteps: 100, warmupSteps: 10, ratio: 1 };
    expect(scheduleAnnealed(s, 5)).toBe(0);
    expect(scheduleAnnealed(s, 100)).toBeCloseTo(1, 12);
    expect(scheduleAnnealed({ ...s, schedule: "constant" }, 100)).toBe(0);
    expect(scheduleAnnealed({ ...s, schedule: "linear" }, 55)).toBeCloseTo(0.5, 12);
  });

  it("stays 0 while the decaying LR is still above η* (ρ > 1)", () => {
    const s: ScheduleShape = { schedule: "linear", totalSteps: 100, warmupSteps: 0, ratio: 4 };
    expect(scheduleAnnealed(s, 70)).toBe(0); // ρ·f = 4·0.3 > 1
    expect(scheduleAnnealed(s, 90)).toBeCloseTo(0.6, 12); // 1 - 4·0.1
  });
});
