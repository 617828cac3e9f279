import { readFileSync } from "node:fs";
import { wilcoxonSignedRank } from "@tunelab/math/stats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SIGN_FLIP_MAX_N, signedRankPValue, signFlipPValue } from "../../src/wilcoxon/index.js";

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/optuna5-pruners.json", import.meta.url), "utf8"),
) as { scipy: string; pvalues: { d: number[]; alternative: "less" | "greater"; p: number }[] };

/** R+ with zeros split, from average ranks, by enumerating all 2^n sign vectors. */
function bruteForce(d: readonly number[], alternative: "less" | "greater"): number {
  const abs = d.map(Math.abs);
  const rank = abs.map((a) => {
    let below = 0;
    let equal = 0;
    for (const b of abs) {
      if (b < a) below++;
      else if (b === a) equal++;
    }
    return below + (equal + 1) / 2;
  });
  const rPlus = (signs: number) =>
    d.reduce((acc, v, i) => acc + (v === 0 ? rank[i]! / 2 : (signs >> i) & 1 ? rank[i]! : 0), 0);
  let observedSigns = 0;
  d.forEach((v, i) => {
    if (v > 0) observedSigns |= 1 << i;
  });
  const observed = rPlus(observedSigns);
  let count = 0;
  const total = 2 ** d.length;
  for (let s = 0; s < total; s++) {
    const r = rPlus(s);
    if (alternative === "greater" ? r >= observed - 1e-9 : r <= observed + 1e-9) count++;
  }
  return count / total;
}

describe("signFlipPValue", () => {
  it("closed form: three positive differences with a tie", () => {
    expect(signFlipPValue([1, 1, 2], "greater")).toBe(0.125);
    expect(signFlipPValue([1, 1, 2], "less")).toBe(1);
    expect(signFlipPValue([0, 0, 0], "greater")).toBe(1);
  });

  it("property: equals the enumeration of all sign vectors (ties and zeros included)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom("less" as const, "greater" as const),
        (d, alternative) => {
          expect(signFlipPValue(d, alternative)).toBeCloseTo(bruteForce(d, alternative), 14);
        },
      ),
    );
  });

  it("property: without ties or zeros it is the exact Wilcoxon distribution", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        fc.constantFrom("less" as const, "greater" as const),
        (magnitudes, negative, alternative) => {
          const d = magnitudes.map((m, i) => (negative[i] ? -m : m));
          const exact = wilcoxonSignedRank(
            d,
            d.map(() => 0),
            { alternative, method: "exact" },
          ).pValue;
          expect(signFlipPValue(d, alternative)).toBeCloseTo(exact, 14);
        },
      ),
    );
  });
});

describe(`signedRankPValue equals SciPy ${fixture.scipy}'s wilcoxon(d, alternative, zero_method="zsplit")`, () => {
  it("on the fixture's vectors (n = 1..20, 30, 49..51, 60; ties, zeros, every path)", () => {
    expect(fixture.pvalues.length).toBe(150);
    let signFlip = 0;
    for (const { d, alternative, p } of fixture.pvalues) {
      const abs = d.map(Math.abs);
      if (d.length <= SIGN_FLIP_MAX_N && (abs.includes(0) || new Set(abs).size < abs.length)) signFlip++;
      const ours = signedRankPValue(d, alternative);
      expect(Math.abs(ours - p), `d = [${d}], ${alternative}: ${ours} vs ${p}`).toBeLessThanOrEqual(
        1e-12 * Math.max(p, 1e-300) + 1e-15,
      );
    }
    expect(signFlip).toBeGreaterThan(10);
  });

  it("refuses empty input and NaN", () => {
    expect(() => signedRankPValue([], "less")).toThrow(
      "signedRankPValue: d must have at least 1 element, got 0",
    );
    expect(() => signedRankPValue([1, Number.NaN], "less")).toThrow(/must not hold NaN/);
  });
});
