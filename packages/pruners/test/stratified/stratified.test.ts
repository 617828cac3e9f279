import {
  createFrozenTrial,
  createStudy,
  type FrozenTrial,
  type Pruner,
  type Sampler,
  type StudyView,
  setLogLevel,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { prunerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HyperbandPruner } from "../../src/hyperband/index.js";
import { MedianPruner } from "../../src/median/index.js";
import { paramStratum, StratifiedPruner } from "../../src/stratified/index.js";
import { completedRungKey, SuccessiveHalvingPruner } from "../../src/successive-halving/index.js";

// The contract reads only intermediate values, so its stratum may not come from parameters or
// attributes: the parity of the trial number stands for "a group known before the first report".
const parity = (t: FrozenTrial): string => String(t.number % 2);
prunerContract(
  "StratifiedPruner(MedianPruner, parity)",
  () => new StratifiedPruner(new MedianPruner(), { stratum: parity }),
);
prunerContract(
  "StratifiedPruner(SuccessiveHalvingPruner auto, parity)",
  () => new StratifiedPruner(new SuccessiveHalvingPruner(), { stratum: parity }),
);
prunerContract(
  "StratifiedPruner(HyperbandPruner auto, parity)",
  () => new StratifiedPruner(new HyperbandPruner({ minResource: 1 }), { stratum: parity }),
);

/** A study view over fixed trials; writes are kept in `written`. */
function viewOf(trials: readonly FrozenTrial[], written: [number, string][] = []): StudyView {
  return {
    studyName: "s",
    directions: ["minimize"],
    getTrials: () => trials,
    systemAttrs: {},
    setTrialSystemAttr: (id, key) => {
      written.push([id, key]);
    },
    setSystemAttr: () => {},
    stop: () => {},
  };
}

/** A hand-built trial: its group in user attribute g, its curve, its state. */
function trialOf(
  number: number,
  g: string,
  curve: readonly number[],
  state: "COMPLETE" | "RUNNING" = "COMPLETE",
  systemAttrs: Record<string, number> = {},
): FrozenTrial {
  const t = createFrozenTrial({
    state,
    ...(state === "COMPLETE" ? { value: curve[curve.length - 1]! } : {}),
    userAttrs: { g },
    systemAttrs,
    intermediateValues: Object.fromEntries(curve.map((v, s) => [s, v])),
  });
  return { ...t, number, trialId: number };
}
const byG = (t: FrozenTrial): string => String(t.userAttrs.g);

describe("StratifiedPruner (hand-built trials)", () => {
  // group a ends around 11, group b around 2
  const done = [
    trialOf(0, "a", [20, 10]),
    trialOf(1, "a", [20, 12]),
    trialOf(2, "b", [5, 1]),
    trialOf(3, "b", [5, 3]),
  ];
  const median = (): MedianPruner => new MedianPruner({ nStartupTrials: 2 });

  it("judges a trial against its stratum only", () => {
    const a = trialOf(4, "a", [20, 11], "RUNNING"); // median of a: 11 → kept; of all four: 6.5 → pruned
    const b = trialOf(5, "b", [5, 4], "RUNNING"); // median of b: 2 → pruned; of all four: kept
    const trials = [...done, a, b];
    const p = new StratifiedPruner(median(), { stratum: byG });
    expect(p.prune(viewOf(trials), a)).toBe(false);
    expect(p.prune(viewOf(trials), b)).toBe(true);
    // the control: the same rule over every trial decides the other way for both
    expect(median().prune(viewOf(trials), a)).toBe(true);
    expect(median().prune(viewOf(trials), b)).toBe(false);
  });

  it("does not prune in a stratum with too few trials (the wrapped pruner's start-up)", () => {
    const c = trialOf(4, "c", [99, 99], "RUNNING"); // worse than everyone, but alone in c
    const p = new StratifiedPruner(median(), { stratum: byG });
    expect(p.prune(viewOf([...done, c]), c)).toBe(false);
    expect(median().prune(viewOf([...done, c]), c)).toBe(true);
  });

  it("learns successive halving's auto minimum resource per stratum", () => {
    // a's completed trial ends at step 199 (r = 1), b's at step 999 (r = 9): over both r = 9
    const long = (n: number, g: string, last: number, v: number): FrozenTrial =>
      trialOf(
        n,
        g,
        Array.from({ length: last + 1 }, () => v),
        "COMPLETE",
        { [completedRungKey(0)]: v },
      );
    const trials = [long(0, "a", 199, 1), long(1, "b", 999, 1)];
    const x = trialOf(2, "a", [5, 5], "RUNNING"); // at step 1, worse than a's rung value
    const written: [number, string][] = [];
    const p = new StratifiedPruner(new SuccessiveHalvingPruner({ reductionFactor: 2 }), { stratum: byG });
    expect(p.prune(viewOf([...trials, x], written), x)).toBe(true);
    expect(written).toEqual([[2, completedRungKey(0)]]); // the rung record goes to the study
    expect(new SuccessiveHalvingPruner({ reductionFactor: 2 }).prune(viewOf([...trials, x]), x)).toBe(false);
  });

  it("hands the wrapped pruner one view per stratum and study, holding only that stratum", () => {
    const seen: { view: StudyView; numbers: number[]; key: string }[] = [];
    const spy: Pruner = {
      prune(view, trial) {
        seen.push({ view, numbers: view.getTrials().map((t) => t.number), key: byG(trial) });
        return false;
      },
    };
    const trials = [...done, trialOf(4, "a", [1], "RUNNING"), trialOf(5, "b", [1], "RUNNING")];
    const p = new StratifiedPruner(spy, { stratum: byG });
    const s1 = viewOf(trials);
    const s2 = viewOf(trials);
    for (const study of [s1, s1, s2]) for (const t of trials.slice(4)) p.prune(study, t);
    expect(seen.map((s) => s.numbers)).toEqual([
      [0, 1, 4],
      [2, 3, 5],
      [0, 1, 4],
      [2, 3, 5],
      [0, 1, 4],
      [2, 3, 5],
    ]);
    expect(seen[0]!.view).toBe(seen[2]!.view); // same study, same stratum: the same view
    expect(seen[0]!.view).not.toBe(seen[1]!.view); // another stratum
    expect(seen[0]!.view).not.toBe(seen[4]!.view); // another study
  });

  it("equals the wrapped pruner on the stratum's trials alone (property)", () => {
    const curve = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 });
    const arb = fc.array(fc.record({ g: fc.constantFrom("a", "b", "c"), curve, done: fc.boolean() }), {
      minLength: 1,
      maxLength: 25,
    });
    fc.assert(
      fc.property(arb, (specs) => {
        const trials = specs.map((s, i) => trialOf(i, s.g, s.curve, s.done ? "COMPLETE" : "RUNNING"));
        const p = new StratifiedPruner(new MedianPruner({ nStartupTrials: 1 }), { stratum: byG });
        for (const x of trials) {
          const alone = trials.filter((t) => byG(t) === byG(x));
          expect(p.prune(viewOf(trials), x)).toBe(
            new MedianPruner({ nStartupTrials: 1 }).prune(viewOf(alone), x),
          );
        }
      }),
    );
  });

  it("with one stratum decides as the wrapped pruner (property)", () => {
    const curve = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 });
    const arb = fc.array(fc.record({ curve, done: fc.boolean() }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(arb, (specs) => {
        const trials = specs.map((s, i) => trialOf(i, "a", s.curve, s.done ? "COMPLETE" : "RUNNING"));
        const p = new StratifiedPruner(new MedianPruner({ nStartupTrials: 1 }), { stratum: () => "all" });
        for (const x of trials) {
          expect(p.prune(viewOf(trials), x)).toBe(
            new MedianPruner({ nStartupTrials: 1 }).prune(viewOf(trials), x),
          );
        }
      }),
    );
  });

  it("refuses bad arguments with clear errors", () => {
    expect(() => new StratifiedPruner(null as unknown as Pruner, { stratum: byG })).toThrow(
      "StratifiedPruner: wrapped must be a pruner (an object with prune), got object",
    );
    expect(() => new StratifiedPruner(new MedianPruner(), {} as { stratum: () => string })).toThrow(
      "StratifiedPruner: options.stratum must be a function of the trial, got undefined",
    );
    const p = new StratifiedPruner(new MedianPruner(), { stratum: () => 3 as unknown as string });
    const x = trialOf(0, "a", [1], "RUNNING");
    expect(() => p.prune(viewOf([x]), x)).toThrow(
      "StratifiedPruner: stratum must return a string, got number for trial 0",
    );
    expect(() => paramStratum("")).toThrow('paramStratum: name must be a non-empty string, got ""');
  });
});

