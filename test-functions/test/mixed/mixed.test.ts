/** Mixed and conditional problems: per-branch optima, argument errors. */
import { describe, expect, it } from "vitest";
import { conditionalProblem, MIXED_TARGETS, mixedProblem } from "../../src/mixed/index.js";
import { spaceProblems } from "../../src/space/index.js";

describe("mixedProblem", () => {
  const f = mixedProblem();
  it("has one optimizer per category, at offsets 0.5, 0, 0.25", () => {
    for (const [c, t] of Object.entries(MIXED_TARGETS)) {
      expect(f.evaluate({ x0: t.mu[0], x1: t.mu[1], lr: 10 ** t.logLr, n: t.n, c })).toBeCloseTo(
        t.offset,
        14,
      );
    }
    // Category b's optimizer is not optimal in category a: the category moves the optimum.
    const b = MIXED_TARGETS.b;
    expect(f.evaluate({ x0: b.mu[0], x1: b.mu[1], lr: 10 ** b.logLr, n: b.n, c: "a" })).toBeGreaterThan(10);
    expect(f.evaluate({ x0: 0, x1: 0, lr: 1, n: 0, c: "b" })).toBeCloseTo(0 + 2.25 + 9 + 4 + 9, 12);
  });

  it("rejects missing or wrong parameters", () => {
    expect(() => f.evaluate({ x0: 0, x1: 0, lr: 0.1, n: 1, c: "z" })).toThrow(
      /parameter c must be one of a, b, c, got z/,
    );
    expect(() => f.evaluate({ x0: 0, x1: 0, lr: 0.1, c: "a" })).toThrow(
      /parameter n must be a number, got nothing/,
    );
    expect(f.evaluate({ x0: Number.NaN, x1: 0, lr: 0.1, n: 1, c: "a" })).toBeNaN();
  });
});

describe("conditionalProblem", () => {
  const f = conditionalProblem();
  it("declares conditions on earlier categoricals, one of them nested", () => {
    expect(spaceProblems(f.space)).toEqual([]);
    expect(f.space.find((s) => s.name === "slope")!.condition).toEqual({
      parent: "activation",
      values: ["leaky_relu"],
    });
  });

  it("has branch minima 0.3 (linear), 0.1 (tree), 0.05 / 0.15 / 0 (mlp by activation)", () => {
    expect(f.evaluate({ model: "linear", alpha: 1e-3 })).toBeCloseTo(0.3, 14);
    expect(f.evaluate({ model: "tree", depth: 7, minLeaf: 4 })).toBeCloseTo(0.1, 14);
    const mlp = { model: "mlp", layers: 3, width: 256 };
    expect(f.evaluate({ ...mlp, activation: "relu" })).toBeCloseTo(0.05, 14);
    expect(f.evaluate({ ...mlp, activation: "tanh" })).toBeCloseTo(0.15, 14);
    expect(f.evaluate({ ...mlp, activation: "leaky_relu", slope: 0.1 })).toBeCloseTo(0, 14);
  });

  it("ignores inactive parameters and requires active ones", () => {
    expect(f.evaluate({ model: "linear", alpha: 1e-3, depth: 3 })).toBeCloseTo(0.3, 14);
    expect(() => f.evaluate({ model: "tree", depth: 7 })).toThrow(/parameter minLeaf must be a number/);
    expect(() => f.evaluate({ model: "mlp", layers: 3, width: 256, activation: "leaky_relu" })).toThrow(
      /slope/,
    );
    expect(() => f.evaluate({})).toThrow(/parameter model must be one of linear, tree, mlp, got nothing/);
  });
});
