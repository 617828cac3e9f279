import kstest from "@stdlib/stats-kstest";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/random/rng.js";
import { truncatedNormal } from "../../src/random/truncated-normal.js";
import { truncatedNormalLogCdf } from "../../src/special/truncated-normal.js";
import ref from "../fixtures/parzen/truncnorm.json" with { type: "json" };

// The kernel sampler of the Parzen estimator (random/truncated-normal.ts) checked against
// SciPy 1.10's truncnorm (fixtures/parzen/truncnorm.py): exact inversion where it inverts,
// and Kolmogorov-Smirnov tests against the CDF (itself checked against SciPy and 80-digit
// values in test/special/truncated-normal.test.ts) everywhere, far tails and narrow
// intervals included.
const inf = (v: number | null, sign: number): number => (v === null ? sign * Number.POSITIVE_INFINITY : v);

/** A stand-in generator whose next uniform is `u` (inversion consumes exactly one). */
function fixedUniform(u: number): Rng {
  return { random: () => u, randomOpen: () => u } as unknown as Rng;
}

describe("truncatedNormal inverts SciPy's truncnorm.ppf", () => {
  it.each(ref.ppf.map((c) => [c.a, c.b, c] as const))("on [%s, %s]", (_a, _b, c) => {
    const a = inf(c.a, -1);
    const b = inf(c.b, 1);
    for (const [q, z] of c.rows as number[][]) {
      // Intervals on the negative side are sampled by reflection: u maps to ppf(1 - u).
      const u = b <= 0 ? 1 - q! : q!;
      const got = truncatedNormal(fixedUniform(u), 0, 1, a, b);
      expect(Math.abs(got - z!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(z!)));
    }
  });
});

describe("truncatedNormal samples follow the truncated CDF (KS test, p > 0.001)", () => {
  const cases: [number, number, number, number][] = [
    [0, 1, -1, 2],
    [0, 1, 30, 31],
    [0, 1, -40, -39],
    [0, 1, 37.5, 38],
    [0, 1, 2, Number.POSITIVE_INFINITY],
    [0, 1, Number.NEGATIVE_INFINITY, -35],
    [3, 0.5, 1, 4],
    [0.2, 0.01, 0, 1],
    [0, 1, -1e-3, 1e-3],
    [0, 1, 5, 5.001],
    [0, 1, 30, 30 + 1e-9],
    [0, 1, -40, -40 + 1e-9],
    [0, 1, -1e-9, 1e-9],
    [1e6, 1, 1e6 + 3, 1e6 + 3 + 1e-6],
  ];
  it.each(cases)("N(%d, %d²) on [%d, %d]", (mean, sd, low, high) => {
    const rng = Rng.fromSeed(2024);
    const n = 2000;
    const xs = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const x = truncatedNormal(rng, mean, sd, low, high);
      expect(x >= low && x <= high).toBe(true);
      xs[i] = x;
    }
    const cdf = (x: number): number => Math.exp(truncatedNormalLogCdf(x, mean, sd, low, high));
    expect(kstest(xs, cdf).pValue).toBeGreaterThan(0.001);
  });
});
