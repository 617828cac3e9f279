import {
  createFrozenTrial,
  createStudy,
  type FrozenTrial,
  intermediateVectorKey,
  type StudyDirection,
  type StudyView,
  TrialPruned,
} from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DominancePruner, dominates } from "../../src/dominance/index.js";
import { noParamSampler } from "../helpers/replay.js";

// One objective: the vectors are the plain intermediate values.
prunerContract("DominancePruner", () => new DominancePruner());
prunerContract(
  "DominancePruner({ fraction: 0.25, nStartupTrials: 2, nWarmupSteps: 3, intervalSteps: 2 })",
  () => new DominancePruner({ fraction: 0.25, nStartupTrials: 2, nWarmupSteps: 3, intervalSteps: 2 }),
);

type State = "COMPLETE" | "PRUNED" | "RUNNING" | "FAIL";
/** A trial with vectors by step (several objectives). */
function vt(number: number, state: State, vectors: Record<number, number[]>): FrozenTrial {
  const systemAttrs = Object.fromEntries(
    Object.entries(vectors).map(([s, v]) => [
      intermediateVectorKey(Number(s)),
      v.map((x) => (Number.isFinite(x) ? x : String(x))),
    ]),
  );
  const base = createFrozenTrial({
    state,
    ...(state === "COMPLETE" ? { values: vectors[0] ?? [0, 0] } : {}),
    systemAttrs,
  });
  return { ...base, number };
}
function view(trials: FrozenTrial[], directions: StudyDirection[] = ["minimize", "minimize"]): StudyView {
  return {
    studyName: "s",
    directions,
    getTrials: (f) => (f?.states ? trials.filter((t) => f.states!.includes(t.state)) : trials),
    systemAttrs: {},
    setTrialSystemAttr: () => {},
    setSystemAttr: () => {},
    stop: () => {},
  };
}
/** Five COMPLETE trials on a front at step 0: (1,5), (2,4), (3,3), (4,2), (5,1). */
const front = [1, 2, 3, 4, 5].map((a, i) => vt(i, "COMPLETE", { 0: [a, 6 - a] }));
const at0 = (v: number[]) => vt(99, "RUNNING", { 0: v });

describe("dominates", () => {
  it("is better-or-equal everywhere and strictly better somewhere, per direction", () => {
    expect(dominates([1, 1], [2, 2], ["minimize", "minimize"])).toBe(true);
    expect(dominates([1, 2], [2, 2], ["minimize", "minimize"])).toBe(true);
    expect(dominates([2, 2], [2, 2], ["minimize", "minimize"])).toBe(false);
    expect(dominates([1, 3], [2, 2], ["minimize", "minimize"])).toBe(false);
    expect(dominates([1, 3], [2, 2], ["minimize", "maximize"])).toBe(true);
  });

  it("property: irreflexive and asymmetric; one objective is 'strictly better'", () => {
    const vec = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(vec, vec, fc.constantFrom<StudyDirection>("minimize", "maximize"), (u, v, d) => {
        const dirs = [d, "minimize"] as const;
        expect(dominates(u, u, dirs)).toBe(false);
        expect(dominates(u, v, dirs) && dominates(v, u, dirs)).toBe(false);
        expect(dominates([u[0]!], [v[0]!], [d])).toBe(d === "minimize" ? u[0]! < v[0]! : u[0]! > v[0]!);
      }),
    );
  });
});

