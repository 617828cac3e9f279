import { createFrozenTrial, type FrozenTrial, floatDistribution, type TrialState } from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPLETE, IGNORED, PRUNED, TrialColumns, UNSEEN } from "../../src/columns/trial-columns.js";

const X = floatDistribution(0, 10);

/** A trial with a number, a state, a value of x and objective values. */
function trial(
  number: number,
  state: TrialState,
  x: number | null,
  values?: number[],
  extra = {},
): FrozenTrial {
  const t = createFrozenTrial({
    state,
    ...(state === "COMPLETE" ? { values: values ?? [x ?? 0] } : {}),
    params: x === null ? {} : { x },
    distributions: x === null ? {} : { x: X },
    ...extra,
  });
  return { ...t, number, trialId: number };
}

describe("TrialColumns", () => {
  it("reads states, sign-adjusted values, last intermediate values, violations and parameters", () => {
    const table = new TrialColumns(["minimize", "maximize"]);
    const trials = [
      trial(0, "COMPLETE", 1, [3, 4]),
      trial(1, "PRUNED", 2, undefined, { intermediateValues: { 0: 9, 5: 7, 2: 1 } }),
      trial(2, "FAIL", 3),
      trial(3, "RUNNING", 4),
      trial(4, "PRUNED", null),
      trial(5, "COMPLETE", 6, [1, 1], { systemAttrs: { constraints: { a: 2, b: -1, c: 0.5 } } }),
    ];
    const unfinished = table.update(trials);
    expect([...unfinished.keys()]).toEqual([3]);
    expect(Array.from(table.state.subarray(0, 6))).toEqual([
      COMPLETE,
      PRUNED,
      IGNORED,
      UNSEEN,
      PRUNED,
      COMPLETE,
    ]);
    expect(table.loss[0]).toBe(3);
    expect(table.loss[1]).toBe(-4);
    // Pruned: -(last step) and the minimized first objective's value there.
    expect(table.stepKey[1]).toBe(-5);
    expect(table.loss[2]).toBe(7);
    expect(table.stepKey[4]).toBe(1);
    expect(table.loss[8]).toBe(0);
    expect(table.violation[5]).toBe(2.5);
    expect(table.violation[0]).toBeNaN();
    expect(table.anyConstraints).toBe(true);
    expect(Array.from(table.column("x")!.subarray(0, 6))).toEqual(
      [1, 2, 3, Number.NaN, Number.NaN, 6].map((v, i) => (i === 2 ? Number.NaN : v)),
    );
    expect(table.nComplete).toBe(2);
    expect(table.nPruned).toBe(2);
    // The running trial finishes: it is read at the next update.
    const done = trials.slice();
    done[3] = trial(3, "COMPLETE", 4, [0, 0]);
    expect(table.update(done).size).toBe(0);
    expect(table.state[3]).toBe(COMPLETE);
    expect(table.column("x")![3]).toBe(4);
  });

  it("a NaN last intermediate value ranks as +Infinity", () => {
    const table = new TrialColumns(["maximize"]);
    table.update([trial(0, "PRUNED", 1, undefined, { intermediateValues: { 3: Number.NaN } })]);
    expect(table.loss[0]).toBe(Number.POSITIVE_INFINITY);
    expect(table.stepKey[0]).toBe(-3);
  });

  it("incremental updates give the table of a single read, whatever the order trials finish in (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            finishAt: fc.integer({ min: 0, max: 5 }),
            state: fc.constantFrom<TrialState>("COMPLETE", "PRUNED", "FAIL"),
            x: fc.oneof(
              fc.constant(null),
              fc.integer({ min: 0, max: 10 }),
              fc.double({ min: 0, max: 10, noNaN: true }),
            ),
          }),
          { maxLength: 80 },
        ),
        (specs) => {
          const inc = new TrialColumns(["minimize"]);
          // Snapshots 0..5: trial i is RUNNING until snapshot finishAt, then final.
          for (let snap = 0; snap <= 6; snap++) {
            const visible = specs.slice(0, Math.ceil((specs.length * (snap + 1)) / 7));
            inc.update(
              visible.map((s, i) => trial(i, snap >= s.finishAt ? s.state : "RUNNING", s.x, undefined)),
            );
          }
          const fresh = new TrialColumns(["minimize"]);
          fresh.update(specs.map((s, i) => trial(i, s.state, s.x)));
          expect(Array.from(inc.state.subarray(0, specs.length))).toEqual(
            Array.from(fresh.state.subarray(0, specs.length)),
          );
          expect(inc.nComplete).toBe(fresh.nComplete);
          const ci = inc.column("x");
          const cf = fresh.column("x");
          if (cf !== undefined)
            expect(Array.from(ci!.subarray(0, specs.length))).toEqual(
              Array.from(cf.subarray(0, specs.length)),
            );
          // Sorted columns: by value, ties by number, finished COMPLETE/PRUNED trials only.
          const want = specs
            .map((s, i) => ({ i, s }))
            .filter(({ s }) => s.x !== null && s.state !== "FAIL")
            .sort((a, b) => a.s.x! - b.s.x! || a.i - b.i)
            .map(({ i }) => i);
          expect(Array.from(inc.sortedNumbers("x"))).toEqual(want);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("keeps sorted columns up to date after they are first asked for", () => {
    const table = new TrialColumns(["minimize"]);
    const xs = [5, 1, 9, 1, 3];
    table.update(xs.slice(0, 2).map((x, i) => trial(i, "COMPLETE", x)));
    expect(Array.from(table.sortedNumbers("x"))).toEqual([1, 0]);
    table.update(xs.map((x, i) => trial(i, "COMPLETE", x)));
    expect(Array.from(table.sortedNumbers("x"))).toEqual([1, 3, 4, 0, 2]);
    expect(Array.from(table.sortedNumbers("missing"))).toEqual([]);
  });

  it("reads snapshots with gaps in trial numbers", () => {
    const table = new TrialColumns(["minimize"]);
    table.update([trial(0, "COMPLETE", 1), trial(2, "COMPLETE", 3)]);
    expect(table.size).toBe(3);
    table.update([trial(0, "COMPLETE", 1), trial(1, "COMPLETE", 2), trial(2, "COMPLETE", 3)]);
    expect(table.nComplete).toBe(3);
    expect(Array.from(table.sortedNumbers("x"))).toEqual([0, 1, 2]);
  });
});
