import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Distribution } from "../../src/distributions/distribution.js";
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
} from "../../src/distributions/distribution.js";
import {
  groupDecomposedSearchSpace,
  IntersectionSearchSpace,
  intersectionSearchSpace,
} from "../../src/sampler/search-space.js";
import { createFrozenTrial, type FrozenTrial } from "../../src/trial/frozen.js";
import type { TrialState } from "../../src/trial/state.js";

const D: Record<string, Distribution> = {
  a: floatDistribution(0, 1),
  b: intDistribution(0, 5),
  c: categoricalDistribution(["x", "y"]),
  d: floatDistribution(1, 10, { log: true }),
};

function trial(number: number, names: string[], state: TrialState = "COMPLETE", dists = D): FrozenTrial {
  const params: Record<string, number | string> = {};
  const distributions: Record<string, Distribution> = {};
  for (const n of names) {
    const d = dists[n]!;
    distributions[n] = d;
    params[n] = d.kind === "categorical" ? (d.choices[0] as string) : d.low;
  }
  const t = createFrozenTrial({
    state,
    params,
    distributions,
    ...(state === "COMPLETE" ? { value: 0 } : {}),
  });
  return { ...t, number, trialId: number };
}

describe("intersectionSearchSpace", () => {
  it("keeps parameters present with the same distribution in every complete trial, sorted", () => {
    const trials = [trial(0, ["d", "a", "b"]), trial(1, ["a", "b", "c"]), trial(2, ["a"], "RUNNING")];
    expect(Object.keys(intersectionSearchSpace(trials))).toEqual(["a", "b"]);
  });

  it("drops a parameter whose distribution changed", () => {
    const other = { ...D, a: floatDistribution(0, 2) };
    const trials = [trial(0, ["a", "b"]), trial(1, ["a", "b"], "COMPLETE", other)];
    expect(Object.keys(intersectionSearchSpace(trials))).toEqual(["b"]);
  });

  it("counts pruned trials only with includePruned", () => {
    const trials = [trial(0, ["a", "b"]), trial(1, ["a"], "PRUNED")];
    expect(Object.keys(intersectionSearchSpace(trials))).toEqual(["a", "b"]);
    expect(Object.keys(intersectionSearchSpace(trials, { includePruned: true }))).toEqual(["a"]);
  });

  it("is empty without complete trials", () => {
    expect(intersectionSearchSpace([])).toEqual({});
    expect(intersectionSearchSpace([trial(0, ["a"], "FAIL")])).toEqual({});
  });

  it("incremental calculation equals the batch one at every prefix (property)", () => {
    const names = ["a", "b", "c", "d"];
    const arbTrial = fc.record({
      subset: fc.subarray(names, { minLength: 0 }),
      state: fc.constantFrom<TrialState>("COMPLETE", "PRUNED", "FAIL", "RUNNING"),
      finishLater: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbTrial, { maxLength: 25 }), (specs) => {
        const inc = new IntersectionSearchSpace();
        const trials: FrozenTrial[] = [];
        for (let i = 0; i < specs.length; i++) {
          const s = specs[i]!;
          // Some trials are seen RUNNING first and finish later.
          trials.push(trial(i, s.subset, s.finishLater ? "RUNNING" : s.state));
          expect(inc.calculate(trials)).toEqual(intersectionSearchSpace(trials));
        }
        for (let i = 0; i < specs.length; i++) {
          if (specs[i]!.finishLater) trials[i] = trial(i, specs[i]!.subset, specs[i]!.state);
        }
        expect(inc.calculate(trials)).toEqual(intersectionSearchSpace(trials));
      }),
    );
  });
});

describe("IntersectionSearchSpace.calculate", () => {
  it("returns the same record while new trials leave the space as it is, a new one when a parameter leaves", () => {
    const acc = new IntersectionSearchSpace();
    const trials = [trial(0, ["a", "b", "c"])];
    const first = acc.calculate(trials);
    trials.push(trial(1, ["c", "b", "a", "d"]));
    expect(acc.calculate(trials)).toBe(first);
    trials.push(trial(2, ["a", "c"]));
    const second = acc.calculate(trials);
    expect(second).not.toBe(first);
    expect(Object.keys(second)).toEqual(["a", "c"]);
    expect(Object.keys(first)).toEqual(["a", "b", "c"]);
  });
});

describe("groupDecomposedSearchSpace", () => {
  it("puts the parameters of each conditional branch in their own group", () => {
    const trials = [
      trial(0, ["c", "a"]),
      trial(1, ["c", "b", "d"]),
      trial(2, ["c", "a"]),
      trial(3, ["c", "b", "d"]),
    ];
    const groups = groupDecomposedSearchSpace(trials).map((g) => Object.keys(g));
    expect(groups.sort()).toEqual([["a"], ["b", "d"], ["c"]]);
  });

  it("every parameter of every complete trial is in exactly one group, and each trial's set is a union of groups (property)", () => {
    const names = ["a", "b", "c", "d"];
    fc.assert(
      fc.property(fc.array(fc.subarray(names), { maxLength: 15 }), (sets) => {
        const trials = sets.map((s, i) => trial(i, s));
        const groups = groupDecomposedSearchSpace(trials).map((g) => new Set(Object.keys(g)));
        const seen = new Map<string, number>();
        for (const g of groups) for (const n of g) seen.set(n, (seen.get(n) ?? 0) + 1);
        for (const n of new Set(sets.flat())) expect(seen.get(n)).toBe(1);
        for (const s of sets) {
          const set = new Set(s);
          for (const g of groups) {
            const inside = [...g].filter((n) => set.has(n)).length;
            expect(inside === 0 || inside === g.size).toBe(true);
          }
        }
      }),
    );
  });
});
