import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarize } from "../../src/stats/descriptive.js";
import { conoverFriedman, friedmanTest, holm } from "../../src/stats/friedman.js";
import { mannWhitneyCountAtMost, mannWhitneyU } from "../../src/stats/mann-whitney.js";
import { median, quantileSorted } from "../../src/stats/quantile.js";
import { averageRanks, blockRanks } from "../../src/stats/ranks.js";
import { wilcoxonSignedRank } from "../../src/stats/wilcoxon.js";

describe("descriptive statistics", () => {
  it("handle empty input, NaN and infinities", () => {
    expect(median([])).toBeNaN();
    expect(median([Number.NaN, Number.NaN])).toBeNaN();
    expect(median([Number.NaN, 1, 3])).toBe(2);
    expect(summarize([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]).median).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(summarize([1, 2, 3, 4])).toEqual({ q1: 1.75, median: 2.5, q3: 3.25, n: 4 });
    expect(() => quantileSorted([1], 1.5)).toThrow(/quantileSorted: q must be in \[0, 1\], got 1.5/);
  });
});

describe("ranks", () => {
  it("average ties and reject NaN", () => {
    expect(averageRanks([3, 1, 3])).toEqual([2.5, 1, 2.5]);
    expect(averageRanks([])).toEqual([]);
    expect(() => averageRanks([1, Number.NaN])).toThrow(/averageRanks: values\[1\] is NaN/);
    expect(() => blockRanks([[1, 2], [1]])).toThrow(/row 1 has 1 entries, expected 2/);
  });
  it("mean ranks sum to k(k+1)/2", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((k) =>
          fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: k, maxLength: k }), {
            minLength: 1,
            maxLength: 8,
          }),
        ),
        (m) => {
          const k = m[0]!.length;
          const { meanRanks } = blockRanks(m);
          expect(meanRanks.reduce((a, b) => a + b, 0)).toBeCloseTo((k * (k + 1)) / 2, 10);
        },
      ),
    );
  });
});

