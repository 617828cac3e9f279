import { createStudy, InMemoryStorage, type Sampler, type StudyDirection, type Trial } from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { AUTO_SAMPLER_ATTR, AutoSampler } from "../../src/auto/index.js";
import { GpSampler } from "../../src/gp/index.js";
import { TpeSampler } from "../../src/tpe/index.js";

samplerContract("AutoSampler", (seed) => new AutoSampler({ seed }));
samplerContract("AutoSampler (TPE from the 5th trial)", (seed) => new AutoSampler({ seed, gpBudget: 5 }));
samplerContract("AutoSampler (TPE every 2nd model trial)", (seed) => new AutoSampler({ seed, tpeEvery: 2 }));
samplerContract(
  "AutoSampler (TPE on conditional spaces)",
  (seed) => new AutoSampler({ seed, conditionalSpaces: "tpe" }),
);

async function run(
  sampler: Sampler,
  objective: (t: Trial) => number | number[],
  nTrials: number,
  directions: StudyDirection[] = ["minimize"],
) {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler, directions });
  await study.optimize(objective, { nTrials });
  return study;
}

const staticSpace = (t: Trial): number => {
  const x = t.suggestFloat("x", -5, 5);
  const k = t.suggestCategorical("k", ["a", "b", "c"]);
  const n = t.suggestInt("n", 1, 8);
  return (x - 1) ** 2 + (k === "b" ? 0 : 1) + Math.abs(n - 3);
};

/** Conditional from the first trial whose `model` is "svr". */
const conditional = (t: Trial): number => {
  const model = t.suggestCategorical("model", ["ridge", "svr"]);
  if (model === "ridge") return 1 + t.suggestFloat("alpha", 1e-3, 1, { log: true });
  return t.suggestFloat("c", 0, 2) ** 2;
};

const choices = (study: { trials: readonly { systemAttrs: Readonly<Record<string, unknown>> }[] }) =>
  study.trials.map((t) => t.systemAttrs[AUTO_SAMPLER_ATTR]);

