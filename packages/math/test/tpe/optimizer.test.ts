import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parzenDimension } from "../../src/parzen/dimension.js";
import { uniformWeights } from "../../src/parzen/weights.js";
import { categoricalPrior } from "../../src/priors/categorical.js";
import { intPrior } from "../../src/priors/int.js";
import { logUniformPrior } from "../../src/priors/log-uniform.js";
import { priorContains, samplePrior, toInternal } from "../../src/priors/prior.js";
import type { Prior } from "../../src/priors/types.js";
import { uniformPrior } from "../../src/priors/uniform.js";
import { Rng } from "../../src/random/rng.js";
import { hyperoptGamma } from "../../src/tpe/gamma.js";
import { TpeOptimizer, type TpeOptimizerOptions } from "../../src/tpe/optimizer.js";
import { selectBelow } from "../../src/tpe/split.js";
import { tpeStep } from "../../src/tpe/step.js";

const MIXED: Prior[] = [
  uniformPrior(-5, 5),
  uniformPrior(0, 1, { step: 0.25 }),
  logUniformPrior(1e-4, 1),
  intPrior(1, 9),
  intPrior(1, 64, { log: true }),
  intPrior(0, 20, { step: 4 }),
  categoricalPrior(3, { weights: [1, 2, 1] }),
];

function objective(x: ArrayLike<number>): number {
  return (
    (x[0]! - 1) ** 2 +
    x[1]! +
    (Math.log10(x[2]!) + 2) ** 2 +
    (x[3]! - 4) ** 2 / 10 +
    Math.abs(Math.log2(x[4]!) - 3) +
    x[5]! / 20 +
    (x[6] === 1 ? 0 : 1)
  );
}

function run(opt: TpeOptimizer, steps: number, f: (x: Float64Array) => number = objective): Float64Array[] {
  const asked: Float64Array[] = [];
  for (let t = 0; t < steps; t++) {
    const x = opt.ask();
    asked.push(x);
    opt.tell([{ x, value: f(x) }]);
  }
  return asked;
}

