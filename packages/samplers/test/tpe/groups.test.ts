import {
  createFrozenTrial,
  type FrozenTrial,
  floatDistribution,
  groupDecomposedSearchSpace,
  type SearchSpace,
  type TrialState,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GroupDecomposition } from "../../src/tpe/groups.js";

const NAMES = ["a", "b", "c", "d", "e", "f"];

function trial(number: number, state: TrialState, names: string[]): FrozenTrial {
  const t = createFrozenTrial({
    state,
    ...(state === "COMPLETE" ? { value: 0 } : {}),
    params: Object.fromEntries(names.map((n) => [n, 0.5])),
    distributions: Object.fromEntries(names.map((n) => [n, floatDistribution(0, 1)])),
  });
  return { ...t, number, trialId: number };
}

/** Groups as sorted lists of names, sorted. */
function canon(spaces: readonly SearchSpace[]): string[][] {
  return spaces.map((g) => Object.keys(g).sort()).sort((x, y) => (x.join() < y.join() ? -1 : 1));
}

describe("GroupDecomposition", () => {
  it("equals the study's groupDecomposedSearchSpace, read at once or a few trials at a time (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            names: fc.subarray(NAMES),
            state: fc.constantFrom<TrialState>("COMPLETE", "PRUNED", "FAIL", "RUNNING"),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 7 }),
        (specs, chunk) => {
          const trials = specs.map((s, i) => trial(i, s.state, s.names));
          const want = canon(groupDecomposedSearchSpace(trials, { includePruned: true }));
          const inc = new GroupDecomposition();
          let got: readonly SearchSpace[] = [];
          for (let end = chunk; end < trials.length + chunk; end += chunk)
            got = inc.update(trials.slice(0, end));
          if (trials.length === 0) got = inc.update(trials);
          expect(canon(got)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("splits a conditional space into its branches, groups listed by their first name", () => {
    const g = new GroupDecomposition();
    const spaces = g.update([
      trial(0, "COMPLETE", ["model", "lin_c"]),
      trial(1, "COMPLETE", ["model", "tree_depth", "tree_lr"]),
      trial(2, "COMPLETE", ["model", "lin_c"]),
    ]);
    expect(spaces.map((s) => Object.keys(s))).toEqual([["lin_c"], ["model"], ["tree_depth", "tree_lr"]]);
  });

  it("groups parameters named like Object.prototype's members by the trials that hold them", () => {
    // A trial's `distributions` may be a plain object: "constructor" in it is true without
    // the trial holding a parameter of that name.
    const plain = (number: number, names: string[]): FrozenTrial => {
      const d = floatDistribution(0, 1);
      const rec = (v: unknown) => Object.fromEntries(names.map((n) => [n, v]));
      return {
        ...createFrozenTrial({ state: "COMPLETE", value: 0 }),
        number,
        trialId: number,
        params: rec(0.5) as Record<string, number>,
        internalParams: rec(0.5) as Record<string, number>,
        distributions: rec(d) as Record<string, typeof d>,
      };
    };
    const spaces = new GroupDecomposition().update([
      plain(0, ["10", "9"]),
      plain(1, ["a", "constructor", "toString"]),
      plain(2, ["a"]),
    ]);
    expect(spaces.map((s) => Object.keys(s).sort())).toEqual([
      ["10", "9"],
      ["a"],
      ["constructor", "toString"],
    ]);
    // Listed by their smallest name ("10" < "9" < "a" as strings).
    expect(spaces.map((s) => Object.getPrototypeOf(s))).toEqual([null, null, null]);
  });

  it("leaves single-valued distributions out", () => {
    const t = createFrozenTrial({
      state: "COMPLETE",
      value: 1,
      params: { a: 0.5, fixed: 2 },
      distributions: { a: floatDistribution(0, 1), fixed: floatDistribution(2, 2) },
    });
    expect(
      new GroupDecomposition().update([{ ...t, number: 0, trialId: 0 }]).map((s) => Object.keys(s)),
    ).toEqual([["a"]]);
  });
});
