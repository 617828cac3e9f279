import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AcoVariable,
  AntColony,
  acoCategoricalProbabilities,
  acoConstruct,
  acoProbabilities,
  acoSigma,
  acoWeights,
} from "../../src/population/aco/index.js";
import { Rng } from "../../src/random/rng.js";
import { optimizerContract } from "../../src/testing/index.js";

optimizerContract("AntColony", (seed, p) => new AntColony({ bounds: p.bounds, seed }), AntColony.fromJSON);
optimizerContract(
  "AntColony (k = 10, m = 5, q = 0.05)",
  (seed, p) => new AntColony({ bounds: p.bounds, seed, archiveSize: 10, ants: 5, q: 0.05 }),
  AntColony.fromJSON,
);

const sphere = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! ** 2;
  return s;
};

function runAco(aco: AntColony, f: (x: Float64Array) => number, evaluations: number): number {
  let told = 0;
  while (told < evaluations) {
    const xs = Array.from({ length: aco.populationSize }, () => aco.ask());
    aco.tell(xs.map((x) => ({ x, value: f(x) })));
    told += xs.length;
  }
  return aco.best()!.value;
}

describe("acoWeights", () => {
  it("equals the hand-computed Gaussian of rank: k = 3, q = 0.5 (q·k = 1.5)", () => {
    // ω_l = 1/(1.5·√(2π)) · exp(−(l − 1)²/(2·1.5²)), by hand (Python's math module).
    const w = acoWeights(3, 0.5);
    expect(w[0]).toBeCloseTo(0.2659615202676218, 15);
    expect(w[1]).toBeCloseTo(0.2129653370149015, 15);
    expect(w[2]).toBeCloseTo(0.10934004978399577, 15);
  });

  it("gives probabilities ω_l / Σω summing to 1, decreasing with rank", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        (k, q) => {
          const p = acoProbabilities(k, q);
          const w = acoWeights(k, q);
          const total = w.reduce((a, b) => a + b, 0);
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (let l = 0; l < k; l++) {
            if (total > 0 && Number.isFinite(total)) expect(p[l]).toBeCloseTo(w[l]! / total, 12);
            if (l > 0) expect(p[l]!).toBeLessThanOrEqual(p[l - 1]!);
          }
        },
      ),
    );
  });

  it("puts every ant on the best solution with the paper's q = 1e-4 and k = 50", () => {
    const p = acoProbabilities(50, 1e-4);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
  });

  it("refuses a bad k or q with a one-line error naming it", () => {
    expect(() => acoWeights(0, 1)).toThrow(/acoWeights: k must be a positive integer, got 0/);
    expect(() => acoWeights(2.5, 1)).toThrow(/k must be a positive integer/);
    expect(() => acoWeights(3, 0)).toThrow(/acoWeights: q must be positive and finite, got 0/);
    expect(() => acoProbabilities(3, Number.NaN)).toThrow(/acoProbabilities: q must be positive and finite/);
    expect(() => acoProbabilities(3, Number.POSITIVE_INFINITY)).toThrow(/q must be positive and finite/);
  });
});

describe("acoSigma", () => {
  // Three members in two dimensions: s_1 = (0, 10), s_2 = (1, 7), s_3 = (3, 4).
  const archive = Float64Array.of(0, 10, 1, 7, 3, 4);
  it("equals ξ · Σ_e |s_e − s_l| / (k − 1) on a 3-member archive", () => {
    expect(acoSigma(archive, 2, 0, 0, 0.85)).toBeCloseTo((0.85 * (1 + 3)) / 2, 15);
    expect(acoSigma(archive, 2, 1, 1, 0.85)).toBeCloseTo((0.85 * (3 + 3)) / 2, 15);
    expect(acoSigma(archive, 2, 2, 0, 0.5)).toBeCloseTo((0.5 * (3 + 2)) / 2, 15);
    expect(acoSigma(archive, 2, 0, 1, 1)).toBeCloseTo((3 + 6) / 2, 15);
  });

  it("is 0 when every member agrees on the coordinate", () => {
    expect(acoSigma(Float64Array.of(2, 1, 2, 5, 2, 9), 2, 1, 0, 0.85)).toBe(0);
  });

  it("refuses bad arguments", () => {
    expect(() => acoSigma(archive, 0, 0, 0, 1)).toThrow(/acoSigma: n must be a positive integer/);
    expect(() => acoSigma(Float64Array.of(1, 2), 2, 0, 0, 1)).toThrow(/archive must hold k >= 2 rows/);
    expect(() => acoSigma(archive, 2, 3, 0, 1)).toThrow(/acoSigma: l must be an integer in \[0, 2\], got 3/);
    expect(() => acoSigma(archive, 2, 0, 2, 1)).toThrow(/acoSigma: i must be an integer in \[0, 1\], got 2/);
    expect(() => acoSigma(archive, 2, 0, 0, -1)).toThrow(/acoSigma: xi must be positive and finite, got -1/);
  });
});

