import { CmaEs, type CmaEsState, warmStartDistribution } from "@tunelab/math/cmaes";
import {
  createStudy,
  type Distribution,
  type FrozenTrial,
  floatDistribution,
  InMemoryStorage,
  intDistribution,
  type JsonValue,
  loadStudy,
  type Sampler,
  type Study,
  type StudyDirection,
  setLogHandler,
  setLogLevel,
  type Trial,
  TrialPruned,
  type TrialUpdate,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CmaEsSampler, type CmaEsSamplerOptions } from "../../src/cmaes/cmaes.js";
import { CMA_KEYS, type CmaStateRecord } from "../../src/cmaes/history.js";
import { SamplingFrame } from "../../src/cmaes/orthogonal.js";
import { CmaSpace } from "../../src/cmaes/space.js";

// The contract's objectives hold categorical parameters: silence the (expected) warnings there.
describe("contract", () => {
  beforeAll(() => setLogLevel("error"));
  afterAll(() => setLogLevel("warn"));
  // CMA-ES is single-objective (as Optuna's CmaEsSampler): the contract's two-objective study
  // is replaced by the test "rejects a multi-objective study" below.
  samplerContract("CmaEsSampler", (seed) => new CmaEsSampler({ seed }), { multiObjective: false });
  samplerContract(
    "CmaEsSampler (rounding instead of margin, IPOP)",
    (seed) => new CmaEsSampler({ seed, margin: null, restart: { kind: "ipop" } }),
    { multiObjective: false },
  );
  samplerContract(
    "CmaEsSampler (separable, BIPOP, no orthogonal sampling)",
    (seed) =>
      new CmaEsSampler({
        seed,
        variant: { kind: "separable" },
        restart: { kind: "bipop" },
        orthogonalSampling: false,
      }),
    { multiObjective: false },
  );
});

async function run(
  options: CmaEsSamplerOptions,
  objective: (t: Trial) => number | Promise<number>,
  nTrials: number,
  direction: StudyDirection = "minimize",
): Promise<Study> {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new CmaEsSampler(options),
    direction,
  });
  await study.optimize(objective, { nTrials });
  return study;
}

function floats(t: Trial, n: number, low = -5, high = 5): number[] {
  return Array.from({ length: n }, (_, i) => t.suggestFloat(`x${i}`, low, high));
}

const sphere = (x: readonly number[]): number => x.reduce((s, v) => s + v * v, 0);
/** Ellipsoid with condition number 1e6. */
const ellipsoid = (x: readonly number[]): number =>
  x.reduce((s, v, i) => s + 10 ** ((6 * i) / (x.length - 1)) * v * v, 0);

/** The state records stored on the study's trials, by holder trial number. */
function states(study: Study): { holder: number; record: CmaStateRecord }[] {
  return study.trials
    .filter((t) => t.systemAttrs[CMA_KEYS.state] !== undefined)
    .map((t) => ({ holder: t.number, record: t.systemAttrs[CMA_KEYS.state] as unknown as CmaStateRecord }));
}

