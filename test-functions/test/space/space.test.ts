/** Space checks: every malformed declaration is reported; activity follows conditions. */
import { describe, expect, it } from "vitest";
import { inSpace, isActive, paramsProblems, spaceProblems } from "../../src/space/index.js";
import type { ParamSpec } from "../../src/types.js";

describe("spaceProblems", () => {
  it("accepts a well-formed space and reports each kind of problem", () => {
    expect(spaceProblems([])).toEqual([]);
    const bad: ParamSpec[] = [
      { kind: "float", name: "a", low: 1, high: 0 },
      { kind: "float", name: "a", low: 0, high: Number.POSITIVE_INFINITY },
      { kind: "float", name: "l", low: 0, high: 1, log: true },
      { kind: "int", name: "i", low: 0.5, high: 3 },
      { kind: "int", name: "s", low: 0, high: 3, step: 0 },
      { kind: "categorical", name: "c", choices: [] },
      { kind: "categorical", name: "r", choices: ["x", "x"] },
      { kind: "float", name: "child", low: 0, high: 1, condition: { parent: "later", values: ["x"] } },
      { kind: "float", name: "child2", low: 0, high: 1, condition: { parent: "a", values: [1] } },
      { kind: "float", name: "child3", low: 0, high: 1, condition: { parent: "r", values: ["y"] } },
      { kind: "categorical", name: "later", choices: ["x"] },
    ];
    const problems = spaceProblems(bad);
    expect(problems).toHaveLength(11);
    expect(problems.join("\n")).toMatch(/duplicate parameter name "a"/);
    expect(problems.join("\n")).toMatch(/is not an earlier parameter/);
    expect(problems.join("\n")).toMatch(/is not categorical/);
    expect(problems.join("\n")).toMatch(/condition value y is not a choice of r/);
  });
});

describe("isActive, inSpace and paramsProblems", () => {
  const space: ParamSpec[] = [
    { kind: "categorical", name: "m", choices: ["a", "b"] },
    { kind: "int", name: "n", low: 0, high: 10, step: 2, condition: { parent: "m", values: ["a"] } },
    { kind: "float", name: "x", low: 0, high: 1, step: 0.25 },
  ];
  it("follows conditions and supports", () => {
    expect(isActive(space[1]!, { m: "a" })).toBe(true);
    expect(isActive(space[1]!, { m: "b" })).toBe(false);
    expect(isActive(space[1]!, {})).toBe(false);
    expect(inSpace(space[1]!, 4)).toBe(true);
    expect(inSpace(space[1]!, 3)).toBe(false);
    expect(inSpace(space[1]!, 4.5)).toBe(false);
    expect(inSpace(space[2]!, 0.75)).toBe(true);
    expect(inSpace(space[2]!, 0.7)).toBe(false);
    expect(inSpace(space[2]!, Number.NaN)).toBe(false);
    expect(inSpace(space[0]!, "c")).toBe(false);
    expect(paramsProblems(space, { m: "a", n: 2, x: 0.5 })).toEqual([]);
    expect(paramsProblems(space, { m: "b", n: 2, x: 0.5 })).toEqual(['inactive parameter "n" given']);
    expect(paramsProblems(space, { m: "a", x: 2, y: 1 })).toEqual([
      'unknown parameter "y"',
      'missing active parameter "n"',
      "x = 2 is outside its space",
    ]);
  });
});
