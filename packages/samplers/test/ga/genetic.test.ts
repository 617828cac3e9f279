import { Rng } from "@tunelab/math/random";
import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  type Sampler,
  type Study,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { GA_KEYS, GeneticSampler } from "../../src/ga/index.js";
import type { ParentsRecord } from "../../src/population/index.js";
import { RandomSampler } from "../../src/random/random.js";

// Single-objective (the two-objective study is replaced by "rejects a multi-objective study").
samplerContract("GeneticSampler", (seed) => new GeneticSampler({ seed, populationSize: 10 }), {
  multiObjective: false,
});
samplerContract(
  "GeneticSampler (tournament survival, uniform crossover, prior redraws)",
  (seed) =>
    new GeneticSampler({
      seed,
      populationSize: 10,
      survival: { kind: "tournament", size: 3 },
      crossover: { kind: "uniform" },
      mutation: null,
    }),
  { multiObjective: false },
);

const gen = (t: FrozenTrial): number => t.systemAttrs[GA_KEYS.generation] as number;
const parentsOf = (t: FrozenTrial): ParentsRecord | undefined =>
  t.systemAttrs[GA_KEYS.parents] as unknown as ParentsRecord | undefined;

function sphere(n: number): (t: Trial) => number {
  return (t) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += t.suggestFloat(`x${i}`, -5, 5) ** 2;
    return s;
  };
}

async function run(sampler: Sampler, objective: (t: Trial) => number, nTrials: number): Promise<Study> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler });
  await study.optimize(objective, { nTrials });
  return study;
}

describe("GeneticSampler", () => {
  it("is deterministic for a seed", async () => {
    const params = (s: Study) => s.getTrials().map((t) => t.params);
    const a = await run(new GeneticSampler({ seed: 3, populationSize: 8 }), sphere(3), 40);
    const b = await run(new GeneticSampler({ seed: 3, populationSize: 8 }), sphere(3), 40);
    const c = await run(new GeneticSampler({ seed: 4, populationSize: 8 }), sphere(3), 40);
    expect(params(b)).toEqual(params(a));
    expect(params(c)).not.toEqual(params(a));
  });

  it("samples generation 0 as RandomSampler does and stores generations under ga:*", async () => {
    const study = await run(new GeneticSampler({ seed: 1, populationSize: 10 }), sphere(3), 35);
    const trials = study.getTrials();
    expect(trials.map(gen)).toEqual(Array.from({ length: 35 }, (_, i) => Math.floor(i / 10)));
    const random = await run(new RandomSampler({ seed: 1 }), sphere(3), 10);
    expect(trials.slice(0, 10).map((t) => t.params)).toEqual(random.getTrials().map((t) => t.params));
    expect(parentsOf(trials[10]!)?.generation).toBe(1);
    expect(parentsOf(trials[20]!)?.generation).toBe(2);
  });

  it("elitist survival: each generation's parents are the best populationSize of the previous generation and its parents", async () => {
    const study = await run(new GeneticSampler({ seed: 2, populationSize: 6 }), sphere(2), 40);
    const trials = study.getTrials();
    const byNumber = new Map(trials.map((t) => [t.number, t]));
    let previous: number[] = [];
    for (let g = 1; g <= 5; g++) {
      const holder = trials.find((t) => parentsOf(t)?.generation === g)!;
      const record = parentsOf(holder)!;
      const pool = [...previous, ...trials.filter((t) => gen(t) === g - 1).map((t) => t.number)];
      const best = [...new Set(pool)]
        .sort((a, b) => byNumber.get(a)!.value! - byNumber.get(b)!.value! || a - b)
        .slice(0, 6);
      expect([...record.trials].sort((a, b) => a - b)).toEqual(best.sort((a, b) => a - b));
      previous = [...record.trials];
    }
  });

  it("tournament survival keeps populationSize distinct trials of the pool", async () => {
    const study = await run(
      new GeneticSampler({ seed: 2, populationSize: 6, survival: { kind: "tournament" } }),
      sphere(2),
      40,
    );
    for (const t of study.getTrials()) {
      const r = parentsOf(t);
      if (r !== undefined) expect(new Set(r.trials).size).toBe(6);
    }
  });

  it("improves on random search on a 5-D sphere (seeds 1-3, 400 trials, median best)", async () => {
    const best = async (s: Sampler) =>
      Math.min(...(await run(s, sphere(5), 400)).getTrials().map((t) => t.value!));
    const ga: number[] = [];
    const rnd: number[] = [];
    for (let seed = 1; seed <= 3; seed++) {
      ga.push(await best(new GeneticSampler({ seed, populationSize: 20 })));
      rnd.push(await best(new RandomSampler({ seed })));
    }
    ga.sort((a, b) => a - b);
    rnd.sort((a, b) => a - b);
    expect(ga[1]!).toBeLessThan(rnd[1]! / 10);
  });

  it("ignores FAIL and PRUNED trials: they fill no generation and are never parents", async () => {
    let calls = 0;
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GeneticSampler({ seed: 1, populationSize: 5 }),
    });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        calls++;
        if (calls % 3 === 0) throw new TrialPruned();
        if (calls % 7 === 0) throw new Error("boom");
        return x;
      },
      { nTrials: 40, catch: [Error] },
    );
    const trials = study.getTrials();
    const bad = new Set(trials.filter((t) => t.state !== "COMPLETE").map((t) => t.number));
    expect(bad.size).toBeGreaterThan(0);
    for (const t of trials) {
      const r = parentsOf(t);
      if (r !== undefined) for (const k of r.trials) expect(bad.has(k)).toBe(false);
    }
    const complete = trials.filter((t) => t.state === "COMPLETE");
    for (let g = 0; g <= Math.max(...complete.map(gen)); g++) {
      expect(complete.filter((t) => gen(t) === g).length).toBeLessThanOrEqual(5);
    }
  });

  it("shares one population between two studies (two sampler objects) on one storage", async () => {
    const storage = new InMemoryStorage();
    const open = async (seed: number) =>
      createStudy({
        storage,
        studyName: "shared",
        loadIfExists: true,
        sampler: new GeneticSampler({
          seed,
          populationSize: 6,
          mutationProb: 0,
          crossover: { kind: "uniform" },
        }),
      });
    const a = await open(1);
    const b = await open(2);
    const objective = async (t: Trial) => {
      const v = sphere(3)(t);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return v;
    };
    await Promise.all([a.optimize(objective, { nTrials: 30 }), b.optimize(objective, { nTrials: 30 })]);
    // A third study object reads the storage afresh (a's view may hold b's last trial as running).
    const trials = (await open(3)).getTrials();
    expect(trials).toHaveLength(60);
    expect(trials.every((t) => t.state === "COMPLETE")).toBe(true);
    const byNumber = new Map(trials.map((t) => [t.number, t]));
    const maxGen = Math.max(...trials.map(gen));
    expect(maxGen).toBeGreaterThanOrEqual(5);
    for (let g = 1; g <= maxGen; g++) {
      const records = trials.map(parentsOf).filter((r) => r?.generation === g) as ParentsRecord[];
      const children = trials.filter((t) => gen(t) === g);
      if (children.length === 0) continue;
      expect(records.length).toBeGreaterThanOrEqual(1);
      // Uniform crossover without mutation: every child's value of each parameter is some
      // stored parent's (the samplers of both studies bred from the same records).
      const parents = records.flatMap((r) => r.trials.map((k) => byNumber.get(k)!));
      for (const c of children) {
        for (const [name, v] of Object.entries(c.params))
          expect(parents.some((p) => p.params[name] === v)).toBe(true);
      }
    }
  });

  it("rejects a multi-objective study with a clear error", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GeneticSampler({ seed: 1 }),
      directions: ["minimize", "minimize"],
    });
    await expect(study.optimize((t) => [t.suggestFloat("x", 0, 1), 1], { nTrials: 1 })).rejects.toThrow(
      /GeneticSampler: the genetic algorithm optimizes a single objective/,
    );
  });

  it("refuses bad options with one-line errors naming them", () => {
    expect(() => new GeneticSampler({ survival: { kind: "roulette" } as never })).toThrow(
      /GeneticSampler: survival.kind must be "elitist" or "tournament"/,
    );
    expect(() => new GeneticSampler({ survival: { kind: "tournament", size: 1 } })).toThrow(
      /GeneticSampler: survival.size must be an integer >= 2, got 1/,
    );
    expect(() => new GeneticSampler({ populationSize: 1 })).toThrow(
      /GeneticSampler: populationSize must be an integer >= 2/,
    );
    expect(() => new GeneticSampler({ crossoverProb: 2 })).toThrow(
      /GeneticSampler: crossoverProb must be a number in \[0, 1\]/,
    );
    expect(() => new GeneticSampler({ nope: 1 } as never)).toThrow(/GeneticSampler: unknown option nope/);
    expect(() => new GeneticSampler({ elitePopulationSelection: () => [] } as never)).toThrow(
      /unknown option elitePopulationSelection/,
    );
  });
});

