import {
  createStudy,
  type Distribution,
  type FrozenTrial,
  InMemoryStorage,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type Trial,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { GridSampler } from "../../src/grid/grid.js";
import { PartialFixedSampler } from "../../src/partial-fixed/partial-fixed.js";
import { RandomSampler } from "../../src/random/random.js";
import { TpeSampler } from "../../src/tpe/tpe.js";

// The contract's objectives ask "int_step" and "cat_null" only in its every-kind objective;
// fixing them leaves every variety check ("float", "cat_str") to the base sampler.
samplerContract(
  "PartialFixedSampler over TpeSampler",
  (seed) => new PartialFixedSampler({ int_step: 10, cat_null: "x" }, new TpeSampler({ seed })),
);
samplerContract(
  "PartialFixedSampler over RandomSampler",
  (seed) => new PartialFixedSampler({ int_step: 10, cat_null: "x" }, new RandomSampler({ seed })),
);

/** Records the relative search spaces its base sampler is given. */
class Recorder implements Sampler {
  readonly spaces: string[][] = [];
  constructor(private readonly base: Sampler) {}
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace {
    return this.base.inferRelativeSearchSpace(study, trial);
  }
  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, number> {
    this.spaces.push(Object.keys(space).sort());
    return this.base.sampleRelative(study, trial, space);
  }
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, d: Distribution): number {
    return this.base.sampleIndependent(study, trial, name, d);
  }
}

const objective = (t: Trial): number => {
  const x = t.suggestFloat("x", -2, 2);
  const y = t.suggestInt("y", 0, 4);
  const opt = t.suggestCategorical("opt", ["adam", "sgd", "rmsprop"]);
  return x * x + y + (opt === "adam" ? 0 : 1);
};

describe("PartialFixedSampler", () => {
  it("gives fixed parameters their value and the others the base sampler's", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new PartialFixedSampler({ opt: "sgd", y: 3 }, new TpeSampler({ seed: 1, nStartupTrials: 5 })),
    });
    await study.optimize(objective, { nTrials: 20 });
    for (const t of study.trials) {
      expect(t.params.opt).toBe("sgd");
      expect(t.params.y).toBe(3);
    }
    expect(new Set(study.trials.map((t) => t.params.x)).size).toBe(20);
  });

  it("removes the fixed parameters from the base sampler's relative search space", async () => {
    const recorder = new Recorder(new TpeSampler({ seed: 0, nStartupTrials: 3 }));
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new PartialFixedSampler({ y: 2 }, recorder),
    });
    await study.optimize(objective, { nTrials: 8 });
    expect(recorder.spaces.length).toBeGreaterThan(0);
    for (const names of recorder.spaces) expect(names).toEqual(["opt", "x"]);
  });

  it("refuses a fixed value outside the suggested distribution, naming the parameter and the range", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new PartialFixedSampler(
        { x: 2.5, y: 1.5, s: 0.3, opt: "adagrad" },
        new RandomSampler({ seed: 0 }),
      ),
    });
    const t = await study.ask();
    expect(() => t.suggestFloat("x", -2, 2)).toThrow(
      /PartialFixedSampler: the fixed value 2.5 of parameter "x" is not in the distribution it is suggested with in trial 0; it must be inside float\[-2, 2\]/,
    );
    expect(() => t.suggestInt("y", 0, 4)).toThrow(
      /value 1.5 of parameter "y" .* inside int\[0, 4\] \(an integer on its step\)/,
    );
    expect(() => t.suggestFloat("s", 0, 1, { step: 0.25 })).toThrow(
      /value 0.3 of parameter "s" .* inside float\[0, 1, step=0.25\] \(on its step\)/,
    );
    expect(() => t.suggestCategorical("opt", ["adam", "sgd"])).toThrow(
      /value "adagrad" of parameter "opt" .* one of the choices \["adam","sgd"\]/,
    );
    // In optimize, the error fails the trial and is rethrown.
    await expect(study.optimize((tr) => tr.suggestFloat("x", -1, 1), { nTrials: 1 })).rejects.toThrow(
      /fixed value 2.5 of parameter "x"/,
    );
  });

  it("stores the grid value of a fixed value within the step tolerance", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new PartialFixedSampler({ s: 0.1 + 0.2 }, new RandomSampler({ seed: 0 })),
    });
    const t = await study.ask();
    expect(t.suggestFloat("s", 0, 1, { step: 0.1 })).toBe(0.3);
  });

  it("lets an enqueued value win over the fixed one (as in Optuna)", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new PartialFixedSampler({ y: 3 }, new RandomSampler({ seed: 0 })),
    });
    await study.enqueueTrial({ y: 1 });
    await study.optimize(objective, { nTrials: 2 });
    expect(study.trials.map((t) => t.params.y)).toEqual([1, 3]);
  });

  it("ends the study when its base sampler is exhausted", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new PartialFixedSampler({ y: 4 }, new GridSampler({ x: [-1, 0, 1] }, { seed: 0 })),
    });
    await study.optimize((t) => t.suggestInt("x", -1, 1) + t.suggestInt("y", 0, 4));
    expect(study.trials.map((t) => [t.params.x, t.params.y]).sort()).toEqual([
      [-1, 4],
      [0, 4],
      [1, 4],
    ]);
  });

  it("reads fixed values from a Map or from own keys only", () => {
    const fromMap = new PartialFixedSampler(new Map([["__proto__", 1]]), new RandomSampler({ seed: 0 }));
    expect([...fromMap.fixedParams]).toEqual([["__proto__", 1]]);
    const fromRecord = new PartialFixedSampler(
      JSON.parse('{"__proto__": 2, "constructor": "a"}'),
      new RandomSampler(),
    );
    expect([...fromRecord.fixedParams]).toEqual([
      ["__proto__", 2],
      ["constructor", "a"],
    ]);
    expect(new PartialFixedSampler({}, new RandomSampler()).fixedParams.has("toString")).toBe(false);
  });

  it("reports its base sampler's seed and reseeds it", () => {
    const base = new TpeSampler({ seed: 3 });
    const sampler = new PartialFixedSampler({ y: 1 }, base);
    expect(sampler.seed).toBe(3);
    sampler.reseed(9);
    expect([sampler.seed, base.seed]).toEqual([9, 9]);
    // A base sampler without seed or reseed: nothing to do.
    const plain = new PartialFixedSampler({ y: 1 }, new Recorder(base));
    expect(plain.seed).toBeUndefined();
    expect(() => plain.reseed(1)).not.toThrow();
  });

  it("validates its arguments", () => {
    const base = new RandomSampler({ seed: 0 });
    expect(() => new PartialFixedSampler(null as never, base)).toThrow(
      /fixedParams must be a record or a Map/,
    );
    expect(() => new PartialFixedSampler([1] as never, base)).toThrow(
      /fixedParams must be a record or a Map/,
    );
    expect(() => new PartialFixedSampler({ x: { a: 1 } } as never, base)).toThrow(
      /fixedParams\["x"\] must be a number, string, boolean or null, got object/,
    );
    expect(() => new PartialFixedSampler({ x: Number.NaN }, base)).toThrow(
      /fixedParams\["x"\] must not be NaN/,
    );
    expect(() => new PartialFixedSampler(new Map([["", 1]]), base)).toThrow(
      /names must be non-empty strings/,
    );
    expect(() => new PartialFixedSampler({ x: 1 }, {} as never)).toThrow(/baseSampler must be a Sampler/);
  });
});