/** The replays' sampler: every trial's parameters are enqueued, so it is never asked. */
const enqueuedOnly: Sampler = {
  inferRelativeSearchSpace: () => ({}),
  sampleRelative: () => ({}),
  sampleIndependent: () => {
    throw new Error("enqueuedOnly: every parameter is enqueued in these tests");
  },
};

/** Runs trials with enqueued (name: group, v) params; each reports v at steps 0 and 1. */
async function run(pruner: Pruner, name: string, trials: readonly [string, number][]): Promise<string[]> {
  setLogLevel("error");
  const study = await createStudy({ sampler: enqueuedOnly, pruner });
  for (const [g, v] of trials) await study.enqueueTrial({ [name]: g, v });
  await study.optimize(
    async (trial: Trial) => {
      trial.suggestCategorical(name, ["a", "b"]);
      const v = trial.suggestFloat("v", 0, 100);
      for (let step = 0; step < 2; step++) {
        await trial.report(v, step);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return v;
    },
    { nTrials: trials.length },
  );
  return study.trials.map((t) => t.state);
}

describe("StratifiedPruner in a study, by parameter (paramStratum)", () => {
  const trials: [string, number][] = [
    ["a", 10],
    ["a", 12],
    ["b", 1],
    ["b", 3],
    ["a", 11], // the median of a (11): kept; above the median of all four (6.5)
    ["b", 4], // above the median of b (2): pruned; below the median of all four
  ];
  const median = (): MedianPruner => new MedianPruner({ nStartupTrials: 2 });

  it("compares a trial only with the trials of the same parameter value", async () => {
    for (const name of ["g", "__proto__", "constructor"]) {
      const states = await run(new StratifiedPruner(median(), { stratum: paramStratum(name) }), name, trials);
      expect(states.slice(4)).toEqual(["COMPLETE", "PRUNED"]);
    }
    expect((await run(median(), "g", trials)).slice(4)).toEqual(["PRUNED", "COMPLETE"]);
  });

  it("lets successive halving write its rung records through the stratum's view", async () => {
    const sha = (): SuccessiveHalvingPruner =>
      new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const four: [string, number][] = [
      ["a", 10],
      ["b", 1],
      ["a", 12],
      ["b", 3],
    ];
    // each stratum's second trial is worse than its first and is pruned at rung 0 (step 1)
    expect(await run(new StratifiedPruner(sha(), { stratum: paramStratum("g") }), "g", four)).toEqual([
      "COMPLETE",
      "COMPLETE",
      "PRUNED",
      "PRUNED",
    ]);
    // over all trials, b's 3 is in the better half of {10, 1, 12, 3} and goes on
    expect(await run(sha(), "g", four)).toEqual(["COMPLETE", "COMPLETE", "PRUNED", "COMPLETE"]);
  });

  it("keys by the JSON of the value; trials without the parameter share the stratum ''", () => {
    const key = paramStratum("epochs");
    const withParams = (params: Record<string, unknown>): FrozenTrial =>
      ({ params }) as unknown as FrozenTrial;
    expect(key(withParams({ epochs: 3 }))).toBe("3");
    expect(key(withParams({ epochs: "3" }))).toBe('"3"');
    expect(key(withParams({}))).toBe("");
    expect(paramStratum("toString")(withParams({}))).toBe(""); // inherited names are not parameters
  });
});
