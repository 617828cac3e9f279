import { describe, expect, it } from "vitest";
import {
  encodeFeatures,
  FanovaTree,
  fanovaImportances,
  fitRegressionForest,
  type ImportanceData,
  importances,
} from "../../src/importance/index.js";
import { Rng } from "../../src/random/index.js";

/**
 * f(x) = Σ_i a_i g_i(x_i) (+ an optional interaction) on the full grid of k^d cell centres of
 * [0, 1]^d: a tree grown on all rows has the grid cells as leaves, so its functional ANOVA is
 * exact and the main-effect fractions are Var(a_i g_i)/Var(f) over the grid.
 */
function gridData(k: number, fs: ((x: number) => number)[], inter = 0): ImportanceData {
  const d = fs.length;
  const n = k ** d;
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = i;
    let v = 0;
    for (let j = 0; j < d; j++) {
      const x = ((r % k) + 0.5) / k;
      r = Math.floor(r / k);
      X[i * d + j] = x;
      v += fs[j]!(x);
    }
    y[i] = v + inter * (X[i * d]! - 0.5) * (X[i * d + 1]! - 0.5);
  }
  const params = fs.map((_, j) => ({
    name: `x${j}`,
    distribution: { kind: "float" as const, low: 0, high: 1 },
  }));
  return { params, X, y };
}

function gridVariance(k: number, g: (x: number) => number): number {
  const v = Array.from({ length: k }, (_, i) => g((i + 0.5) / k));
  const m = v.reduce((a, b) => a + b, 0) / k;
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / k;
}

const fs = [
  (x: number) => 10 * x * x,
  (x: number) => 3 * Math.sin(6 * x),
  (x: number) => x,
  (_x: number) => 0,
];

describe("FanovaTree", () => {
  it("on an additive function over a full grid, one exact tree gives the analytic variance fractions", () => {
    const k = 8;
    const data = gridData(k, fs);
    const enc = encodeFeatures(data, true);
    const [tree] = fitRegressionForest(enc.X, enc.nColumns, data.y, Rng.fromSeed(1), {
      nTrees: 1,
      bootstrap: false,
    });
    const ft = new FanovaTree(tree!, enc.bounds, enc.nColumns);
    const vars = fs.map((g) => gridVariance(k, g));
    const total = vars.reduce((a, b) => a + b, 0);
    expect(ft.variance).toBeCloseTo(total, 10);
    let sum = 0;
    for (let j = 0; j < fs.length; j++) {
      const v = ft.marginalVariance([j]);
      expect(v / ft.variance).toBeCloseTo(vars[j]! / total, 10);
      sum += v;
    }
    expect(sum / ft.variance).toBeCloseTo(1, 10); // additive: main effects explain everything
    expect(ft.marginalVariance([0, 1]) / ft.variance).toBeCloseTo((vars[0]! + vars[1]!) / total, 10);
  });

  it("a pure interaction (x0 - 1/2)(x1 - 1/2) has zero main effects and a full pair effect", () => {
    const data = gridData(6, [() => 0, () => 0], 1);
    const enc = encodeFeatures(data, true);
    const [tree] = fitRegressionForest(enc.X, enc.nColumns, data.y, Rng.fromSeed(1), {
      nTrees: 1,
      bootstrap: false,
    });
    const ft = new FanovaTree(tree!, enc.bounds, enc.nColumns);
    expect(ft.marginalVariance([0]) / ft.variance).toBeCloseTo(0, 12);
    expect(ft.marginalVariance([1]) / ft.variance).toBeCloseTo(0, 12);
    expect(ft.marginalVariance([0, 1]) / ft.variance).toBeCloseTo(1, 12);
  });

  it("leaf volumes sum to 1 and the volume-weighted mean equals the grid mean", () => {
    const data = gridData(5, fs.slice(0, 3));
    const enc = encodeFeatures(data, true);
    const [tree] = fitRegressionForest(enc.X, enc.nColumns, data.y, Rng.fromSeed(3), {
      nTrees: 1,
      bootstrap: false,
    });
    const ft = new FanovaTree(tree!, enc.bounds, enc.nColumns);
    expect(ft.leafVolume.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ft.mean).toBeCloseTo(data.y.reduce((a, b) => a + b, 0) / data.y.length, 10);
  });
});

describe("fanovaImportances", () => {
  it("with the default bootstrap forest approaches the analytic fractions on the grid (within 0.03)", () => {
    const k = 10;
    const data = gridData(k, fs);
    const vars = fs.map((g) => gridVariance(k, g));
    const total = vars.reduce((a, b) => a + b, 0);
    const imp = importances(data, { evaluator: "fanova", seed: 1 });
    for (let j = 0; j < fs.length; j++)
      expect(Math.abs(imp.get(`x${j}`)! - vars[j]! / total)).toBeLessThan(0.03);
    expect([...imp.keys()]).toEqual(["x0", "x1", "x2", "x3"]);
  });

  it("gives 0 to single-valued parameters and refuses a constant target", () => {
    const data = gridData(4, [(x) => x, (x) => 2 * x]);
    const withFixed: ImportanceData = {
      params: [...data.params, { name: "fixed", distribution: { kind: "int", low: 3, high: 3 } }],
      X: Float64Array.from({ length: 16 * 3 }, (_, i) =>
        i % 3 === 2 ? 3 : data.X[Math.floor(i / 3) * 2 + (i % 3)]!,
      ),
      y: data.y,
    };
    const r = fanovaImportances(withFixed, { nTrees: 8 });
    expect(r.importance[2]).toBe(0);
    expect(() => fanovaImportances({ ...data, y: new Float64Array(16).fill(2) })).toThrow(
      /zero variance in every tree/,
    );
  });
});
