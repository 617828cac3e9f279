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
import { ParticleSwarmSampler, type ParticleSwarmSamplerOptions, PSO_KEYS } from "../../src/pso/index.js";
import { RandomSampler } from "../../src/random/random.js";

samplerContract(
  "ParticleSwarmSampler (constriction, global)",
  (seed) => new ParticleSwarmSampler({ seed, populationSize: 8 }),
  {
    multiObjective: false,
  },
);
samplerContract(
  "ParticleSwarmSampler (inertia, ring)",
  (seed) =>
    new ParticleSwarmSampler({
      seed,
      populationSize: 5,
      variant: { kind: "inertia", iterations: 10 },
      topology: { kind: "ring" },
    }),
  { multiObjective: false },
);

const sphere = (t: Trial): number => {
  let s = 0;
  for (let i = 0; i < 5; i++) s += (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2;
  return s;
};

async function run(
  options: ParticleSwarmSamplerOptions,
  objective: (t: Trial) => number,
  nTrials: number,
): Promise<Study> {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new ParticleSwarmSampler(options),
  });
  await study.optimize(objective, { nTrials, catch: true });
  return study;
}

const gen = (t: FrozenTrial) => t.systemAttrs[PSO_KEYS.generation] as number;
const slot = (t: FrozenTrial) => t.systemAttrs[PSO_KEYS.slot] as number | undefined;
interface Rec {
  generation: number;
  state: { space: string; swarm: { x: number[][]; v: number[][]; bestValue: (number | null)[] } };
}

describe("ParticleSwarmSampler", () => {
  it("beats random search on a 5-D sphere at 400 trials (seeds 1-3)", async () => {
    for (const seed of [1, 2, 3]) {
      const pso = await run({ seed, populationSize: 20 }, sphere, 400);
      const rnd = await createStudy({ sampler: new RandomSampler({ seed }) });
      await rnd.optimize(sphere, { nTrials: 400 });
      expect(pso.bestValue).toBeLessThan(rnd.bestValue / 5);
    }
  });

  it("each trial of iteration g ≥ 1 evaluates its particle's stored position; velocities within v_max", async () => {
    const study = await run({ seed: 4, populationSize: 6, vMaxFraction: 0.2 }, sphere, 60);
    const trials = study.getTrials();
    expect(Math.max(...trials.map(gen))).toBe(9);
    const records = new Map<number, Rec>();
    for (const t of trials) {
      const r = t.systemAttrs[PSO_KEYS.parents] as unknown as Rec | undefined;
      if (r !== undefined) records.set(r.generation, r);
    }
    for (const t of trials.filter((t) => gen(t) >= 1)) {
      const r = records.get(gen(t))!;
      const x = r.state.swarm.x[slot(t)!]!;
      for (let i = 0; i < 5; i++) expect(t.params[`x${i}`]).toBeCloseTo(-5 + 10 * x[i]!, 9);
      for (const v of r.state.swarm.v.flat()) expect(Math.abs(v)).toBeLessThanOrEqual(0.2 + 1e-12);
    }
  });

  it("is deterministic for a seed", async () => {
    const a = await run({ seed: 5, populationSize: 6 }, sphere, 50);
    const b = await run({ seed: 5, populationSize: 6 }, sphere, 50);
    expect(b.getTrials().map((t) => t.params)).toEqual(a.getTrials().map((t) => t.params));
  });

  it("a failed or pruned particle is asked again at the same position", async () => {
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
    const failed = trials.filter((t) => t.state !== "COMPLETE" && gen(t) >= 1);
    expect(failed.length).toBeGreaterThan(3);
    for (const f of failed) {
      const next = trials[f.number + 1];
      if (next !== undefined && gen(next) === gen(f)) {
        expect(slot(next)).toBe(slot(f));
        expect(next.params).toEqual(f.params);
      }
    }
    for (let g = 0; g < Math.max(...trials.map(gen)); g++) {
      expect(trials.filter((t) => t.state === "COMPLETE" && gen(t) === g).length).toBe(5);
    }
  }, 20000);

  it("handles log, int, step and categorical parameters", async () => {
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

  it("two studies on one storage share one swarm (different sampler objects)", async () => {
    const storage = new InMemoryStorage();
    const make = (seed: number) =>
      createStudy({
        storage,
        studyName: "shared",
        loadIfExists: true,
        sampler: new ParticleSwarmSampler({ seed, populationSize: 6 }),
      });
    const a = await make(1);
    const b = await make(2);
    const slow = async (t: Trial) => {
      const v = sphere(t);
      await new Promise((r) => setTimeout(r, 1));
      return v;
    };
    await Promise.all([a.optimize(slow, { nTrials: 40 }), b.optimize(slow, { nTrials: 40 })]);
    const trials = (await make(3)).getTrials();
    expect(trials).toHaveLength(80);
    const records = new Map<number, Rec>();
    for (const t of [...trials].sort((p, q) => q.number - p.number)) {
      const r = t.systemAttrs[PSO_KEYS.parents] as unknown as Rec | undefined;
      if (r !== undefined) records.set(r.generation, r); // the lowest holder wins
    }
    const maxGen = Math.max(...trials.map(gen));
    expect(maxGen).toBeGreaterThanOrEqual(8);
    // Trials of both studies evaluate positions of the preferred record of their iteration.
    let onRecord = 0;
    const late = trials.filter((t) => gen(t) >= 1);
    for (const t of late) {
      const x = records.get(gen(t))!.state.swarm.x[slot(t)!]!;
      if (x.every((u, i) => Math.abs(-5 + 10 * u - (t.params[`x${i}`] as number)) < 1e-9)) onRecord++;
    }
    expect(onRecord).toBe(late.length);
  }, 20000);

  it("refuses bad options with the option and its range", () => {
    expect(() => new ParticleSwarmSampler({ populationSize: 2 })).toThrow(
      "ParticleSwarmSampler: populationSize must be an integer >= 4, got 2",
    );
    expect(() => new ParticleSwarmSampler({ variant: { kind: "constriction", phi: 3 } })).toThrow(
      "ParticleSwarmSampler: variant.phi must be a number in (4, 100], got 3",
    );
    expect(() => new ParticleSwarmSampler({ vMaxFraction: 2 })).toThrow(
      /vMaxFraction must be a number in \(0, 1\]/,
    );
    expect(() => new ParticleSwarmSampler({ topology: { kind: "star" } as never })).toThrow(TypeError);
    expect(() => new ParticleSwarmSampler({ swarm: 3 } as never)).toThrow(/unknown option swarm/);
  });
});