describe("friedmanTest / conoverFriedman", () => {
  it("closed form: identical orderings in every block give χ² = b(k-1)", () => {
    // R_j = b·j, so χ² = 12/(b k (k+1)) Σ (b j)² - 3 b (k+1) = b (k - 1) for untied rows.
    const b = 6;
    const k = 4;
    const m = Array.from({ length: b }, () => [1, 2, 3, 4]);
    expect(friedmanTest(m).statistic).toBeCloseTo(b * (k - 1), 12);
  });
  it("gives p = 1 when every block is entirely tied", () => {
    const r = friedmanTest([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
    expect(
      conoverFriedman([
        [1, 1, 1],
        [2, 2, 2],
      ]).adjusted[0]![1],
    ).toBe(1);
  });
  it("closed form far in the tail: k = 3, identical orderings, χ² = 2b and p = exp(-b) (df 2)", () => {
    // χ² on 2 degrees of freedom has survival function exp(-x/2); 1 - CDF would give 0 here.
    for (const b of [5, 40, 100, 600]) {
      const r = friedmanTest(Array.from({ length: b }, () => [1, 2, 3]));
      expect(r.statistic).toBeCloseTo(2 * b, 9);
      expect(Math.abs(r.pValue / Math.exp(-b) - 1)).toBeLessThan(1e-10);
    }
  });
  it("rejects too few blocks or treatments", () => {
    expect(() => friedmanTest([[1, 2, 3]])).toThrow(/friedmanTest: need at least 2 blocks, got 1/);
    expect(() => friedmanTest([[1], [2]])).toThrow(/need at least 2 treatments, got 1/);
    expect(() =>
      friedmanTest([
        [1, Number.NaN],
        [1, 2],
      ]),
    ).toThrow(/NaN/);
  });
  it("holm is monotone in the sorted order and bounded by 1", () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (p) => {
          const a = holm(p);
          a.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(p[i]!);
            expect(v).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});

describe("wilcoxonSignedRank", () => {
  it("closed form: all 5 differences of one sign give the exact p = 2/2^5", () => {
    const r = wilcoxonSignedRank([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBeCloseTo(2 / 32, 12);
  });
  it("all differences zero: p = 1; bad input throws", () => {
    expect(wilcoxonSignedRank([1, 2], [1, 2])).toEqual({ statistic: 0, pValue: 1, n: 0, method: "approx" });
    expect(() => wilcoxonSignedRank([1], [1, 2])).toThrow(/same non-zero length, got 1 and 2/);
    expect(() => wilcoxonSignedRank([], [])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([Number.NaN], [1])).toThrow(/NaN/);
  });
});

describe("wilcoxonSignedRank: SciPy 1.10.1's rules", () => {
  it("tied differences keep the exact path: issue 9's case is 2 · 19 / 2^10", () => {
    // d = x - y has R+ = 1.5 + 5.5 = 7; 19 subsets of {1..10} sum to at most 7.
    const r = wilcoxonSignedRank(new Array<number>(10).fill(0), [1, -1, 2, 2, 3, -3, 4, 5, 5, 6]);
    expect(r.method).toBe("exact");
    expect(r.statistic).toBe(7);
    expect(r.pValue).toBe((2 * 19) / 1024);
  });
  it("50 differences of one sign: p = 2^-49 two-sided and 2^-50 one-sided, exactly", () => {
    const x = new Array<number>(50).fill(0);
    const y = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(wilcoxonSignedRank(x, y).pValue).toBe(2 ** -49);
    expect(wilcoxonSignedRank(x, y, { alternative: "less" }).pValue).toBe(2 ** -50);
    expect(wilcoxonSignedRank(x, y, { alternative: "greater" }).pValue).toBe(1);
    // 51 differences: the normal approximation, still far from 0
    const big = wilcoxonSignedRank([...x, 0], [...y, 51]);
    expect(big.method).toBe("approx");
    expect(big.pValue).toBeGreaterThan(0);
    expect(big.pValue).toBeLessThan(1e-8);
  });
  it("two-sided p = min(1, 2 min(p_less, p_greater)), with or without zeros and ties", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 70 }),
        fc.constantFrom("exact" as const, "approx" as const, "auto" as const),
        (d, method) => {
          const x = d.map(() => 0);
          const two = wilcoxonSignedRank(d, x, { method });
          const less = wilcoxonSignedRank(d, x, { method, alternative: "less" });
          const greater = wilcoxonSignedRank(d, x, { method, alternative: "greater" });
          const expected = Math.min(1, 2 * Math.min(less.pValue, greater.pValue));
          expect(Math.abs(two.pValue - expected)).toBeLessThanOrEqual(1e-12 * expected);
          // Swapping x and y swaps the one-sided alternatives, unless R+ is a half-integer on the
          // exact path: SciPy reads the distribution at ⌊R+⌋, which is asymmetric.
          if (less.method === "approx" || Number.isInteger(less.statistic)) {
            const swapped = wilcoxonSignedRank(x, d, { method, alternative: "greater" });
            expect(Math.abs(swapped.pValue - less.pValue)).toBeLessThanOrEqual(1e-12 * less.pValue);
          }
        },
      ),
    );
  });
  it("rejects unknown options, naming the option and the allowed values", () => {
    const bad = (o: object) => () => wilcoxonSignedRank([1, 2], [2, 1], o);
    expect(bad({ alternative: "bigger" })).toThrow(
      /wilcoxonSignedRank: alternative must be one of "two-sided", "less", "greater", got bigger/,
    );
    expect(bad({ zeroMethod: "drop" })).toThrow(/zeroMethod must be one of "wilcox", "pratt", "zsplit"/);
    expect(bad({ method: "asymptotic" })).toThrow(/method must be one of "auto", "exact", "approx"/);
  });
});

describe("mannWhitneyU", () => {
  it("exact counts: they agree with enumerating every arrangement (sizes up to 6 × 6)", () => {
    const combos = (n: number, k: number): number[][] =>
      k === 0 ? [[]] : n < k ? [] : [...combos(n - 1, k - 1).map((c) => [...c, n - 1]), ...combos(n - 1, k)];
    for (let n1 = 1; n1 <= 6; n1++) {
      for (let n2 = 1; n2 <= 6; n2++) {
        // U of x is the number of (x, y) pairs with y < x: Σ positions − n1(n1−1)/2.
        const hist = new Array<number>(n1 * n2 + 1).fill(0);
        for (const c of combos(n1 + n2, n1)) hist[c.reduce((a, b) => a + b, 0) - (n1 * (n1 - 1)) / 2]!++;
        let cum = 0;
        for (let k = -1; k <= n1 * n2 + 1; k++) {
          if (k >= 0 && k <= n1 * n2) cum += hist[k]!;
          expect(mannWhitneyCountAtMost(k, n1, n2)).toBe(BigInt(k < 0 ? 0 : cum));
        }
      }
    }
  });
  it("8 vs 3000 without ties is exact (as in SciPy 1.10.1): complete separation gives 2 / C(3008, 8)", () => {
    const x = Array.from({ length: 8 }, (_, i) => i);
    const y = Array.from({ length: 3000 }, (_, i) => 100 + i);
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe("exact");
    expect(r.statistic).toBe(0);
    let c = 1;
    for (let i = 1; i <= 8; i++) c = (c * (3000 + i)) / i;
    expect(Math.abs(r.pValue / (2 / c) - 1)).toBeLessThan(1e-12);
  });
  it("tiny p-values survive the normal approximation: 0..49 vs 1000..1049", () => {
    const r = mannWhitneyU(
      Array.from({ length: 50 }, (_, i) => i),
      Array.from({ length: 50 }, (_, i) => 1000 + i),
    );
    expect(r.method).toBe("asymptotic");
    expect(r.pValue).toBeGreaterThan(1e-18);
    expect(r.pValue).toBeLessThan(1e-17);
  });
  it("two-sided p = min(1, 2 min(p_less, p_greater)), and swapping samples swaps less and greater", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom("exact" as const, "asymptotic" as const, "auto" as const),
        fc.boolean(),
        (x, y, method, useContinuity) => {
          const o = { method, useContinuity };
          const two = mannWhitneyU(x, y, o).pValue;
          const less = mannWhitneyU(x, y, { ...o, alternative: "less" }).pValue;
          const greater = mannWhitneyU(x, y, { ...o, alternative: "greater" }).pValue;
          const expected = Math.min(1, 2 * Math.min(less, greater));
          expect(Math.abs(two - expected)).toBeLessThanOrEqual(1e-12 * expected);
          const swapped = mannWhitneyU(y, x, { ...o, alternative: "greater" }).pValue;
          expect(Math.abs(swapped - less)).toBeLessThanOrEqual(1e-12 * less);
        },
      ),
    );
  });
  it("rejects unknown options, naming the option and the allowed values", () => {
    expect(() => mannWhitneyU([1], [2], { alternative: "two_sided" as "less" })).toThrow(
      /mannWhitneyU: alternative must be one of "two-sided", "less", "greater", got two_sided/,
    );
    expect(() => mannWhitneyU([1], [2], { method: "approx" as "exact" })).toThrow(
      /mannWhitneyU: method must be one of "auto", "exact", "asymptotic", got approx/,
    );
  });
  it("closed form: complete separation of 3 vs 3 gives the exact p = 2/C(6,3)", () => {
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(r.method).toBe("exact");
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBeCloseTo(2 / 20, 12);
  });
  it("is symmetric in its samples and p ∈ [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (x, y) => {
          const a = mannWhitneyU(x, y);
          const b = mannWhitneyU(y, x);
          expect(a.pValue).toBeCloseTo(b.pValue, 10);
          expect(a.pValue).toBeGreaterThanOrEqual(0);
          expect(a.pValue).toBeLessThanOrEqual(1);
          expect(a.statistic + b.statistic).toBeCloseTo(x.length * y.length, 9);
        },
      ),
    );
  });
  it("rejects empty samples and NaN", () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/both samples must be non-empty, got 0 and 1/);
    expect(() => mannWhitneyU([1], [2, Number.NaN])).toThrow(/mannWhitneyU: y\[1\] is NaN/);
  });
});
