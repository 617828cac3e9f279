import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstPrimes, Halton, radicalInverse } from "../../src/qmc/index.js";

// Reference points: SciPy 1.10.1, Debian 12 (fixtures/qmc/qmc.py).
const fx = JSON.parse(readFileSync(new URL("../fixtures/qmc/qmc.json", import.meta.url), "utf8")) as {
  halton: { d: number; n: number; points: number[][] }[];
};

function ksUniform(sample: number[]): number {
  const s = [...sample].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - s[i]!, s[i]! - i / n);
  return d;
}
/** Asymptotic 1% critical value of the KS statistic (Massey 1951). */
const ks01 = (n: number): number => 1.628 / Math.sqrt(n);

describe("firstPrimes", () => {
  it("lists the first primes", () => {
    expect(firstPrimes(0)).toEqual([]);
    expect(firstPrimes(10)).toEqual([2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
    expect(firstPrimes(1000).at(-1)).toBe(7919); // the 1,000th prime
  });
  it("rejects bad counts", () => {
    expect(() => firstPrimes(-1)).toThrow(/count must be an integer in \[0, 100000\], got -1/);
  });
});

describe("radicalInverse", () => {
  it("reverses the digits behind the radix point", () => {
    expect(radicalInverse(0, 2)).toBe(0);
    expect(radicalInverse(6, 2)).toBe(0.375);
    expect(radicalInverse(5, 3)).toBeCloseTo(2 / 3 + 1 / 9, 15); // 5 = 12₃ → 0.21₃
  });
  it("rejects bad input", () => {
    expect(() => radicalInverse(-1, 2)).toThrow(/i must be an integer in \[0, 9007199254740991\], got -1/);
    expect(() => radicalInverse(3, 1)).toThrow(/base must be an integer in \[2, 2\^31\], got 1/);
  });
});

describe("Halton (unscrambled)", () => {
  it("equals scipy.stats.qmc.Halton(d, scramble=False).random(n) to 1 ulp", () => {
    for (const set of fx.halton) {
      const x = new Halton({ dimension: set.d, scramble: false }).random(set.n);
      for (const [i, row] of set.points.entries()) {
        for (const [j, v] of row.entries()) {
          expect(Math.abs(x[i * set.d + j]! - v), `d=${set.d} i=${i} j=${j}`).toBeLessThanOrEqual(2 ** -52);
        }
      }
    }
  });
  it("first points are the radical inverses in bases 2, 3, 5", () => {
    expect(Array.from(new Halton({ dimension: 3, scramble: false }).point(3))).toEqual([
      0.75,
      1 / 9,
      0.6000000000000001,
    ]);
  });
});

describe("Halton (scrambled)", () => {
  it("is seeded", () => {
    const a = new Halton({ dimension: 5, seed: 1 }).random(20);
    expect(new Halton({ dimension: 5, seed: 1 }).random(20)).toEqual(a);
    expect(new Halton({ dimension: 5, seed: 2 }).random(20)).not.toEqual(a);
  });
  it("keeps the stratification: the first b^k points put one point in each interval [t/b^k, (t+1)/b^k)", () => {
    const h = new Halton({ dimension: 4, seed: 3 });
    const x = h.random(125);
    for (const [j, b, k] of [
      [0, 2, 6],
      [1, 3, 4],
      [2, 5, 3],
    ] as const) {
      const n = b ** k;
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) seen.add(Math.floor(x[i * 4 + j]! * n));
      expect(seen.size, `dimension ${j}`).toBe(n);
    }
  });
  it("is uniform marginally (KS) and in [0, 1); point 0 over 400 seeds is uniform", () => {
    const d = 6;
    const x = new Halton({ dimension: d, seed: 8 }).random(1000);
    for (let j = 0; j < d; j++) {
      const col = Array.from({ length: 1000 }, (_, i) => x[i * d + j]!);
      for (const v of col) expect(v >= 0 && v < 1).toBe(true);
      expect(ksUniform(col)).toBeLessThan(ks01(1000));
    }
    for (let j = 0; j < 3; j++) {
      const col = Array.from({ length: 400 }, (_, s) => new Halton({ dimension: 3, seed: s }).point(0)[j]!);
      expect(ksUniform(col)).toBeLessThan(ks01(400));
    }
  });
  it("point(i) equals the i-th sequential point (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 20 }),
        (d, scramble, start, n) => {
          const walked = new Halton({ dimension: d, scramble, seed: 2 }).fastForward(start).random(n);
          const direct = new Halton({ dimension: d, scramble, seed: 2 });
          for (let i = 0; i < n; i++) {
            expect(Array.from(direct.point(start + i))).toEqual(
              Array.from(walked.subarray(i * d, (i + 1) * d)),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("Halton bad input", () => {
  it("names the argument and the allowed range", () => {
    expect(() => new Halton({ dimension: 0, scramble: false })).toThrow(
      /dimension must be an integer in \[1, 10000\], got 0/,
    );
    expect(() => new Halton({ dimension: 3 })).toThrow(/seed or an rng is required/);
    expect(() => new Halton({ dimension: 3, scramble: "yes" as unknown as boolean })).toThrow(
      /scramble must be a boolean/,
    );
    const h = new Halton({ dimension: 2, scramble: false });
    expect(() => h.point(-2)).toThrow(/i must be an integer in \[0, 9007199254740991\], got -2/);
    expect(() => h.random(1.5)).toThrow(/n must be an integer/);
    expect(() => h.point(1, new Float64Array(1))).toThrow(/out must have length 2/);
  });
});
