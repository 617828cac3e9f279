/** The standard set and the name lookup. */
import { describe, expect, it } from "vitest";
import {
  registeredFunctions,
  STANDARD_NAMES,
  standardFunctions,
  testFunction,
} from "../../src/registry/index.js";

describe("standardFunctions", () => {
  it("has the eight baseline instances with the VLSE domains", () => {
    const fs = standardFunctions();
    expect(fs.map((f) => f.name)).toEqual(STANDARD_NAMES);
    const box = Object.fromEntries(fs.map((f) => [f.name, [f.dimension, f.lower[0], f.upper[0]]]));
    expect(box).toEqual({
      branin: [2, -5, 10],
      hartmann6: [6, 0, 1],
      "rosenbrock-10": [10, -5, 10],
      "rastrigin-10": [10, -5.12, 5.12],
      "ackley-10": [10, -32.768, 32.768],
      "styblinski-tang-10": [10, -5, 5],
      "levy-10": [10, -10, 10],
      "griewank-10": [10, -600, 600],
    });
    expect(fs[0]!.lower[1]).toBe(0);
    expect(fs[0]!.upper[1]).toBe(15);
  });
});

describe("testFunction", () => {
  it("finds every registered function by its name", () => {
    for (const f of registeredFunctions()) {
      const g = testFunction(f.name);
      expect(g.name).toBe(f.name);
    }
    expect(testFunction("sphere-3").space.length).toBe(3);
    expect(testFunction("dtlz2-m4").name).toBe("dtlz2-m4-k10");
    expect(testFunction("zdt1-5").space.length).toBe(5);
  });

  it("rejects unknown names", () => {
    expect(() => testFunction("nope")).toThrow(/unknown test function name "nope"/);
    expect(() => testFunction("")).toThrow(RangeError);
    expect(() => testFunction("bbob-f25-d2-i1")).toThrow(RangeError);
  });
});