describe("acoCategoricalProbabilities", () => {
  it("equals ACO_MV's rule by hand: archive (best first) 2, 0, 2 of 4 values, q = 1", () => {
    const [w1, w2] = acoWeights(3, 1);
    // Value 2: ω_1 / 2 (best holder rank 1, two holders); value 0: ω_2 / 1; values 1 and 3
    // unused (η = 2): each value gets q/η = 1/2 on top.
    const raw = [w2! + 0.5, 0.5, w1! / 2 + 0.5, 0.5];
    const total = raw.reduce((a, b) => a + b, 0);
    const o = acoCategoricalProbabilities([2, 0, 2], 4, 1);
    for (let v = 0; v < 4; v++) expect(o[v]).toBeCloseTo(raw[v]! / total, 15);
  });

  it("adds nothing for unused values when every value is used (η = 0)", () => {
    const w = acoWeights(3, 0.5);
    const o = acoCategoricalProbabilities([1, 0, 1], 2, 0.5);
    const raw = [w[1]!, w[0]! / 2];
    expect(o[0]).toBeCloseTo(raw[0]! / (raw[0]! + raw[1]!), 15);
  });

  it("sums to 1 and favours the best solution's value (q = 1e-4, the paper's)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((c) =>
            fc.tuple(
              fc.constant(c),
              fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: 1, maxLength: 60 }),
            ),
          ),
        fc.double({ min: 1e-6, max: 5, noNaN: true }),
        ([c, values], q) => {
          const o = acoCategoricalProbabilities(values, c, q);
          expect(o.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (const p of o) expect(p).toBeGreaterThanOrEqual(0);
          const paper = acoCategoricalProbabilities(values, c, 1e-4);
          const best = values[0]!;
          for (let v = 0; v < c; v++) if (v !== best) expect(paper[best]!).toBeGreaterThan(paper[v]!);
        },
      ),
    );
  });

  it("gives an unused value a positive probability", () => {
    const o = acoCategoricalProbabilities([0, 0, 0], 3, 0.1);
    expect(o[1]).toBeGreaterThan(0);
    expect(o[1]).toBeCloseTo(o[2]!, 15);
  });

  it("refuses bad arguments", () => {
    expect(() => acoCategoricalProbabilities([], 3, 1)).toThrow(/values must not be empty/);
    expect(() => acoCategoricalProbabilities([0], 0, 1)).toThrow(/c must be a positive integer, got 0/);
    expect(() => acoCategoricalProbabilities([3], 3, 1)).toThrow(
      /values\[0\] must be an integer in \[0, 2\], got 3/,
    );
    expect(() => acoCategoricalProbabilities([0], 3, -1)).toThrow(/q must be positive and finite, got -1/);
    expect(() => acoCategoricalProbabilities([0, 1], 3, 1, [1])).toThrow(/omega must have 2 weights, got 1/);
  });
});

