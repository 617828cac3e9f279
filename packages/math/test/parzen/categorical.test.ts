import { describe, expect, it } from "vitest";
import { categoricalKernelTable } from "../../src/parzen/categorical.js";
import { buildParzenEstimator } from "../../src/parzen/estimator.js";
import { parzenLogPdf } from "../../src/parzen/log-pdf.js";
import type { CategoricalKernels } from "../../src/parzen/types.js";

const row = (t: CategoricalKernels, k: number): number[] =>
  Array.from(t.probabilities.subarray(k * t.n, (k + 1) * t.n));

describe("categoricalKernelTable", () => {
  it("smoothed indicator (Optuna): (a + [j = o])/(1 + c·a) with a = priorWeight/K, then a uniform prior row", () => {
    // c = 3 choices, n = 2 observations + prior: K = 3, a = 1/3, rows (4/3, 1/3, 1/3)/2.
    const t = categoricalKernelTable({ kind: "categorical", n: 3 }, [1, 2], true, 1, {
      kind: "smoothed-indicator",
    });
    expect(row(t, 0)).toEqual([1 / 6, 2 / 3, 1 / 6].map((v) => expect.closeTo(v, 15)));
    expect(row(t, 1)).toEqual([1 / 6, 1 / 6, 2 / 3].map((v) => expect.closeTo(v, 15)));
    expect(row(t, 2)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // It is an Aitchison-Aitken kernel with λ = (c - 1)a/(1 + c·a) = (2/3)/2 = 1/3.
    const aa = categoricalKernelTable({ kind: "categorical", n: 3 }, [1, 2], true, 1, {
      kind: "aitchison-aitken",
      lambda: 1 / 3,
    });
    expect(Array.from(aa.probabilities)).toEqual(
      Array.from(t.probabilities).map((v) => expect.closeTo(v, 15)),
    );
  });

  it("Aitchison-Aitken: 1 - λ on the observed choice, λ/(c - 1) elsewhere; λ = 0 is the indicator", () => {
    const t = categoricalKernelTable({ kind: "categorical", n: 4 }, [3], false, 1, {
      kind: "aitchison-aitken",
      lambda: 0.3,
    });
    expect(row(t, 0)).toEqual([0.1, 0.1, 0.1, 0.7].map((v) => expect.closeTo(v, 15)));
    const hard = categoricalKernelTable({ kind: "categorical", n: 2 }, [0], false, 1, {
      kind: "aitchison-aitken",
      lambda: 0,
    });
    expect(Array.from(hard.logProbabilities)).toEqual([0, Number.NEGATIVE_INFINITY]);
    const one = categoricalKernelTable({ kind: "categorical", n: 1 }, [0], true, 1, {
      kind: "aitchison-aitken",
      lambda: 0,
    });
    expect(Array.from(one.probabilities)).toEqual([1, 1]);
  });

  it("distance kernel: exp(-(d/max d)²·κ) per row, κ = log(K/priorWeight)·log c/log 6", () => {
    // c = 3, distances |i - j|, one observation of choice 0 plus the prior: K = 2,
    // κ = log 2·log 3/log 6; row ∝ (1, e^{-κ/4}, e^{-κ}).
    const dist = (i: number, j: number) => Math.abs(i - j);
    const t = categoricalKernelTable({ kind: "categorical", n: 3, distance: dist }, [0], true, 1, {
      kind: "smoothed-indicator",
    });
    const kappa = (Math.log(2) * Math.log(3)) / Math.log(6);
    const w = [1, Math.exp(-kappa / 4), Math.exp(-kappa)];
    const total = w[0]! + w[1]! + w[2]!;
    expect(row(t, 0)).toEqual(w.map((v) => expect.closeTo(v / total, 15)));
    expect(row(t, 1)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // Nearby choices get more mass than far ones; κ grows (rows sharpen) with K.
    const many = categoricalKernelTable(
      { kind: "categorical", n: 3, distance: dist },
      Array(50).fill(0),
      true,
      1,
      { kind: "smoothed-indicator" },
    );
    expect(row(many, 0)[0]).toBeGreaterThan(row(t, 0)[0]!);
    expect(row(many, 0)[1]).toBeGreaterThan(row(many, 0)[2]!);
  });

  it("distance kernel: uniform rows when every distance is 0, and κ clamped at 0 when priorWeight > K", () => {
    const zero = categoricalKernelTable({ kind: "categorical", n: 3, distance: () => 0 }, [1], false, 1, {
      kind: "smoothed-indicator",
    });
    expect(row(zero, 0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const flat = categoricalKernelTable(
      { kind: "categorical", n: 3, distance: (i, j) => Math.abs(i - j) },
      [0],
      true,
      5,
      {
        kind: "smoothed-indicator",
      },
    );
    expect(row(flat, 0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("a single categorical estimator's log-density is log Σ_k w_k p_k(choice) and sums to 1", () => {
    const est = buildParzenEstimator([{ kind: "categorical", n: 4 }], Float64Array.of(0, 2, 2, 3));
    const lp = parzenLogPdf(est, Float64Array.of(0, 1, 2, 3));
    expect(Array.from(lp, Math.exp).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    // 2 was seen twice, 1 never.
    expect(lp[2]).toBeGreaterThan(lp[0]!);
    expect(lp[0]).toBeGreaterThan(lp[1]!);
  });
});
