/**
 * The early-branch trap (benchmarks/src/problems/branch-trap.ts): its closed form, that it is
 * a trap (the branch holding the best of 10 random trials is usually not the one with the
 * optimum), and its registration with the runner.
 */
import { Rng } from "@tunelab/math/random";
import { describe, expect, it } from "vitest";
import { BRANCH_TRAP_NAME, branchTrap } from "../../src/problems/branch-trap.js";
import { resolveProblem } from "../../src/problems/registry.js";

const f = branchTrap();

/** A uniform draw of the space (log parameters uniform in log), every branch's parameters set. */
function draw(rng: Rng): Record<string, number | string> {
  return {
    model: ["linear", "boost", "mlp"][rng.int(0, 2)]!,
    alpha: 10 ** rng.uniform(-4, 2),
    l1Ratio: rng.random(),
    boostLr: 10 ** rng.uniform(-3, 0),
    subsample: rng.random(),
    colsample: rng.random(),
    mlpLr: 10 ** rng.uniform(-5, -1),
    dropout: rng.random(),
    momentum: rng.random(),
    decay: rng.random(),
  };
}

describe("conditional-branch-trap", () => {
  it("is 0 at its optimizer and has branch minima 0.5 (linear) and 0.25 (mlp)", () => {
    expect(f.evaluate(f.optimizers[0]!)).toBeCloseTo(0, 12);
    expect(f.evaluate({ model: "linear", alpha: 0.1, l1Ratio: 0.5 })).toBeCloseTo(0.5, 12);
    expect(
      f.evaluate({ model: "mlp", mlpLr: 10 ** -3.8, dropout: 0.7, momentum: 0.4, decay: 0.55 }),
    ).toBeCloseTo(0.25, 12);
  });

  it("never goes below 0.5 on linear, whose worst value is 0.5625", () => {
    const rng = Rng.fromSeed(1);
    for (let i = 0; i < 2000; i++) {
      const v = f.evaluate({ model: "linear", alpha: 10 ** rng.uniform(-4, 2), l1Ratio: rng.random() });
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThanOrEqual(0.5625 + 1e-12);
    }
  });

  it("is a trap: after 10 random trials the best is on boost (the optimum's branch) in under a third of 1000 seeds", () => {
    let onBoost = 0;
    for (let s = 0; s < 1000; s++) {
      const rng = Rng.fromSeed(s);
      let best = Number.POSITIVE_INFINITY;
      let model = "";
      for (let i = 0; i < 10; i++) {
        const p = draw(rng);
        const v = f.evaluate(p);
        if (v < best) {
          best = v;
          model = p.model as string;
        }
      }
      if (model === "boost") onBoost++;
    }
    expect(onBoost).toBeLessThan(333);
  });

  it("rejects an unknown model, naming the parameter", () => {
    expect(() => f.evaluate({ model: "svm" })).toThrow(/model must be one of linear, boost, mlp/);
    expect(() => f.evaluate({ model: "boost", boostLr: 0.1 })).toThrow(/subsample/);
  });

  it("is registered with the runner under its name", () => {
    const p = resolveProblem(BRANCH_TRAP_NAME);
    expect(p.fn).toMatchObject({ name: BRANCH_TRAP_NAME, optimum: 0 });
    expect(p.dimension).toBe(10);
  });
});