describe("CmaEsSampler", () => {
  const logs: string[] = [];
  beforeAll(() => setLogHandler((_level, message) => logs.push(message)));
  afterEach(() => {
    logs.length = 0;
  });
  afterAll(() => setLogHandler(null));

  it("converges on the 10-D sphere through the study API (f < 1e-6 in 2,000 trials)", async () => {
    const study = await run({ seed: 1 }, (t) => sphere(floats(t, 10)), 2000);
    expect(study.bestValue).toBeLessThan(1e-6);
    // the first trial is independent (no search space yet), every later one is CMA-ES's
    expect(study.trials[0]!.systemAttrs[CMA_KEYS.generation]).toBeUndefined();
    expect(study.trials.slice(1).every((t) => typeof t.systemAttrs[CMA_KEYS.generation] === "number")).toBe(
      true,
    );
  });

  it("converges on a 6-D ellipsoid with condition number 1e6 (f < 1e-6 in 2,500 trials)", async () => {
    const study = await run({ seed: 2 }, (t) => ellipsoid(floats(t, 6)), 2500);
    expect(study.bestValue).toBeLessThan(1e-6);
  });

  it("converges with the separable variant on a 10-D ellipsoid", async () => {
    const study = await run(
      { seed: 3, variant: { kind: "separable" } },
      (t) => ellipsoid(floats(t, 10)),
      2500,
    );
    expect(study.bestValue).toBeLessThan(1e-6);
    expect(states(study).at(-1)!.record.optimizer.kind).toBe("sep-cmaes");
  });

  it("optimizes a single parameter (1-D CMA-ES; Optuna falls back to random there)", async () => {
    const study = await run({ seed: 4 }, (t) => (t.suggestFloat("x", -5, 5) - 1) ** 2, 200);
    expect(study.bestValue).toBeLessThan(1e-8);
    expect(typeof study.trials[10]!.systemAttrs[CMA_KEYS.generation]).toBe("number");
  });

  it("maximizes when the study maximizes", async () => {
    const study = await run({ seed: 5 }, (t) => -sphere(floats(t, 3).map((v) => v - 1)), 400, "maximize");
    expect(study.bestValue).toBeGreaterThan(-1e-6);
  });

  it("searches log parameters in log scale", async () => {
    const study = await run(
      { seed: 6 },
      (t) => {
        const lr = t.suggestFloat("lr", 1e-6, 1, { log: true });
        const wd = t.suggestFloat("wd", 1e-8, 1e-1, { log: true });
        const x = t.suggestFloat("x", -1, 1);
        return (Math.log10(lr) + 4) ** 2 + (Math.log10(wd) + 5) ** 2 + x * x;
      },
      400,
    );
    const best = study.bestParams;
    expect(Math.abs(Math.log10(best.lr as number) + 4)).toBeLessThan(0.01);
    expect(Math.abs(Math.log10(best.wd as number) + 5)).toBeLessThan(0.01);
    // The raw candidate's coordinate is the normalized log: (ln lr − ln 1e-6)/(ln 1 − ln 1e-6).
    for (const t of study.trials.slice(1, 50)) {
      const x = t.systemAttrs[CMA_KEYS.x] as number[]; // coordinates sorted by name: lr, wd, x
      const u = (Math.log(t.params.lr as number) - Math.log(1e-6)) / -Math.log(1e-6);
      expect(x[0]).toBeCloseTo(u, 9);
    }
  });

  it("keeps binary parameters from fixating with margin (Hamano et al. 2022), unlike rounding", async () => {
    // 3 continuous coordinates (ellipsoid, condition 1e3) dominate the ranking at first; 5
    // binary ints each add 1 unless set to 1. Rounding lets them fixate while σ shrinks.
    const objective = (t: Trial): number =>
      floats(t, 3, -3, 3).reduce((s, v, i) => s + 10 ** (1.5 * i) * v * v, 0) +
      [0, 1, 2, 3, 4].reduce((s, j) => s + (1 - t.suggestInt(`b${j}`, 0, 1)), 0);
    const solved = async (withMargin: boolean): Promise<number> => {
      let ok = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const study = await run({ seed, margin: withMargin ? {} : null }, objective, 500);
        if ([0, 1, 2, 3, 4].every((j) => study.bestParams[`b${j}`] === 1)) ok++;
        for (const t of study.trials) for (let j = 0; j < 5; j++) expect([0, 1]).toContain(t.params[`b${j}`]);
        if (withMargin) expect((states(study).at(-1)!.record.optimizer as CmaEsState).margin).not.toBeNull();
      }
      return ok;
    };
    expect(await solved(true)).toBeGreaterThanOrEqual(7);
    expect(await solved(false)).toBeLessThanOrEqual(3);
  });

  it("tells only COMPLETE trials, and PRUNED ones (last intermediate value) with considerPrunedTrials", async () => {
    const objective = async (t: Trial): Promise<number> => {
      const x = floats(t, 3);
      if (t.number % 4 === 1) throw new Error("boom"); // FAIL
      if (t.number % 3 === 2) return Number.NaN; // FAIL
      const f = sphere(x);
      await t.report(f, 0);
      if (t.number % 5 === 3) throw new TrialPruned();
      return f;
    };
    for (const considerPrunedTrials of [false, true]) {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new CmaEsSampler({ seed: 7, considerPrunedTrials }),
      });
      await study.optimize(objective, { nTrials: 300, catch: true });
      expect(study.getTrials({ states: ["FAIL"] }).length).toBeGreaterThan(50);
      expect(study.getTrials({ states: ["PRUNED"] }).length).toBeGreaterThan(10);
      const recs = states(study);
      expect(recs.length).toBeGreaterThan(5);
      // Each told generation g had λ counted trials of g finished before its holder started.
      for (const { holder, record } of recs.slice(1)) {
        const g = record.generation - 1;
        const counted = study.trials.filter(
          (t) =>
            t.number < holder &&
            t.systemAttrs[CMA_KEYS.generation] === g &&
            (t.state === "COMPLETE" || (considerPrunedTrials && t.state === "PRUNED")),
        );
        const lambda = study.trials.find((t) => t.systemAttrs[CMA_KEYS.generation] === g)!.systemAttrs[
          CMA_KEYS.popsize
        ] as number;
        expect(counted.length).toBeGreaterThanOrEqual(lambda);
        // ... and not one trial earlier: the tell happened at the first chance
        const before = counted.filter((t) => t.number < holder - 1);
        expect(before.length).toBeLessThan(lambda);
      }
      expect(study.bestValue).toBeLessThan(1e-2);
    }
  });

  it("never starts CMA-ES when every trial is pruned, unless pruned trials count", async () => {
    const objective = async (t: Trial): Promise<number> => {
      await t.report(sphere(floats(t, 2)), 0);
      throw new TrialPruned();
    };
    for (const considerPrunedTrials of [false, true]) {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new CmaEsSampler({ seed: 8, considerPrunedTrials, nStartupTrials: 0 }),
      });
      await study.optimize(objective, { nTrials: 60 });
      const gens = study.trials.map((t) => t.systemAttrs[CMA_KEYS.generation] as number | undefined);
      // the intersection search space needs one counted trial: without pruned trials there is none
      if (!considerPrunedTrials) expect(gens.every((g) => g === undefined)).toBe(true);
      else expect(Math.max(...gens.filter((g) => g !== undefined))).toBeGreaterThanOrEqual(5);
    }
  });

  it("handles ±Infinity objective values (ranked beyond the finite ones)", async () => {
    const study = await run(
      { seed: 9 },
      (t) => {
        const x = floats(t, 4);
        if (x[0]! > 2) return Number.POSITIVE_INFINITY;
        return sphere(x);
      },
      600,
    );
    expect(study.trials.some((t) => t.value === Number.POSITIVE_INFINITY)).toBe(true);
    expect(study.bestValue).toBeLessThan(1e-6);
  });

  it("restarts with IPOP (population doubling) and BIPOP (large and small regimes)", async () => {
    for (const kind of ["ipop", "bipop"] as const) {
      const study = await run({ seed: 1, restart: { kind } }, (t) => sphere(floats(t, 2)), 1500);
      const runs = new Map<number, number>();
      for (const t of study.trials) {
        const r = t.systemAttrs[CMA_KEYS.restart];
        if (typeof r === "number") runs.set(r, t.systemAttrs[CMA_KEYS.popsize] as number);
      }
      expect(runs.size).toBeGreaterThanOrEqual(3);
      expect(runs.get(0)).toBe(6);
      expect(runs.get(1)).toBe(12);
      if (kind === "ipop") expect(runs.get(2)).toBe(24);
      else expect([...runs.values()].some((l, i) => i > 1 && l < 12)).toBe(true);
      expect(states(study).at(-1)!.record.optimizer.kind).toBe("restart-cmaes");
    }
  });

  it("starts from a point x0 with sigma0 (normalized units)", async () => {
    const study = await run(
      { seed: 10, start: { kind: "point", x0: { a: 4, b: 1e-3 }, sigma0: 0.05 } },
      (t) => t.suggestFloat("a", 0, 5) + Math.log10(t.suggestFloat("b", 1e-5, 1e-1, { log: true })),
      20,
    );
    const first = states(study)[0]!.record;
    expect(first.generation).toBe(0);
    const opt = first.optimizer as CmaEsState;
    expect(opt.mean[0]).toBeCloseTo(0.8, 12);
    expect(opt.mean[1]).toBeCloseTo(0.5, 12);
    expect(opt.sigma).toBe(0.05);
  });

  it("fails the trial with a clear error when x0 is outside a parameter's range", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new CmaEsSampler({ seed: 1, start: { kind: "point", x0: { a: 9 } } }),
    });
    await expect(
      study.optimize((t) => t.suggestFloat("a", 0, 5) + t.suggestFloat("b", 0, 1), { nTrials: 3 }),
    ).rejects.toThrow(/start\.x0\.a must be a number inside the parameter's range, got 9/);
  });

  it("warm-starts from source trials (WS-CMA-ES) and finds a shifted optimum sooner", async () => {
    const shifted = (t: Trial): number => sphere(floats(t, 4).map((v) => v - 3));
    const source = await run({ seed: 11 }, shifted, 150);
    const warm = await run({ seed: 12, start: { kind: "warm", sourceTrials: source.trials } }, shifted, 60);
    const cold = await run({ seed: 12 }, shifted, 60);
    // the initial distribution is warmStartDistribution of the source's normalized points
    const space = new CmaSpace(
      Object.fromEntries(["x0", "x1", "x2", "x3"].map((n) => [n, floatDistribution(-5, 5)])),
      false,
    );
    const solutions = source.trials
      .filter((t) => t.state === "COMPLETE")
      .map((t) => ({ x: space.pointOf(t.internalParams)!, value: t.value! }));
    const expected = warmStartDistribution(solutions, { gamma: 0.1, alpha: 0.1 });
    const init = states(warm)[0]!.record.optimizer as CmaEsState;
    expect(init.sigma).toBeCloseTo(expected.sigma, 12);
    for (let i = 0; i < 4; i++) expect(init.mean[i]).toBeCloseTo(expected.mean[i]!, 12);
    expect(init.cUpper[1]).toBeCloseTo(expected.cov[1]!, 12);
    expect(warm.bestValue).toBeLessThan(cold.bestValue / 10);
  });

  it("rejects a multi-objective study with a clear error (CMA-ES is single-objective)", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new CmaEsSampler({ seed: 1 }),
      directions: ["minimize", "minimize"],
    });
    await expect(
      study.optimize((t) => [t.suggestFloat("x", 0, 1), t.suggestFloat("y", 0, 1)], { nTrials: 2 }),
    ).rejects.toThrow(/CMA-ES optimizes a single objective, but study .* has 2 directions/);
  });

  it("samples categorical parameters independently, warning once per parameter name", async () => {
    const calls: string[] = [];
    const independent: Sampler = {
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
      sampleIndependent: (_s, _t, name, d: Distribution) => {
        calls.push(name);
        return d.kind === "categorical" ? 1 : d.low;
      },
    };
    const objective = (t: Trial): number =>
      sphere(floats(t, 2)) + (t.suggestCategorical("opt", ["adam", "sgd"]) === "sgd" ? 0 : 1);
    const study = await run({ seed: 13, independentSampler: independent }, objective, 30);
    expect(study.trials.every((t) => t.params.opt === "sgd")).toBe(true);
    expect(calls.filter((n) => n === "opt").length).toBe(30);
    expect(calls.filter((n) => n !== "opt").length).toBe(2); // trial 0's floats only
    const warnings = logs.filter((m) => m.startsWith("CmaEsSampler"));
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/parameter "opt" .* sampled independently .* categorical/);
    logs.length = 0;
    await run({ seed: 13, warnIndependentSampling: false }, objective, 30);
    expect(logs.filter((m) => m.startsWith("CmaEsSampler")).length).toBe(0);
  });

  it("starts a new optimizer when the shared search space changes", async () => {
    const study = await run(
      { seed: 14 },
      (t) => {
        const x = floats(t, 2);
        const extra = t.number < 30 ? t.suggestFloat("z", 0, 1) : 0;
        return sphere(x) + extra;
      },
      80,
    );
    const spaces = new Set(
      study.trials.map((t) => t.systemAttrs[CMA_KEYS.space]).filter((s) => s !== undefined),
    );
    expect(spaces.size).toBe(2);
    const zeroes = states(study).filter((s) => s.record.generation === 0);
    expect(zeroes.length).toBe(2);
    expect(study.trials.at(-1)!.params.z).toBeUndefined();
  });

  it("tells an enqueued trial's fixed value where it differs from the candidate", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new CmaEsSampler({ seed: 15 }),
    });
    const objective = (t: Trial): number => sphere(floats(t, 3));
    await study.optimize(objective, { nTrials: 12 });
    await study.enqueueTrial({ x1: 4.5 });
    await study.optimize(objective, { nTrials: 40 });
    const enqueued = study.trials[12]!;
    expect(enqueued.params.x1).toBe(4.5);
    const raw = enqueued.systemAttrs[CMA_KEYS.x] as number[];
    expect(raw[1]).not.toBeCloseTo((4.5 + 5) / 10, 3); // the candidate was not used for x1
    expect(study.bestValue).toBeLessThan(1);
  });

  it("draws the candidates of a block with orthogonal z (and independent ones when switched off)", async () => {
    const dots = async (orthogonalSampling: boolean): Promise<number[]> => {
      const study = await run({ seed: 16, orthogonalSampling }, (t) => ellipsoid(floats(t, 5)), 40);
      // generation 1: its distribution is the state stored when generation 0 was told
      const rec = states(study).find((s) => s.record.generation === 1)!;
      const es = CmaEs.fromJSON(rec.record.optimizer as CmaEsState);
      const frame = new SamplingFrame(es, false);
      const zs = study.trials
        .filter((t) => t.systemAttrs[CMA_KEYS.generation] === 1)
        .map((t) => frame.zOf(t.systemAttrs[CMA_KEYS.x] as number[]));
      expect(zs.length).toBe(8); // λ = 4 + ⌊3 ln 5⌋
      const out: number[] = [];
      for (let i = 0; i < 5; i++) {
        for (let j = i + 1; j < 5; j++) {
          let d = 0;
          for (let k = 0; k < 5; k++) d += zs[i]![k]! * zs[j]![k]!;
          out.push(Math.abs(d));
        }
      }
      return out;
    };
    expect(Math.max(...(await dots(true)))).toBeLessThan(1e-9);
    expect(Math.max(...(await dots(false)))).toBeGreaterThan(0.1);
  });

  it("samples valid values from huge discrete ranges without building their grids (issue 9, defect 3)", async () => {
    // Before the margin became closed-form: 4 GB and more for 0..2^31 − 1, and "Invalid typed
    // array length" for 0..2^52 and a step of 1e-12.
    const study = await run(
      { seed: 6 },
      (t) => {
        const k = t.suggestInt("k", 0, 2 ** 31 - 1);
        const k2 = t.suggestInt("k2", 0, 2 ** 52);
        const f = t.suggestFloat("f", 0, 1, { step: 1e-12 });
        return (k / 2 ** 31 - 0.3) ** 2 + (k2 / 2 ** 52 - 0.6) ** 2 + (f - 0.45) ** 2;
      },
      30,
    );
    const trials = study.trials;
    expect(trials.map((t) => t.state)).toEqual(Array(30).fill("COMPLETE"));
    expect(trials.slice(1).every((t) => typeof t.systemAttrs[CMA_KEYS.generation] === "number")).toBe(true);
    for (const t of trials) {
      const { k, k2, f } = t.params as { k: number; k2: number; f: number };
      expect(Number.isInteger(k) && k >= 0 && k <= 2 ** 31 - 1).toBe(true);
      expect(Number.isInteger(k2) && k2 >= 0 && k2 <= 2 ** 52).toBe(true);
      expect(f >= 0 && f <= 1).toBe(true);
      const steps = f / 1e-12;
      expect(Math.abs(steps - Math.round(steps))).toBeLessThanOrEqual(1e-9 * steps);
    }
    // CMA-ES explores: the 29 candidates are distinct in every parameter.
    for (const name of ["k", "k2", "f"]) expect(new Set(trials.map((t) => t.params[name])).size).toBe(30);
    // k and f are margin grids (their raw candidates are encoded); k2, with 2^52 + 1 values, is rounded.
    const state = states(study).at(-1)!.record.optimizer as CmaEsState;
    expect(state.margin!.steps).toEqual([1 / (1e12 + 1), 2 ** -31, 0]);
  });

  it("validates its options: names, records and values, with errors naming the option", () => {
    const bad: [unknown, RegExp][] = [
      [{ start: { kind: "centre", sigma0: 0 } }, /start.sigma0 must be a finite number > 0, got 0/],
      [
        { start: { kind: "point", x0: {}, sigma0: Number.NaN } },
        /start.sigma0 must be a finite number > 0, got NaN/,
      ],
      [
        { start: { kind: "centre", sigma0: Number.POSITIVE_INFINITY } },
        /start.sigma0 must be a finite number > 0, got Infinity/,
      ],
      [{ start: { kind: "point", x0: null } }, /start.x0 must be a record of parameter values by name/],
      [{ start: { kind: "origin" } }, /start.kind must be "centre", "point" or "warm", got "origin"/],
      [{ start: { kind: "warm" } }, /start.sourceTrials must be an array of FrozenTrial/],
      [{ start: { kind: "warm", sourceTrials: [], gamma: 0 } }, /start.gamma must be in \(0, 1\], got 0/],
      [{ start: { kind: "warm", sourceTrials: [], alpha: -1 } }, /start.alpha must be a finite number > 0/],
      [
        { variant: { kind: "separable" }, start: { kind: "warm", sourceTrials: [] } },
        /start \{ kind: "warm" \} needs variant \{ kind: "full" \}/,
      ],
      [
        { variant: { kind: "diagonal" } },
        /CmaEsSampler: variant.kind must be "full" or "separable", got "diagonal"/,
      ],
      [
        { variant: { kind: "separable", learningRateAdaptation: {} } },
        /variant.learningRateAdaptation is only available with \{ kind: "full" \}/,
      ],
      [
        { variant: { kind: "full", learningRateAdaptation: { betaMean: 2 } } },
        /variant.learningRateAdaptation.betaMean must be in \(0, 1\]/,
      ],
      [{ restart: { kind: "sometimes" } }, /restart.kind must be "none", "ipop" or "bipop", got "sometimes"/],
      [{ restart: "ipop" }, /restart must be a record/],
      [
        { restart: { kind: "ipop", popSizeFactor: 1 } },
        /restart.popSizeFactor must be a finite number > 1, got 1/,
      ],
      [{ restart: { kind: "bipop", maxRestarts: -1 } }, /restart.maxRestarts must be an integer >= 0/],
      [{ margin: { alpha: 0.5 } }, /margin.alpha must be in \(0, 0.5\), got 0.5/],
      [{ margin: true }, /margin must be a record/],
      [{ populationSize: 1 }, /populationSize must be an integer >= 2, got 1/],
      [{ populationSize: 2.5 }, /populationSize must be an integer >= 2, got 2.5/],
      [{ nStartupTrials: -1 }, /nStartupTrials must be an integer >= 0, got -1/],
      [{ seed: 1.5 }, /seed must be a safe integer, got 1.5/],
      [{ independentSampler: {} }, /independentSampler must be a Sampler/],
      [{ seeed: 1 }, /CmaEsSampler: unknown option seeed/],
      // The options of earlier versions say which record they moved to.
      [{ x0: { a: 1 } }, /the option x0 has moved: pass start: \{ kind: "point", x0, sigma0 \}/],
      [{ sigma0: 0.1 }, /the option sigma0 has moved: pass start/],
      [
        { sourceTrials: [] },
        /the option sourceTrials has moved: pass start: \{ kind: "warm", sourceTrials \}/,
      ],
      [{ restartStrategy: "ipop" }, /the option restartStrategy has moved: pass restart/],
      [
        { incPopsize: 3 },
        /the option incPopsize has moved: pass restart: \{ kind: "ipop" \| "bipop", popSizeFactor \}/,
      ],
      [{ separable: true }, /the option separable has moved: pass variant: \{ kind: "separable" \}/],
      [
        { lrAdapt: true },
        /the option lrAdapt has moved: pass variant: \{ kind: "full", learningRateAdaptation: \{\} \}/,
      ],
      [
        { withMargin: false },
        /the option withMargin has moved: pass margin: \{\} \(margin\) or margin: null \(rounding\)/,
      ],
    ];
    for (const [options, message] of bad) {
      expect(() => new CmaEsSampler(options as CmaEsSamplerOptions)).toThrow(message);
    }
    expect(Number.isSafeInteger(new CmaEsSampler().seed)).toBe(true);
    // Options with the value undefined are absent, whatever their name.
    expect(() => new CmaEsSampler({ seed: 1, separable: undefined } as CmaEsSamplerOptions)).not.toThrow();
  });

  it("does not type-check the combinations the records rule out (type test, checked by tsc)", () => {
    const written: CmaEsSamplerOptions[] = [
      {
        variant: { kind: "full", learningRateAdaptation: {} },
        start: { kind: "warm", sourceTrials: [], gamma: 0.2 },
      },
      { variant: { kind: "separable" }, start: { kind: "point", x0: { a: 1 }, sigma0: 0.1 }, margin: null },
      { restart: { kind: "bipop", popSizeFactor: 3, maxRestarts: 4 }, margin: { alpha: 0.01 } },
      // @ts-expect-error: a warm start estimates a full covariance
      { variant: { kind: "separable" }, start: { kind: "warm", sourceTrials: [] } },
      // @ts-expect-error: the warm start sets σ⁽⁰⁾ itself
      { start: { kind: "warm", sourceTrials: [], sigma0: 0.1 } },
      // @ts-expect-error: learning-rate adaptation belongs to the full variant
      { variant: { kind: "separable", learningRateAdaptation: {} } },
      // @ts-expect-error: no population factor without restarts
      { restart: { kind: "none", popSizeFactor: 3 } },
      // @ts-expect-error: the centre has no x0
      { start: { kind: "centre", x0: { a: 1 } } },
    ];
    expect(written).toHaveLength(8);
  });

  it("fails clearly when no source trial fits the search space", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new CmaEsSampler({ seed: 1, start: { kind: "warm", sourceTrials: [] } }),
    });
    await expect(study.optimize((t) => sphere(floats(t, 2)), { nTrials: 3 })).rejects.toThrow(
      /no source trial is usable for the warm start/,
    );
  });

  it("runs with learning-rate adaptation", async () => {
    const study = await run(
      { seed: 17, variant: { kind: "full", learningRateAdaptation: {} } },
      (t) => sphere(floats(t, 4)),
      600,
    );
    expect(study.bestValue).toBeLessThan(1e-3);
    expect((states(study).at(-1)!.record.optimizer as CmaEsState).lra).not.toBeNull();
  });
});

