import { Halton, Sobol } from "@tunelab/math/qmc";
import { createStudy, InMemoryStorage, loadStudy, setLogLevel, type Trial } from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { QmcSampler } from "../../src/qmc/index.js";
import { RandomSampler } from "../../src/random/random.js";

samplerContract("QmcSampler (sobol)", (seed) => new QmcSampler({ seed }));
samplerContract("QmcSampler (sobol, scrambled)", (seed) => new QmcSampler({ seed, scramble: true }));
samplerContract(
  "QmcSampler (halton, scrambled)",
  (seed) => new QmcSampler({ seed, qmcType: "halton", scramble: true }),
);

/** A mixed space: a float, a log float, a stepped int, a log int, a categorical. */
function objective(t: Trial): number {
  const a = t.suggestFloat("a", -2, 6);
  const b = t.suggestFloat("b", 1e-4, 1, { log: true });
  const c = t.suggestInt("c", 0, 10, { step: 2 });
  const d = t.suggestInt("d", 1, 100, { log: true });
  const e = t.suggestCategorical("e", ["x", "y", "z"]);
  return a + b + c + d + (e === "y" ? 1 : 0);
}

/** The mapping the sampler documents, written out by hand for the names in sorted order a..e. */
function expected(u: Float64Array): Record<string, number | string> {
  const c = 0 + Math.round((-1 + u[2]! * 12 - 0) / 2) * 2;
  const d = Math.floor(Math.exp(Math.log(0.5) + u[3]! * (Math.log(100.5) - Math.log(0.5))) + 0.5);
  return {
    a: -2 + u[0]! * 8,
    b: Math.exp(Math.log(1e-4) + u[1]! * (Math.log(1) - Math.log(1e-4))),
    c: Math.min(10, Math.max(0, c)),
    d: Math.min(100, Math.max(1, d)),
    e: ["x", "y", "z"][Math.floor(u[4]! * 3)]!,
  };
}