describe("TpeOptimizer", () => {
  it("asks the same points for the same seed, other points for another", () => {
    const a = run(new TpeOptimizer({ space: MIXED, seed: 5 }), 40);
    const b = run(new TpeOptimizer({ space: MIXED, seed: 5 }), 40);
    const c = run(new TpeOptimizer({ space: MIXED, seed: 6 }), 40);
    expect(a.map((x) => Array.from(x))).toEqual(b.map((x) => Array.from(x)));
    expect(a.map((x) => Array.from(x))).not.toEqual(c.map((x) => Array.from(x)));
  });

  it("asks points inside every prior's support (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
        const opt = new TpeOptimizer({ space: MIXED, seed, nStartupTrials: 3 });
        for (const x of run(opt, 25)) {
          MIXED.forEach((p, d) => {
            expect(priorContains(p, x[d]!)).toBe(true);
          });
        }
      }),
      { numRuns: 8 },
    );
  });

  it("continues after a JSON round trip exactly as without it", () => {
    const opt = new TpeOptimizer({ space: MIXED, seed: 11, gamma: hyperoptGamma, weights: uniformWeights });
    run(opt, 23);
    const state = JSON.parse(JSON.stringify(opt.toJSON()));
    expect(state).toMatchObject({ version: 1, kind: "tpe", gamma: "hyperopt", weights: "uniform" });
    const copy = TpeOptimizer.fromJSON(state);
    expect(copy.evaluations).toBe(23);
    expect(JSON.stringify(copy.toJSON())).toBe(JSON.stringify(opt.toJSON()));
    expect(run(copy, 12).map((x) => Array.from(x))).toEqual(run(opt, 12).map((x) => Array.from(x)));
  });

  it("after the start-up phase, asks tpeStep on the γ(n) best observations", () => {
    const space = [uniformPrior(-5, 5), logUniformPrior(1e-3, 10)];
    const opt = new TpeOptimizer({ space, seed: 2, nStartupTrials: 4 });
    const rng = Rng.fromSeed(2);
    // The start-up points are prior draws from the optimizer's generator.
    const told: { x: Float64Array; value: number }[] = [];
    for (let t = 0; t < 4; t++) {
      const x = opt.ask();
      expect(Array.from(x)).toEqual(space.map((p) => samplePrior(p, rng)));
      told.push({ x, value: x[0]! ** 2 + Math.log(x[1]!) ** 2 });
    }
    opt.tell(told);
    for (let t = 4; t < 15; t++) {
      const n = told.length;
      const loss = Float64Array.from(told, (s) => s.value);
      const below = new Set(
        selectBelow(
          { n, nObjectives: 1, kind: new Uint8Array(n), loss, stepKey: new Float64Array(n), violation: null },
          Math.min(Math.ceil(0.1 * n), 25),
        ),
      );
      const cols = (keep: boolean) =>
        space.map((p, d) =>
          Float64Array.from(
            told.filter((_, i) => below.has(i) === keep),
            (s) => toInternal(p, s.x[d]!),
          ),
        );
      const u = tpeStep(space.map(parzenDimension), { columns: cols(true) }, { columns: cols(false) }, rng, {
        bandwidth: { kind: "scott" },
      });
      const x = opt.ask();
      expect(x[0]).toBe(u[0]);
      expect(x[1]).toBe(Math.exp(u[1]!));
      const s = { x, value: x[0]! ** 2 + Math.log(x[1]!) ** 2 };
      told.push(s);
      opt.tell([s]);
    }
  });

  it("makes progress on a 4-D sphere: better than random search at 80 evaluations (median of 7 seeds)", () => {
    const space = Array.from({ length: 4 }, () => uniformPrior(-5, 5));
    const sphere = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v * v, 0);
    const tpe: number[] = [];
    const random: number[] = [];
    for (let seed = 1; seed <= 7; seed++) {
      const opt = new TpeOptimizer({ space, seed });
      run(opt, 80, sphere);
      tpe.push(opt.best!.value);
      const rng = Rng.fromSeed(seed);
      let best = Number.POSITIVE_INFINITY;
      for (let t = 0; t < 80; t++) best = Math.min(best, sphere(space.map((p) => samplePrior(p, rng))));
      random.push(best);
    }
    const median = (v: number[]) => v.slice().sort((a, b) => a - b)[3]!;
    expect(median(tpe)).toBeLessThan(median(random) / 2);
  });

  it("takes told points from anywhere in the space, in batches; best is the earliest minimum", () => {
    const opt = new TpeOptimizer({ space: [uniformPrior(0, 1), categoricalPrior(2)], seed: 1 });
    expect(opt.best).toBeNull();
    opt.tell([
      { x: [0.5, 1], value: 3 },
      { x: Float64Array.of(0.25, 0), value: 1 },
      { x: [0.75, 0], value: 1 },
    ]);
    opt.tell([]);
    expect(opt.evaluations).toBe(3);
    expect(opt.best).toEqual({ x: Float64Array.of(0.25, 0), value: 1 });
  });

  it("asks with another generator without advancing its own", () => {
    const a = new TpeOptimizer({ space: MIXED, seed: 4 });
    const b = new TpeOptimizer({ space: MIXED, seed: 4 });
    a.ask(Rng.fromSeed(99));
    expect(Array.from(a.ask())).toEqual(Array.from(b.ask()));
  });

  it("rejects bad solutions without adding any", () => {
    const opt = new TpeOptimizer({ space: [uniformPrior(0, 1), intPrior(1, 3)] });
    const good = { x: [0.5, 2], value: 1 };
    expect(() => opt.tell([good, { x: [0.5], value: 1 }])).toThrow(
      /solutions\[1\]\.x must have length 2, got 1/,
    );
    expect(() => opt.tell([good, { x: [0.5, 2.5], value: 1 }])).toThrow(
      /solutions\[1\]\.x\[1\] = 2.5 is outside/,
    );
    expect(() => opt.tell([good, { x: [2, 2], value: 1 }])).toThrow(/x\[0\] = 2 is outside/);
    expect(() => opt.tell([good, { x: [0.5, 2], value: Number.NaN }])).toThrow(
      /value must be a finite number, got NaN/,
    );
    expect(() => opt.tell(good as never)).toThrow(TypeError);
    expect(opt.evaluations).toBe(0);
  });

  it("checks its options", () => {
    const space = [uniformPrior(0, 1)];
    const bad: [TpeOptimizerOptions, RegExp][] = [
      [{ space: [] }, /space must be a non-empty array/],
      [{ space: [uniformPrior(1, 1)] }, /space\[0\]: a continuous dimension needs finite low < high/],
      [{ space, nStartupTrials: -1 }, /nStartupTrials must be an integer >= 0, got -1/],
      [{ space, nEiCandidates: 0 }, /nEiCandidates must be an integer >= 1, got 0/],
      [{ space, priorWeight: 0 }, /priorWeight must be positive and finite, got 0/],
      [{ space, gamma: 3 as never }, /gamma must be a function/],
      [{ space, rng: {} as never }, /rng must be an Rng/],
    ];
    for (const [o, re] of bad) expect(() => new TpeOptimizer(o)).toThrow(re);
    const opt = new TpeOptimizer({ space, nStartupTrials: 1, gamma: (n) => n + 1 });
    opt.tell([{ x: [0.5], value: 1 }]);
    expect(() => opt.ask()).toThrow(/TpeOptimizer.ask: gamma\(1\) must return an integer in 0..1, got 2/);
  });

  it("needs the custom functions back from fromJSON, and uses them", () => {
    const gamma = (n: number) => Math.min(n, 2);
    const bandwidth = { kind: "custom", sigmas: (c: { mus: Float64Array }) => c.mus.map(() => 0.5) } as const;
    const opt = new TpeOptimizer({
      space: [uniformPrior(-2, 2)],
      seed: 3,
      gamma,
      bandwidth,
      nStartupTrials: 2,
    });
    run(opt, 6, (x) => x[0]! ** 2);
    const state = opt.toJSON();
    expect(state.gamma).toBe("custom");
    expect(state.bandwidth).toEqual({ kind: "custom" });
    expect(() => TpeOptimizer.fromJSON(state)).toThrow(/gamma is custom: pass it in functions.gamma/);
    expect(() => TpeOptimizer.fromJSON(state, { gamma })).toThrow(/bandwidth is custom/);
    const copy = TpeOptimizer.fromJSON(state, { gamma, bandwidth });
    expect(Array.from(copy.ask())).toEqual(Array.from(opt.ask()));
    expect(() => TpeOptimizer.fromJSON({ ...state, version: 2 as never })).toThrow(
      /expected a version-1 state/,
    );
  });
});