describe("DominancePruner", () => {
  it("validates its options with clear errors", () => {
    expect(() => new DominancePruner({ fraction: 1 })).toThrow(
      "DominancePruner: fraction must be a number in [0, 1), got 1",
    );
    expect(() => new DominancePruner({ fraction: Number.NaN })).toThrow(/fraction/);
    expect(() => new DominancePruner({ nStartupTrials: -1 })).toThrow(
      "DominancePruner: nStartupTrials must be an integer >= 0, got -1",
    );
    expect(() => new DominancePruner({ intervalSteps: 0 })).toThrow(/intervalSteps must be an integer >= 1/);
    expect(() => new DominancePruner({ nMinTrials: 0 })).toThrow(/nMinTrials must be an integer >= 1/);
  });

  it("has documented defaults", () => {
    const p = new DominancePruner();
    expect([p.fraction, p.nStartupTrials, p.nWarmupSteps, p.intervalSteps, p.nMinTrials]).toEqual([
      0.5, 5, 0, 1, 1,
    ]);
  });

  it("never prunes a trial on the front of its step, nor one dominated by few; prunes one dominated by most", () => {
    const p = new DominancePruner();
    expect(p.prune(view(front), at0([0.5, 6]))).toBe(false); // k = 0
    expect(p.prune(view(front), at0([3, 3]))).toBe(false); // a tie dominates nothing
    expect(p.prune(view(front), at0([3.5, 3.5]))).toBe(false); // k = 1 of 5
    expect(p.prune(view(front), at0([6, 6]))).toBe(true); // k = 5 > 2.5
  });

  it("k > fraction·|peers| decides; fraction 0 prunes anything dominated", () => {
    // (4.5, 4.5) is dominated by (2,4), (3,3), (4,2): k = 3
    expect(new DominancePruner({ fraction: 0.5 }).prune(view(front), at0([4.5, 4.5]))).toBe(true);
    expect(new DominancePruner({ fraction: 0.6 }).prune(view(front), at0([4.5, 4.5]))).toBe(false); // 3 > 3 is false
    expect(new DominancePruner({ fraction: 0 }).prune(view(front), at0([3.5, 3.5]))).toBe(true);
    expect(new DominancePruner({ fraction: 0 }).prune(view(front), at0([0.5, 6]))).toBe(false);
  });

  it("compares with every trial that reached the step: COMPLETE, PRUNED and RUNNING, not FAIL", () => {
    const p = new DominancePruner({ nStartupTrials: 1 });
    const one = [vt(0, "COMPLETE", { 0: [9, 9] })];
    const others = [
      vt(1, "PRUNED", { 0: [1, 1] }),
      vt(2, "RUNNING", { 0: [1, 1] }),
      vt(3, "FAIL", { 0: [1, 1] }),
      vt(4, "FAIL", { 0: [1, 1] }),
    ];
    // peers (9,9), (1,1), (1,1): k = 2 > 1.5
    expect(p.prune(view([...one, ...others]), at0([5, 5]))).toBe(true);
    // without the PRUNED and RUNNING ones: k = 0
    expect(p.prune(view([...one, others[2]!, others[3]!]), at0([5, 5]))).toBe(false);
  });

  it("NaN: a vector with a NaN entry is pruned; peers holding NaN are left out", () => {
    const p = new DominancePruner();
    expect(p.prune(view(front), at0([1, Number.NaN]))).toBe(true);
    const withNaN = [...front, ...[5, 6, 7].map((n) => vt(n, "RUNNING", { 0: [Number.NaN, 0] }))];
    // (4.5, 4.5): still 3 of 5 peers, the NaN ones do not count
    expect(p.prune(view(withNaN), at0([4.5, 4.5]))).toBe(true);
    // ±Infinity is compared as a number
    expect(p.prune(view(front), at0([Number.POSITIVE_INFINITY, 0]))).toBe(false);
    expect(p.prune(view(front), at0([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]))).toBe(true);
  });

  it("missing steps: only trials that reported the very step are peers; fewer than nMinTrials: no decision", () => {
    const p = new DominancePruner({ nMinTrials: 3 });
    const stepped = front.map((t, i) => (i < 2 ? t : vt(t.number, "COMPLETE", { 1: [0, 0] })));
    // two peers at step 0 (both dominate (9,9)), fewer than 3
    expect(p.prune(view(stepped), at0([9, 9]))).toBe(false);
    expect(p.prune(view(stepped), vt(99, "RUNNING", { 0: [0, 0], 1: [9, 9] }))).toBe(true);
  });

  it("too few trials: no decision before nStartupTrials COMPLETE, before the warm-up, or without reports", () => {
    expect(new DominancePruner({ nStartupTrials: 6 }).prune(view(front), at0([9, 9]))).toBe(false);
    expect(new DominancePruner({ nWarmupSteps: 1 }).prune(view(front), at0([9, 9]))).toBe(false);
    expect(new DominancePruner().prune(view(front), vt(99, "RUNNING", {}))).toBe(false);
    expect(new DominancePruner({ nStartupTrials: 0 }).prune(view([]), at0([9, 9]))).toBe(false);
  });

  it("property: mirroring an objective (negate it, flip its direction) changes no decision", () => {
    const vec = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(
        fc.array(vec, { minLength: 1, maxLength: 8 }),
        vec,
        fc.constantFrom(0, 0.25, 0.5),
        (peers, v, fraction) => {
          const p = new DominancePruner({ fraction, nStartupTrials: 1 });
          const trials = peers.map((u, i) => vt(i, "COMPLETE", { 0: u }));
          const mirrored = peers.map((u, i) => vt(i, "COMPLETE", { 0: [u[0]!, -u[1]!] }));
          const a = p.prune(view(trials), at0(v));
          const b = p.prune(view(mirrored, ["minimize", "maximize"]), at0([v[0]!, -v[1]!]));
          expect(b).toBe(a);
        },
      ),
    );
  });

  it("works through trial.report([...]) and shouldPrune() in a two-objective study", async () => {
    const study = await createStudy({
      directions: ["minimize", "minimize"],
      pruner: new DominancePruner({ nStartupTrials: 3 }),
      sampler: noParamSampler,
    });
    // trial t: loss level ((t·7) mod 10)/10, cost level ((t·3) mod 7)/7, 10 steps
    const stoppedAt: (number | null)[] = [];
    await study.optimize(
      async (trial) => {
        const a = ((trial.number * 7) % 10) / 10;
        const b = ((trial.number * 3) % 7) / 7;
        for (let s = 0; s < 10; s++) {
          await trial.report([a + 1 / (1 + s), b + s / 10], s);
          if (trial.shouldPrune()) {
            stoppedAt[trial.number] = s;
            throw new TrialPruned();
          }
        }
        stoppedAt[trial.number] = null;
        return [a + 0.1, b + 0.9];
      },
      { nTrials: 20 },
    );
    const pruned = study.getTrials({ states: ["PRUNED"] });
    expect(pruned.length).toBeGreaterThan(0);
    expect(pruned.length).toBeLessThan(20);
    for (const t of pruned) expect(stoppedAt[t.number]).not.toBeNull();
    // the first three trials run to the end (nStartupTrials)
    expect(stoppedAt.slice(0, 3)).toEqual([null, null, null]);
  });
});