describe("QmcSampler", () => {
  it("gives trial i point i of the sequence, mapped to each kind of parameter", async () => {
    for (const [qmcType, scramble] of [
      ["sobol", false],
      ["sobol", true],
      ["halton", true],
    ] as const) {
      const study = await createStudy({ sampler: new QmcSampler({ qmcType, scramble, seed: 3 }) });
      await study.optimize(objective, { nTrials: 33 });
      const engine =
        qmcType === "sobol"
          ? new Sobol({ dimension: 5, scramble, seed: 3 })
          : new Halton({ dimension: 5, scramble, seed: 3 });
      for (const t of study.trials.slice(1)) {
        const want = expected(engine.point(t.number));
        expect(t.params.a).toBeCloseTo(want.a as number, 12);
        expect(t.params.b).toBeCloseTo(want.b as number, 12);
        expect([t.params.c, t.params.d, t.params.e], `${qmcType} trial ${t.number}`).toEqual([
          want.c,
          want.d,
          want.e,
        ]);
      }
    }
  });

  it("unscrambled Sobol: trial 1 is the centre, trials 1-3 the published points 1-3", async () => {
    const study = await createStudy({ sampler: new QmcSampler({ seed: 1 }) });
    await study.optimize((t) => t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), { nTrials: 4 });
    expect(study.trials.slice(1).map((t) => [t.params.x, t.params.y])).toEqual([
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
    ]);
  });

  it("spreads categorical choices evenly: 64 trials of 4 choices give 16 each on points 0-63", async () => {
    const study = await createStudy({ sampler: new QmcSampler({ scramble: true, seed: 2 }) });
    await study.optimize((t) => Number(t.suggestCategorical("k", ["a", "b", "c", "d"]) === "a"), {
      nTrials: 64,
    });
    // Trial 0 is random; trials 1-63 with point 0 would be exactly 16 each.
    const sobol = new Sobol({ dimension: 1, scramble: true, seed: 2 });
    const counts = new Map<string, number>();
    counts.set(["a", "b", "c", "d"][Math.floor(sobol.point(0)[0]! * 4)]!, 1);
    for (const t of study.trials.slice(1))
      counts.set(t.params.k as string, (counts.get(t.params.k as string) ?? 0) + 1);
    expect([...counts.values()]).toEqual([16, 16, 16, 16]);
  });

  it("keeps the space of the first finished trial; new parameters go to the independent sampler", async () => {
    setLogLevel("error");
    const independent = new RandomSampler({ seed: 9 });
    const seen: string[] = [];
    const spy = {
      sampleIndependent: (...args: Parameters<RandomSampler["sampleIndependent"]>) => {
        seen.push(`${args[1].number}:${args[2]}`);
        return independent.sampleIndependent(...args);
      },
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
    };
    const study = await createStudy({ sampler: new QmcSampler({ seed: 4, independentSampler: spy }) });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        return t.number >= 2 ? x + t.suggestFloat("late", 0, 1) : x;
      },
      { nTrials: 5 },
    );
    setLogLevel("warn");
    expect(seen).toEqual(["0:x", "2:late", "3:late", "4:late"]);
    expect(study.trials.slice(1).map((t) => t.params.x)).toEqual([0.5, 0.75, 0.25, 0.375]);
  });

  it("two studies on one storage, each with its own sampler, interleaved: one sequence, no repeats", async () => {
    const storage = new InMemoryStorage();
    const s1 = await createStudy({
      storage,
      studyName: "s",
      sampler: new QmcSampler({ scramble: true, seed: 8 }),
    });
    const s2 = await loadStudy({
      storage,
      studyName: "s",
      sampler: new QmcSampler({ scramble: true, seed: 8 }),
    });
    const f = (t: Trial) => t.suggestFloat("x", 0, 1) + t.suggestFloat("y", -1, 1);
    for (let i = 0; i < 16; i++) {
      for (const s of [s1, s2]) {
        const t = await s.ask();
        await s.tell(t, f(t));
      }
    }
    const trials = (await loadStudy({ storage, studyName: "s", sampler: new RandomSampler({ seed: 0 }) }))
      .trials;
    const sobol = new Sobol({ dimension: 2, scramble: true, seed: 8 });
    expect(trials).toHaveLength(32);
    for (const t of trials.slice(1)) {
      const u = sobol.point(t.number);
      expect([t.params.x, t.params.y]).toEqual([u[0], -1 + u[1]! * 2]);
    }
  });

  it("is deterministic for a seed (scrambled), and an unscrambled sequence does not depend on it", async () => {
    const xs = async (options: ConstructorParameters<typeof QmcSampler>[0]) => {
      const study = await createStudy({ sampler: new QmcSampler(options) });
      await study.optimize((t) => t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), { nTrials: 10 });
      return study.trials.slice(1).map((t) => [t.params.x, t.params.y]);
    };
    expect(await xs({ scramble: true, seed: 1 })).toEqual(await xs({ scramble: true, seed: 1 }));
    expect(await xs({ scramble: true, seed: 1 })).not.toEqual(await xs({ scramble: true, seed: 2 }));
    expect(await xs({ seed: 1 })).toEqual(await xs({ seed: 2 }));
    const s = new QmcSampler({ scramble: true, seed: 1 });
    s.reseed(2);
    expect(s.seed).toBe(2);
  });

  it("keeps user parameter names intact (__proto__, constructor, ...) and maps them by sorted name", async () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "10", "2"];
    const study = await createStudy({ sampler: new QmcSampler({ scramble: true, seed: 5 }) });
    await study.optimize((t) => names.reduce((s, n) => s + t.suggestFloat(n, 0, 1), 0), { nTrials: 9 });
    const sorted = [...names].sort();
    const sobol = new Sobol({ dimension: names.length, scramble: true, seed: 5 });
    for (const t of study.trials) {
      expect(Object.keys(t.params).sort()).toEqual(sorted);
      if (t.number === 0) continue;
      const u = sobol.point(t.number);
      sorted.forEach((n, j) => {
        expect(Object.getOwnPropertyDescriptor(t.params, n)?.value).toBe(u[j]);
      });
    }
  });

  it("rejects bad options with a one-line error naming the option", () => {
    expect(() => new QmcSampler({ qmcType: "lattice" as "sobol" })).toThrow(
      /qmcType must be "sobol" or "halton", got "lattice"/,
    );
    expect(() => new QmcSampler({ scramble: 1 as unknown as boolean })).toThrow(/scramble must be a boolean/);
    expect(() => new QmcSampler({ seed: 1.5 })).toThrow(/seed/);
    expect(() => new QmcSampler({ independentSampler: {} as RandomSampler })).toThrow(
      /independentSampler must be a Sampler/,
    );
    expect(() => new QmcSampler({ nStartupTrials: 3 } as object)).toThrow(/unknown option "nStartupTrials"/);
  });
});
