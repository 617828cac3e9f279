import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gd, gdPlus, igd, igdPlus } from "../../src/indicators/distance-indicators.js";
import { spacing } from "../../src/indicators/spacing.js";
import { generalizedSpread, spread } from "../../src/indicators/spread.js";
import { Rng } from "../../src/random/rng.js";
import pymoo from "../fixtures/indicators/pymoo_indicators.json" with { type: "json" };

/** N points of the linear front x_1 + ... + x_m = 1, seeded. */
function simplexFront(n: number, m: number, seed: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += out[i * m + k] = -Math.log(rng.randomOpen());
    for (let k = 0; k < m; k++) out[i * m + k] = out[i * m + k]! / s;
  }
  return out;
}

const setArb = (m: number, maxN: number) =>
  fc
    .array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: m, maxLength: m }), {
      minLength: 1,
      maxLength: maxN,
    })
    .map((rows) => Float64Array.from(rows.flat()));

describe("gd / gdPlus / igd / igdPlus", () => {
  it("are 0 for a front against itself, and IGD grows as points are removed", () => {
    for (const m of [2, 3, 5]) {
      const z = simplexFront(60, m, m);
      expect(igd(z, m, z)).toBe(0);
      expect(igdPlus(z, m, z)).toBe(0);
      expect(gd(z, m, z)).toBe(0);
      expect(gdPlus(z, m, z)).toBe(0);
      let previous = 0;
      for (let keep = 59; keep >= 1; keep -= 7) {
        const a = z.subarray(0, keep * m);
        const value = igd(a, m, z);
        expect(value).toBeGreaterThan(previous); // removing points strictly loses coverage here
        expect(gd(a, m, z)).toBe(0); // a subset of the front has converged
        previous = value;
      }
    }
  });

  it("plus versions never exceed the plain ones, and IGD does not drop when points are removed (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((m) => fc.tuple(fc.constant(m), setArb(m, 12), setArb(m, 12))),
        ([m, a, z]) => {
          expect(igdPlus(a, m, z)).toBeLessThanOrEqual(igd(a, m, z) + 1e-12);
          expect(gdPlus(a, m, z)).toBeLessThanOrEqual(gd(a, m, z) + 1e-12);
          if (a.length > m) expect(igd(a.subarray(m), m, z)).toBeGreaterThanOrEqual(igd(a, m, z) - 1e-12);
          // p = 2 is the root mean square, never below the mean.
          expect(igd(a, m, z, { p: 2 })).toBeGreaterThanOrEqual(igd(a, m, z) - 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("equal pymoo 0.6.2's GD, GD+, IGD and IGD+ on 30 seeded cases, 2 to 5 objectives (fixture)", () => {
    // fixtures/indicators/pymoo_indicators.py
    expect(pymoo.cases).toHaveLength(30);
    for (const [c, k] of pymoo.cases.entries()) {
      const a = Float64Array.from(k.points);
      const z = Float64Array.from(k.front);
      for (const [name, f] of [
        ["gd", gd],
        ["gdPlus", gdPlus],
        ["igd", igd],
        ["igdPlus", igdPlus],
      ] as const) {
        expect(Math.abs(f(a, k.m, z) - k[name]), `case ${c} ${name}`).toBeLessThan(1e-12);
      }
    }
  });

  it("match hand-computed values", () => {
    const z = Float64Array.of(0, 1, 1, 0);
    // IGD: distances from (0, 1) and (1, 0) to A = {(0.5, 0.5)} are both √0.5.
    expect(igd(Float64Array.of(0.5, 0.5), 2, z)).toBeCloseTo(Math.SQRT1_2, 15);
    // IGD+: d⁺((0,1), (0.5,0.5)) = ‖(0.5, 0)‖ = 0.5, same for (1, 0).
    expect(igdPlus(Float64Array.of(0.5, 0.5), 2, z)).toBeCloseTo(0.5, 15);
    // A point that dominates the front has IGD+ 0 but IGD > 0.
    expect(igdPlus(Float64Array.of(0, 0), 2, z)).toBe(0);
    expect(igd(Float64Array.of(0, 0), 2, z)).toBe(1);
    // GD with p = 2 over A = {(1, 1), (0, 3)}: nearest distances 1 and 2 → sqrt((1 + 4) / 2).
    expect(gd(Float64Array.of(1, 1, 0, 3), 2, z, { p: 2 })).toBeCloseTo(Math.sqrt(2.5), 15);
    expect(gd(Float64Array.of(1, 1, 0, 3), 2, z)).toBeCloseTo(1.5, 15);
    // GD+ of (2, -1) to (1, 0): max(1, 0), max(-1, 0) → 1; to (0, 1): (2, 0) → 2.
    expect(gdPlus(Float64Array.of(2, -1), 2, z)).toBe(1);
  });

  it("reject empty sets, dimension mismatches, non-finite values and p < 1", () => {
    const z = Float64Array.of(0, 1, 1, 0);
    expect(() => igd(new Float64Array(0), 2, z)).toThrow(/igd: points must hold at least 1 point, got 0/);
    expect(() => igdPlus(z, 2, new Float64Array(0))).toThrow(
      /igdPlus: referenceFront must hold at least 1 point, got 0/,
    );
    expect(() => gd(Float64Array.of(1, 2, 3), 2, z)).toThrow(
      /gd: points length 3 is not a multiple of nObjectives=2 \(dimension mismatch\)/,
    );
    expect(() => gd(Float64Array.of(1, 2, 3), 3, z)).toThrow(
      /gd: referenceFront length 4 is not a multiple of nObjectives=3/,
    );
    expect(() => gdPlus(Float64Array.of(1, Number.NaN), 2, z)).toThrow(
      /gdPlus: objective 1 of points point 0 must be finite, got NaN/,
    );
    expect(() => igd(z, 2, z, { p: 0.5 })).toThrow(/igd: p must be a finite number >= 1, got 0.5/);
    expect(() => igd(z, 0, z)).toThrow(/igd: nObjectives must be an integer >= 1, got 0/);
    expect(() => igd([0, 1] as unknown as Float64Array, 2, z)).toThrow(/igd: points must be a Float64Array/);
  });
});

describe("spacing", () => {
  it("is 0 for equally spaced points and matches a hand-computed value", () => {
    expect(spacing(Float64Array.of(0, 3, 1, 2, 2, 1, 3, 0), 2)).toBe(0);
    // L1 nearest distances of (0,4), (1,3), (4,0): 2, 2, 6 → mean 10/3;
    // S = sqrt(((4/3)² + (4/3)² + (8/3)²) / 2) = sqrt(16/3).
    expect(spacing(Float64Array.of(0, 4, 1, 3, 4, 0), 2)).toBeCloseTo(Math.sqrt(16 / 3), 14);
  });

  it("is invariant to the order of the points and to translation (property)", () => {
    fc.assert(
      fc.property(setArb(3, 15), fc.double({ min: -5, max: 5, noNaN: true }), (a, shift) => {
        fc.pre(a.length >= 6);
        const n = a.length / 3;
        const reversed = new Float64Array(a.length);
        for (let i = 0; i < n; i++) reversed.set(a.subarray(i * 3, i * 3 + 3), (n - 1 - i) * 3);
        expect(spacing(reversed, 3)).toBeCloseTo(spacing(a, 3), 10);
        expect(
          spacing(
            a.map((v) => v + shift),
            3,
          ),
        ).toBeCloseTo(spacing(a, 3), 9);
      }),
      { numRuns: 100 },
    );
  });

  it("needs two points", () => {
    expect(() => spacing(Float64Array.of(1, 2), 2)).toThrow(
      /spacing: points must hold at least 2 points, got 1/,
    );
  });
});

describe("spread / generalizedSpread", () => {
  it("are 0 for equally spaced points that reach the extremes of the front", () => {
    const a = Float64Array.of(0, 1, 0.25, 0.75, 0.5, 0.5, 0.75, 0.25, 1, 0);
    const z = simplexFront(200, 2, 1);
    const zWithEnds = Float64Array.from([...z, 0, 1, 1, 0]);
    expect(spread(a, 2, zWithEnds)).toBeCloseTo(0, 15);
    expect(generalizedSpread(a, 2, zWithEnds)).toBeCloseTo(0, 15);
  });

  it("matches a hand-computed Δ", () => {
    // A sorted: (0.2, 0.8), (0.3, 0.7), (1, 0); gaps √0.02 and √0.98; Z's extremes (0, 1), (1, 0).
    const a = Float64Array.of(1, 0, 0.2, 0.8, 0.3, 0.7);
    const z = Float64Array.of(0, 1, 1, 0, 0.5, 0.5);
    const g1 = Math.sqrt(0.02);
    const g2 = Math.sqrt(0.98);
    const mean = (g1 + g2) / 2;
    const df = Math.sqrt(0.08);
    const expected = (df + 0 + Math.abs(g1 - mean) + Math.abs(g2 - mean)) / (df + 0 + 2 * mean);
    expect(spread(a, 2, z)).toBeCloseTo(expected, 14);
  });

  it("a clustered set spreads worse than an even one, in 3 objectives", () => {
    const z = simplexFront(500, 3, 2);
    const even = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0.5);
    const clustered = Float64Array.of(0.3, 0.3, 0.4, 0.31, 0.3, 0.39, 0.3, 0.32, 0.38, 0.6, 0.2, 0.2);
    expect(generalizedSpread(clustered, 3, z)).toBeGreaterThan(generalizedSpread(even, 3, z));
  });

  it("reject m ≠ 2 for Deb's Δ, single points and mismatched fronts", () => {
    const z = Float64Array.of(0, 1, 1, 0);
    expect(() => spread(Float64Array.of(0, 1, 1, 0, 0, 0), 3, Float64Array.of(0, 0, 0))).toThrow(
      /spread: nObjectives must be 2 \(generalizedSpread takes any m\), got 3/,
    );
    expect(() => spread(Float64Array.of(0, 1), 2, z)).toThrow(
      /spread: points must hold at least 2 points, got 1/,
    );
    expect(() => generalizedSpread(z, 2, Float64Array.of(1, 2, 3))).toThrow(
      /generalizedSpread: referenceFront length 3 is not a multiple of nObjectives=2/,
    );
  });
});
