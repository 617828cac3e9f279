import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  type Study,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import {
  DE_KEYS,
  DifferentialEvolutionSampler,
  type DifferentialEvolutionSamplerOptions,
} from "../../src/de/index.js";
import { RandomSampler } from "../../src/random/random.js";

samplerContract(
  "DifferentialEvolutionSampler (SHADE)",
  (seed) => new DifferentialEvolutionSampler({ seed, populationSize: 8 }),
  {
    multiObjective: false,
  },
);
samplerContract(
  "DifferentialEvolutionSampler (rand/1/bin)",
  (seed) => new DifferentialEvolutionSampler({ seed, populationSize: 5, strategy: { kind: "rand1bin" } }),
  { multiObjective: false },
);

/** 5-D sphere about 1 on [−5, 5]^5. */
const sphere = (t: Trial): number => {
  let s = 0;
  for (let i = 0; i < 5; i++) s += (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2;
  return s;
};

async function run(
  options: DifferentialEvolutionSamplerOptions,
  objective: (t: Trial) => number,
  nTrials: number,
): Promise<Study> {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new DifferentialEvolutionSampler(options),
  });
  await study.optimize(objective, { nTrials, catch: true });
  return study;
}

const gen = (t: FrozenTrial) => t.systemAttrs[DE_KEYS.generation] as number;
const slot = (t: FrozenTrial) => t.systemAttrs[DE_KEYS.slot] as number | undefined;

