import {
  createFrozenTrial,
  createStudy,
  floatDistribution,
  InMemoryStorage,
  isFeasible,
  type Sampler,
  type StudyDirection,
  setLogHandler,
  setLogLevel,
  type Trial,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { RandomSampler } from "../../src/random/random.js";
import { defaultGamma, hyperoptGamma } from "../../src/tpe/index.js";
import { TpeSampler } from "../../src/tpe/tpe.js";

samplerContract("TpeSampler", (seed) => new TpeSampler({ seed }));
samplerContract("TpeSampler univariate", (seed) => new TpeSampler({ seed, multivariate: false }), {
  multiObjective: false,
});
samplerContract("TpeSampler group", (seed) => new TpeSampler({ seed, group: true }), {
  multiObjective: false,
});

async function run(
  sampler: Sampler,
  objective: (t: Trial) => number | number[] | Promise<number | number[]>,
  nTrials: number,
  directions: StudyDirection[] = ["minimize"],
  concurrency = 1,
) {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler, directions });
  await study.optimize(objective, { nTrials, concurrency });
  return study;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

describe("TpeSampler options", () => {
  it("rejects bad options with messages naming them", () => {
    expect(() => new TpeSampler({ nStartupTrials: -1 })).toThrow(
      /nStartupTrials must be an integer >= 0, got -1/,
    );
    expect(() => new TpeSampler({ nEiCandidates: 0 })).toThrow(
      /nEiCandidates must be an integer >= 1, got 0/,
    );
    expect(() => new TpeSampler({ nEiCandidates: 2.5 })).toThrow(RangeError);
    expect(() => new TpeSampler({ priorWeight: 0 })).toThrow(
      /priorWeight must be positive and finite, got 0/,
    );
    expect(() => new TpeSampler({ priorWeight: Number.NaN })).toThrow(RangeError);
    expect(() => new TpeSampler({ group: true, multivariate: false })).toThrow(/group requires multivariate/);
    expect(() => new TpeSampler({ seed: 0.5 })).toThrow(/seed must be a safe integer/);
    expect(() => new TpeSampler({ gamma: 3 as never })).toThrow(TypeError);
    expect(Number.isSafeInteger(new TpeSampler().seed)).toBe(true);
  });

  it("rejects a gamma function that returns a count outside 0..n", async () => {
    const sampler = new TpeSampler({ seed: 1, nStartupTrials: 2, gamma: (n) => n + 1 });
    await expect(run(sampler, (t) => t.suggestFloat("x", 0, 1), 5)).rejects.toThrow(
      /gamma\(2\) must return an integer in 0\.\.2, got 3/,
    );
  });

  it("defaultGamma and hyperoptGamma are Optuna's", () => {
    expect([0, 1, 10, 11, 200, 250, 10_000].map(defaultGamma)).toEqual([0, 1, 1, 2, 20, 25, 25]);
    expect([0, 1, 16, 100, 10_000].map(hyperoptGamma)).toEqual([0, 1, 1, 3, 25]);
  });
});

