import { describe, expect, it } from "vitest";
import {
  constrictionFactor,
  inertiaWeight,
  moveParticle,
  neighbourhoodBest,
  ParticleSwarm,
  type ParticleSwarmOptions,
} from "../../src/population/index.js";
import { optimizerContract } from "../../src/testing/index.js";

optimizerContract(
  "ParticleSwarm, constriction, global best",
  (seed, p) => new ParticleSwarm({ bounds: p.bounds, seed }),
  ParticleSwarm.fromJSON,
  { exactBatch: false },
);
optimizerContract(
  "ParticleSwarm, inertia weight, ring",
  (seed, p) =>
    new ParticleSwarm({
      bounds: p.bounds,
      variant: { kind: "inertia", iterations: 30 },
      topology: { kind: "ring" },
      seed,
    }),
  ParticleSwarm.fromJSON,
  { exactBatch: false },
);

describe("constrictionFactor", () => {
  it("is 0.72984 for φ = 4.1 (Clerc & Kennedy 2002)", () => {
    expect(constrictionFactor(4.1)).toBeCloseTo(0.72984, 5);
    // 2 / |2 − 4.1 − √(4.1² − 16.4)| = 2 / (2.1 + √0.41).
    expect(constrictionFactor(4.1)).toBe(2 / Math.abs(2 - 4.1 - Math.sqrt(4.1 * 4.1 - 4 * 4.1)));
  });
  it("refuses φ ≤ 4", () => {
    expect(() => constrictionFactor(4)).toThrow("constrictionFactor: phi must be a finite number > 4, got 4");
    expect(() => constrictionFactor(Number.NaN)).toThrow(RangeError);
  });
});

describe("inertiaWeight", () => {
  it("decreases linearly from w_start to w_end over T iterations, then stays", () => {
    expect(inertiaWeight(0.9, 0.4, 100, 0)).toBe(0.9);
    expect(inertiaWeight(0.9, 0.4, 100, 50)).toBeCloseTo(0.65, 15);
    expect(inertiaWeight(0.9, 0.4, 100, 100)).toBeCloseTo(0.4, 15);
    expect(inertiaWeight(0.9, 0.4, 100, 1000)).toBeCloseTo(0.4, 15);
  });
});

describe("neighbourhoodBest", () => {
  const values = [5, null, 1, 7, 3, 9];
  it("global: the best personal best of the swarm", () => {
    for (let i = 0; i < values.length; i++) expect(neighbourhoodBest(values, { kind: "global" }, i)).toBe(2);
  });
  it("ring (k = 2): the best of i − 1, i, i + 1, cyclically; unevaluated skipped", () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => neighbourhoodBest(values, { kind: "ring" }, i))).toEqual([
      0, 2, 2, 2, 4, 4,
    ]);
    expect(neighbourhoodBest([null, null, null], { kind: "ring" }, 1)).toBe(-1);
  });
});

describe("moveParticle", () => {
  it("inertia rule: v = w v + c1 r1 (p − x) + c2 r2 (l − x), then x + v", () => {
    const x = Float64Array.of(0.5);
    const v = Float64Array.of(0.1);
    const draws = [0.5, 0.25];
    moveParticle(
      x,
      v,
      [0.7],
      [0.9],
      { kind: "inertia", w: 0.8, c1: 2, c2: 2 },
      null,
      [0],
      [1],
      () => draws.shift()!,
    );
    const expected = 0.8 * 0.1 + 2 * 0.5 * 0.2 + 2 * 0.25 * 0.4;
    expect(v[0]).toBeCloseTo(expected, 15);
    expect(x[0]).toBeCloseTo(0.5 + expected, 15);
  });
  it("constriction rule multiplies the whole velocity by χ", () => {
    const x = Float64Array.of(0.5);
    const v = Float64Array.of(0.1);
    const draws = [0.5, 0.25];
    moveParticle(
      x,
      v,
      [0.7],
      [0.9],
      { kind: "constriction", chi: 0.7, c1: 2, c2: 2 },
      null,
      [0],
      [1],
      () => draws.shift()!,
    );
    expect(v[0]).toBeCloseTo(0.7 * (0.1 + 2 * 0.5 * 0.2 + 2 * 0.25 * 0.4), 15);
  });
  it("clamps |v| to v_max, and at a bound sets x to the bound and v to 0", () => {
    const x = Float64Array.of(0.5, 0.95);
    const v = Float64Array.of(3, 0.2);
    moveParticle(
      x,
      v,
      null,
      null,
      { kind: "inertia", w: 1, c1: 0, c2: 0 },
      [0.25, 1],
      [0, 0],
      [1, 1],
      () => 0.5,
    );
    expect(Array.from(v)).toEqual([0.25, 0]);
    expect(Array.from(x)).toEqual([0.75, 1]);
  });
});

const sphere = (x: Float64Array) => x.reduce((s, v) => s + (v - 0.3) ** 2, 0);
const rosenbrock = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = 4 * x[i]! - 2;
    const b = 4 * x[i + 1]! - 2;
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
};
function bestAfter(
  options: ParticleSwarmOptions,
  f: (x: Float64Array) => number,
  evaluations: number,
): number {
  const o = new ParticleSwarm(options);
  for (let i = 0; i < evaluations; i++) {
    const x = o.ask();
    o.tell([{ x, value: f(x) }]);
  }
  return o.best!.value;
}

