/** The bbob factory: arguments, optimum placement, special optima (f5, f8, f9, f19, f20, f24). */
import { describe, expect, it } from "vitest";
import {
  bbob,
  bbobSuite,
  legacyFopt,
  legacyRotation,
  legacyUniform,
  legacyXopt,
} from "../../src/bbob/index.js";

describe("bbob", () => {
  it("rejects bad function numbers, dimensions and instances", () => {
    expect(() => bbob(0, 5)).toThrow(/function number must be an integer in 1..24, got 0/);
    expect(() => bbob(25, 5)).toThrow(RangeError);
    expect(() => bbob(1.5, 5)).toThrow(RangeError);
    expect(() => bbob(1, 1)).toThrow(/dimension must be an integer in \[2, 10000\], got 1/);
    expect(() => bbob(1, Number.NaN)).toThrow(RangeError);
    expect(() => bbob(1, 5, { instance: 0 })).toThrow(/instance must be an integer/);
    expect(() => bbob(1, 5, { instance: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it("checks vector lengths and parameter records", () => {
    const f = bbob(1, 3);
    expect(() => f.evaluateVector(new Float64Array(2))).toThrow(/x must have length 3, got 2/);
    expect(() => f.evaluate({ x0: 1, x1: 2 })).toThrow(/parameter x2 must be a number, got nothing/);
    expect(f.evaluateVector(Float64Array.of(Number.NaN, 0, 0))).toBeNaN();
  });

  it("never puts the optimum at the centre of the box", () => {
    for (const f of [...bbobSuite(2), ...bbobSuite(10, { instance: 5 })]) {
      const x = f.optimizerVectors[0]!;
      expect(Math.max(...Array.from(x, Math.abs))).toBeGreaterThan(1e-3);
    }
  });

  it("f5 (linear slope) has its optimum on the boundary, at 5·sign(x_opt)", () => {
    const f = bbob(5, 4, { instance: 2 });
    const signs = legacyXopt(5 + 20000, 4);
    expect(Array.from(f.optimizerVectors[0]!)).toEqual(Array.from(signs, (v) => (v > 0 ? 5 : -5)));
    // Beyond the boundary in the optimum's direction, z is clamped: the value stays f_opt.
    const beyond = Float64Array.from(f.optimizerVectors[0]!, (v) => 2 * v);
    expect(f.evaluateVector(beyond)).toBeCloseTo(f.optimum!, 12);
  });

  it("f8 has x_opt = 0.75·legacyXopt and f9/f19 have x_opt = Rᵀ1/(2 max(1, √D/8))", () => {
    expect(Array.from(bbob(8, 3).optimizerVectors[0]!)).toEqual(
      Array.from(legacyXopt(8 + 10000, 3), (v) => 0.75 * v),
    );
    const d = 100;
    const c = Math.sqrt(d) / 8;
    const r = legacyRotation(9 + 10000, d);
    const x9 = bbob(9, d).optimizerVectors[0]!;
    for (const j of [0, 17, 99]) {
      let s = 0;
      for (let i = 0; i < d; i++) s += r[i * d + j]!;
      expect(x9[j]).toBeCloseTo(s / (2 * c), 14);
    }
  });

  it("f20 (Schwefel) has x_opt = ±4.2096874637/2 with the signs of the legacy uniforms", () => {
    const u = legacyUniform(5, 20 + 30000);
    expect(Array.from(bbob(20, 5, { instance: 3 }).optimizerVectors[0]!)).toEqual(
      Array.from(u, (v) => (v < 0.5 ? -1 : 1) * 0.5 * 4.2096874637),
    );
  });

  it("f24 (Lunacek) has x_opt = ±μ₀/2 = ±1.25", () => {
    for (const v of bbob(24, 7).optimizerVectors[0]!) expect(Math.abs(v)).toBe(1.25);
  });

  it("f_opt is COCO's rounded value in [-1000, 1000], shared by f17/f18 and f3/f4 as in COCO", () => {
    for (let f = 1; f <= 24; f++) {
      const v = legacyFopt(f, 1);
      expect(Math.abs(v)).toBeLessThanOrEqual(1000);
      expect(Math.round(v * 100)).toBeCloseTo(v * 100, 6);
    }
    expect(bbob(18, 2).optimum).toBe(bbob(17, 2).optimum);
    expect(bbob(4, 2).optimum).toBe(bbob(3, 2).optimum);
  });
});

describe("legacy generator", () => {
  it("produces uniforms in (0, 1) and orthonormal rotations", () => {
    const u = legacyUniform(1000, 12345);
    for (const v of u) expect(v > 0 && v < 1).toBe(true);
    const d = 7;
    const r = legacyRotation(42, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += r[k * d + i]! * r[k * d + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it("treats seeds like COCO (|seed|, at least 1) and rejects bad seeds", () => {
    expect(Array.from(legacyUniform(3, -77))).toEqual(Array.from(legacyUniform(3, 77)));
    expect(Array.from(legacyUniform(3, 0))).toEqual(Array.from(legacyUniform(3, 1)));
    expect(legacyUniform(0, 5).length).toBe(0);
    expect(() => legacyUniform(3, 1.5)).toThrow(/seed must be an integer/);
    expect(() => legacyUniform(-1, 1)).toThrow(/n must be a non-negative integer/);
  });
});