describe("TpeSampler behaviour", () => {
  it("converges on a 1-D and a 2-D function far better than random search (5 seeds, fixed)", async () => {
    const f1 = (t: Trial) => (t.suggestFloat("x", -5, 5) - 1.3) ** 2;
    const f2 = (t: Trial) => {
      const x = t.suggestFloat("x", -5, 5);
      const y = t.suggestFloat("y", -5, 5, {});
      return (x - 1) ** 2 + 3 * (y + 2) ** 2 + 0.5 * x * y;
    };
    // f2's minimum: ∇f = 0 gives y = -12.5/5.875, x = 1 - y/4.
    const y2 = -12.5 / 5.875;
    const x2 = 1 - y2 / 4;
    const min2 = (x2 - 1) ** 2 + 3 * (y2 + 2) ** 2 + 0.5 * x2 * y2;
    for (const [f, optimum] of [
      [f1, 0],
      [f2, min2],
    ] as const) {
      const tpe: number[] = [];
      const rnd: number[] = [];
      for (let seed = 1; seed <= 5; seed++) {
        tpe.push((await run(new TpeSampler({ seed }), f, 60)).bestValue - optimum);
        rnd.push((await run(new RandomSampler({ seed }), f, 60)).bestValue - optimum);
      }
      expect(median(tpe)).toBeLessThan(median(rnd) / 10);
    }
  });

  it("concentrates on the best categorical choice and integer value", async () => {
    const study = await run(
      new TpeSampler({ seed: 3, multivariate: false }),
      (t) => {
        const c = t.suggestCategorical("c", ["a", "b", "c", "d"]);
        const k = t.suggestInt("k", 0, 20);
        const lr = t.suggestFloat("lr", 1e-5, 1, { log: true });
        return (c === "b" ? 0 : 2) + Math.abs(k - 7) / 3 + Math.abs(Math.log10(lr) + 3);
      },
      80,
    );
    const late = study.trials.slice(40);
    expect(late.filter((t) => t.params.c === "b").length).toBeGreaterThan(late.length / 2);
    expect(median(late.map((t) => Math.abs((t.params.k as number) - 7)))).toBeLessThanOrEqual(2);
    expect(median(late.map((t) => Math.abs(Math.log10(t.params.lr as number) + 3)))).toBeLessThan(1);
  });

  it("gives the same parameters at any concurrency during the random start-up (draws keyed by trial number)", async () => {
    const objective = async (t: Trial) => {
      const x = t.suggestFloat("x", 0, 1);
      await new Promise((r) => setTimeout(r, (t.number * 7) % 3));
      return x + t.suggestInt("k", 0, 9);
    };
    const a = await run(new TpeSampler({ seed: 5, nStartupTrials: 100 }), objective, 24, ["minimize"], 1);
    const b = await run(new TpeSampler({ seed: 5, nStartupTrials: 100 }), objective, 24, ["minimize"], 6);
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
  });

  it("resumes a study in a fresh sampler exactly where an uninterrupted run goes (no hidden state)", async () => {
    const objective = (t: Trial) => {
      const x = t.suggestFloat("x", -3, 3);
      const k = t.suggestInt("k", 1, 64, { log: true });
      const c = t.suggestCategorical("c", ["a", "b", "c"]);
      return x * x + Math.log2(k) + (c === "b" ? 0 : 1);
    };
    const full = await run(new TpeSampler({ seed: 8 }), objective, 36);
    const resumed = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new TpeSampler({ seed: 8 }),
    });
    await resumed.addTrials(
      full.trials.slice(0, 24).map((t) =>
        createFrozenTrial({
          state: t.state,
          values: t.values,
          params: t.params,
          distributions: t.distributions,
        }),
      ),
    );
    await resumed.optimize(objective, { nTrials: 12 });
    expect(resumed.trials.slice(24).map((t) => t.params)).toEqual(full.trials.slice(24).map((t) => t.params));
  });

  it("steers away from where RUNNING trials are under the constant liar", async () => {
    // 20 finished trials say the optimum is near 0; 30 RUNNING trials all sit at x = 0.
    const distances: Record<string, number[]> = { liar: [], honest: [] };
    for (const liar of [true, false]) {
      for (let seed = 1; seed <= 4; seed++) {
        const study = await createStudy({
          storage: new InMemoryStorage(),
          sampler: new TpeSampler({ seed, constantLiar: liar, multivariate: false }),
        });
        const x = floatDistribution(-5, 5);
        for (let i = 0; i < 20; i++) {
          const v = -5 + (10 * ((i * 7) % 20)) / 19;
          await study.addTrial(
            createFrozenTrial({ state: "COMPLETE", value: v * v, params: { x: v }, distributions: { x } }),
          );
        }
        for (let i = 0; i < 30; i++) {
          await study.enqueueTrial({ x: 0 });
          const running = await study.ask();
          running.suggestFloat("x", -5, 5);
        }
        const t = await study.ask();
        distances[liar ? "liar" : "honest"]!.push(Math.abs(t.suggestFloat("x", -5, 5)));
      }
    }
    expect(Math.min(...distances.liar!)).toBeGreaterThan(Math.max(...distances.honest!));
  });

  it("uses constraints: late trials gather at the feasible optimum, unlike with constraints off", async () => {
    const objective = (t: Trial) => {
      const x = t.suggestFloat("x", -3, 3);
      const y = t.suggestFloat("y", -3, 3);
      t.setConstraint("x <= 0", x);
      return (x - 1) ** 2 + y * y;
    };
    const feasibleShare = async (constraints: boolean) => {
      const shares: number[] = [];
      for (let seed = 1; seed <= 3; seed++) {
        const study = await run(new TpeSampler({ seed, constraints }), objective, 60);
        shares.push(study.trials.slice(30).filter(isFeasible).length / 30);
      }
      return median(shares);
    };
    const on = await feasibleShare(true);
    const off = await feasibleShare(false);
    // The constrained optimum lies on the boundary x = 0, so about half the candidates drawn
    // around the best feasible trials fall just outside it.
    expect(on).toBeGreaterThan(0.5);
    expect(off).toBeLessThan(0.25);
  });

  it("MOTPE: a larger two-objective hypervolume than random search (ZDT1-like, 5 seeds)", async () => {
    const zdt = (t: Trial): number[] => {
      const x = Array.from({ length: 4 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
      const g = 1 + 3 * (x[1]! + x[2]! + x[3]!);
      return [x[0]!, g * (1 - Math.sqrt(x[0]! / g))];
    };
    const hv = (pts: number[][]): number => {
      const front = pts.filter(
        (p) => !pts.some((q) => q[0]! <= p[0]! && q[1]! <= p[1]! && (q[0]! < p[0]! || q[1]! < p[1]!)),
      );
      front.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      let area = 0;
      let prevY = 11;
      for (const [x, y] of front) {
        if (x! >= 11 || y! >= prevY) continue;
        area += (11 - x!) * (prevY - y!);
        prevY = y!;
      }
      return area;
    };
    const tpe: number[] = [];
    const rnd: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const a = await run(new TpeSampler({ seed }), zdt, 80, ["minimize", "minimize"]);
      const b = await run(new RandomSampler({ seed }), zdt, 80, ["minimize", "minimize"]);
      tpe.push(hv(a.trials.map((t) => t.values as number[])));
      rnd.push(hv(b.trials.map((t) => t.values as number[])));
    }
    expect(median(tpe)).toBeGreaterThan(median(rnd));
  });

  it("models each branch of a conditional space jointly with group: true (no independent sampling)", async () => {
    const warnings: string[] = [];
    setLogHandler((level, message) => {
      if (level === "warn") warnings.push(message);
    });
    setLogLevel("warn");
    try {
      const objective = (t: Trial) => {
        const kind = t.suggestCategorical("model", ["linear", "tree"]);
        if (kind === "linear") return Math.abs(Math.log10(t.suggestFloat("c", 1e-3, 1e3, { log: true })));
        return Math.abs(t.suggestInt("depth", 1, 16) - 6) / 6 + t.suggestFloat("lr", 0, 1);
      };
      await run(new TpeSampler({ seed: 2 }), objective, 30);
      expect(warnings.some((w) => w.includes("sampled independently"))).toBe(true);
      warnings.length = 0;
      const study = await run(new TpeSampler({ seed: 2, group: true }), objective, 40);
      expect(warnings.filter((w) => w.includes("sampled independently"))).toEqual([]);
      const tree = study.trials.slice(20).filter((t) => t.params.model === "tree");
      expect(tree.length).toBeGreaterThan(0);
    } finally {
      setLogHandler(null);
    }
  });

  it("ranks pruned trials by their last intermediate value and keeps sampling", async () => {
    const study = await run(
      new TpeSampler({ seed: 4, nStartupTrials: 5 }),
      async (t) => {
        const x = t.suggestFloat("x", -2, 2);
        for (let step = 0; step < 3; step++) {
          await t.report(x * x + (3 - step), step);
          if (t.number % 3 === 0 && step === 1) {
            const { TrialPruned } = await import("@tunelab/study");
            throw new TrialPruned();
          }
        }
        return x * x;
      },
      40,
    );
    expect(study.getTrials({ states: ["PRUNED"] }).length).toBeGreaterThan(5);
    expect(study.bestValue).toBeLessThan(0.05);
  });
});
