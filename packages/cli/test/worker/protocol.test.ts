import { describe, expect, it } from "vitest";
import { parseCommandLine, parseValues } from "../../src/worker/protocol.js";

describe("parseCommandLine", () => {
  it("reads each protocol line", () => {
    expect(parseCommandLine("tunelab:report 3 0.25")).toEqual({ kind: "report", step: 3, value: 0.25 });
    expect(parseCommandLine("tunelab:report 0   -1e-3")).toEqual({ kind: "report", step: 0, value: -0.001 });
    expect(parseCommandLine("tunelab:report 7 nan")).toEqual({ kind: "report", step: 7, value: Number.NaN });
    expect(parseCommandLine("tunelab:report 7 -inf")).toEqual({
      kind: "report",
      step: 7,
      value: Number.NEGATIVE_INFINITY,
    });
    expect(parseCommandLine("tunelab:result 0.5")).toEqual({ kind: "result", values: [0.5] });
    expect(parseCommandLine("tunelab:result 0.5 17")).toEqual({ kind: "result", values: [0.5, 17] });
    expect(parseCommandLine("tunelab:result [0.5, 17]")).toEqual({ kind: "result", values: [0.5, 17] });
    expect(parseCommandLine("tunelab:pruned")).toEqual({ kind: "pruned" });
    expect(parseCommandLine("tunelab:fail CUDA out of memory")).toEqual({
      kind: "fail",
      reason: "CUDA out of memory",
    });
    expect(parseCommandLine("tunelab:fail")).toEqual({
      kind: "fail",
      reason: "the command said tunelab:fail",
    });
  });

  it("any other line is the command's own output, a tunelab: prefix in the middle included", () => {
    for (const line of ["", "epoch 3: loss 0.25", "0.5", " tunelab:report 1 2", "TUNELAB:REPORT 1 2"]) {
      expect(parseCommandLine(line)).toEqual({ kind: "output", text: line });
    }
  });

  it("a tunelab: line the protocol does not accept is bad, with the problem", () => {
    const bad = (line: string): string => {
      const p = parseCommandLine(line);
      if (p.kind !== "bad") throw new Error(`not bad: ${line}`);
      return p.problem;
    };
    expect(bad("tunelab:report 1")).toBe("expected tunelab:report <step> <value>");
    expect(bad("tunelab:report 1 2 3")).toBe("expected tunelab:report <step> <value>");
    expect(bad("tunelab:report -1 2")).toBe('the step must be an integer >= 0, got "-1"');
    expect(bad("tunelab:report 1.5 2")).toBe('the step must be an integer >= 0, got "1.5"');
    expect(bad("tunelab:report 99999999999999999999 2")).toMatch(/the step must be an integer/);
    expect(bad("tunelab:report 1 abc")).toBe('the value must be a number, got "abc"');
    expect(bad("tunelab:report 1 0x10")).toBe('the value must be a number, got "0x10"');
    expect(bad("tunelab:result")).toMatch(/^expected tunelab:result <value>/);
    expect(bad("tunelab:result done")).toMatch(/^expected tunelab:result <value>/);
    expect(bad("tunelab:pruned now")).toBe("tunelab:pruned takes nothing after it");
    expect(bad("tunelab:reprot 1 2")).toMatch(/^unknown protocol line/);
  });
});

describe("parseValues", () => {
  it("reads numbers separated by whitespace or commas, or a JSON or Python list", () => {
    expect(parseValues("0.25")).toEqual([0.25]);
    expect(parseValues("  0.25\t")).toEqual([0.25]);
    expect(parseValues("1 -2.5e3")).toEqual([1, -2500]);
    expect(parseValues("1, 2")).toEqual([1, 2]);
    expect(parseValues("[1, 2]")).toEqual([1, 2]);
    expect(parseValues("[nan, inf]")).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
    expect(parseValues("[NaN, -Infinity]")).toEqual([Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(parseValues("1_000.5")).toEqual([1000.5]); // Python's float() reads underscores
  });

  it("anything else is null", () => {
    for (const text of [
      "",
      "[]",
      "done",
      "0.25 done",
      "0x10",
      "1,,2",
      '{"value": 1}',
      "[1, [2]]",
      "1e",
      ".",
    ]) {
      expect(parseValues(text)).toBeNull();
    }
  });
});