describe("DifferentialEvolutionSampler", () => {
  it("beats random search on a 5-D sphere at 400 trials (seeds 1-3)", async () => {
    for (const seed of [1, 2, 3]) {
      const de = await run({ seed, populationSize: 20 }, sphere, 400);
      const rnd = await createStudy({ sampler: new RandomSampler({ seed }) });
      await rnd.optimize(sphere, { nTrials: 400 });
      expect(de.bestValue).toBeLessThan(rnd.bestValue / 5);
      expect(de.bestValue).toBeLessThan(0.5);
    }
  });

  it("stores generations, slots, the population record and SHADE's draws on trials", async () => {
    const study = await run({ seed: 4, populationSize: 6 }, sphere, 60);
    const trials = study.getTrials();
    expect(trials.map(gen).slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Math.max(...trials.map(gen))).toBe(9);
    for (const t of trials.filter((t) => gen(t) >= 1)) {
      expect(slot(t)).toBe((t.number - 6) % 6);
      const draws = t.systemAttrs[DE_KEYS.draws] as number[];
      expect(draws[0]).toBeGreaterThanOrEqual(0);
      expect(draws[0]).toBeLessThanOrEqual(1);
      expect(draws[1]).toBeGreaterThan(0);
      expect(draws[1]).toBeLessThanOrEqual(1);
    }
    // The first trial of each generation g ≥ 1 holds g's record: NP trials of earlier generations.
    for (let g = 1; g <= 9; g++) {
      const first = trials.find((t) => gen(t) === g)!;
      const r = first.systemAttrs[DE_KEYS.parents] as {
        generation: number;
        trials: number[];
        state: { memory: { k: number } };
      };
      expect(r.generation).toBe(g);
      expect(r.trials).toHaveLength(6);
      for (const k of r.trials) expect(gen(trials[k]!)).toBeLessThan(g);
    }
    // Selection never loses the best: each generation's population holds the best trial so far.
    for (let g = 2; g <= 9; g++) {
      const first = trials.find((t) => gen(t) === g)!;
      const members = (first.systemAttrs[DE_KEYS.parents] as { trials: number[] }).trials;
      const bestBefore = Math.min(...trials.filter((t) => gen(t) < g).map((t) => t.value!));
      expect(Math.min(...members.map((k) => trials[k]!.value!))).toBe(bestBefore);
    }
  });

  it("is deterministic for a seed", async () => {
    const a = await run({ seed: 5, populationSize: 6 }, sphere, 50);
    const b = await run({ seed: 5, populationSize: 6 }, sphere, 50);
    expect(b.getTrials().map((t) => t.params)).toEqual(a.getTrials().map((t) => t.params));
  });

  it("failed and pruned trials never fill a generation; their slot is asked again", async () => {
    let k = 0;
    const study = await run(
      { seed: 6, populationSize: 5 },
      (t) => {
        const v = sphere(t);
        k++;
        if (k % 7 === 3) throw new Error("boom");
        if (k % 7 === 5) throw new TrialPruned();
        return v;
      },
      80,
    );
    const trials = study.getTrials();
    const complete = trials.filter((t) => t.state === "COMPLETE");
    const failed = trials.filter((t) => t.state !== "COMPLETE" && gen(t) >= 1);
    expect(failed.length).toBeGreaterThan(3);
    for (let g = 0; g < Math.max(...trials.map(gen)); g++) {
      expect(complete.filter((t) => gen(t) === g).length).toBe(5);
    }
    // The trial after a failure of generation g ≥ 1 (same generation) takes the failed slot.
    for (const f of failed) {
      const next = trials[f.number + 1];
      if (next !== undefined && gen(next) === gen(f)) expect(slot(next)).toBe(slot(f));
    }
  }, 20000);

  it("handles every kind of parameter in the unit box: log, int, step, categorical", async () => {
    const study = await run(
      { seed: 7, populationSize: 10 },
      (t) => {
        const lr = t.suggestFloat("lr", 1e-5, 1e-1, { log: true });
        const n = t.suggestInt("n", 1, 9);
        const s = t.suggestFloat("s", 0, 1, { step: 0.25 });
        const c = t.suggestCategorical("c", ["a", "b", "c"]);
        return (Math.log10(lr) + 3) ** 2 + (n - 4) ** 2 + (s - 0.5) ** 2 + (c === "b" ? 0 : 1);
      },
      300,
    );
    expect(study.bestValue).toBeLessThan(0.01);
    expect(study.bestParams).toMatchObject({ n: 4, s: 0.5, c: "b" });
  });

  it("samples parameters outside the relative space independently (conditional parameters)", async () => {
    const study = await run(
      { seed: 8, populationSize: 5 },
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        return x < 0.5 ? x + t.suggestFloat("y", 0, 1) : x;
      },
      60,
    );
    const withY = study.getTrials().filter((t) => "y" in t.params);
    expect(withY.length).toBeGreaterThan(0);
    expect(new Set(withY.map((t) => t.params.y)).size).toBe(withY.length);
  });

  it("two studies on one storage share one population (different sampler objects)", async () => {
    const storage = new InMemoryStorage();
    const make = (seed: number) =>
      createStudy({
        storage,
        studyName: "shared",
        loadIfExists: true,
        sampler: new DifferentialEvolutionSampler({ seed, populationSize: 6 }),
      });
    const a = await make(1);
    const b = await make(2);
    const slow = async (t: Trial) => {
      const v = sphere(t);
      await new Promise((r) => setTimeout(r, 1));
      return v;
    };
    await Promise.all([a.optimize(slow, { nTrials: 40 }), b.optimize(slow, { nTrials: 40 })]);
    const trials = (await make(3)).getTrials(); // a fresh view of the storage
    expect(trials).toHaveLength(80);
    const records = new Map<number, number[]>();
    for (const t of trials) {
      const r = t.systemAttrs[DE_KEYS.parents] as { generation: number; trials: number[] } | undefined;
      if (r !== undefined && !records.has(r.generation)) records.set(r.generation, r.trials);
    }
    const maxGen = Math.max(...trials.map(gen));
    expect(maxGen).toBeGreaterThanOrEqual(8);
    // Every generation ≥ 1 has a record, whichever study stored it, naming earlier trials.
    for (let g = 1; g <= maxGen; g++) {
      expect(records.has(g)).toBe(true);
      for (const k of records.get(g)!) expect(gen(trials[k]!)).toBeLessThan(g);
    }
    // Each generation fills with exactly one population's worth of COMPLETE trials or a few more
    // (trials started before the last ones finished), never fewer.
    for (let g = 0; g < maxGen; g++)
      expect(trials.filter((t) => gen(t) === g).length).toBeGreaterThanOrEqual(6);
    expect(a.bestValue).toBeLessThan(5);
  }, 20000);

  it("refuses bad options with the option and its range", () => {
    expect(() => new DifferentialEvolutionSampler({ populationSize: 3 })).toThrow(
      "DifferentialEvolutionSampler: populationSize must be an integer >= 4, got 3",
    );
    expect(() => new DifferentialEvolutionSampler({ strategy: { kind: "rand1bin", f: 3 } })).toThrow(
      "DifferentialEvolutionSampler: strategy.f must be a number in (0, 2], got 3",
    );
    expect(() => new DifferentialEvolutionSampler({ strategy: { kind: "best" } as never })).toThrow(
      TypeError,
    );
    expect(() => new DifferentialEvolutionSampler({ popSize: 3 } as never)).toThrow(/unknown option popSize/);
    expect(() => new DifferentialEvolutionSampler({ seed: 0.5 })).toThrow(/seed must be a safe integer/);
  });

  it("refuses a multi-objective study", async () => {
    const study = await createStudy({
      directions: ["minimize", "minimize"],
      sampler: new DifferentialEvolutionSampler({ seed: 1 }),
    });
    await expect(study.optimize((t) => [t.suggestFloat("x", 0, 1), 1], { nTrials: 1 })).rejects.toThrow(
      /single objective/,
    );
  });
});