describe("AntColony", () => {
  it("converges on the 5-D sphere over [-5, 5]^5: best < 1e-8 after 3,000 evaluations (seeds 1-5, defaults)", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const aco = new AntColony({ bounds: { lower: Array(5).fill(-5), upper: Array(5).fill(5) }, seed });
      const best = runAco(aco, sphere, 3000);
      expect(best, `seed ${seed}`).toBeLessThan(1e-8);
    }
  });

  it("fills the archive with k uniform draws, then asks m ants per iteration", () => {
    const aco = new AntColony({ bounds: { lower: [0, 0], upper: [1, 1] }, archiveSize: 7, ants: 3, seed: 2 });
    expect(aco.populationSize).toBe(7);
    runAco(aco, sphere, 7);
    expect(aco.populationSize).toBe(3);
    expect(aco.getArchive().size).toBe(7);
    runAco(aco, sphere, 3);
    expect(aco.iteration).toBe(2);
    const { values } = aco.getArchive();
    for (let e = 1; e < values.length; e++) expect(values[e]!).toBeGreaterThanOrEqual(values[e - 1]!);
  });

  it("keeps the k best of the archive and the new ants", () => {
    const aco = new AntColony({ bounds: { lower: [0], upper: [10] }, archiveSize: 3, ants: 2, seed: 1 });
    aco.tell([1, 5, 9].map((v) => ({ x: [v], value: v })));
    aco.tell([
      { x: [2], value: 2 },
      { x: [7], value: 7 },
    ]);
    expect(Array.from(aco.getArchive().values)).toEqual([1, 2, 5]);
    expect(Array.from(aco.getArchive().solutions)).toEqual([1, 2, 5]);
  });

  it("drops failures (+Infinity) and refills the archive with uniform draws", () => {
    const aco = new AntColony({ bounds: { lower: [0], upper: [1] }, archiveSize: 3, ants: 2, seed: 1 });
    aco.tell([
      { x: [0.1], value: 1 },
      { x: [0.2], value: Number.POSITIVE_INFINITY },
      { x: [0.3], value: 3 },
    ]);
    expect(aco.getArchive().size).toBe(2);
    expect(aco.populationSize).toBe(1);
    aco.tell([{ x: [0.4], value: 2 }]);
    expect(Array.from(aco.getArchive().values)).toEqual([1, 2, 3]);
    expect(aco.populationSize).toBe(2);
    aco.tell([
      { x: [0.5], value: Number.POSITIVE_INFINITY },
      { x: [0.6], value: 0.5 },
    ]);
    expect(Array.from(aco.getArchive().values)).toEqual([0.5, 1, 2]);
  });

  const mixed: AcoVariable[] = [
    { kind: "continuous", low: -2, high: 3 },
    { kind: "ordinal", low: -3, high: 4 },
    { kind: "categorical", size: 4 },
    { kind: "continuous", low: 1, high: 1 },
  ];
  const mixedObjective = (x: Float64Array): number =>
    (x[0]! - 1) ** 2 + (x[1]! - 2) ** 2 + (x[2] === 3 ? 0 : 1) + x[3]!;

  it("keeps mixed variables in their domains and finds the mixed optimum (q = 0.1)", () => {
    // With the paper's q = 1e-4 an unused categorical value gets q/η against ω_1 ≈ 400: the
    // categorical search stops once the archive agrees; q = 0.1 keeps it exploring.
    const aco = new AntColony({ variables: mixed, archiveSize: 10, ants: 2, q: 0.1, seed: 4 });
    let told = 0;
    while (told < 600) {
      const xs = Array.from({ length: aco.populationSize }, () => aco.ask());
      for (const x of xs) {
        expect(x[0]!).toBeGreaterThanOrEqual(-2);
        expect(x[0]!).toBeLessThanOrEqual(3);
        expect(Number.isInteger(x[1]) && x[1]! >= -3 && x[1]! <= 4).toBe(true);
        expect(Number.isInteger(x[2]) && x[2]! >= 0 && x[2]! <= 3).toBe(true);
        expect(x[3]).toBe(1);
      }
      aco.tell(xs.map((x) => ({ x, value: mixedObjective(x) })));
      told += xs.length;
    }
    const best = aco.best()!;
    expect(best.x[1]).toBe(2);
    expect(best.x[2]).toBe(3);
    expect(best.value).toBeLessThan(1 + 1e-6);
  });

  it("asks what acoConstruct builds from its archive with the same generator", () => {
    const aco = new AntColony({ variables: mixed, archiveSize: 5, ants: 2, q: 0.3, seed: 6 });
    runAco(aco, mixedObjective, 9);
    const { solutions, size } = aco.getArchive();
    const rng = Rng.fromState(aco.toJSON().rng);
    for (let t = 0; t < 5; t++)
      expect(aco.ask()).toEqual(acoConstruct(solutions, size, mixed, 0.3, 0.85, rng));
    expect(() => acoConstruct(solutions, 1, mixed, 0.3, 0.85, rng)).toThrow(
      /acoConstruct: k must be an integer >= 2/,
    );
    const bad = solutions.slice();
    bad[2] = 7;
    expect(() => acoConstruct(bad, size, mixed, 0.3, 0.85, rng)).toThrow(
      /archive\[0\]\[2\] must be an integer in \[0, 3\], got 7/,
    );
  });

  it("round-trips its state through JSON with mixed variables, continuing identically", () => {
    const a = new AntColony({ variables: mixed, archiveSize: 6, ants: 3, seed: 9 });
    runAco(a, mixedObjective, 30);
    const b = AntColony.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.toJSON()).toStrictEqual(a.toJSON());
    const xa = Array.from({ length: 10 }, () => a.ask());
    const xb = Array.from({ length: 10 }, () => b.ask());
    expect(xb).toEqual(xa);
  });

  it("refuses bad options and bad states with one-line errors naming them", () => {
    const b = { lower: [0], upper: [1] };
    expect(() => new AntColony({ bounds: b, archiveSize: 1 })).toThrow(
      /AntColony: archiveSize must be an integer >= 2, got 1/,
    );
    expect(() => new AntColony({ bounds: b, ants: 0 })).toThrow(
      /AntColony: ants must be an integer >= 1, got 0/,
    );
    expect(() => new AntColony({ bounds: b, q: 0 })).toThrow(
      /AntColony: q must be positive and finite, got 0/,
    );
    expect(() => new AntColony({ bounds: b, xi: Number.NaN })).toThrow(
      /AntColony: xi must be positive and finite, got NaN/,
    );
    expect(() => new AntColony({ bounds: b, seed: 0.5 })).toThrow(/AntColony: seed must be a safe integer/);
    expect(() => new AntColony({})).toThrow(/AntColony: variables or bounds is required/);
    expect(() => new AntColony({ bounds: { lower: [1], upper: [0] } })).toThrow(
      /variables\[0\] needs finite low <= high/,
    );
    expect(() => new AntColony({ bounds: { lower: [0, 0], upper: [1] } })).toThrow(/same length/);
    expect(() => new AntColony({ variables: [] })).toThrow(/variables must be a non-empty array/);
    expect(() => new AntColony({ variables: [{ kind: "categorical", size: 0 }] })).toThrow(
      /variables\[0\].size must be a positive integer, got 0/,
    );
    expect(() => new AntColony({ variables: [{ kind: "ordinal", low: 0.5, high: 2 }] })).toThrow(
      /needs integer bounds/,
    );
    expect(() => new AntColony({ variables: [{ kind: "nope" } as unknown as AcoVariable] })).toThrow(
      /kind must be/,
    );
    expect(() => AntColony.fromJSON({ version: 2 } as never)).toThrow(/expected a version-1 state record/);
    const aco = new AntColony({ variables: mixed, archiveSize: 2 });
    expect(() =>
      aco.tell([
        { x: [0, 0, 4, 1], value: 1 },
        { x: [0, 0, 0, 1], value: 1 },
      ]),
    ).toThrow(/x\[2\] must be an integer in \[0, 3\], got 4/);
    expect(() =>
      aco.tell([
        { x: [0, 0.5, 0, 1], value: 1 },
        { x: [0, 0, 0, 1], value: 1 },
      ]),
    ).toThrow(/x\[1\] must be an integer in \[-3, 4\], got 0.5/);
  });
});