/** An in-memory storage that stores system attributes as JSON text would (journal, SQL). */
class JsonAttrStorage extends InMemoryStorage {
  override updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    const systemAttrs =
      update.systemAttrs === undefined
        ? undefined
        : (JSON.parse(JSON.stringify(update.systemAttrs)) as Record<string, JsonValue>);
    return super.updateTrial(trialId, systemAttrs === undefined ? update : { ...update, systemAttrs });
  }
}

describe("CmaEsSampler across study objects and processes", () => {
  beforeAll(() => setLogLevel("error"));
  afterAll(() => setLogLevel("warn"));

  const variants: CmaEsSamplerOptions[] = [
    {},
    { margin: null, restart: { kind: "ipop" } },
    { variant: { kind: "separable" }, restart: { kind: "bipop" }, orthogonalSampling: false },
    { variant: { kind: "full", learningRateAdaptation: {} } },
  ];
  const objective = (params: Record<string, number>): number =>
    ellipsoid([params.a!, params.b!, Math.log10(params.c!) + 2]) + (params.k! - 2) ** 2 * 1e-3;
  const space = (t: Trial): Record<string, number> => ({
    a: t.suggestFloat("a", -3, 3),
    b: t.suggestFloat("b", -3, 3),
    c: t.suggestFloat("c", 1e-4, 1, { log: true }),
    k: t.suggestInt("k", 0, 5),
  });

  async function oneStudy(options: CmaEsSamplerOptions, n: number): Promise<unknown[]> {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new CmaEsSampler({ ...options, seed: 21 }),
    });
    for (let i = 0; i < n; i++) {
      const t = await study.ask();
      await study.tell(t, objective(space(t)));
    }
    return study.trials.map((t) => t.params);
  }

  it("two Study objects alternating asks on one storage reproduce one study's trajectory", async () => {
    for (const options of variants) {
      const storage = new JsonAttrStorage();
      const a = await createStudy({
        storage,
        studyName: "shared",
        sampler: new CmaEsSampler({ ...options, seed: 21 }),
      });
      const b = await loadStudy({
        storage,
        studyName: "shared",
        sampler: new CmaEsSampler({ ...options, seed: 21 }),
      });
      for (let i = 0; i < 120; i++) {
        const s = i % 2 === 0 ? a : b;
        const t = await s.ask();
        await s.tell(t, objective(space(t)));
      }
      await a.refresh();
      expect(a.trials.map((t) => t.params)).toEqual(await oneStudy(options, 120));
    }
  });

  it("a sampler re-created from the stored state continues the same trajectory", async () => {
    for (const options of variants) {
      const storage = new JsonAttrStorage();
      const first = await createStudy({
        storage,
        studyName: "resume",
        sampler: new CmaEsSampler({ ...options, seed: 21 }),
      });
      await first.optimize((t) => objective(space(t)), { nTrials: 57 });
      const second = await loadStudy({
        storage,
        studyName: "resume",
        sampler: new CmaEsSampler({ ...options, seed: 21 }),
      });
      await second.optimize((t) => objective(space(t)), { nTrials: 63 });
      expect(second.trials.map((t) => t.params)).toEqual(await oneStudy(options, 120));
    }
  });

  it("workers with different seeds share one population (one initial state, generations in order)", async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({ storage, studyName: "mixed", sampler: new CmaEsSampler({ seed: 1 }) });
    const b = await loadStudy({ storage, studyName: "mixed", sampler: new CmaEsSampler({ seed: 2 }) });
    const sphere4 = (p: Record<string, number>): number =>
      sphere([p.a!, p.b!, Math.log10(p.c!) + 2, p.k! - 2]);
    for (let i = 0; i < 150; i++) {
      const s = i % 3 === 0 ? b : a;
      const t = await s.ask();
      await s.tell(t, sphere4(space(t)));
    }
    await a.refresh();
    const recs = states(a);
    expect(recs.filter((r) => r.record.generation === 0).length).toBe(1);
    expect(recs.map((r) => r.record.generation)).toEqual(recs.map((_, i) => i));
    const gens = a.trials.map((t) => t.systemAttrs[CMA_KEYS.generation] as number | undefined).slice(1);
    for (let i = 1; i < gens.length; i++) expect(gens[i]).toBeGreaterThanOrEqual(gens[i - 1]!);
    expect(a.bestValue).toBeLessThan(1e-3);
  });

  it("gives the same study for one seed with concurrent trials (reproducible mode)", async () => {
    const go = async () => {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new CmaEsSampler({ seed: 3 }),
      });
      await study.optimize((t) => objective(space(t)), { nTrials: 80, concurrency: 4, reproducible: true });
      return study.trials.map((t) => t.params);
    };
    expect(await go()).toEqual(await go());
  });

  it("samples inside random numeric spaces, each parameter the decoding of its raw candidate (property)", async () => {
    const dist = fc.oneof(
      fc
        .tuple(
          fc.double({ min: -100, max: 100, noNaN: true }),
          fc.double({ min: 0.01, max: 100, noNaN: true }),
        )
        .map(([low, w]) => floatDistribution(low, low + w)),
      fc
        .tuple(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.double({ min: 1.5, max: 1e4, noNaN: true }))
        .map(([low, f]) => floatDistribution(low, low * f, { log: true })),
      fc
        .tuple(
          fc.integer({ min: -50, max: 50 }),
          fc.integer({ min: 1, max: 60 }),
          fc.integer({ min: 1, max: 5 }),
        )
        .map(([low, w, step]) => intDistribution(low, low + w * step, { step })),
      fc
        .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 2, max: 2000 }))
        .map(([low, w]) => intDistribution(low, low + w, { log: true })),
      fc
        .tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 2, max: 30 }))
        .map(([low, k]) => floatDistribution(low, low + k * 0.1, { step: 0.1 })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(dist, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        async (dists, withMargin, seed) => {
          const names = dists.map((_, i) => `p${i}`);
          const study = await run(
            { seed, margin: withMargin ? {} : null },
            (t) => {
              let s = 0;
              names.forEach((n, i) => {
                const v = t.suggest(n, dists[i]!) as number;
                s += Math.abs(v - (dists[i] as { low: number }).low) * (i + 1);
              });
              return s;
            },
            25,
          );
          const cma = new CmaSpace(Object.fromEntries(names.map((n, i) => [n, dists[i]!])), withMargin);
          for (const t of study.trials) {
            const raw = t.systemAttrs[CMA_KEYS.x] as number[] | undefined;
            if (raw === undefined) continue;
            expect(raw.length).toBe(cma.dim);
            if (withMargin && cma.hasGrid) continue; // grid coordinates are encoded through A and m
            cma.names.forEach((n, i) => {
              expect(t.internalParams[n]).toBe(cma.fromUnit(i, raw[i]!));
            });
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
