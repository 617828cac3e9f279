import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { quantileSorted, sortedFinite } from "../../src/stats/descriptive.js";
import { conoverFriedman, friedmanTest } from "../../src/stats/friedman.js";
import { hypervolume } from "../../src/stats/hypervolume.js";
import { mannWhitneyU } from "../../src/stats/mann-whitney.js";
import { wilcoxonSignedRank } from "../../src/stats/wilcoxon.js";

// Reference values: SciPy 1.10 / NumPy / Optuna 3.1 (fixtures/stats.py).
const fx = JSON.parse(readFileSync(new URL("../fixtures/stats.json", import.meta.url), "utf8")) as {
  quantiles: { x: number[]; q: number[]; values: number[] }[];
  friedman: {
    matrix: number[][];
    statistic: number;
    pValue: number;
    conoverP: number[][];
    conoverHolm: number[][];
  }[];
  wilcoxon: { x: number[]; y: number[]; statistic: number; pValue: number; kind: string }[];
  mannWhitney: { x: number[]; y: number[]; statistic: number; pValue: number }[];
  hypervolume: { points: number[][]; reference: number[]; value: number }[];
};

const close = (a: number, b: number, rel = 1e-9): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

describe("quantileSorted matches numpy.percentile", () => {
  fx.quantiles.forEach((c, i) => {
    it(`case ${i} (n = ${c.x.length})`, () => {
      const s = sortedFinite(c.x);
      c.q.forEach((q, j) => {
        close(quantileSorted(s, q / 100), c.values[j]!, 1e-12);
      });
    });
  });
});

describe("friedmanTest matches scipy.stats.friedmanchisquare", () => {
  fx.friedman.forEach((c, i) => {
    it(`case ${i} (${c.matrix.length} blocks × ${c.matrix[0]!.length} treatments)`, () => {
      const r = friedmanTest(c.matrix);
      close(r.statistic, c.statistic, 1e-10);
      close(r.pValue, c.pValue, 1e-7);
    });
  });
});

describe("conoverFriedman matches Conover's formula in SciPy", () => {
  fx.friedman.forEach((c, i) => {
    it(`case ${i}`, () => {
      const r = conoverFriedman(c.matrix);
      const k = c.matrix[0]!.length;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          close(r.pValues[a]![b]!, c.conoverP[a]![b]!, 1e-6);
          close(r.adjusted[a]![b]!, c.conoverHolm[a]![b]!, 1e-6);
        }
      }
    });
  });
});

describe("wilcoxonSignedRank matches scipy.stats.wilcoxon", () => {
  fx.wilcoxon.forEach((c, i) => {
    it(`case ${i} (${c.kind}, n = ${c.x.length})`, () => {
      const r = wilcoxonSignedRank(c.x, c.y);
      close(r.statistic, c.statistic, 1e-12);
      close(r.pValue, c.pValue, 1e-7);
    });
  });
});

describe("mannWhitneyU matches scipy.stats.mannwhitneyu", () => {
  fx.mannWhitney.forEach((c, i) => {
    it(`case ${i} (${c.x.length} vs ${c.y.length})`, () => {
      const r = mannWhitneyU(c.x, c.y);
      close(r.statistic, c.statistic, 1e-12);
      close(r.pValue, c.pValue, 1e-7);
    });
  });
});

describe("hypervolume matches Optuna's WFG", () => {
  fx.hypervolume.forEach((c, i) => {
    it(`case ${i} (${c.points.length} points, ${c.reference.length} objectives)`, () => {
      close(hypervolume(c.points, c.reference), c.value, 1e-12);
    });
  });
});