describe("GeneticSampler with user parameter names and reproducible concurrency", () => {
  it("returns parameters named like Object.prototype members intact", async () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GeneticSampler({ seed: 5, populationSize: 6 }),
    });
    await study.optimize(
      (t) => {
        let s = 0;
        for (const [i, name] of names.entries()) {
          const v =
            i === 4 ? (t.suggestCategorical(name, ["a", "b"]) === "a" ? 0 : 1) : t.suggestFloat(name, -2, 2);
          s += v * v;
        }
        return s;
      },
      { nTrials: 30 },
    );
    for (const t of study.getTrials()) {
      expect(Object.keys(t.params).sort()).toEqual([...names].sort());
      expect(Object.hasOwn(t.params, "__proto__")).toBe(true);
      expect(typeof Object.getOwnPropertyDescriptor(t.params, "__proto__")?.value).toBe("number");
    }
    expect(study.getTrials().some((t) => t.systemAttrs["ga:parents"] !== undefined)).toBe(true);
  });

  it("gives the same study at concurrency 4 with reproducible: true, whatever the finishing order", async () => {
    const runOnce = async (timingSeed: number) => {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new GeneticSampler({ seed: 5, populationSize: 6 }),
      });
      const delays = Rng.fromSeed(timingSeed);
      const wait = Array.from({ length: 40 }, () => delays.int(0, 3));
      await study.optimize(
        async (t) => {
          const v = (t.suggestFloat("x", -5, 5) - 1) ** 2 + t.suggestInt("k", 0, 4);
          await new Promise((r) => setTimeout(r, wait[t.number]));
          return v;
        },
        { nTrials: 40, concurrency: 4, reproducible: true },
      );
      return study.getTrials().map((t) => [t.params, t.values]);
    };
    const a = await runOnce(1);
    expect(await runOnce(2)).toEqual(a);
  });
});
