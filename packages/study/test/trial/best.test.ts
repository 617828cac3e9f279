import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParetoFrontTracker } from "../../src/trial/best.js";
import { createFrozenTrial, type FrozenTrial } from "../../src/trial/frozen.js";
import type { StudyDirection } from "../../src/trial/state.js";

/** A trial with a given number (createFrozenTrial leaves it at -1 for a storage to assign). */
function trial(number: number, state: "COMPLETE" | "PRUNED", values: readonly number[] | null): FrozenTrial {
  return { ...createFrozenTrial({ state, values }), number, trialId: number };
}

/** The front by definition: COMPLETE trials no other dominates, ties kept, by number. */
function bruteFront(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number[] {
  const sign = directions.map((d) => (d === "maximize" ? -1 : 1));
  const dominates = (a: readonly number[], b: readonly number[]): boolean => {
    let strictly = false;
    for (let k = 0; k < sign.length; k++) {
      if (sign[k]! * a[k]! > sign[k]! * b[k]!) return false;
      if (sign[k]! * a[k]! < sign[k]! * b[k]!) strictly = true;
    }
    return strictly;
  };
  const seen = new Map<number, FrozenTrial>();
  for (const t of trials) if (t.state === "COMPLETE" && !seen.has(t.number)) seen.set(t.number, t);
  const all = [...seen.values()];
  return all
    .filter((t) => !all.some((o) => dominates(o.values!, t.values!)))
    .map((t) => t.number)
    .sort((a, b) => a - b);
}

describe("ParetoFrontTracker", () => {
  it("equals the front by definition for 1 to 3 objectives, with many ties, repeats and any arrival order (property)", () => {
    const direction = fc.constantFrom<StudyDirection>("minimize", "maximize");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((m) =>
          fc.record({
            directions: fc.array(direction, { minLength: m, maxLength: m }),
            repeats: fc.array(fc.nat(39), { maxLength: 10 }),
            trials: fc.uniqueArray(
              fc.record({
                number: fc.nat(40),
                // Few distinct values, so ties on the best are common.
                values: fc.array(fc.constantFrom(-Infinity, -1, 0, 0.5, 1, Infinity), {
                  minLength: m,
                  maxLength: m,
                }),
                complete: fc.boolean(),
              }),
              { maxLength: 40, selector: (t) => t.number },
            ),
          }),
        ),
        ({ directions, trials, repeats }) => {
          const frozen = trials.map(({ number, values, complete }) =>
            trial(number, complete ? "COMPLETE" : "PRUNED", complete ? values : null),
          );
          const tracker = new ParetoFrontTracker(directions);
          for (const t of frozen) tracker.add(t);
          // A trial offered again (a storage update seen twice) changes nothing.
          for (const r of repeats) if (r < frozen.length) tracker.add(frozen[r]!);
          expect(tracker.front.map((t) => t.number)).toEqual(bruteFront(frozen, directions));
        },
      ),
      { seed: 17, numRuns: 400 },
    );
  });

  it("keeps every trial tied at the best of one objective, in order of number, and drops them all for a better one", () => {
    const tracker = new ParetoFrontTracker(["minimize"]);
    for (const n of [4, 1, 3, 0, 2]) tracker.add(trial(n, "COMPLETE", [1]));
    tracker.add(trial(5, "COMPLETE", [2]));
    expect(tracker.front.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    tracker.add(trial(6, "COMPLETE", [0.5]));
    expect(tracker.front.map((t) => t.number)).toEqual([6]);
  });
});