describe("AutoSampler", () => {
  it("uses the GP on a static single-objective space, trial for trial as GpSampler with its seed", async () => {
    const auto = await run(new AutoSampler({ seed: 3 }), staticSpace, 16);
    const gp = await run(new GpSampler({ seed: 3 }), staticSpace, 16);
    expect(choices(auto)).toEqual(Array(16).fill("gp"));
    expect(auto.trials.map((t) => t.params)).toEqual(gp.trials.map((t) => t.params));
  });

  it("moves to TPE at gpBudget COMPLETE trials, then proposes what TpeSampler does", async () => {
    const auto = await run(new AutoSampler({ seed: 5, gpBudget: 12 }), staticSpace, 20);
    expect(choices(auto)).toEqual([...Array(12).fill("gp"), ...Array(8).fill("tpe")]);
    // gpBudget 0: TPE from the first trial, identical to TpeSampler with the seed.
    const tpeOnly = await run(new AutoSampler({ seed: 5, gpBudget: 0 }), staticSpace, 15);
    const tpe = await run(new TpeSampler({ seed: 5 }), staticSpace, 15);
    expect(choices(tpeOnly)).toEqual(Array(15).fill("tpe"));
    expect(tpeOnly.trials.map((t) => t.params)).toEqual(tpe.trials.map((t) => t.params));
  });

  it("keeps the GP on a conditional space by default, one GP per branch, the parameters no GP models from TPE", async () => {
    const auto = await run(new AutoSampler({ seed: 1 }), conditional, 25);
    const gp = await run(
      new GpSampler({
        seed: 1,
        branches: true,
        independentSampler: new TpeSampler({ seed: 1, warnIndependentSampling: false }),
        warnIndependentSampling: false,
      }),
      conditional,
      25,
    );
    // Not what one GP over the shared parameters gives, with TPE or random draws for the rest.
    const shared = await run(new AutoSampler({ seed: 1, gp: { branches: false } }), conditional, 25);
    const plain = await run(new GpSampler({ seed: 1 }), conditional, 25);
    expect(auto.trials.map((t) => t.params)).not.toEqual(plain.trials.map((t) => t.params));
    expect(auto.trials.map((t) => t.params)).not.toEqual(shared.trials.map((t) => t.params));
    expect(new Set(auto.trials.map((t) => Object.keys(t.params).join(","))).size).toBeGreaterThan(1);
    expect(choices(auto)).toEqual(Array(25).fill("gp"));
    expect(auto.trials.map((t) => t.params)).toEqual(gp.trials.map((t) => t.params));
  });

  it('with conditionalSpaces: "tpe", switches to TPE for good once two finished trials hold different parameter names', async () => {
    const study = await run(new AutoSampler({ seed: 1, conditionalSpaces: "tpe" }), conditional, 25);
    const c = choices(study);
    const names = study.trials.map((t) => Object.keys(t.params).sort().join(","));
    // The first trial after the one that made the space conditional is TPE's, and so is every later one.
    const firstDiff = names.findIndex((n) => n !== names[0]);
    expect(firstDiff).toBeGreaterThan(0);
    expect(c.slice(0, firstDiff + 1)).toEqual(Array(firstDiff + 1).fill("gp"));
    expect(c.slice(firstDiff + 1)).toEqual(Array(25 - firstDiff - 1).fill("tpe"));
  });

  it("with tpeEvery, gives every k-th trial after the GP's start-up to TPE, the rest as before", async () => {
    const mixed = await run(new AutoSampler({ seed: 6, tpeEvery: 2 }), staticSpace, 17);
    const plain = await run(new AutoSampler({ seed: 6 }), staticSpace, 17);
    expect(choices(mixed)).toEqual([...Array(11).fill("gp"), ..."tpe gp tpe gp tpe gp".split(" ")]);
    // Up to the first TPE trial the study is the GP's; that trial is not what the GP proposes.
    expect(mixed.trials.slice(0, 11).map((t) => t.params)).toEqual(
      plain.trials.slice(0, 11).map((t) => t.params),
    );
    expect(mixed.trials[11]!.params).not.toEqual(plain.trials[11]!.params);
    // It is what TpeSampler proposes after those 11 trials (TPE draws trial n from a stream keyed by n).
    const tpe = await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler({ seed: 6 }) });
    for (const t of mixed.trials.slice(0, 11)) tpe.enqueueTrial(t.params);
    await tpe.optimize(staticSpace, { nTrials: 12 });
    expect(tpe.trials[11]!.params).toEqual(mixed.trials[11]!.params);
    // k = 3 counts from the GP's own start-up count; past gpBudget every trial is TPE's.
    const three = await run(
      new AutoSampler({ seed: 6, tpeEvery: 3, gpBudget: 14, gp: { nStartupTrials: 4 } }),
      staticSpace,
      16,
    );
    expect(choices(three)).toEqual([
      ..."gp gp gp gp gp gp tpe gp gp tpe gp gp tpe gp".split(" "),
      "tpe",
      "tpe",
    ]);
  });

  it("uses TPE (MOTPE) for several objectives", async () => {
    const two = (t: Trial): number[] => {
      const x = t.suggestFloat("x", 0, 1);
      return [x, (1 - x) ** 2];
    };
    const auto = await run(new AutoSampler({ seed: 2 }), two, 14, ["minimize", "minimize"]);
    const tpe = await run(new TpeSampler({ seed: 2 }), two, 14, ["minimize", "minimize"]);
    expect(choices(auto)).toEqual(Array(14).fill("tpe"));
    expect(auto.trials.map((t) => t.params)).toEqual(tpe.trials.map((t) => t.params));
  });

  it("gives the same trials for the same seed, and reseed starts the seed's stream again", async () => {
    const a = await run(new AutoSampler({ seed: 9, conditionalSpaces: "tpe" }), conditional, 18);
    const b = await run(new AutoSampler({ seed: 9, conditionalSpaces: "tpe" }), conditional, 18);
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    const s = new AutoSampler({ seed: 1, conditionalSpaces: "tpe" });
    s.reseed(9);
    expect(s.seed).toBe(9);
    const c = await run(s, conditional, 18);
    expect(c.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
  });

  it("one sampler serves two studies with their own choices", async () => {
    const s = new AutoSampler({ seed: 4, conditionalSpaces: "tpe" });
    const x = await createStudy({ storage: new InMemoryStorage(), sampler: s });
    const y = await createStudy({ storage: new InMemoryStorage(), sampler: s });
    for (let i = 0; i < 12; i++) {
      await x.optimize(staticSpace, { nTrials: 1 });
      await y.optimize(conditional, { nTrials: 1 });
    }
    expect(choices(x)).toEqual(Array(12).fill("gp"));
    expect(choices(y).at(-1)).toBe("tpe");
  });

  it("refuses bad options with the option's name and range", () => {
    expect(() => new AutoSampler({ gpBudget: -1 })).toThrow(
      /gpBudget must be an integer >= 0 or Infinity, got -1/,
    );
    expect(() => new AutoSampler({ gpBudget: 2.5 })).toThrow(/gpBudget/);
    expect(() => new AutoSampler({ conditionalSpaces: "cmaes" as never })).toThrow(
      /conditionalSpaces must be "gp" or "tpe", got "cmaes"/,
    );
    expect(() => new AutoSampler({ seed: 1.5 })).toThrow(/seed must be a safe integer/);
    expect(() => new AutoSampler({ tpeEvery: 1 })).toThrow(/tpeEvery must be 0 or an integer >= 2, got 1/);
    expect(() => new AutoSampler({ tpeEvery: 2.5 })).toThrow(/tpeEvery/);
    expect(() => new AutoSampler({ nStartupTrials: 3 } as never)).toThrow(/unknown option "nStartupTrials"/);
    expect(() => new AutoSampler({ gp: { seed: 1 } as never })).toThrow(/gp.seed is not allowed/);
    expect(() => new AutoSampler({ tpe: null as never })).toThrow(/tpe must be an options object/);
    expect(() => new AutoSampler({ tpe: { gamma: "x" as never } })).toThrow(/TpeSampler/);
    expect(new AutoSampler({ gpBudget: Number.POSITIVE_INFINITY }).gpBudget).toBe(Number.POSITIVE_INFINITY);
  });
});
