/**
 * Classic functions against reference values: fixtures/reference_values.json (made by
 * fixtures/reference_values.py with independent numpy forms of the VLSE definitions and DEAP's
 * deap.benchmarks), plus published optima and closed forms at given points.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { BoxFunction } from "../../src/box/index.js";
import {
  ackley,
  BRANIN_MIN,
  branin,
  ellipsoid,
  griewank,
  hartmann3,
  hartmann6,
  levy,
  rastrigin,
  rosenbrock,
  STYBLINSKI_TANG_MIN_PER_DIM,
  STYBLINSKI_TANG_X,
  sphere,
  styblinskiTang,
} from "../../src/classic/index.js";

interface Ref {
  readonly x: number[];
  readonly f: number;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/reference_values.json", import.meta.url), "utf8"),
) as {
  classic: Record<string, Ref[]>;
  hartmann3_minimum: Ref;
  hartmann6_minimum: Ref;
};

const makers: Record<string, (d: number) => BoxFunction> = {
  sphere,
  ellipsoid: (d) => ellipsoid(d),
  rosenbrock,
  rastrigin,
  ackley,
  griewank,
  levy,
  "styblinski-tang": styblinskiTang,
  branin: () => branin(),
  hartmann3: () => hartmann3(),
  hartmann6: () => hartmann6(),
};

describe("classic functions match the reference script", () => {
  for (const [name, rows] of Object.entries(fixture.classic)) {
    it(name, () => {
      for (const { x, f } of rows) {
        const fn = makers[name]!(x.length);
        expect(Math.abs(fn.evaluateVector(Float64Array.from(x)) - f)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(f)),
        );
      }
    });
  }
});

describe("published optima", () => {
  it("Branin: 0.397887 (VLSE) = 5/(4π) at its three minimizers", () => {
    const f = branin();
    expect(BRANIN_MIN).toBeCloseTo(0.397887, 6);
    expect(f.optimizerVectors.map((x) => Array.from(x, (v) => Number(v.toFixed(5))))).toEqual([
      [-Number(Math.PI.toFixed(5)), 12.275],
      [Number(Math.PI.toFixed(5)), 2.275],
      [9.42478, 2.475],
    ]);
  });

  it("Hartmann-6: -3.32237 (VLSE) at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)", () => {
    const f = hartmann6();
    expect(f.optimum).toBeCloseTo(-3.32237, 5);
    expect(f.optimum).toBeCloseTo(fixture.hartmann6_minimum.f, 12);
    const vlse = Float64Array.of(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573);
    expect(f.evaluateVector(vlse)).toBeCloseTo(-3.32237, 5);
    expect(f.evaluateVector(vlse)).toBeGreaterThanOrEqual(f.optimum!);
  });

  it("Hartmann-3: -3.86278 (VLSE) at (0.114614, 0.555649, 0.852547)", () => {
    const f = hartmann3();
    expect(f.optimum).toBeCloseTo(-3.86278, 5);
    expect(f.optimum).toBeCloseTo(fixture.hartmann3_minimum.f, 12);
    expect(f.evaluateVector(Float64Array.of(0.114614, 0.555649, 0.852547))).toBeGreaterThanOrEqual(
      f.optimum!,
    );
  });

  it("Styblinski-Tang: x* = -2.903534 is a root of 2x³ - 16x + 2.5, minimum ≈ -39.16599 d (VLSE)", () => {
    const x = STYBLINSKI_TANG_X;
    expect(x).toBeCloseTo(-2.903534, 6);
    expect(Math.abs(2 * x ** 3 - 16 * x + 2.5)).toBeLessThan(1e-12);
    expect(STYBLINSKI_TANG_MIN_PER_DIM).toBeCloseTo(-39.16599, 3);
    expect(styblinskiTang(10).optimum).toBeCloseTo(-391.6616570377142, 9);
  });

  it("closed forms at given points", () => {
    expect(sphere(3).evaluate({ x0: 1, x1: 2, x2: -2 })).toBe(9);
    expect(ellipsoid(2).evaluate({ x0: 1, x1: 1 })).toBe(1 + 1e6);
    expect(ellipsoid(1).evaluate({ x0: 3 })).toBe(9);
    expect(rosenbrock(2).evaluate({ x0: 0, x1: 0 })).toBe(1);
    expect(rastrigin(1).evaluate({ x0: 0.5 })).toBeCloseTo(10 + 0.25 + 10, 12);
    expect(griewank(2).evaluate({ x0: 0, x1: 0 })).toBe(0);
    expect(ackley(3).evaluateVector(new Float64Array(3))).toBeCloseTo(0, 14);
    // Levy at x = 1 - 4·(1/2)... w = 1/2 in 1-D: sin²(π/2) + (−½)²(1 + sin²(π)) = 1 + 0.25.
    expect(levy(1).evaluate({ x0: -1 })).toBeCloseTo(1.25, 12);
  });
});

describe("arguments", () => {
  it("rejects bad dimensions and options with clear errors", () => {
    expect(() => sphere(0)).toThrow(/sphere: dimension must be an integer in \[1, 10000\], got 0/);
    expect(() => rosenbrock(1)).toThrow(/rosenbrock: dimension must be an integer in \[2, 10000\]/);
    expect(() => rastrigin(2.5)).toThrow(RangeError);
    expect(() => levy(Number.NaN)).toThrow(RangeError);
    expect(() => ackley(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => ellipsoid(3, { condition: 0.5 })).toThrow(/condition must be finite and >= 1/);
    expect(() => sphere(2).evaluate({ x0: 1, x1: "a" })).toThrow(TypeError);
  });

  it("propagates NaN and Infinity", () => {
    expect(sphere(2).evaluateVector(Float64Array.of(Number.NaN, 0))).toBeNaN();
    expect(sphere(2).evaluateVector(Float64Array.of(Number.POSITIVE_INFINITY, 0))).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(rastrigin(2).evaluateVector(Float64Array.of(Number.POSITIVE_INFINITY, 0))).toBeNaN();
  });
});