describe("ParticleSwarm converges (5-D on [0, 1]^5, Rosenbrock on [−2, 2]^5, seeds 1-3, 5,000 evaluations)", () => {
  for (const seed of [1, 2, 3]) {
    it(`constriction, global best: sphere < 1e-15, Rosenbrock < 1; seed ${seed}`, () => {
      expect(bestAfter({ dim: 5, seed }, sphere, 5000)).toBeLessThan(1e-15);
      expect(bestAfter({ dim: 5, seed }, rosenbrock, 5000)).toBeLessThan(1);
    });
    it(`constriction, ring: sphere < 1e-12, Rosenbrock < 2; seed ${seed}`, () => {
      const o = { dim: 5, seed, topology: { kind: "ring" } } as const;
      expect(bestAfter(o, sphere, 5000)).toBeLessThan(1e-12);
      expect(bestAfter(o, rosenbrock, 5000)).toBeLessThan(2);
    });
    it(`inertia 0.9 → 0.4 over 300 iterations: sphere < 1e-15, Rosenbrock < 2; seed ${seed}`, () => {
      const o = { dim: 5, seed, variant: { kind: "inertia", iterations: 300 } } as const;
      expect(bestAfter(o, sphere, 5000)).toBeLessThan(1e-15);
      expect(bestAfter(o, rosenbrock, 5000)).toBeLessThan(2);
    });
  }
});

describe("ParticleSwarm ask/tell", () => {
  it("asks each particle's position once per iteration; a failed particle is asked again (same point)", () => {
    const pso = new ParticleSwarm({ dim: 2, populationSize: 4, seed: 1 });
    const xs = Array.from({ length: 4 }, () => pso.ask());
    expect(xs.map((x) => Array.from(x))).toEqual(pso.current.x);
    pso.fail(xs[1]!);
    const again = pso.ask();
    expect(Array.from(again)).toEqual(Array.from(xs[1]!));
    pso.tell([...xs.filter((_, i) => i !== 1), again].map((x) => ({ x, value: sphere(x) })));
    expect(pso.iteration).toBe(1);
    expect(pso.current.bestValue.every((v) => v !== null)).toBe(true);
  });

  it("more asks than particles ask the same positions again; a straggler updates its personal best only", () => {
    const pso = new ParticleSwarm({ dim: 2, populationSize: 3, seed: 2 });
    const xs = Array.from({ length: 4 }, () => pso.ask());
    expect(Array.from(xs[3]!)).toEqual(Array.from(xs[0]!));
    pso.tell(xs.slice(0, 3).map((x) => ({ x, value: sphere(x) })));
    expect(pso.iteration).toBe(1);
    pso.tell([{ x: xs[3]!, value: -1 }]);
    expect(pso.current.bestValue[0]).toBe(-1);
    expect(pso.iteration).toBe(1);
  });

  it("keeps positions inside the box and |v| ≤ v_max", () => {
    const pso = new ParticleSwarm({ bounds: { lower: [-1, 2], upper: [1, 3] }, vMaxFraction: 0.1, seed: 3 });
    for (let i = 0; i < 600; i++) {
      const x = pso.ask();
      expect(x[0]).toBeGreaterThanOrEqual(-1);
      expect(x[1]).toBeLessThanOrEqual(3);
      pso.tell([{ x, value: (x[0]! - 5) ** 2 + x[1]! }]);
      for (const v of pso.current.v) {
        expect(Math.abs(v[0]!)).toBeLessThanOrEqual(0.2 + 1e-15);
        expect(Math.abs(v[1]!)).toBeLessThanOrEqual(0.1 + 1e-15);
      }
    }
    // The optimum (1, 2) is a corner: the absorbing walls hold the particles there.
    expect(pso.best!.x).toEqual([1, 2]);
  });

  it("refuses bad options with the option and its range", () => {
    expect(() => new ParticleSwarm({ dim: 2, populationSize: 1, seed: 1 })).toThrow(
      "ParticleSwarm: populationSize must be an integer >= 2, got 1",
    );
    expect(() => new ParticleSwarm({ dim: 2, variant: { kind: "constriction", phi: 4 }, seed: 1 })).toThrow(
      "ParticleSwarm: variant.phi must be a number in (4, 100], got 4",
    );
    expect(() => new ParticleSwarm({ dim: 2, variant: { kind: "inertia", iterations: 0 }, seed: 1 })).toThrow(
      /variant.iterations must be an integer >= 1/,
    );
    expect(() => new ParticleSwarm({ dim: 2, variant: { kind: "inertia", c1: -1 }, seed: 1 })).toThrow(
      /variant.c1/,
    );
    expect(() => new ParticleSwarm({ dim: 2, vMaxFraction: 0, seed: 1 })).toThrow(
      "ParticleSwarm: vMaxFraction must be a number in (0, 1], got 0",
    );
    expect(() => new ParticleSwarm({ dim: 2, topology: { kind: "star" } as never, seed: 1 })).toThrow(
      /topology/,
    );
    expect(
      () => new ParticleSwarm({ dim: 2, populationSize: 2, topology: { kind: "ring" }, seed: 1 }),
    ).toThrow(/ring topology/);
  });
});
