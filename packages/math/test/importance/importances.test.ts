import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ImportanceData,
  type ImportanceEvaluator,
  type ImportanceParam,
  importances,
  mdiImportances,
  pedAnovaImportances,
  topQuantile,
  weightedScott,
} from "../../src/importance/index.js";
import { Rng, shuffle } from "../../src/random/index.js";

const EVALUATORS: ImportanceEvaluator[] = ["fanova", "ped-anova", "mdi"];
const SMALL = { nTrees: 8 } as const;

/** Random mixed parameters and trials; y from a random additive function plus noise. */
const dataArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    n: fc.integer({ min: 8, max: 40 }),
    kinds: fc.array(fc.constantFrom("float", "log", "int", "cat"), { minLength: 2, maxLength: 4 }),
    names: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ seed, n, kinds, names }) => {
    const rng = Rng.fromSeed(seed);
    const d = kinds.length;
    const params: ImportanceParam[] = kinds.map((k, j) => ({
      name: names[j]!,
      distribution:
        k === "float"
          ? { kind: "float", low: -2, high: 3 }
          : k === "log"
            ? { kind: "float", low: 1e-3, high: 10, log: true }
            : k === "int"
              ? { kind: "int", low: 0, high: 6 }
              : { kind: "categorical", choices: 3 },
    }));
    const X = new Float64Array(n * d);
    const y = new Float64Array(n);
    const coef = Array.from({ length: d }, () => rng.uniform(-2, 2));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const k = kinds[j]!;
        const v =
          k === "float"
            ? rng.uniform(-2, 3)
            : k === "log"
              ? Math.exp(rng.uniform(Math.log(1e-3), Math.log(10)))
              : k === "int"
                ? rng.int(0, 6)
                : rng.int(0, 2);
        X[i * d + j] = v;
        y[i]! += coef[j]! * (k === "log" ? Math.log(v) : v) ** 2;
      }
      y[i]! += 0.1 * rng.normal();
    }
    return { params, X, y } satisfies ImportanceData;
  });

function permute(data: ImportanceData, perm: readonly number[]): ImportanceData {
  const d = data.params.length;
  const n = data.y.length;
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = data.X[i * d + perm[j]!]!;
  return { params: perm.map((p) => data.params[p]!), X, y: data.y };
}

