import {
  categoricalDistribution,
  type FloatDistribution,
  floatDistribution,
  type IntDistribution,
  intDistribution,
  type SearchSpace,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CmaSpace, fnv1aHex } from "../../src/cmaes/space.js";

const mixed: SearchSpace = {
  b: floatDistribution(1e-4, 1, { log: true }),
  a: floatDistribution(-2, 6),
  c: intDistribution(0, 3),
  d: floatDistribution(0, 1, { step: 0.25 }),
  e: intDistribution(1, 1000, { log: true }),
  f: intDistribution(10, 40, { step: 10 }),
};

describe("CmaSpace", () => {
  it("sorts the names and maps [0, 1] onto each parameter's internal range", () => {
    const s = new CmaSpace(mixed, false);
    expect(s.names).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(s.dim).toBe(6);
    // continuous: the ends of [0, 1] are low and high
    expect(s.fromUnit(0, 0)).toBe(-2);
    expect(s.fromUnit(0, 1)).toBe(6);
    expect(s.fromUnit(0, 0.25)).toBe(0);
    expect(s.toUnit(0, 2)).toBe(0.5);
    // log: the middle of [0, 1] is the geometric mean
    expect(s.fromUnit(1, 0.5)).toBeCloseTo(1e-2, 12);
    expect(s.toUnit(1, 1e-3)).toBeCloseTo(0.25, 12);
    // int 0..3: four cells of width 1/4
    expect([0.01, 0.24, 0.26, 0.6, 0.99].map((u) => s.fromUnit(2, u))).toEqual([0, 0, 1, 2, 3]);
    expect(s.toUnit(2, 2)).toBe(0.625);
    // stepped float 0, 0.25, ..., 1: five cells
    expect([0, 0.19, 0.21, 0.5, 1].map((u) => s.fromUnit(3, u))).toEqual([0, 0, 0.25, 0.5, 1]);
    // log int: cells [k - 1/2, k + 1/2] in log scale
    expect(s.fromUnit(4, 0)).toBe(1);
    expect(s.fromUnit(4, 1)).toBe(1000);
    // bounds are [0, 1] without margin
    expect(Array.from(s.lower)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(s.upper)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(s.hasGrid).toBe(false);
    expect(Array.from(s.steps)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("makes integer and stepped (non-log) parameters margin grids of cell centres", () => {
    const s = new CmaSpace(mixed, true);
    expect(s.hasGrid).toBe(true);
    // c: int 0..3 → centres 1/8, 3/8, 5/8, 7/8
    expect(s.steps[2]).toBe(0.25);
    expect(s.lower[2]).toBe(0.125);
    expect(s.upper[2]).toBe(0.875);
    for (let k = 0; k < 4; k++) expect(s.fromUnit(2, 0.125 + 0.25 * k)).toBe(k);
    // d: 5 values, f: 10, 20, 30, 40
    expect(s.steps[3]).toBeCloseTo(0.2, 15);
    expect(s.steps[5]).toBe(0.25);
    for (let k = 0; k < 4; k++) expect(s.fromUnit(5, 0.125 + 0.25 * k)).toBe(10 + 10 * k);
    // log int and continuous parameters stay continuous
    expect([s.steps[0], s.steps[1], s.steps[4]]).toEqual([0, 0, 0]);
  });

  it("round-trips every value of the discrete parameters through toUnit/fromUnit", () => {
    for (const margin of [false, true]) {
      const s = new CmaSpace(mixed, margin);
      for (let k = 0; k <= 3; k++) expect(s.fromUnit(2, s.toUnit(2, k))).toBe(k);
      for (const v of [0, 0.25, 0.5, 0.75, 1]) expect(s.fromUnit(3, s.toUnit(3, v))).toBe(v);
      for (const v of [1, 2, 3, 10, 999, 1000]) expect(s.fromUnit(4, s.toUnit(4, v))).toBe(v);
    }
  });

  it("keeps fromUnit inside the distribution for any coordinate, including far outside [0, 1] (property)", () => {
    const s = new CmaSpace(mixed, false);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 5 }), (u, i) => {
        const name = s.names[i]!;
        const d = mixed[name]!;
        if (d.kind === "categorical") return;
        const v = s.fromUnit(i, u);
        expect(v).toBeGreaterThanOrEqual(d.low);
        expect(v).toBeLessThanOrEqual(d.high);
        if (d.kind === "int") expect(Number.isInteger(v)).toBe(true);
      }),
    );
  });

  it("pointOf maps a trial's internal params and clamps to the bounds; null when one is missing", () => {
    const s = new CmaSpace(mixed, false);
    const x = s.pointOf({ a: 6, b: 1, c: 0, d: 0.5, e: 1, f: 40 })!;
    expect(x[0]).toBe(1);
    expect(x[1]).toBeCloseTo(1, 12);
    expect(x[2]).toBe(0.125);
    expect(x[3]).toBeCloseTo(0.5, 12);
    expect(x[5]).toBe(0.875);
    expect(s.pointOf({ a: 0 })).toBeNull();
    expect(s.pointOf({ a: 100, b: 1, c: 0, d: 0.5, e: 1, f: 40 })![0]).toBe(1);
  });

  it("names a space by a stable hash of its description", () => {
    const a = new CmaSpace(mixed, false);
    const b = new CmaSpace({ ...mixed }, true);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{8}$/);
    const c = new CmaSpace({ ...mixed, a: floatDistribution(-2, 7) }, false);
    expect(c.hash).not.toBe(a.hash);
    expect(fnv1aHex("")).toBe("811c9dc5");
    expect(fnv1aHex("a")).toBe("e40c292c"); // FNV-1a test vector
  });

  // The study refuses these ranges at suggest time (issue 9, defect 6), but CmaSpace must not
  // depend on it: the distributions are built as records, without the study's checks.
  const wide: FloatDistribution = { kind: "float", low: -1e308, high: 1e308, log: false, step: null };
  const allSafe: IntDistribution = {
    kind: "int",
    low: Number.MIN_SAFE_INTEGER,
    high: Number.MAX_SAFE_INTEGER,
    log: false,
    step: 1,
  };
  const tinyStep: FloatDistribution = { kind: "float", low: 0, high: 1, log: false, step: 1e-300 };

  it("maps a range whose width overflows (±1e308) without forming high − low (issue 9, defect 6)", () => {
    const s = new CmaSpace({ f: wide, g: floatDistribution(-1, 1) }, true);
    expect(s.fromUnit(0, 0)).toBe(-1e308);
    expect(s.fromUnit(0, 1)).toBe(1e308);
    expect(s.fromUnit(0, 0.5)).toBe(0);
    expect(s.fromUnit(0, 0.75)).toBe(5e307);
    expect(s.fromUnit(0, 0.125)).toBe(-7.5e307);
    expect(s.toUnit(0, 0)).toBe(0.5);
    expect(s.toUnit(0, -5e307)).toBe(0.25);
    expect(s.toUnit(0, 1e308)).toBe(1);
    for (const u of [0.1, 0.3, 0.5, 0.9, 0.999]) expect(s.toUnit(0, s.fromUnit(0, u))).toBeCloseTo(u, 15);
    expect(s.fromUnit(0, 1.5)).toBe(1e308); // clamped, not Infinity
    expect(s.fromUnit(0, -7)).toBe(-1e308);
    // A range of finite width is unaffected.
    expect(s.fromUnit(1, 0.75)).toBe(0.5);
    expect(s.steps[0]).toBe(0);
  });

  it("keeps grids up to 2^52 values as margin coordinates and rounds larger ones (issue 9, defects 3 and 6)", () => {
    const s = new CmaSpace(
      {
        a: intDistribution(0, 2 ** 31 - 1),
        b: intDistribution(1, 2 ** 52),
        c: intDistribution(0, 2 ** 52),
        d: floatDistribution(0, 1, { step: 1e-12 }),
        e: allSafe,
        f: tinyStep,
      },
      true,
    );
    expect(Array.from(s.steps)).toEqual([2 ** -31, 2 ** -52, 0, 1 / (1e12 + 1), 0, 0]);
    expect(s.lower[1]).toBe(2 ** -53);
    expect(s.upper[1]).toBe(1 - 2 ** -53);
    // 2^52 cells of [0, 1]: every cell centre decodes to its own value, up to the top, and
    // every value maps to its cell centre (to the rounding of 2^52 + 1/2, the internal upper bound).
    for (const k of [1, 2, 2 ** 40 + 7, 2 ** 51, 2 ** 52 - 1, 2 ** 52]) {
      expect(s.fromUnit(1, (k - 0.5) * 2 ** -52)).toBe(k);
      expect(Math.abs(s.toUnit(1, k) - (k - 0.5) * 2 ** -52)).toBeLessThanOrEqual(2 ** -53);
      expect(s.fromUnit(1, s.toUnit(1, k))).toBe(k);
    }
    // MIN_SAFE..MAX_SAFE (2^54 − 1 values) is a rounded coordinate; every value stays a safe integer.
    for (const u of [0, 1e-17, 0.25, 0.5, 0.75, 1 - 1e-16, 1]) {
      const v = s.fromUnit(4, u);
      expect(Number.isSafeInteger(v)).toBe(true);
    }
    expect(s.fromUnit(4, 0)).toBe(Number.MIN_SAFE_INTEGER);
    expect(s.fromUnit(4, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(s.fromUnit(4, 0.5)).toBe(0);
  });

  it("rejects empty spaces, categorical and single-valued parameters", () => {
    expect(() => new CmaSpace({}, false)).toThrow(/search space is empty/);
    expect(() => new CmaSpace({ c: categoricalDistribution(["a", "b"]) }, false)).toThrow(
      /"c" is categorical/,
    );
    expect(() => new CmaSpace({ s: floatDistribution(1, 1) }, false)).toThrow(/"s" has a single value/);
  });
});
