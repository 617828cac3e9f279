import { describe, expect, it } from "vitest";
import { parseTimeLimit } from "../../src/slurm/time-limit.js";

describe("parseTimeLimit", () => {
  it.each([
    ["30", 1800],
    ["30:15", 1815],
    ["4:00:00", 14400],
    ["01:02:03", 3723],
    ["2-0", 172800],
    ["1-12", 129600],
    ["1-12:30", 131400],
    ["1-12:30:05", 131405],
  ])("reads %s as %i seconds (sbatch's forms)", (text, seconds) => {
    expect(parseTimeLimit(text)).toBe(seconds);
  });

  it("reads INFINITE and UNLIMITED as no limit", () => {
    expect(parseTimeLimit("UNLIMITED")).toBeNull();
    expect(parseTimeLimit("infinite")).toBeNull();
  });

  it.each(["", "1h", "1:2:3:4", "-5", "1-", "abc", "1.5"])(
    "refuses %j naming --time and the forms",
    (text) => {
      expect(() => parseTimeLimit(text)).toThrow(
        /^--time: expected one of minutes, minutes:seconds, hours:minutes:seconds/,
      );
    },
  );

  it("refuses a limit of 0", () => {
    expect(() => parseTimeLimit("0")).toThrow("--time: a time limit must be longer than 0");
    expect(() => parseTimeLimit("0:00:00")).toThrow("--time: a time limit must be longer than 0");
  });
});
