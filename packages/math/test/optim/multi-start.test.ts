import { describe, expect, it } from "vitest";
import { minimizeLbfgsb, minimizeMultiStart, type ObjectiveWithGradient } from "../../src/optim/index.js";
import { counted, rosenbrock } from "./problems.js";

/** (x² − 1)² + 0.1x: local minima near −1.012 (the global one) and +0.987. */
const tilted: ObjectiveWithGradient = (x, g) => {
  const v = x[0]!;
  g[0] = 4 * v * (v * v - 1) + 0.1;
  return (v * v - 1) ** 2 + 0.1 * v;
};

describe("minimizeMultiStart", () => {
  it("returns the best run, its start index and the totals", () => {
    const c = counted(tilted);
    const starts = [Float64Array.of(2), Float64Array.of(0.5), Float64Array.of(-2), Float64Array.of(-0.5)];
    const r = minimizeMultiStart(c.fun, starts);
    expect(r.x[0]).toBeCloseTo(-1.0122731, 6);
    expect([2, 3]).toContain(r.startIndex);
    const single = starts.map((s) => minimizeLbfgsb(tilted, s));
    expect(r.totalEvaluations).toBe(c.calls());
    expect(r.totalEvaluations).toBe(single.reduce((a, s) => a + s.evaluations, 0));
    expect(r.totalIterations).toBe(single.reduce((a, s) => a + s.iterations, 0));
    // The chosen run is exactly what a single run from that start returns.
    const { startIndex, totalEvaluations, totalIterations, skippedStarts, ...best } = r;
    expect(best).toEqual(single[startIndex]);
    expect(skippedStarts).toBe(0);
  });

  it("keeps the first of equal results", () => {
    const r = minimizeMultiStart(tilted, [Float64Array.of(-1.5), Float64Array.of(-1.5)]);
    expect(r.startIndex).toBe(0);
  });

  it("projects every start into the box; the runs share nothing (same result in any order)", () => {
    const o = { lower: Float64Array.of(-2, -2), upper: Float64Array.of(2, 2) };
    const starts = [Float64Array.of(-5, 5), Float64Array.of(1.5, -1), Float64Array.of(0, 0)];
    const forward = minimizeMultiStart(rosenbrock, starts, o);
    const backward = minimizeMultiStart(rosenbrock, [...starts].reverse(), o);
    expect(Array.from(backward.x)).toEqual(Array.from(forward.x));
    expect(forward.x[0]).toBeCloseTo(1, 4);
  });

  it("skips starts where f is not finite, and throws when every start is such", () => {
    const logBarrier: ObjectiveWithGradient = (x, g) => {
      const v = x[0]!;
      g[0] = 1 - 1 / v;
      return v - Math.log(v);
    };
    const r = minimizeMultiStart(logBarrier, [Float64Array.of(-1), Float64Array.of(3), Float64Array.of(-2)]);
    expect(r).toMatchObject({ startIndex: 1, skippedStarts: 2, converged: true });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.totalEvaluations).toBe(r.evaluations + 2);
    expect(() => minimizeMultiStart(logBarrier, [Float64Array.of(-1), Float64Array.of(-3)])).toThrow(
      /^minimizeMultiStart: no start has a finite f and gradient \(starts\[0\]: f is NaN at the projected start x0; it must be finite there\)$/,
    );
  });

  it("refuses bad arguments with one-line errors", () => {
    expect(() => minimizeMultiStart(tilted, [])).toThrow(
      /^minimizeMultiStart: starts must be a non-empty array/,
    );
    expect(() => minimizeMultiStart(tilted, [Float64Array.of(1), Float64Array.of(1, 2)])).toThrow(
      /^minimizeMultiStart: starts\[1\] has length 2, starts\[0\] has 1$/,
    );
    expect(() => minimizeMultiStart(tilted, [Float64Array.of(1), [1] as unknown as Float64Array])).toThrow(
      /starts\[1\] must be a Float64Array/,
    );
    expect(() => minimizeMultiStart(tilted, [Float64Array.of(1)], { memory: 0 })).toThrow(
      /^minimizeMultiStart: memory must be an integer >= 1, got 0$/,
    );
    expect(() => minimizeMultiStart(tilted, [Float64Array.of(1)], { lower: Float64Array.of(0, 0) })).toThrow(
      /^minimizeMultiStart: lower must have length 1/,
    );
  });
});
