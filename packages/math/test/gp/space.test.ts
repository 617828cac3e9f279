import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cubeDimensions, type GpDimension, normalize, unnormalize } from "../../src/gp/index.js";

const space: GpDimension[] = [
  { kind: "float", low: -2, high: 3 },
  { kind: "float", low: 1e-5, high: 1e-1, log: true },
  { kind: "int", low: 1, high: 5 },
  { kind: "int", low: 1, high: 1024, log: true },
  { kind: "float", low: 0, high: 1, step: 0.1 },
  { kind: "categorical", choices: 4 },
];

describe("normalize / unnormalize", () => {
  it("maps bounds and log midpoints as documented", () => {
    const u = normalize(space, Float64Array.of(-2, 1e-3, 1, 32, 0.5, 2));
    expect(u[0]).toBe(0);
    expect(u[1]).toBeCloseTo(0.5, 12);
    expect(u[2]).toBeCloseTo(0.5 / 5, 12); // [0.5, 5.5] → 1 sits at 0.1
    expect(u[3]).toBeCloseTo((Math.log(32) - Math.log(0.5)) / (Math.log(1024.5) - Math.log(0.5)), 12);
    expect(u[4]).toBeCloseTo(0.55 / 1.1, 12);
    expect(u[5]).toBe(2);
  });

  it("round-trips every valid value (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 3, noNaN: true }),
        fc.double({ min: Math.log(1e-5), max: Math.log(1e-1), noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 1024 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 3 }),
        (a, lb, c, e, k, cat) => {
          const v = Float64Array.of(a, Math.exp(lb), c, e, Number.parseFloat((k * 0.1).toPrecision(15)), cat);
          const u = normalize(space, v);
          for (let j = 0; j < 5; j++) {
            expect(u[j]).toBeGreaterThanOrEqual(0);
            expect(u[j]).toBeLessThanOrEqual(1);
          }
          const back = unnormalize(space, u);
          expect(back[0]).toBeCloseTo(a, 10);
          expect(Math.abs(back[1]! - v[1]!) / v[1]!).toBeLessThan(1e-10);
          expect(Array.from(back.subarray(2))).toEqual(Array.from(v.subarray(2)));
        },
      ),
    );
  });

  it("clamps and rounds arbitrary cube points onto valid values", () => {
    const back = unnormalize(space, Float64Array.of(-0.3, 1.7, 0.33, 0.9999, 0.56, 7.4));
    expect(back[0]).toBe(-2);
    expect(back[1]).toBeCloseTo(1e-1, 15);
    expect(back[2]).toBe(2);
    expect(back[3]).toBe(1024);
    expect(back[4]).toBe(0.6);
    expect(back[5]).toBe(3);
  });

  it("cubeDimensions lists the grid of discrete dimensions in cube coordinates", () => {
    const dims = cubeDimensions(space);
    expect(dims.map((x) => x.kind)).toEqual([
      "continuous",
      "continuous",
      "discrete",
      "discrete",
      "discrete",
      "categorical",
    ]);
    const g = dims[2]!;
    if (g.kind !== "discrete") throw new Error("unreachable");
    expect(Array.from(g.grid)).toEqual(Array.from(normalize([space[2]!], Float64Array.of(1, 2, 3, 4, 5))));
    const s = dims[4]!;
    if (s.kind !== "discrete") throw new Error("unreachable");
    expect(s.grid.length).toBe(11);
  });

  it("refuses malformed spaces and values with the argument named", () => {
    expect(() => normalize([], new Float64Array(0))).toThrow(/space must be a non-empty/);
    expect(() => normalize([{ kind: "float", low: 1, high: 0 }], Float64Array.of(0))).toThrow(
      /space\[0\] needs finite low <= high/,
    );
    expect(() => normalize([{ kind: "float", low: 0, high: 1, log: true }], Float64Array.of(0.5))).toThrow(
      /needs low > 0/,
    );
    expect(() => normalize([{ kind: "int", low: 0, high: 3, step: 0.5 }], Float64Array.of(1))).toThrow(
      /integer low, high and step/,
    );
    expect(() => normalize([{ kind: "categorical", choices: 0 }], Float64Array.of(0))).toThrow(
      /choices must be an integer >= 1/,
    );
    expect(() => normalize(space, new Float64Array(5))).toThrow(/multiple of D=6/);
    expect(() => unnormalize(space, new Float64Array(7))).toThrow(/multiple of D=6/);
  });
});
