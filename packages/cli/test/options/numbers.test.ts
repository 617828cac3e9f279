import { describe, expect, it } from "vitest";
import { parseFloatText, parseNonNegativeInteger, parseValue } from "../../src/options/numbers.js";

describe("parseFloatText", () => {
  it("reads what Python's float() reads", () => {
    expect(parseFloatText("0.25")).toBe(0.25);
    expect(parseFloatText("-3")).toBe(-3);
    expect(parseFloatText("+1.5e-3")).toBe(0.0015);
    expect(parseFloatText("1E3")).toBe(1000);
    expect(parseFloatText(".5")).toBe(0.5);
    expect(parseFloatText("5.")).toBe(5);
    expect(parseFloatText(" 2 ")).toBe(2);
    expect(parseFloatText("1_000.5")).toBe(1000.5);
  });

  it("reads nan, inf, -inf and infinity in any case", () => {
    expect(parseFloatText("nan")).toBeNaN();
    expect(parseFloatText("NaN")).toBeNaN();
    expect(parseFloatText("inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parseFloatText("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseFloatText("+INF")).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses what Python refuses, where JavaScript's Number() would read something", () => {
    for (const bad of [
      "",
      " ",
      "abc",
      "0x10",
      "1e",
      "1.2.3",
      "--1",
      "1,5",
      "0b1",
      "Infinityx",
      "_1",
      "1__0",
    ]) {
      expect(parseFloatText(bad), bad).toBeNull();
    }
  });
});

describe("parseValue", () => {
  it("names the flag and what it accepts", () => {
    expect(() => parseValue("abc", "--values")).toThrow(/^--values: "abc" is not a number \(give a decimal/);
  });
});

describe("parseNonNegativeInteger", () => {
  it("reads integers >= 0", () => {
    expect(parseNonNegativeInteger("0", "--trial")).toBe(0);
    expect(parseNonNegativeInteger("42", "--trial")).toBe(42);
  });

  it("refuses negatives, fractions, words and unsafe integers, naming the flag", () => {
    for (const bad of ["-1", "1.5", "x", "", "1e3", "9007199254740993"]) {
      expect(() => parseNonNegativeInteger(bad, "--step"), bad).toThrow(/^--step: must be an integer >= 0/);
    }
  });
});
