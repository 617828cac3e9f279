import type { MultiObjectiveFunction } from "@tunelab/test-functions";
import { testFunction } from "@tunelab/test-functions/registry";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RunRecord, TrialCode } from "../../src/runner/types.js";
import { evenCheckpoints, frontQuality, referenceFront } from "../../src/stats/front-quality.js";

/** A two-objective problem whose front is {(0, 1), (1, 0)}, reference point (2, 2). */
const TOY = {
  kind: "multi",
  name: "toy",
  description: "toy",
  space: [],
  tags: [],
  nObjectives: 2,
  referencePoint: [2, 2],
  source: "test",
  evaluate: () => [0, 0],
  paretoFront: () => [
    [0, 1],
    [1, 0],
  ],
} as unknown as MultiObjectiveFunction;

function record(values: (number[] | null)[], states: TrialCode[], feasible?: boolean[]): RunRecord {
  return {
    key: "k",
    cell: {
      function: "toy",
      side: "tunelab",
      sampler: "s",
      pruner: "none",
      seed: 1,
      trials: values.length,
      budgetSteps: null,
      concurrency: 1,
    },
    values,
    states,
    steps: values.map(() => 1),
    feasible: feasible ?? values.map(() => true),
    samplerMs: values.map(() => 0),
    wallMs: 0,
    skipped: null,
    error: null,
  };
}

describe("referenceFront", () => {
  it("is the analytic front, row-major", () => {
    const z = referenceFront(testFunction("zdt1") as MultiObjectiveFunction, 500);
    expect(z.length).toBe(1000);
    for (let i = 0; i < 500; i++) expect(z[2 * i + 1]).toBeCloseTo(1 - Math.sqrt(z[2 * i]!), 14);
    expect(referenceFront(testFunction("zdt1") as MultiObjectiveFunction, 500)).toBe(z); // cached
  });
});

describe("frontQuality", () => {
  it("hand-computed hypervolume and IGD+; failed and infeasible trials ignored", () => {
    const run = record([[1, 1], null, [0, 1.5], [0, 0]], ["C", "F", "C", "C"], [true, true, true, false]);
    const q = frontQuality(run, TOY, [1, 3, 4, 10], referenceFront(TOY));
    // {(1, 1)}: HV = 1·1; IGD+ = mean(‖(1, 0)‖, ‖(0, 1)‖) = 1.
    // {(1, 1), (0, 1.5)}: HV = 1 + 1 − 0.5 = 1.5; IGD+ = mean(min(1, 0.5), min(1, 1.5)) = 0.75.
    expect(q.hypervolume).toEqual([1, 1.5, 1.5, 1.5]);
    expect(q.igdPlus).toEqual([1, 0.75, 0.75, 0.75]);
    expect(q.checkpoints).toEqual([1, 3, 4, 10]);
  });
  it("NaN before the first usable trial; 0 IGD+ on the front itself", () => {
    const run = record([null, [0, 1], [1, 0]], ["F", "C", "C"]);
    const q = frontQuality(run, TOY, [1, 3], referenceFront(TOY));
    expect(q.hypervolume[0]).toBeNaN();
    expect(q.igdPlus[0]).toBeNaN();
    expect(q.igdPlus[1]).toBe(0);
    expect(q.hypervolume[1]).toBe(3);
  });
  it("hypervolume never falls and IGD+ never rises over checkpoints (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (pts) => {
          const run = record(
            pts.map((p) => [...p]),
            pts.map(() => "C"),
          );
          const q = frontQuality(run, TOY, evenCheckpoints(pts.length, 5), referenceFront(TOY));
          for (let j = 1; j < q.checkpoints.length; j++) {
            expect(q.hypervolume[j]!).toBeGreaterThanOrEqual(q.hypervolume[j - 1]!);
            expect(q.igdPlus[j]!).toBeLessThanOrEqual(q.igdPlus[j - 1]!);
          }
        },
      ),
    );
  });
  it("rejects checkpoints that are not increasing integers ≥ 1", () => {
    const run = record([[1, 1]], ["C"]);
    expect(() => frontQuality(run, TOY, [2, 2], referenceFront(TOY))).toThrow(
      /frontQuality: checkpoints must be increasing integers ≥ 1, got 2, 2/,
    );
    expect(() => frontQuality(run, TOY, [0], referenceFront(TOY))).toThrow(/checkpoints/);
  });
});

describe("evenCheckpoints", () => {
  it("spreads the checkpoints and ends at the trial count", () => {
    expect(evenCheckpoints(2000, 4)).toEqual([500, 1000, 1500, 2000]);
    expect(evenCheckpoints(3, 5)).toEqual([1, 2, 3]);
    expect(() => evenCheckpoints(0, 5)).toThrow(/evenCheckpoints: trials must be an integer ≥ 1, got 0/);
    expect(() => evenCheckpoints(10, 1.5)).toThrow(/evenCheckpoints: count must be an integer ≥ 1, got 1.5/);
  });
});
