import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, quantileSorted, summarize } from "../../src/stats/descriptive.js";
import { conoverFriedman, friedmanTest, holm } from "../../src/stats/friedman.js";
import { hypervolume, nonDominated } from "../../src/stats/hypervolume.js";
import { mannWhitneyU } from "../../src/stats/mann-whitney.js";
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
    expect(wilcoxonSignedRank([1, 2], [1, 2])).toEqual({ statistic: 0, pValue: 1, n: 0 });
    expect(() => wilcoxonSignedRank([1], [1, 2])).toThrow(/same non-zero length, got 1 and 2/);
    expect(() => wilcoxonSignedRank([], [])).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([Number.NaN], [1])).toThrow(/NaN/);
  });
});

describe("mannWhitneyU", () => {
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
    expect(() => mannWhitneyU([1], [Number.NaN])).toThrow(/y holds NaN/);
  });
});

describe("hypervolume", () => {
  it("closed forms in 2 and 3 objectives", () => {
    expect(
      hypervolume(
        [
          [1, 2],
          [2, 1],
        ],
        [3, 3],
      ),
    ).toBe(3);
    expect(hypervolume([[0, 0, 0]], [1, 2, 3])).toBe(6);
    expect(hypervolume([], [1, 1])).toBe(0);
    expect(hypervolume([[2, 0]], [1, 1])).toBe(0); // outside the reference box
    expect(hypervolume([[0, 0, Number.NaN]], [1, 1, 1])).toBe(0);
  });
  it("does not depend on dominated points (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        (pts) => {
          const ref = [1.1, 1.1, 1.1];
          const all = pts.map((p) => [...p]);
          expect(hypervolume(nonDominated(all), ref)).toBeCloseTo(hypervolume(all, ref), 12);
        },
      ),
    );
  });
  it("handles any number of objectives and rejects mismatched points", () => {
    // one box [1,5]×[2,5]×[3,5]×[4,5] = 4·3·2·1, plus a second box overlapping it
    expect(hypervolume([[1, 2, 3, 4]], [5, 5, 5, 5])).toBe(24);
    expect(
      hypervolume(
        [
          [1, 2, 3, 4],
          [4, 4, 4, 0],
        ],
        [5, 5, 5, 5],
      ),
    ).toBe(24 + 5 - 1);
    expect(() => hypervolume([[1]], [5, 5])).toThrow(/every point must have 2 objectives, got 1/);
  });
});