describe("importances (properties)", () => {
  it("every evaluator: importances >= 0, sum to 1, one entry per parameter, sorted decreasing", () => {
    fc.assert(
      fc.property(dataArb, fc.constantFrom(...EVALUATORS), (data, evaluator) => {
        const r = importances(data, { evaluator, ...SMALL, seed: 3 });
        expect(r.size).toBe(data.params.length);
        const v = [...r.values()];
        for (const x of v) expect(x).toBeGreaterThanOrEqual(0);
        expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        for (let i = 1; i < v.length; i++) expect(v[i]!).toBeLessThanOrEqual(v[i - 1]!);
      }),
      { numRuns: 40 },
    );
  });

  it("every evaluator: invariant to a permutation of the parameters (and X's columns)", () => {
    fc.assert(
      fc.property(
        dataArb,
        fc.constantFrom(...EVALUATORS),
        fc.integer({ min: 0, max: 1000 }),
        (data, evaluator, s) => {
          const perm = shuffle(
            Rng.fromSeed(s),
            Array.from({ length: data.params.length }, (_, j) => j),
          );
          const a = importances(data, { evaluator, ...SMALL, seed: 5 });
          const b = importances(permute(data, perm), { evaluator, ...SMALL, seed: 5 });
          for (const [k, v] of a) expect(b.get(k)!).toBeCloseTo(v, 12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("fanova: invariant to an increasing affine rescaling of a parameter's range and values", () => {
    fc.assert(
      fc.property(
        dataArb,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (data, a, b) => {
          const j = data.params.findIndex(
            (p) => p.distribution.kind === "float" && p.distribution.log !== true,
          );
          fc.pre(j >= 0);
          const d = data.params.length;
          const params = data.params.map((p, k) =>
            k === j
              ? { name: p.name, distribution: { kind: "float" as const, low: a * -2 + b, high: a * 3 + b } }
              : p,
          );
          const X = data.X.map((v, i) =>
            i % d === j ? Math.min(a * 3 + b, Math.max(a * -2 + b, a * v + b)) : v,
          );
          const r1 = importances(data, { evaluator: "fanova", ...SMALL, seed: 1 });
          const r2 = importances({ params, X, y: data.y }, { evaluator: "fanova", ...SMALL, seed: 1 });
          for (const [k, v] of r1) expect(Math.abs(r2.get(k)! - v)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("mdi: log or linear modelling of a log parameter gives the same importances (only ranks matter)", () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const a = mdiImportances(data, { ...SMALL, seed: 2, logSpace: true });
        const b = mdiImportances(data, { ...SMALL, seed: 2, logSpace: false });
        for (let j = 0; j < a.length; j++) expect(b[j]!).toBeCloseTo(a[j]!, 12);
      }),
      { numRuns: 30 },
    );
  });

  it("names may be any string, __proto__ and constructor included", () => {
    const rng = Rng.fromSeed(1);
    const n = 30;
    const X = Float64Array.from({ length: 2 * n }, () => rng.random());
    const y = Float64Array.from({ length: n }, (_, i) => 5 * X[2 * i]! + X[2 * i + 1]!);
    const params = ["__proto__", "constructor"].map((name) => ({
      name,
      distribution: { kind: "float" as const, low: 0, high: 1 },
    }));
    for (const evaluator of EVALUATORS) {
      const r = importances({ params, X, y }, { evaluator, ...SMALL });
      expect([...r.keys()]).toEqual(["__proto__", "constructor"]);
    }
  });
});

describe("pedAnovaImportances", () => {
  it("is 0 for every parameter when the target set is the region (γ' = γ in effect)", () => {
    // All losses equal: every trial is in the top 10%, so p_T = p_R.
    const X = Float64Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? i / 40 : i % 3));
    const data: ImportanceData = {
      params: [
        { name: "a", distribution: { kind: "float", low: 0, high: 1 } },
        { name: "b", distribution: { kind: "categorical", choices: 3 } },
      ],
      X,
      y: new Float64Array(20),
    };
    for (const v of pedAnovaImportances(data)) expect(v).toBeCloseTo(0, 9);
  });

  it("topQuantile keeps the ⌈q·n⌉ smallest losses and ties at the cut", () => {
    expect([...topQuantile(Float64Array.of(5, 1, 3, 3, 9), 0.5)]).toEqual([2, 3, 1].sort());
    expect([...topQuantile(Float64Array.of(5, 1, 3, 4, 9), 0.1)]).toEqual([1]);
  });

  it("weightedScott with unit weights is Scott's rule 1.059·min(IQR/1.34, sd)·n^(-1/5)", () => {
    const x = Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const sd = Math.sqrt(42 / 7);
    const iqr = 6 - 2; // cumulative-weight quartiles at counts 2 and > 6
    expect(weightedScott(x, [1, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(
      1.059 * Math.min(iqr / 1.34, sd) * 8 ** -0.2,
      14,
    );
  });
});

describe("importances (errors)", () => {
  const params = [{ name: "x", distribution: { kind: "float" as const, low: 0, high: 1 } }];
  it("names the argument and the allowed range", () => {
    expect(() => importances({ params, X: Float64Array.of(0.5), y: Float64Array.of(1) })).toThrow(
      /need at least 2 trials with every parameter, got 1/,
    );
    const ok = { params, X: Float64Array.of(0.1, 0.9), y: Float64Array.of(1, 2) };
    expect(() => importances(ok, { evaluator: "shap" as ImportanceEvaluator })).toThrow(/evaluator must be/);
    expect(() => importances(ok, { targetQuantile: 0.5, regionQuantile: 0.4 })).toThrow(
      /0 < targetQuantile < regionQuantile <= 1/,
    );
    expect(() => importances({ ...ok, X: Float64Array.of(0.1, 2) })).toThrow(
      /X\[1, 0\] = 2 is outside "x"'s \[0, 1\]/,
    );
    expect(() => importances({ ...ok, y: Float64Array.of(1, Number.NaN) })).toThrow(/y must be finite/);
    expect(() => importances({ ...ok, params: [...params, ...params], X: new Float64Array(4) })).toThrow(
      /distinct/,
    );
    expect(() => importances(ok, { evaluator: "fanova", nTrees: 0 })).toThrow(
      /nTrees must be an integer >= 1/,
    );
  });
});
