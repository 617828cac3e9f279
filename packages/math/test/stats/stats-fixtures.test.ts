import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sortedFinite } from "../../src/stats/descriptive.js";
import { conoverFriedman, friedmanTest } from "../../src/stats/friedman.js";
import { type MannWhitneyOptions, mannWhitneyU } from "../../src/stats/mann-whitney.js";
import { quantileSorted } from "../../src/stats/quantile.js";
import { type WilcoxonOptions, wilcoxonSignedRank } from "../../src/stats/wilcoxon.js";

// Reference values: SciPy 1.10.1 / NumPy 1.24 / Optuna 3.1, Debian 12 (fixtures/stats/stats.py, which says
// how each case was made). p-values are compared with a relative tolerance, so that a p-value of
// 1e-60 must be right to 9 digits, not merely below 1e-7.
const fx = JSON.parse(readFileSync(new URL("../fixtures/stats/stats.json", import.meta.url), "utf8")) as {
  quantiles: { x: number[]; q: number[]; values: number[] }[];
  friedman: {
    matrix: number[][];
    statistic: number;
    pValue: number;
    conoverP: number[][];
    conoverHolm: number[][];
  }[];
  wilcoxon: {
    x: number[];
    y: number[];
    statistic: number;
    pValue: number;
    kind: string;
    options?: WilcoxonOptions;
    method?: "exact" | "approx";
  }[];
  mannWhitney: {
    x: number[];
    y: number[];
    statistic: number;
    pValue: number;
    kind?: string;
    options?: MannWhitneyOptions;
    method?: "exact" | "asymptotic";
    reference?: string;
  }[];
};

/** a equals b to a relative tolerance (so 0 only equals 0). */
const close = (a: number, b: number, rel = 1e-9): void => {
  if (Math.abs(a - b) > rel * Math.abs(b)) expect(a).toBe(b);
};

/** Relative tolerance of p-values. */
const P_REL = 1e-9;

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
      close(r.pValue, c.pValue, P_REL);
    });
  });
});

describe("conoverFriedman matches Conover's formula in SciPy", () => {
  fx.friedman.forEach((c, i) => {
    it(`case ${i} (${c.matrix.length} blocks)`, () => {
      const r = conoverFriedman(c.matrix);
      const k = c.matrix[0]!.length;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          close(r.pValues[a]![b]!, c.conoverP[a]![b]!, P_REL);
          close(r.adjusted[a]![b]!, c.conoverHolm[a]![b]!, P_REL);
        }
      }
    });
  });
});

describe("wilcoxonSignedRank matches scipy.stats.wilcoxon", () => {
  fx.wilcoxon.forEach((c, i) => {
    it(`case ${i} (${c.kind}, n = ${c.x.length}${c.options === undefined ? "" : `, ${JSON.stringify(c.options)}`})`, () => {
      const r = wilcoxonSignedRank(c.x, c.y, c.options);
      close(r.statistic, c.statistic, 1e-12);
      close(r.pValue, c.pValue, P_REL);
      if (c.method !== undefined) expect(r.method).toBe(c.method);
    });
  });
});

describe("mannWhitneyU matches scipy.stats.mannwhitneyu", () => {
  fx.mannWhitney.forEach((c, i) => {
    it(`case ${i} (${c.kind ?? ""} ${c.x.length} vs ${c.y.length}${c.options === undefined ? "" : `, ${JSON.stringify(c.options)}`})`, () => {
      const r = mannWhitneyU(c.x, c.y, c.options);
      close(r.statistic, c.statistic, 1e-12);
      close(r.pValue, c.pValue, P_REL);
      if (c.method !== undefined) expect(r.method).toBe(c.method);
    });
  });
});
