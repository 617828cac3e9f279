import { describe, expect, it } from "vitest";
import { fitRegressionForest, predictForest, treeImpurityDecrease } from "../../src/importance/index.js";
import { Rng } from "../../src/random/index.js";

function randomData(seed: number, n: number, d: number): { X: Float64Array; y: Float64Array } {
  const rng = Rng.fromSeed(seed);
  const X = new Float64Array(n * d);
  rng.fillRandom(X);
  const y = Float64Array.from(
    { length: n },
    (_, i) => Math.sin(5 * X[i * d]!) + X[i * d + 1]! ** 2 + 0.1 * rng.normal(),
  );
  return { X, y };
}

describe("fitRegressionForest", () => {
  it("a tree grown on all rows (no bootstrap) interpolates distinct training points", () => {
    const { X, y } = randomData(1, 200, 3);
    const [tree] = fitRegressionForest(X, 3, y, Rng.fromSeed(2), { nTrees: 1, bootstrap: false });
    for (let i = 0; i < 200; i++)
      expect(predictForest([tree!], X.subarray(i * 3, i * 3 + 3))).toBeCloseTo(y[i]!, 12);
    // A full binary tree with one row per leaf: 2·200 - 1 nodes.
    expect(tree!.nodeCount).toBe(399);
  });

  it("thresholds lie half-way between two training values, left holds x <= threshold", () => {
    const X = Float64Array.of(0, 1, 3, 7);
    const y = Float64Array.of(0, 0, 5, 5);
    const [tree] = fitRegressionForest(X, 1, y, Rng.fromSeed(0), { nTrees: 1, bootstrap: false });
    expect(tree!.feature[0]).toBe(0);
    expect(tree!.threshold[0]).toBe(2);
    expect(tree!.value[tree!.left[0]!]).toBe(0);
    expect(tree!.value[tree!.right[0]!]).toBe(5);
    expect(tree!.nodeCount).toBe(3); // pure children are leaves
  });

  it("impurity decreases of a fully grown tree sum to the root's impurity (pure leaves)", () => {
    const { X, y } = randomData(3, 150, 4);
    for (const tree of fitRegressionForest(X, 4, y, Rng.fromSeed(4), { nTrees: 5 })) {
      const dec = treeImpurityDecrease(tree, 4);
      let s = 0;
      for (const v of dec) {
        expect(v).toBeGreaterThanOrEqual(-1e-12);
        s += v;
      }
      let leaves = 0;
      for (let i = 0; i < tree.nodeCount; i++)
        if (tree.feature[i]! < 0) leaves += tree.weight[i]! * tree.impurity[i]!;
      expect(s).toBeCloseTo(tree.impurity[0]! - leaves / tree.weight[0]!, 10);
    }
  });

  it("maxDepth bounds the depth, and the same seed gives the same forest", () => {
    const { X, y } = randomData(5, 100, 2);
    const a = fitRegressionForest(X, 2, y, Rng.fromSeed(9), { nTrees: 3, maxDepth: 2 });
    for (const t of a) expect(t.nodeCount).toBeLessThanOrEqual(7);
    const b = fitRegressionForest(X, 2, y, Rng.fromSeed(9), { nTrees: 3, maxDepth: 2 });
    expect(b).toEqual(a);
  });

  it("refuses bad options and sizes, naming them", () => {
    const { X, y } = randomData(1, 10, 2);
    expect(() => fitRegressionForest(X, 2, y, Rng.fromSeed(1), { nTrees: 0 })).toThrow(
      /nTrees must be an integer >= 1, got 0/,
    );
    expect(() => fitRegressionForest(X, 2, y, Rng.fromSeed(1), { maxDepth: 0.5 })).toThrow(/maxDepth/);
    expect(() => fitRegressionForest(X, 2, y, Rng.fromSeed(1), { minSamplesSplit: 1 })).toThrow(
      /minSamplesSplit/,
    );
    expect(() => fitRegressionForest(X, 3, y, Rng.fromSeed(1))).toThrow(/X must hold/);
  });
});
